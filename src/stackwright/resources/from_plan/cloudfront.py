"""cloudfront: the plan's distribution, serving all the spec's internet data out and requests (unless the
spec states its own), to viewers in the spec's geography."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.geo import viewer_geo
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, cdn, ctx):
    if cdn.data_out_gb_month is not None:
        data = UsageValue(cdn.data_out_gb_month, f"data_out_gb_month = {cdn.data_out_gb_month:g} GB")
    elif cdn.share_of_traffic < 1:
        usage = ctx.usage.data_out_gb
        data = UsageValue(usage.value * cdn.share_of_traffic, N_(
            "%(share)s of the internet data out served through CloudFront (share_of_traffic): %(usage)s") % {
            "share": f"{cdn.share_of_traffic:.0%}", "usage": usage.assumption})
    else:
        usage = ctx.usage.data_out_gb
        data = UsageValue(usage.value, N_("all internet data out served through CloudFront: %(usage)s") % {
            "usage": usage.assumption})
    if cdn.requests_per_month is not None:
        requests = UsageValue(cdn.requests_per_month, f"requests_per_month = {cdn.requests_per_month:,.0f}")
    elif cdn.share_of_traffic < 1:
        usage = ctx.usage.requests_per_month
        requests = UsageValue(usage.value * cdn.share_of_traffic, N_("%(share)s of %(requests)s (share_of_traffic)") % {
            "share": f"{cdn.share_of_traffic:.0%}", "requests": usage.assumption})
    else:
        usage = ctx.usage.requests_per_month
        requests = UsageValue(usage.value, usage.assumption)
    geo = cdn.geo or viewer_geo(ctx.spec.region)
    distributions = list(ctx.plan.of(ctx.plan.distributions, name))
    for distribution in distributions:
        share = len(distributions)
        yield planned(ctx, "aws_cloudfront_distribution", distribution.id, {}, {
            "data_out_gb_month": UsageValue(data.value / share, data.assumption),
            "requests_per_month": UsageValue(requests.value / share, requests.assumption),
            "geo": UsageValue(geo, f"geo = {geo}")})
