"""X-Ray: one sampling rule for the whole stack (a reservoir each second, then the spec's rate)."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import SAMPLING_RULE_PRIORITY, SamplingRule, of_type
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for rule in of_type(plan, SamplingRule, component):
        resource(stack, MODULE, "aws_xray_sampling_rule", local_name(rule.id), {
            "rule_name": rule.rule_name, "priority": SAMPLING_RULE_PRIORITY, "version": 1,
            "reservoir_size": rule.spec.reservoir_per_second, "fixed_rate": rule.spec.sampling_rate,
            "service_name": "*", "service_type": "*", "host": "*", "http_method": "*", "url_path": "*",
            "resource_arn": "*", "tags": name_tags(plan, rule.id)}, element=rule, represents=rule.id)
