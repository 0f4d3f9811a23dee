"""Route 53: hosted zones and DNS queries by routing policy."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import Route53
from stackwright.translatable import N_


def components(name: str, dns: Route53, ctx) -> Iterator[CostComponent]:
    if dns.hosted_zones:
        yield CostComponent("route53", N_("Hosted zones"), "route53/hosted-zone", dns.hosted_zones)
    if dns.queries_million_per_month is not None:
        queries, why = dns.queries_million_per_month, f"queries_million_per_month = {dns.queries_million_per_month:g}"
    else:
        usage = ctx.usage.dns_million_queries()
        queries, why = usage.value, usage.assumption
    yield CostComponent("route53", N_("DNS queries (%(routing)s)") % {"routing": dns.routing}, f"route53/{dns.routing}-queries", queries,
                        usage_based=True, assumption=why)
