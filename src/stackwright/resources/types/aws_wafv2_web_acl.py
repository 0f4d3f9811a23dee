"""AWS WAF (v2) web ACL: the ACL and each rule (a rule group counts as one) by the month, and the requests
it inspects."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import items
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield CostComponent("waf", N_("Web ACLs"), "waf/web-acl", 1)
    rules = resource.attrs["rules"]
    if rules:
        yield CostComponent("waf", N_("Rules"), "waf/rule", rules,
                            assumption=N_("%(rules)s rule(s) × %(acls)s web ACL(s)") % {"rules": rules, "acls": 1})
    yield used("waf", N_("Requests inspected"), "waf/requests", usage, "requests_million_per_month")


register("aws_wafv2_web_acl", cloudformation_types="AWS::WAFv2::WebACL", components=components,
         terraform=lambda r, ctx: {"rules": len(items(r.props.get("rule"), "rule"))},
         cloudformation=lambda r, ctx: {"rules": len(items(r.props.get("Rules"), "Rules"))},
         usage={"requests_million_per_month": UsageKey(0, "million requests", "requests the ACL inspects")},
         service="waf")
