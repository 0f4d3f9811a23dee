"""Run more of a stateless Fargate service on Fargate Spot, keeping one on-demand task as a base."""

from stackwright.optimize.rule import Proposal, Rule, with_component
from stackwright.spec.model import CapacityProvider

SPOT_SHARES = (0.5, 0.7, 0.8, 0.9)


def propose(spec):
    for name, svc in spec.components.items():
        if svc.kind != "fargate_service" or svc.arch != "x86":
            continue  # Fargate Spot runs only x86 Linux tasks
        base = 1 if svc.tasks.desired >= 2 else 0
        for share in SPOT_SHARES:
            strategy = [CapacityProvider(provider="FARGATE", base=base, weight=round(100 * (1 - share))),
                        CapacityProvider(provider="FARGATE_SPOT", weight=round(100 * share))]
            if strategy == svc.capacity_providers:
                continue
            risk = ("Spot tasks can be reclaimed with a two-minute warning; ECS replaces them, on on-demand only "
                    "if Spot capacity is short. Handle SIGTERM and drain the target group.")
            if svc.websocket:
                risk += " This service holds WebSocket connections: every reclaim drops its clients, who must reconnect."
            yield Proposal(with_component(spec, name, capacity_providers=strategy),
                           f"{name}: {share:.0%} of tasks on FARGATE_SPOT (base {base} on FARGATE)", risk,
                           frozenset({name}))


RULE = Rule("OPT001", "Fargate Spot share", propose)
