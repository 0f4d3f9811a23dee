"""ECS service on Fargate: vCPU- and GB-hours per task, split across FARGATE and FARGATE_SPOT."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import public_ipv4
from stackwright.spec.model import CapacityProvider, FargateService

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


def components(name: str, svc: FargateService, ctx) -> Iterator[CostComponent]:
    placed = place_tasks(svc.tasks.desired, svc.capacity_providers)
    strategy = ", ".join(f"{cp.provider} base {cp.base} weight {cp.weight}" for cp in svc.capacity_providers)
    for provider, tasks in placed.items():
        if not tasks:
            continue
        spot = provider == "FARGATE_SPOT"
        prefix = "fargate-spot" if spot else "fargate"
        option = "spot" if spot else "on_demand"
        where = f"{tasks} of {svc.tasks.desired} desired tasks on {provider} ({strategy})"
        yield hourly("fargate", f"{provider} vCPU ({svc.arch})", f"{prefix}/{svc.arch}/vcpu", tasks * svc.cpu,
                     purchase_option=option, assumption=f"{where} × {svc.cpu:g} vCPU × 730 h")
        yield hourly("fargate", f"{provider} memory ({svc.arch})", f"{prefix}/{svc.arch}/memory",
                     tasks * svc.memory_gb, purchase_option=option,
                     assumption=f"{where} × {svc.memory_gb:g} GB × 730 h")
    if svc.ephemeral_storage_gb > FREE_EPHEMERAL_GB:
        extra = svc.ephemeral_storage_gb - FREE_EPHEMERAL_GB
        yield hourly("fargate", "Ephemeral storage above 20 GB", "fargate/ephemeral-storage",
                     extra * svc.tasks.desired, assumption=f"{svc.tasks.desired} tasks × {extra} GB × 730 h")
    yield from public_ipv4(svc.tasks.desired if svc.public_ip else 0, "one per task")
