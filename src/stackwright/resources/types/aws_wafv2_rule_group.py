"""AWS WAF rule group: one rule charge per month (requests are billed on the web ACL)."""

from stackwright.resources.helpers import monthly
from stackwright.resources.registry import register


def components(resource, usage):
    yield monthly("waf", "Rule group", "waf/rule", 1)


register("aws_wafv2_rule_group", cloudformation_types="AWS::WAFv2::RuleGroup", terraform=lambda r, ctx: {},
         cloudformation=lambda r, ctx: {}, components=components)
