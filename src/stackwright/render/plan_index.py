"""Look-ups into a plan that both renderers make for every workload, indexed once per plan (a thousand
services each asking for their roles scanned every role of the plan)."""

from __future__ import annotations

from stackwright.memo import last_plan
from stackwright.plan.model import Plan, Role


def plan_role(plan: Plan, role_id: str) -> Role:
    return _roles(plan)[role_id]


@last_plan
def _roles(plan: Plan) -> dict[str, Role]:
    """The plan's roles by id, the first of each id."""
    roles: dict[str, Role] = {}
    for role in plan.roles:
        roles.setdefault(role.id, role)
    return roles
