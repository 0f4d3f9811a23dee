"""Amazon CloudFront distribution: data out to viewers and HTTPS requests, priced in the geography the
viewers are in (usage `geo`; by default the one nearest the region). A disabled distribution bills nothing."""

from stackwright.cost.component import CostComponent
from stackwright.resources.geo import viewer_geo
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    geo_value = usage["geo"]
    geo = str(geo_value.value) or viewer_geo(resource.region)
    data = usage["data_out_gb_month"]
    yield CostComponent("cloudfront", N_("Data out to viewers (%(geo)s)") % {"geo": geo}, f"cloudfront/data-out/{geo}",
                        float(data.value), usage_based=True, assumption=data.assumption)
    requests = usage["requests_per_month"]
    yield CostComponent("cloudfront", N_("HTTPS requests (%(geo)s)") % {"geo": geo}, f"cloudfront/https-requests/{geo}",
                        float(requests.value) / 10_000, usage_based=True, assumption=requests.assumption)


def _enabled(r, *path) -> dict | None:
    from stackwright.importer.resources import to_bool

    return {} if to_bool(r.get(*path, default=True), path[-1]) else None


register("aws_cloudfront_distribution", cloudformation_types="AWS::CloudFront::Distribution", components=components,
         terraform=lambda r, ctx: _enabled(r, "enabled"),
         cloudformation=lambda r, ctx: _enabled(r, "DistributionConfig", "Enabled"),
         usage={"data_out_gb_month": UsageKey(0, "GB", "data out to viewers"),
                "requests_per_month": UsageKey(0, "requests", "HTTP and HTTPS requests"),
                "geo": UsageKey("", "geography", "where viewers are (united-states, europe, japan, …); by default "
                                                 "the geography nearest the region")},
         service="cloudfront")
