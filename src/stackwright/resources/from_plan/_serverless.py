"""What the serverless plan readers share: the usage the spec's traffic implies for a component that takes a
share of it."""

from __future__ import annotations

from stackwright.translatable import N_
from stackwright.resources.record import UsageValue


def requests(ctx, stated: float | None, field: str, share: float) -> UsageValue:
    """`stated` when the component gives it, else its share of the spec's requests."""
    if stated is not None:
        return UsageValue(stated, f"{field} = {stated:,.6g}")
    total = ctx.usage.requests_per_month
    if share == 1:
        return UsageValue(total.value, total.assumption)
    return UsageValue(total.value * share, N_("%(share)s of %(assumption)s") % {"share": f"{share:.0%}", "assumption": total.assumption})
