"""CloudFront: data out to viewers by geography and HTTPS requests."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import CloudFront
from stackwright.translatable import N_

# The CloudFront price geography viewers of a region's service mostly sit in.
REGION_GEO = {
    "us": "united-states", "ca": "united-states", "mx": "united-states", "eu": "europe", "il": "europe",
    "me": "middle-east", "af": "south-africa", "sa": "south-america", "ap-south": "india",
    "ap-northeast-1": "japan", "ap-northeast-3": "japan", "ap-southeast-2": "australia",
    "ap-southeast-4": "australia",
}


def viewer_geo(region: str) -> str:
    for prefix in sorted(REGION_GEO, key=len, reverse=True):
        if region.startswith(prefix):
            return REGION_GEO[prefix]
    return "asia-pacific"


def components(name: str, cdn: CloudFront, ctx) -> Iterator[CostComponent]:
    geo = cdn.geo or viewer_geo(ctx.spec.region)
    if cdn.data_out_gb_month is not None:
        gb, why = cdn.data_out_gb_month, f"data_out_gb_month = {cdn.data_out_gb_month:g} GB"
    elif cdn.share_of_traffic < 1:
        usage = ctx.usage.data_out_gb
        gb = usage.value * cdn.share_of_traffic
        why = N_("%(share)s of the internet data out served through CloudFront (share_of_traffic): %(usage)s") % {
            "share": f"{cdn.share_of_traffic:.0%}", "usage": usage.assumption}
    else:
        usage = ctx.usage.data_out_gb
        gb, why = usage.value, N_("all internet data out served through CloudFront: %(usage)s") % {"usage": usage.assumption}
    yield CostComponent("cloudfront", N_("Data out to viewers (%(geo)s)") % {"geo": geo}, f"cloudfront/data-out/{geo}", gb,
                        usage_based=True, assumption=why, spec_field=("geo",))
    if cdn.requests_per_month is not None:
        requests, why = cdn.requests_per_month, f"requests_per_month = {cdn.requests_per_month:,.0f}"
    else:
        usage = ctx.usage.requests_per_month
        requests, why = usage.value, usage.assumption
        if cdn.share_of_traffic < 1:
            requests *= cdn.share_of_traffic
            why = N_("%(share)s of %(requests)s (share_of_traffic)") % {
                "share": f"{cdn.share_of_traffic:.0%}", "requests": why}
    yield CostComponent("cloudfront", N_("HTTPS requests (%(geo)s)") % {"geo": geo}, f"cloudfront/https-requests/{geo}",
                        requests / 10_000, usage_based=True, assumption=why, spec_field=("geo",))
