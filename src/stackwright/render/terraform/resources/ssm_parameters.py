"""Parameter Store: the spec's parameters under /<spec>/<component>/, created with a placeholder value the
team replaces after deploy (Terraform then leaves the value alone)."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import ParameterStore, of_type
from stackwright.render.cloudformation.resources.ssm_parameters import PLACEHOLDER
from stackwright.render.terraform._shared import skip_comments
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for store in of_type(plan, ParameterStore, component):
        if not store.parameters:
            continue
        name = local_name(store.id)
        address = f"aws_ssm_parameter.{name}"
        stack.resource(MODULE, "aws_ssm_parameter", name, {
            "for_each": {path.rsplit("/", 1)[1]: tier for path, tier in store.parameters},
            "name": Expr(f'"{store.prefix}${{each.key}}"'), "type": "String", "tier": Expr("each.value"),
            "value": PLACEHOLDER, "description": f"{component}: a placeholder to replace after deploy",
            "lifecycle": Block("lifecycle", (), {"ignore_changes": [Expr("value")]}),
        }, comments=skip_comments(plan, "aws_ssm_parameter", store))
        for index, (path, _) in enumerate(store.parameters, start=1):
            stack.represent(f"{store.id}-{index}", MODULE, None, f'{address}["{path.rsplit("/", 1)[1]}"]', "")
