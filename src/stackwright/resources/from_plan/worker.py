"""A worker's planned ECS service: its desired tasks, placed on the capacity providers as ECS places them,
running the hours the spec's environment runs."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan.fargate_service import attributes, monthly_hours
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, worker, ctx):
    from stackwright.plan.naming import slug

    hours = monthly_hours(ctx, worker.tasks.desired)
    assumption = N_("%(why)s (desired count; backlog scaling moves it between %(min)s and %(max)s)") % {
        "why": hours.assumption, "min": worker.tasks.min, "max": worker.tasks.max}
    yield planned(ctx, "aws_ecs_service", slug(name), attributes(worker),
                  {"monthly_hours": UsageValue(hours.value, assumption)})
