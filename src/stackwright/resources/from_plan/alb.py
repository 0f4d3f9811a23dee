"""alb: the plan's internet-facing Application Load Balancer, with a node (and public IPv4 address) in each
of its public subnets, at the spec's stated average LCUs or those its traffic implies."""

from __future__ import annotations

from stackwright.resources.from_plan import _egress, planned
from stackwright.resources.record import UsageValue


def records(name, alb, ctx):
    if alb.lcu is not None:
        lcu = UsageValue(alb.lcu, f"lcu = {alb.lcu:g} average")
    else:
        usage = ctx.usage.alb_lcu()
        lcu = UsageValue(usage.value, usage.assumption)
    for lb in ctx.plan.of(ctx.plan.load_balancers, name):
        yield planned(ctx, "aws_lb", lb.id, {"kind": "application", "public_azs": len(lb.subnets)},
                      {"lcu": lcu, **_egress.usage(ctx, lb.id)})
