"""Redundancy that raises the request path's availability: a standby, a replica, a NAT per AZ, two tasks.

These cost money, so they never pay on their own: the search takes them where the availability target
needs them, and the Pareto front shows what each one buys.
"""

from stackwright.optimize.availability import lowest_count
from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.spec.model import CapacityProvider, TaskCounts
from stackwright.translatable import N_

RISK = N_("Costs more every month; failover still takes a minute or two, and clients must retry.")


def _two_running(name, c, spec):
    field = "tasks" if c.kind == "fargate_service" else "instances"
    counts = getattr(c, field)
    raised = TaskCounts(min=2, desired=max(2, counts.desired), max=max(2, counts.max))
    changes = {field: raised}
    if c.scale_in is not None and c.scale_in.count < 2:
        changes["scale_in"] = c.scale_in.model_copy(update={"count": 2})
    return Proposal(with_component(spec, name, **changes), (N_("%(name)s: at least 2 tasks across AZs at all times") if field == "tasks"
                     else N_("%(name)s: at least 2 instances across AZs at all times")) % {"name": name},
                    RISK, frozenset({name}))


def propose(spec, only=None):
    multi_az = spec.azs >= 2
    for name, c in components(spec, only):
        if c.kind == "rds" and not c.multi_az:
            yield Proposal(with_component(spec, name, multi_az=True), N_("%(name)s: Single-AZ → Multi-AZ (standby)") % {"name": name},
                           RISK, frozenset({name}))
        elif c.kind == "aurora_serverless_v2" and c.instances < 2:
            yield Proposal(with_component(spec, name, instances=2), N_("%(name)s: add an Aurora reader in another AZ") % {"name": name},
                           RISK, frozenset({name}))
        elif c.kind == "elasticache" and c.engine != "memcached" and c.replicas_per_shard == 0 and multi_az:
            yield Proposal(with_component(spec, name, replicas_per_shard=1),
                           N_("%(name)s: add a replica per shard (Multi-AZ failover)") % {"name": name}, RISK, frozenset({name}))
        elif c.kind == "nat" and c.count < spec.azs:
            yield Proposal(with_component(spec, name, count=spec.azs), N_("%(name)s: %(count)s → %(azs)s NAT (one per AZ)") % {
                               "name": name, "count": c.count, "azs": spec.azs},
                           RISK, frozenset({name}))
        elif c.kind in ("fargate_service", "ec2_asg") and multi_az and lowest_count(c) < 2:
            yield _two_running(name, c, spec)
        elif c.kind == "fargate_service" and multi_az and not any(
                cp.provider == "FARGATE" and cp.base for cp in c.capacity_providers) and c.arch == "x86" and any(
                cp.provider == "FARGATE_SPOT" and cp.weight for cp in c.capacity_providers):
            strategy = [cp.model_copy(update={"base": 1}) if cp.provider == "FARGATE" else cp
                        for cp in c.capacity_providers]
            if not any(cp.provider == "FARGATE" for cp in strategy):
                strategy.insert(0, CapacityProvider(provider="FARGATE", base=1, weight=0))
            yield Proposal(with_component(spec, name, capacity_providers=strategy),
                           N_("%(name)s: keep one task on on-demand FARGATE (base 1)") % {"name": name}, RISK, frozenset({name}))


RULE = Rule("OPT019", "Redundancy for the availability target", propose, per_component=True)
