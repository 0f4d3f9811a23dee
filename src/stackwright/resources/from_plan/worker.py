"""A worker's planned ECS service: its desired tasks, placed on the capacity providers as ECS places them,
running the hours the spec's environment runs."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan.fargate_service import attributes, monthly_hours
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def depends_on(name, worker, ctx) -> tuple:
    """What `records` reads besides the component, its name and the region (spec_bill's memo of its lines)."""
    from stackwright.plan.naming import slug

    return monthly_hours(ctx, worker.tasks.desired), ctx.addresses[slug(name)]


def records(name, worker, ctx):
    from stackwright.plan.naming import slug

    hours = monthly_hours(ctx, worker.tasks.desired)
    assumption = N_("%(why)s (desired count; backlog scaling moves it between %(min)s and %(max)s)") % {
        "why": hours.assumption, "min": worker.tasks.min, "max": worker.tasks.max}
    yield planned(ctx, "aws_ecs_service", slug(name), attributes(worker),
                  {"monthly_hours": UsageValue(hours.value, assumption)})
