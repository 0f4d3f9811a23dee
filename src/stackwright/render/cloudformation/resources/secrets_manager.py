"""Application secrets: generated placeholders the team replaces after deploy; tasks read them by ARN."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.cloudformation._shared import secret
from stackwright.render.cloudformation.template import Template


def render(component: str, plan: Plan, template: Template) -> None:
    for planned in plan.of(plan.secrets, component):
        secret(template, planned)
