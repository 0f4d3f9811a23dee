"""nlb: its Network Load Balancer, by the hour and by NLCU from its share of the spec's traffic."""

from __future__ import annotations

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.usage import REQUESTS_PER_CONNECTION
from stackwright.plan.operations import NetworkLoadBalancer, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

ACTIVE_CONNECTIONS_PER_USER = 1  # a long-lived TCP connection per user online


def records(name, component, ctx):
    for nlb in of_type(ctx.plan, NetworkLoadBalancer, name):
        yield planned(ctx, "aws_lb", nlb.id, {"kind": "network"}, _usage(component, ctx))


def _usage(component, ctx) -> dict[str, UsageValue]:
    share = component.share_of_traffic
    if component.nlcu is not None:
        none = UsageValue(0, N_("nlcu given"))
        return {"new_connections": none, "active_connections": none,
                "processed_bytes_gb": UsageValue(component.nlcu, f"nlcu = {component.nlcu:g} (1 GB/h each)")}
    usage = ctx.usage
    rps = usage.avg_rps * share
    data = usage.data_out_gb
    users = (ctx.spec.traffic.peak_concurrent_users or 0) * share
    return {
        "new_connections": UsageValue(rps / REQUESTS_PER_CONNECTION, N_(
            "%(rps)s req/s ÷ %(per)s req/connection") % {"rps": f"{rps:.2f}", "per": REQUESTS_PER_CONNECTION}),
        "active_connections": UsageValue(users * ACTIVE_CONNECTIONS_PER_USER, N_(
            "%(users)s users online at peak") % {"users": f"{users:,.0f}"}),
        "processed_bytes_gb": UsageValue(data.value * share / HOURS_PER_MONTH, N_(
            "%(data)s × %(share)s ÷ 730 h") % {"data": data.assumption, "share": f"{share:.0%}"}),
    }
