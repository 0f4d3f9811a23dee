"""waf: the plan's web ACL (on the ALB, or on CloudFront in front of it) with its managed rule groups; it
inspects every request unless the spec says how many."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, waf, ctx):
    if waf.requests_million_per_month is not None:
        requests = UsageValue(waf.requests_million_per_month,
                              f"requests_million_per_month = {waf.requests_million_per_month:g}")
    else:
        usage = ctx.usage.requests_per_month
        requests = UsageValue(usage.value / 1e6, N_("every request inspected: %(usage)s") % {"usage": usage.assumption})
    acls = list(ctx.plan.of(ctx.plan.web_acls, name))
    for acl in acls:
        shared = requests if len(acls) == 1 else UsageValue(requests.value / len(acls), requests.assumption)
        yield planned(ctx, "aws_wafv2_web_acl", acl.id, {"rules": len(acl.managed_rule_groups)},
                      {"requests_million_per_month": shared})
