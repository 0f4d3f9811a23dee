"""Data transfer: out to the internet (tiered) and between AZs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import DataTransfer
from stackwright.translatable import N_


def cloudfront_share(spec) -> float:
    """Share of the internet data out the spec's distributions serve (their share_of_traffic, at most all)."""
    return min(1.0, sum(c.share_of_traffic for c in spec.components.values() if c.kind == "cloudfront"))


def components(name: str, dt: DataTransfer, ctx) -> Iterator[CostComponent]:
    if dt.internet_out_gb_month is not None:
        gb, why = dt.internet_out_gb_month, f"internet_out_gb_month = {dt.internet_out_gb_month:g} GB"
    elif ctx.has_kind("cloudfront") and cloudfront_share(ctx.spec) < 1:
        usage, share = ctx.usage.data_out_gb, cloudfront_share(ctx.spec)
        gb = usage.value * (1 - share)
        why = N_("%(share)s not served through CloudFront: %(usage)s") % {
            "share": f"{1 - share:.0%}", "usage": usage.assumption}
    elif ctx.has_kind("cloudfront"):
        gb, why = 0.0, N_("served through CloudFront (origin fetches to CloudFront are free)")
    else:
        usage = ctx.usage.data_out_gb
        gb, why = usage.value, usage.assumption
    if gb:
        yield CostComponent("data_transfer", N_("Data out to the internet"), "data_transfer/internet-out", gb,
                            usage_based=True, assumption=why)
    if dt.inter_az_gb_month:
        yield CostComponent("data_transfer", N_("Data between AZs"), "data_transfer/inter-az", dt.inter_az_gb_month * 2,
                            usage_based=True,
                            assumption=N_("%(gb)s GB, billed on both sides") % {"gb": f"{dt.inter_az_gb_month:g}"})
