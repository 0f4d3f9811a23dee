"""AWS Config rule: rule evaluations, tiered."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("config", "Rule evaluations", "config/rule-evaluations", usage, "monthly_rule_evaluations")


register("aws_config_config_rule", cloudformation_types="AWS::Config::ConfigRule", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_rule_evaluations": UsageKey(0, "evaluations/month")})
