"""Run more of a stateless Fargate service or queue worker on Fargate Spot, keeping one on-demand task as a base."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.spec.model import CapacityProvider
from stackwright.translatable import N_

SPOT_SHARES = (0.5, 0.7, 0.8, 0.9)


def propose(spec, only=None):
    for name, svc in components(spec, only):
        if svc.kind not in ("fargate_service", "worker") or svc.arch != "x86":
            continue  # Fargate Spot runs only x86 Linux tasks
        base = 1 if svc.tasks.desired >= 2 else 0
        for share in SPOT_SHARES:
            strategy = [CapacityProvider(provider="FARGATE", base=base, weight=round(100 * (1 - share))),
                        CapacityProvider(provider="FARGATE_SPOT", weight=round(100 * share))]
            if strategy == svc.capacity_providers:
                continue
            risk = N_("Spot tasks can be reclaimed with a two-minute warning; ECS replaces them, on on-demand only "
                      "if Spot capacity is short. Handle SIGTERM and drain the target group.")
            if svc.kind == "worker":
                risk = N_("Spot tasks can be reclaimed with a two-minute warning; ECS replaces them, on on-demand only "
                          "if Spot capacity is short. A message being processed when its task stops is received "
                          "again after its visibility timeout: make the job idempotent and stop taking messages on "
                          "SIGTERM.")
            elif svc.websocket:
                risk = N_("Spot tasks can be reclaimed with a two-minute warning; ECS replaces them, on on-demand "
                          "only if Spot capacity is short. Handle SIGTERM and drain the target group. This service "
                          "holds WebSocket connections: every reclaim drops its clients, who must reconnect.")
            yield Proposal(with_component(spec, name, capacity_providers=strategy),
                           N_("%(name)s: %(share)s of tasks on FARGATE_SPOT (base %(base)s on FARGATE)") % {
                               "name": name, "share": f"{share:.0%}", "base": base}, risk,
                           frozenset({name}))


RULE = Rule("OPT001", "Fargate Spot share", propose, per_component=True)
