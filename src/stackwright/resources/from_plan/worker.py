"""A worker's planned ECS service: its desired tasks, placed on the capacity providers as ECS places them,
running the hours the spec's environment runs."""

from __future__ import annotations

from stackwright.cost.resources._shared import running_hours
from stackwright.cost.resources.fargate_service import place_tasks
from stackwright.resources.from_plan import Planned
from stackwright.resources.record import Resource, UsageValue
from stackwright.translatable import N_

# The import prices a worker's ECS service as the fargate_service mapper does (from the spec settings the usage
# file carries), which reads no per-resource usage entry: none is written for it.
USAGE_IN_FILE = False


def records(name, worker, ctx):
    from stackwright.plan.naming import slug

    service_id = slug(name)
    address = ctx.addresses.get(service_id, f"aws_ecs_service.{service_id}")
    [(count, hours, why)] = running_hours(ctx.spec, None, worker.tasks.desired)
    assumption = N_("%(why)s (desired count; backlog scaling moves it between %(min)s and %(max)s)") % {
        "why": why, "min": worker.tasks.min, "max": worker.tasks.max}
    for provider, tasks in place_tasks(count, worker.capacity_providers).items():
        if tasks:
            yield Planned(Resource("aws_ecs_service", address, ctx.spec.region, {
                "launch_type": provider, "cpu": worker.cpu * 1024, "memory": worker.memory_gb * 1024,
                "desired_count": tasks, "architecture": "ARM64" if worker.arch == "arm" else "X86_64",
                "ephemeral_storage_gib": worker.ephemeral_storage_gb,
            }), {"monthly_hours": UsageValue(hours, assumption)})
