"""route53: the plan's hosted zone, its records using the spec's routing policy, answering the spec's DNS
queries (stated, or from daily users)."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue


def records(name, dns, ctx):
    if dns.queries_million_per_month is not None:
        queries = UsageValue(dns.queries_million_per_month,
                             f"queries_million_per_month = {dns.queries_million_per_month:g}")
    else:
        usage = ctx.usage.dns_million_queries()
        queries = UsageValue(usage.value, usage.assumption)
    zones = list(ctx.plan.of(ctx.plan.dns_zones, name))
    for zone in zones:
        share = queries if len(zones) == 1 else UsageValue(queries.value / len(zones), queries.assumption)
        yield planned(ctx, "aws_route53_zone", zone.id, {"routing": dns.routing}, {"queries_million_per_month": share})
