"""fargate_service: its ECS service, the desired tasks placed on the capacity providers as ECS places them
(scaled in at quiet times when the spec says so), for the hours the spec's environment runs; on EKS, the
cluster the spec asks for too (priced as asked: `plan` writes ECS, GEN001)."""

from __future__ import annotations

from stackwright.resources.capacity import running_hours
from stackwright.resources.from_plan import Planned, _egress, address, planned
from stackwright.resources.record import Resource, UsageValue


def attributes(component, public_ip: bool = False, scale_in=None) -> dict:
    """As the aws_ecs_service module reads them from the generated code (fargate_service and worker)."""
    return {"capacity_providers": [{"provider": cp.provider, "base": cp.base, "weight": cp.weight}
                                   for cp in component.capacity_providers],
            "cpu": component.cpu * 1024, "memory": component.memory_gb * 1024,
            "desired_count": component.tasks.desired, "architecture": "ARM64" if component.arch == "arm" else "X86_64",
            "ephemeral_storage_gib": component.ephemeral_storage_gb, "public_ip": public_ip,
            "scale_in": None if scale_in is None else {"count": scale_in.count,
                                                       "off_hours_per_week": scale_in.off_hours_per_week}}


def monthly_hours(ctx, tasks: int) -> UsageValue:
    def worked_out() -> UsageValue:
        [(_, hours, why)] = running_hours(ctx.spec, None, tasks)
        return UsageValue(hours, why)

    return ctx.once(f"monthly hours of {tasks} tasks", worked_out)  # the same for every service of as many


def records(name, svc, ctx):
    for service in ctx.plan.of(ctx.plan.services, name):
        if svc.orchestrator == "eks" and name == ctx.once("first on EKS", lambda: _first_on_eks(ctx.spec)):
            # one EKS cluster serves every service the spec puts on EKS; the first one's carries it
            yield Planned(Resource("aws_eks_cluster", address(ctx, service.id, "aws_eks_cluster"), ctx.spec.region, {}))
        yield planned(ctx, "aws_ecs_service", service.id, attributes(svc, service.public_ip, svc.scale_in),
                      {"monthly_hours": monthly_hours(ctx, svc.tasks.desired), **_egress.usage(ctx, service.id)})


def depends_on(name, svc, ctx) -> tuple:
    """What `records` reads besides the component, its name and the region (spec_bill's memo of its lines):
    each of its services' id, public address and internet data out, the hours, and whether it carries the
    spec's EKS cluster."""
    eks = svc.orchestrator == "eks" and name == ctx.once("first on EKS", lambda: _first_on_eks(ctx.spec))
    services = ctx.plan.of(ctx.plan.services, name)
    hours = monthly_hours(ctx, svc.tasks.desired)  # its fields hash quicker than the object
    return (eks, hours.value, hours.assumption,
            *[(s.id, ctx.addresses[s.id], s.public_ip, *_egress.usage(ctx, s.id).items()) for s in services])


def _first_on_eks(spec) -> str | None:
    return next((n for n, c in spec.components.items() if c.kind == "fargate_service" and c.orchestrator == "eks"),
                None)
