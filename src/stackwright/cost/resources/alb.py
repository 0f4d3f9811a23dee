"""Application Load Balancer: hours, LCU-hours, and one public IPv4 per AZ node."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import public_ipv4
from stackwright.spec.model import Alb
from stackwright.translatable import N_


def components(name: str, alb: Alb, ctx) -> Iterator[CostComponent]:
    yield hourly("alb", N_("Load balancer hours"), "alb/hour")
    if alb.lcu is not None:
        lcu, why = alb.lcu, f"lcu = {alb.lcu:g} average"
    else:
        usage = ctx.usage.alb_lcu()
        lcu, why = usage.value, usage.assumption
    yield CostComponent("alb", N_("Load balancer capacity units"), "alb/lcu-hour", lcu * HOURS_PER_MONTH,
                        usage_based=True, assumption=N_("%(why)s × 730 h") % {"why": why})
    yield from public_ipv4(alb.azs, N_("one per ALB node, %(azs)s AZs") % {"azs": alb.azs})
