"""Amazon ECS service: on Fargate, vCPU-hours and GB-hours of its running tasks, placed on the capacity
providers of its strategy as ECS places them (FARGATE on demand, FARGATE_SPOT at the Spot rate), task
storage above the free 20 GB, and a public IPv4 address per task when its tasks get one; on EC2 the
container instances carry the cost.

Attributes: `capacity_providers` [{provider, base, weight}] (FARGATE and FARGATE_SPOT; empty when the
tasks run on EC2); `cpu` (CPU units, 1024 = 1 vCPU) and `memory` (MiB) of one task; `desired_count`;
`architecture` X86_64 or ARM64; `ephemeral_storage_gib`; `public_ip`; `scale_in` ({count,
off_hours_per_week}: a daily scheduled scale-in) or None.
"""

from typing import NamedTuple

from stackwright.cost.component import CostComponent
from stackwright.resources.capacity import public_ipv4
from stackwright.resources import egress
from stackwright.resources.helpers import scheduled_periods
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

FREE_EPHEMERAL_GIB = 20
PROVIDERS = {"FARGATE": ("fargate", "on_demand"), "FARGATE_SPOT": ("fargate-spot", "spot")}


class Provider(NamedTuple):
    provider: str
    base: int
    weight: int


def place_tasks(count: int, strategy) -> dict[str, int]:
    """Where ECS puts `count` tasks on `strategy` (Providers, or the spec's capacity providers): each
    provider's base first, in order, then one task at a time to the provider furthest below its weighted
    share (ties go to the earlier provider)."""
    placed = {cp.provider: 0 for cp in strategy}
    remaining = count
    for cp in strategy:
        take = min(cp.base, remaining)
        placed[cp.provider] += take
        remaining -= take
    weighted = [cp for cp in strategy if cp.weight > 0]
    # One task at a time gives each provider exactly its weight per full round of the weights' sum (the
    # D'Hondt rule keeps lower quota), and the rest from there goes as from nothing: so only the rest is
    # placed one by one, whatever the count
    rounds, remaining = divmod(remaining, sum(cp.weight for cp in weighted)) if weighted else (0, remaining)
    for cp in weighted:
        placed[cp.provider] += rounds * cp.weight
    by_weight = {cp.provider: 0 for cp in weighted}
    for _ in range(remaining):
        chosen = min(weighted, key=lambda cp: (by_weight[cp.provider] + 1) / cp.weight)
        by_weight[chosen.provider] += 1
        placed[chosen.provider] += 1
    return placed


def components(resource, usage):
    attrs = resource.attrs
    strategy = [Provider(cp["provider"], cp["base"], cp["weight"]) for cp in attrs["capacity_providers"]
                if cp["provider"] in PROVIDERS]
    if not strategy:
        return
    arch = "arm" if attrs["architecture"] == "ARM64" else "x86"
    vcpu, gb = attrs["cpu"] / 1024, attrs["memory"] / 1024
    running = scheduled_periods(attrs["desired_count"], attrs.get("scale_in"), usage["monthly_hours"])
    shown = ", ".join(N_("%(provider)s base %(base)s weight %(weight)s") % cp._asdict() for cp in strategy)
    task_hours: dict[str, float] = {}
    how: dict[str, list[str]] = {}
    for count, hours, why in running:
        for provider, tasks in place_tasks(count, strategy).items():
            if tasks:
                task_hours[provider] = task_hours.get(provider, 0.0) + tasks * hours
                how.setdefault(provider, []).append(N_("%(tasks)s of %(count)s tasks × %(why)s") % {
                    "tasks": tasks, "count": count, "why": why})
    for provider, hours in task_hours.items():
        prefix, option = PROVIDERS[provider]
        where = N_("%(tasks)s on %(provider)s (%(strategy)s)") % {
            "tasks": " + ".join(how[provider]), "provider": provider, "strategy": shown}
        names = {"provider": provider, "arch": arch}
        yield CostComponent("fargate", N_("%(provider)s vCPU (%(arch)s)") % names, f"{prefix}/{arch}/vcpu",
                            hours * vcpu, purchase_option=option,
                            assumption=N_("%(where)s × %(cpu)s vCPU") % {"where": where, "cpu": f"{vcpu:g}"})
        yield CostComponent("fargate", N_("%(provider)s memory (%(arch)s)") % names, f"{prefix}/{arch}/memory",
                            hours * gb, purchase_option=option,
                            assumption=N_("%(where)s × %(gb)s GB") % {"where": where, "gb": f"{gb:g}"})
    all_task_hours = sum(task_hours.values())
    extra = attrs["ephemeral_storage_gib"] - FREE_EPHEMERAL_GIB
    if extra > 0:
        yield CostComponent("fargate", N_("Ephemeral storage above 20 GB"), "fargate/ephemeral-storage",
                            extra * all_task_hours, assumption=N_("%(hours)s task-hours × %(gb)s GB") % {
                                "hours": f"{all_task_hours:,.0f}", "gb": f"{extra:g}"})
    if attrs["public_ip"]:
        for count, hours, why in running:
            yield from public_ipv4(count, N_("one per task"), hours, why)
    yield from egress.component(usage)


def from_service_fields(fields: dict) -> dict:
    """The attributes of an ECS service as the importer reads it into a fargate_service or worker component
    (its mappers read the task definition, the strategy, autoscaling bounds and scheduled actions)."""
    return {"capacity_providers": [dict(cp) for cp in fields["capacity_providers"]],
            "cpu": fields["cpu"] * 1024, "memory": fields["memory_gb"] * 1024,
            "desired_count": fields["tasks"]["desired"],
            "architecture": "ARM64" if fields.get("arch") == "arm" else "X86_64",
            "ephemeral_storage_gib": fields.get("ephemeral_storage_gb", FREE_EPHEMERAL_GIB),
            "public_ip": fields.get("public_ip", False), "scale_in": fields.get("scale_in")}


def _attributes(outcome) -> dict | None:
    from stackwright.importer.mapping.registry import Priced

    return from_service_fields(outcome.fields) if isinstance(outcome, Priced) else None  # on EC2: free here


def _terraform(r, ctx):
    from stackwright.importer.mapping.compute import tf_ecs_service

    return _attributes(tf_ecs_service(r, ctx))


def _cloudformation(r, ctx):
    from stackwright.importer.mapping.compute import cfn_ecs_service

    return _attributes(cfn_ecs_service(r, ctx))


register("aws_ecs_service", cloudformation_types="AWS::ECS::Service", components=components, terraform=_terraform,
         cloudformation=_cloudformation,
         usage={"monthly_hours": UsageKey(730, "hours", "hours the service runs a month (its tasks, scaled in or not)"),
                **egress.USAGE})
