"""What a cheaper plan must keep: availability, Spot share, capacity, and the components to leave alone.

Availability is the weakest link: a request path is at most as available as its least available
component, and each component's figure is the AWS SLA (or, where AWS gives none, the SLA of the
single instance it depends on).
"""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.sizing import sizer
from stackwright.spec.model import Spec

SINGLE_INSTANCE = 99.5  # EC2 instance-level SLA; also RDS Single-AZ
MULTI_AZ_REGIONAL = 99.99  # ECS, EC2 across AZs, ALB, Aurora Multi-AZ, ElastiCache Multi-AZ
RDS_MULTI_AZ = 99.95
AURORA_SINGLE_AZ = 99.9
ONE_AZ_DEPENDENCY = 99.9  # egress of every AZ hangs on one AZ's NAT


def component_availability(component, spec: Spec) -> tuple[float, str]:
    kind = component.kind
    if kind == "rds":
        return (RDS_MULTI_AZ, "RDS Multi-AZ SLA") if component.multi_az else (SINGLE_INSTANCE, "RDS Single-AZ SLA")
    if kind == "aurora_serverless_v2":
        if component.instances >= 2:
            return MULTI_AZ_REGIONAL, "Aurora Multi-AZ SLA (writer + reader)"
        return AURORA_SINGLE_AZ, "Aurora single-instance SLA"
    if kind == "elasticache":
        if component.replicas_per_shard >= 1:
            return MULTI_AZ_REGIONAL, "ElastiCache Multi-AZ SLA (replica per shard)"
        return SINGLE_INSTANCE, "one cache node, no replica: a node failure loses the cache until replaced"
    if kind == "fargate_service":
        tasks = component.tasks.desired
        on_demand = sum(n for p, n in _placement(component, tasks).items() if p == "FARGATE")
        if tasks < 2 or spec.azs < 2:
            return SINGLE_INSTANCE, f"{tasks} task(s) in {spec.azs} AZ(s): a task or AZ loss stops the service"
        if on_demand == 0:
            return SINGLE_INSTANCE, "every task on Fargate Spot: one capacity reclaim can stop them all"
        return MULTI_AZ_REGIONAL, "ECS SLA with tasks in two or more AZs"
    if kind == "ec2_asg":
        if component.instances.min >= 2 and spec.azs >= 2:
            return MULTI_AZ_REGIONAL, "EC2 region-level SLA (instances in two or more AZs)"
        return SINGLE_INSTANCE, "EC2 instance-level SLA (fewer than two instances)"
    if kind == "ec2_instance":
        return SINGLE_INSTANCE, "EC2 instance-level SLA"
    if kind == "nat":
        if component.mode == "instance":
            return SINGLE_INSTANCE if component.count < spec.azs else ONE_AZ_DEPENDENCY, "NAT instance on EC2"
        if component.count < spec.azs:
            return ONE_AZ_DEPENDENCY, f"{component.count} NAT gateway(s) for {spec.azs} AZs: egress depends on one AZ"
        return MULTI_AZ_REGIONAL, "a NAT gateway per AZ"
    if kind == "alb":
        return MULTI_AZ_REGIONAL, "ALB SLA"
    return MULTI_AZ_REGIONAL, "regional managed service"


def _placement(component, tasks: int) -> dict[str, int]:
    from stackwright.cost.resources.fargate_service import place_tasks

    return place_tasks(tasks, component.capacity_providers)


def availability(spec: Spec) -> tuple[float, str]:
    """The weakest link's availability and which component it is."""
    weakest, why = 100.0, "no component limits it"
    for name, component in spec.components.items():
        value, reason = component_availability(component, spec)
        if value < weakest:
            weakest, why = value, f"{name}: {reason}"
    return weakest, why


def spot_share(spec: Spec) -> float:
    tasks = spot = 0
    for component in spec.components.values():
        if component.kind == "fargate_service":
            placed = _placement(component, component.tasks.desired)
            tasks += sum(placed.values())
            spot += placed.get("FARGATE_SPOT", 0)
    return spot / tasks if tasks else 0.0


def capacity_shortfalls(spec: Spec) -> dict[str, str]:
    """Component -> what it can no longer carry at peak (empty when everything fits)."""
    shortfalls = {}
    shares = sizer.traffic_shares(spec)
    peak, _ = sizer.peak_rps(spec)
    for name, c in spec.components.items():
        if c.kind in sizer.COMPUTE_KINDS:
            per_unit, _ = sizer.unit_capacity(c, spec)
            counts = c.tasks if c.kind == "fargate_service" else c.instances
            needed = peak * shares[name]
            if counts.max * per_unit < needed:
                shortfalls[name] = f"max {counts.max} × {per_unit:g} req/s < peak {needed:.1f} req/s"
        elif c.kind == "rds":
            size = sizer.catalogue.instance_size("rds", c.instance_class)
            needed, _ = sizer.db_connections_needed(spec)
            if size and sizer.max_connections(c.engine, size.memory_gib) < needed:
                shortfalls[name] = (f"{c.instance_class} allows {sizer.max_connections(c.engine, size.memory_gib)} "
                                    f"connections < {needed} needed")
        elif c.kind == "elasticache":
            size = sizer.catalogue.instance_size("elasticache", c.node_type)
            needed, _ = sizer.cache_memory_needed_gib(spec)
            usable = size.memory_gib * c.shards * sizer.p.CACHE_USABLE_SHARE if size else 0
            if size and usable < needed:
                shortfalls[name] = f"{usable * 1024:,.0f} MB usable < {needed * 1024:,.0f} MB needed"
    return shortfalls


@dataclass(frozen=True)
class Check:
    """Constraints before and after one change, and whether the change keeps them."""

    report: dict
    broken: list[str]


def compare(before: Spec, after: Spec, changed: set[str]) -> Check:
    target = before.availability_target
    avail_before, _ = availability(before)
    avail_after, weakest = availability(after)
    # a plan already below target may still change, as long as it gets no worse
    avail_ok = avail_after >= min(target, avail_before)
    max_spot = before.constraints.max_spot_share
    spot_before, spot_after = spot_share(before), spot_share(after)
    spot_ok = spot_after <= max(max_spot, spot_before)
    short_before, short_after = capacity_shortfalls(before), capacity_shortfalls(after)
    new_shortfalls = {n: d for n, d in short_after.items() if n not in short_before}
    kept_as_is = sorted(changed & set(before.constraints.keep))
    report = {
        "availability": {"target": target, "before": avail_before, "after": avail_after, "kept": avail_ok,
                         "weakest": weakest},
        "spot_share": {"max": max_spot, "before": round(spot_before, 3), "after": round(spot_after, 3),
                       "kept": spot_ok},
        "capacity": {"kept": not new_shortfalls, "shortfalls": new_shortfalls},
        "keep": {"kept": not kept_as_is, "touched": kept_as_is},
    }
    broken = []
    if not avail_ok:
        broken.append(f"availability {avail_after:g}% < target {target:g}% (short by {target - avail_after:.2f} "
                      f"points; weakest: {weakest})")
    if not spot_ok:
        broken.append(f"Spot share {spot_after:.0%} > max_spot_share {max_spot:.0%} "
                      f"(over by {spot_after - max_spot:.0%})")
    broken += [f"capacity: {name}: {detail}" for name, detail in new_shortfalls.items()]
    if kept_as_is:
        broken.append(f"changes {', '.join(kept_as_is)}, which constraints.keep says to leave as is")
    return Check(report, broken)
