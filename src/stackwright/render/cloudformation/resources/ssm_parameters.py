"""Parameter Store: the spec's parameters under /<spec>/<component>/, created with a placeholder value the
team replaces after deploy."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import ParameterStore, of_type
from stackwright.render.cloudformation.template import Template, logical_id

PLACEHOLDER = "replace-me"


def render(component: str, plan: Plan, template: Template) -> None:
    for store in of_type(plan, ParameterStore, component):
        for index, (name, tier) in enumerate(store.parameters, start=1):
            template.add(f"{logical_id(store.id)}{index}", "AWS::SSM::Parameter", {
                "Name": name, "Type": "String", "Tier": tier, "Value": PLACEHOLDER,
                "Description": f"{component} parameter {index}: a placeholder to replace after deploy",
            }, represents=f"{store.id}-{index}")
