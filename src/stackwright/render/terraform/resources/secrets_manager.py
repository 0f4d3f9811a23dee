"""Application secrets: generated placeholders the team replaces after deploy; tasks read them by ARN."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.terraform._shared import secret
from stackwright.render.terraform.stack import Stack

MODULE = "compute"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for planned in plan.of(plan.secrets, component):
        secret(stack, MODULE, planned, replaced_after_deploy=True)
