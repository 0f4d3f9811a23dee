"""WAF (v2): web ACLs, rules and inspected requests."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import Waf
from stackwright.translatable import N_


def components(name: str, waf: Waf, ctx) -> Iterator[CostComponent]:
    yield CostComponent("waf", N_("Web ACLs"), "waf/web-acl", waf.web_acls)
    if waf.rules:
        yield CostComponent("waf", N_("Rules"), "waf/rule", waf.rules * waf.web_acls,
                            assumption=N_("%(rules)s rule(s) × %(acls)s web ACL(s)") % {"rules": waf.rules, "acls": waf.web_acls})
    if waf.requests_million_per_month is not None:
        requests, why = waf.requests_million_per_month, f"requests_million_per_month = {waf.requests_million_per_month:g}"
    else:
        usage = ctx.usage.requests_per_month
        requests, why = usage.value / 1e6, N_("every request inspected: %(usage)s") % {"usage": usage.assumption}
    yield CostComponent("waf", N_("Requests inspected"), "waf/requests", requests, usage_based=True, assumption=why)
