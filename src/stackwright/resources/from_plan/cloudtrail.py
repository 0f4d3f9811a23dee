"""cloudtrail: its trails; the first carries the free copy of management events and the data events,
each other trail pays for its copy."""

from __future__ import annotations

from stackwright.plan.operations import LogBucket, Trail, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan._operations import management_events
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, component, ctx):
    events = management_events(ctx.spec)
    for trail in of_type(ctx.plan, Trail, name):
        if trail.first:
            copies = UsageValue(0, N_("the first copy of management events is free"))
            data = UsageValue(component.data_events_per_month,
                              f"data_events_per_month = {component.data_events_per_month:,.0f}")
        else:
            copies = UsageValue(events.value, N_("%(events)s, a further copy") % {"events": events.assumption})
            data = UsageValue(0, N_("data events are logged by the first trail"))
        yield planned(ctx, "aws_cloudtrail", trail.id, {}, {
            "monthly_additional_management_events": copies, "monthly_data_events": data,
            "monthly_insight_events": UsageValue(0, N_("Insights off"))})


def log_buckets(plan, name) -> tuple[str, ...]:
    """The log bucket's storage and requests are not priced (a few MB a month of compressed logs)."""
    return tuple(b.id for b in of_type(plan, LogBucket, name))
