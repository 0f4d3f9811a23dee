"""ECS service on Fargate: vCPU- and GB-hours per task, split across FARGATE and FARGATE_SPOT."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import public_ipv4, running_hours
from stackwright.spec.model import CapacityProvider, FargateService
from stackwright.translatable import N_

FREE_EPHEMERAL_GB = 20


def place_tasks(count: int, strategy: list[CapacityProvider]) -> dict[str, int]:
    """Where ECS puts `count` tasks: each provider's base first, in order, then one task at a
    time to the provider furthest below its weighted share (ties go to the earlier provider)."""
    placed = {cp.provider: 0 for cp in strategy}
    remaining = count
    for cp in strategy:
        take = min(cp.base, remaining)
        placed[cp.provider] += take
        remaining -= take
    weighted = [cp for cp in strategy if cp.weight > 0]
    by_weight = {cp.provider: 0 for cp in weighted}
    for _ in range(remaining):
        chosen = min(weighted, key=lambda cp: (by_weight[cp.provider] + 1) / cp.weight)
        by_weight[chosen.provider] += 1
        placed[chosen.provider] += 1
    return placed


def _first_on_eks(spec) -> str | None:
    return next((n for n, c in spec.components.items() if c.kind == "fargate_service" and c.orchestrator == "eks"),
                None)


def components(name: str, svc: FargateService, ctx) -> Iterator[CostComponent]:
    if svc.orchestrator == "eks" and name == _first_on_eks(ctx.spec):
        # one EKS cluster serves every service the spec puts on EKS; this one carries its control plane
        yield hourly("eks", N_("EKS cluster control plane"), "eks/cluster", spec_field=("orchestrator",),
                     assumption=N_("one cluster for the spec's EKS services × 730 h"))
    periods = running_hours(ctx.spec, svc.scale_in, svc.tasks.desired)
    strategy = ", ".join(N_("%(provider)s base %(base)s weight %(weight)s") % {
        "provider": cp.provider, "base": cp.base, "weight": cp.weight} for cp in svc.capacity_providers)
    task_hours: dict[str, float] = {}
    how: dict[str, list[str]] = {}
    for count, hours, why in periods:
        for provider, tasks in place_tasks(count, svc.capacity_providers).items():
            if tasks:
                task_hours[provider] = task_hours.get(provider, 0.0) + tasks * hours
                how.setdefault(provider, []).append(N_("%(tasks)s of %(count)s tasks × %(why)s") % {
                    "tasks": tasks, "count": count, "why": why})
    for provider, hours in task_hours.items():
        spot = provider == "FARGATE_SPOT"
        prefix, option = ("fargate-spot", "spot") if spot else ("fargate", "on_demand")
        where = N_("%(tasks)s on %(provider)s (%(strategy)s)") % {
            "tasks": " + ".join(how[provider]), "provider": provider, "strategy": strategy}
        yield CostComponent("fargate", N_("%(provider)s vCPU (%(arch)s)") % {"provider": provider, "arch": svc.arch}, f"{prefix}/{svc.arch}/vcpu", hours * svc.cpu,
                            purchase_option=option, assumption=N_("%(where)s × %(cpu)s vCPU") % {"where": where, "cpu": f"{svc.cpu:g}"})
        yield CostComponent("fargate", N_("%(provider)s memory (%(arch)s)") % {"provider": provider, "arch": svc.arch}, f"{prefix}/{svc.arch}/memory",
                            hours * svc.memory_gb, purchase_option=option,
                            assumption=N_("%(where)s × %(gb)s GB") % {"where": where, "gb": f"{svc.memory_gb:g}"})
    all_task_hours = sum(task_hours.values())
    if svc.ephemeral_storage_gb > FREE_EPHEMERAL_GB:
        extra = svc.ephemeral_storage_gb - FREE_EPHEMERAL_GB
        yield CostComponent("fargate", N_("Ephemeral storage above 20 GB"), "fargate/ephemeral-storage",
                            extra * all_task_hours, assumption=N_("%(hours)s task-hours × %(gb)s GB") % {"hours": f"{all_task_hours:,.0f}", "gb": extra})
    if svc.public_ip:
        for count, hours, why in periods:
            yield from public_ipv4(count, N_("one per task"), hours, why)
