"""aurora_serverless_v2: the plan's Aurora cluster (storage, I/O requests unless I/O-Optimized) and its
db.serverless instances, each at the spec's average ACUs or those its traffic implies."""

from __future__ import annotations

from stackwright.plan.naming import member_id
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.resources.types.aws_rds_cluster import SECONDS_PER_MONTH
from stackwright.translatable import N_

RPS_PER_ACU = 25  # default load model: one ACU above the floor per 25 average requests/s
IO_PER_REQUEST = 2  # Aurora Standard I/O requests per API request (reads missing the buffer cache + writes)


def average_acu(db, ctx) -> UsageValue:
    if db.average_acu is not None:
        return UsageValue(db.average_acu, f"average_acu = {db.average_acu:g}")
    rps = ctx.usage.avg_rps
    return UsageValue(min(db.max_acu, db.min_acu + rps / RPS_PER_ACU), N_(
        "min %(min)s ACU + %(rps)s avg req/s ÷ %(per_acu)s req/s per ACU (max %(max)s)") % {
        "min": f"{db.min_acu:g}", "rps": f"{rps:.2f}", "per_acu": RPS_PER_ACU, "max": f"{db.max_acu:g}"})


def io_requests(db, ctx) -> dict[str, UsageValue]:
    """The I/O requests a month as the cluster module's rate (all as reads: it adds reads and writes up)."""
    if db.io_million_per_month is not None:
        io, why = db.io_million_per_month, f"io_million_per_month = {db.io_million_per_month:g}"
    else:
        requests = ctx.usage.requests_per_month
        io = requests.value * IO_PER_REQUEST / 1e6
        why = N_("%(requests)s × %(io)s I/O per request") % {"requests": requests.assumption, "io": IO_PER_REQUEST}
    return {"read_requests_per_sec": UsageValue(io * 1e6 / SECONDS_PER_MONTH, N_(
                "%(why)s (%(io)s million a month, as a rate)") % {"why": why, "io": f"{io:,.6g}"}),
            "write_requests_per_sec": UsageValue(0, N_("writes counted with the reads"))}


def records(name, db, ctx):
    acu = average_acu(db, ctx)
    for database in ctx.plan.of(ctx.plan.databases, name):
        usage = {"storage_gb": UsageValue(db.storage_gb, f"{db.storage_gb:g} GB"),
                 "backup_snapshot_size_gb": UsageValue(0, N_(
                     "backups within the free allowance (the cluster's size over the retention period)"))}
        if not db.io_optimized:
            usage |= io_requests(db, ctx)
        yield planned(ctx, "aws_rds_cluster", database.id, {
            "mode": "provisioned", "io_optimized": db.io_optimized, "engine": database.engine,
            "manages_password": False}, usage)  # its managed secret is priced with the plan's generated ones
        for index in range(1, db.instances + 1):
            yield planned(ctx, "aws_rds_cluster_instance", member_id(database.id, index), {
                "engine": database.engine, "class": "db.serverless", "io_optimized": db.io_optimized},
                {"capacity_units_per_hr": acu})
