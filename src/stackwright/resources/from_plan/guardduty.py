"""guardduty: its detector, analysing the account's management events, the VPC's flow and DNS logs and
(with S3 protection) the buckets' data events."""

from __future__ import annotations

from stackwright.resources.from_plan.s3 import GET_SHARE, PUT_SHARE
from stackwright.plan.operations import ThreatDetector, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan._operations import flow_log_gb, management_events
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, component, ctx):
    if component.cloudtrail_events_per_month is not None:
        events = UsageValue(component.cloudtrail_events_per_month,
                            f"cloudtrail_events_per_month = {component.cloudtrail_events_per_month:,.0f}")
    else:
        events = management_events(ctx.spec)
    if component.flow_and_dns_logs_gb_month is not None:
        logs = UsageValue(component.flow_and_dns_logs_gb_month,
                          f"flow_and_dns_logs_gb_month = {component.flow_and_dns_logs_gb_month:g} GB")
    else:
        logs = flow_log_gb(ctx.usage)
    yield from (planned(ctx, "aws_guardduty_detector", d.id, {}, {
        "monthly_cloudtrail_management_events": events, "monthly_vpc_flow_and_dns_logs_gb": logs,
        "monthly_s3_data_events": _s3_events(component, ctx)}) for d in of_type(ctx.plan, ThreatDetector, name))


def _s3_events(component, ctx) -> UsageValue:
    if not component.s3_protection:
        return UsageValue(0, N_("S3 protection off"))
    if component.s3_data_events_per_month is not None:
        return UsageValue(component.s3_data_events_per_month,
                          f"s3_data_events_per_month = {component.s3_data_events_per_month:,.0f}")
    requests = ctx.usage.requests_per_month
    buckets = [c for c in ctx.spec.components.values() if c.kind == "s3"]
    total = sum((b.put_requests_per_month if b.put_requests_per_month is not None else requests.value * PUT_SHARE)
                + (b.get_requests_per_month if b.get_requests_per_month is not None else requests.value * GET_SHARE)
                for b in buckets)
    return UsageValue(total, N_("the PUT and GET requests of %(count)s bucket(s)") % {"count": len(buckets)})
