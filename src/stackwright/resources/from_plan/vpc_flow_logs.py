"""vpc_flow_logs: the VPC's flow log, its records delivered to CloudWatch Logs or S3 as vended logs."""

from __future__ import annotations

from stackwright.plan.operations import FlowLog, LogBucket, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan._operations import flow_log_gb
from stackwright.resources.record import UsageValue


def records(name, component, ctx):
    if component.log_gb_month is not None:
        gb = UsageValue(component.log_gb_month, f"log_gb_month = {component.log_gb_month:g} GB")
    else:
        gb = flow_log_gb(ctx.usage, component.traffic_type)
    destination = "s3" if component.destination == "s3" else "cloud-watch-logs"
    for flow in of_type(ctx.plan, FlowLog, name):
        yield planned(ctx, "aws_flow_log", flow.id, {"destination": destination}, {"monthly_logs_gb": gb})


def log_buckets(plan, name) -> tuple[str, ...]:
    """The log bucket's storage and requests are not priced (a few MB a month of compressed logs)."""
    return tuple(b.id for b in of_type(plan, LogBucket, name))
