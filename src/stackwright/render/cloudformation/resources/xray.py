"""X-Ray: one sampling rule for the whole stack (a reservoir each second, then the spec's rate)."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import SAMPLING_RULE_PRIORITY, SamplingRule, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for rule in of_type(plan, SamplingRule, component):
        template.add(logical_id(rule.id), "AWS::XRay::SamplingRule", {"SamplingRule": {
            "RuleName": rule.rule_name, "Priority": SAMPLING_RULE_PRIORITY, "Version": 1,
            "ReservoirSize": rule.spec.reservoir_per_second, "FixedRate": rule.spec.sampling_rate,
            "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*",
            "ResourceARN": "*"}, "Tags": name_tags(plan, rule.id)}, represents=rule.id)
