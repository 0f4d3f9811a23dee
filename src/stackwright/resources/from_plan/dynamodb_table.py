"""A dynamodb_table: capacity (on-demand request units or provisioned RCU/WCU), storage, PITR and streams."""

from __future__ import annotations

from stackwright.plan.naming import slug
from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan._serverless import requests
from stackwright.translatable import N_
from stackwright.resources.record import UsageValue

WRITES_PER_REQUEST = 0.1  # one write per ten API requests, when the spec does not say


def attributes(table) -> dict:
    """As the aws_dynamodb_table module reads them from the generated code."""
    provisioned = table.billing == "provisioned"
    return {"mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
            "rcu": table.read_capacity if provisioned else 0, "wcu": table.write_capacity if provisioned else 0,
            "streams": table.streams, "pitr": table.point_in_time_recovery, "table_class": "STANDARD"}


def usage(table, ctx) -> dict[str, UsageValue]:
    reads = requests(ctx, table.reads_per_month, "reads_per_month", 1)
    if table.writes_per_month is not None:
        writes = UsageValue(table.writes_per_month, f"writes_per_month = {table.writes_per_month:,.6g}")
    else:
        total = ctx.usage.requests_per_month
        writes = UsageValue(total.value * WRITES_PER_REQUEST, N_("one write per ten requests: %(requests)s × 0.1") % {"requests": total.assumption})
    found = {"storage_gb": UsageValue(table.storage_gb, f"storage_gb = {table.storage_gb:g} GB")}
    if table.billing == "on_demand":
        found |= {"monthly_read_request_units": reads, "monthly_write_request_units": writes}
    if table.point_in_time_recovery:
        found["pitr_backup_storage_gb"] = UsageValue(table.storage_gb, N_("the table's %(gb)s GB (PITR bills the table's size)") % {"gb": f"{table.storage_gb:g}"})
    found["on_demand_backup_storage_gb"] = UsageValue(0, N_("no on-demand backups planned"))
    if table.streams:
        found["monthly_streams_read_request_units"] = UsageValue(
            float(writes.value), N_("one stream read per write (%(writes)s)") % {"writes": writes.assumption})
    return found


def records(name: str, table, ctx):
    yield planned(ctx, "aws_dynamodb_table", slug(name), attributes(table), usage(table, ctx))
