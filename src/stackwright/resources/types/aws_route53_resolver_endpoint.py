"""Amazon Route 53 Resolver endpoint: each IP address (an ENI) by the hour, and the queries it carries."""

from stackwright.importer.resources import items
from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    enis = resource.attrs["enis"]
    yield hourly("route53", "Resolver endpoint ENIs", "route53/resolver-eni-hour", enis, f"{enis} ENI(s) × 730 h")
    yield used("route53", "Resolver queries", "route53/resolver-queries", usage, "monthly_queries", per=1e6)


register("aws_route53_resolver_endpoint", cloudformation_types="AWS::Route53Resolver::ResolverEndpoint",
         components=components,
         terraform=lambda r, ctx: {"enis": max(2, len(items(r.props.get("ip_address"), "ip_address")))},
         cloudformation=lambda r, ctx: {"enis": max(2, len(items(r.props.get("IpAddresses"), "IpAddresses")))},
         usage={"monthly_queries": UsageKey(0, "queries/month")})
