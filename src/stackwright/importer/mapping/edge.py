"""The edge: CloudFront distributions, Route 53 hosted zones (with their records' routing), WAF web ACLs."""

from __future__ import annotations

import math

from stackwright.importer.mapping.registry import FREE, Contribution, Priced, aggregate, free, maps
from stackwright.importer.resources import ASSUMED, IacResource, NotPriceable, items, to_bool

# Routing policies by query price, cheapest first: a zone is priced at its costliest policy.
ROUTING = ("standard", "latency", "geo")

free("aws_cloudfront_origin_access_identity", "aws_cloudfront_origin_access_control", "aws_cloudfront_cache_policy",
     "aws_cloudfront_origin_request_policy", "aws_cloudfront_response_headers_policy",
     "aws_wafv2_web_acl_association", "aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set",
     "AWS::CloudFront::CloudFrontOriginAccessIdentity", "AWS::CloudFront::OriginAccessControl",
     "AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::ResponseHeadersPolicy",
     "AWS::WAFv2::WebACLAssociation", "AWS::WAFv2::IPSet", "AWS::WAFv2::RegexPatternSet")


def cloudfront(r: IacResource, ctx, *, enabled: bool):
    if not enabled:
        return FREE  # a disabled distribution serves (and bills) nothing
    fields = {"kind": "cloudfront"}
    for key in ("data_out_gb_month", "requests_per_month"):
        value = ctx.usage(r, key)
        if value is not None:
            fields[key] = value
    geo = ctx.usage(r, "geo", otherwise="not in the usage file: viewers assumed near the spec's region "
                                        "(a price class names the edges that serve, not where viewers are)")
    if geo is not None:
        fields["geo"] = geo
    return Priced(fields)


CLOUDFRONT_USAGE = ("data_out_gb_month", "requests_per_month", "geo")


@maps("aws_cloudfront_distribution", usage=CLOUDFRONT_USAGE)
def tf_distribution(r: IacResource, ctx):
    return cloudfront(r, ctx, enabled=to_bool(r.get("enabled", default=True), "enabled"))


@maps("AWS::CloudFront::Distribution", usage=CLOUDFRONT_USAGE)
def cfn_distribution(r: IacResource, ctx):
    return cloudfront(r, ctx, enabled=to_bool(r.get("DistributionConfig", "Enabled", default=True), "Enabled"))


# --- Route 53 --------------------------------------------------------------------------------------

@maps("aws_route53_zone", "AWS::Route53::HostedZone", usage=("queries_million_per_month",))
def hosted_zone(r: IacResource, ctx) -> Contribution:
    return Contribution("route53", {"zones": 1, "queries": ctx.usage(r, "queries_million_per_month")})


def record(r: IacResource, ctx, zones: list[IacResource], routing: str) -> Contribution:
    """Records are free; their routing policy sets the price of the zone's queries."""
    if not zones:
        raise NotPriceable("its hosted zone is not in this code; the zone's hosting and DNS queries bill there")
    return Contribution("route53", {"routing": routing})


def tf_routing(r: IacResource) -> str:
    return ("geo" if r.get("geolocation_routing_policy") or r.get("geoproximity_routing_policy")
            else "latency" if r.get("latency_routing_policy") else "standard")


@maps("aws_route53_record")
def tf_record(r: IacResource, ctx):
    return record(r, ctx, ctx.referenced(r.props.get("zone_id"), "aws_route53_zone"), tf_routing(r))


def cfn_zones(r: IacResource, ctx) -> list[IacResource]:
    by_reference = ctx.referenced(r.props.get("HostedZoneId"), "AWS::Route53::HostedZone")
    name = str(r.get("HostedZoneName", default="")).rstrip(".")
    return by_reference or [z for z in ctx.of_type("AWS::Route53::HostedZone")
                            if name and str(z.get("Name", default="")).rstrip(".") == name]


def cfn_routing(entry: dict) -> str:
    return "geo" if entry.get("GeoLocation") or entry.get("GeoProximityLocation") else (
        "latency" if entry.get("Region") else "standard")


@maps("AWS::Route53::RecordSet")
def cfn_record(r: IacResource, ctx):
    return record(r, ctx, cfn_zones(r, ctx), cfn_routing(r.props))


@maps("AWS::Route53::RecordSetGroup")
def cfn_record_group(r: IacResource, ctx):
    routings = [cfn_routing(e) for e in items(r.props.get("RecordSets"), "RecordSets")] or ["standard"]
    return record(r, ctx, cfn_zones(r, ctx), max(routings, key=ROUTING.index))


@aggregate("route53")
def route53(contributed: list, ctx) -> dict:
    zones = sum(values.get("zones", 0) for _, values in contributed)
    routings = [values["routing"] for _, values in contributed if "routing" in values]
    routing = max(routings, key=ROUTING.index, default="standard")
    if len(set(routings)) > 1:
        ctx.note("route53", ASSUMED, f"records use {', '.join(sorted(set(routings)))} routing: every query "
                                       f"is priced as {routing}, the costliest")
    fields = {"kind": "route53", "hosted_zones": zones, "routing": routing}
    queries = [values["queries"] for _, values in contributed if values.get("queries") is not None]
    if queries:
        fields["queries_million_per_month"] = sum(queries)
    return fields


# --- WAF -------------------------------------------------------------------------------------------

def web_acl(r: IacResource, ctx, rules: int) -> Contribution:
    return Contribution("waf", {"rules": rules, "requests": ctx.usage(r, "requests_million_per_month")})


@maps("aws_wafv2_web_acl", usage=("requests_million_per_month",))
def tf_web_acl(r: IacResource, ctx):
    return web_acl(r, ctx, len(items(r.props.get("rule"), "rule")))


@maps("AWS::WAFv2::WebACL", usage=("requests_million_per_month",))
def cfn_web_acl(r: IacResource, ctx):
    return web_acl(r, ctx, len(items(r.props.get("Rules"), "Rules")))


@aggregate("waf")
def waf(contributed: list, ctx) -> dict:
    acls = len(contributed)
    total = sum(values["rules"] for _, values in contributed)
    rules = math.ceil(total / acls)
    if rules * acls != total:
        ctx.note("waf", ASSUMED, f"{total} rules over {acls} web ACLs: {rules} per ACL assumed (rounded up)")
    fields = {"kind": "waf", "web_acls": acls, "rules": rules}
    # a value of the wrong shape counts as missing here; the web ACL's own cost module says why it is not priced
    requests = [r for r in (values["requests"] for _, values in contributed)
                if isinstance(r, (int, float)) and not isinstance(r, bool)]
    if requests:
        fields["requests_million_per_month"] = sum(requests)
    return fields
