"""xray: its sampling rule, recording traces of the share of the spec's requests it traces."""

from __future__ import annotations

from stackwright.plan.operations import SamplingRule, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, component, ctx):
    requests = ctx.usage.requests_per_month
    traced = UsageValue(requests.value * component.share_of_traffic, N_("%(requests)s × %(share)s traced") % {
        "requests": requests.assumption, "share": f"{component.share_of_traffic:.0%}"})
    read = UsageValue(component.traces_read_per_recorded, f"{component.traces_read_per_recorded:g}")
    for rule in of_type(ctx.plan, SamplingRule, name):
        yield planned(ctx, "aws_xray_sampling_rule", rule.id,
                      {"reservoir": component.reservoir_per_second, "rate": component.sampling_rate},
                      {"monthly_requests": traced, "traces_read_per_recorded": read})
