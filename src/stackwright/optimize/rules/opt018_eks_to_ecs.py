"""Run the same Fargate tasks under ECS instead of EKS: no cluster control-plane fee."""

from stackwright.optimize.rule import Proposal, Rule
from stackwright.translatable import N_


def propose(spec):
    on_eks = [n for n, c in spec.components.items() if c.kind == "fargate_service" and c.orchestrator == "eks"]
    if on_eks:
        components = dict(spec.components)
        for name in on_eks:
            components[name] = components[name].model_copy(update={"orchestrator": "ecs"})
        yield Proposal(spec.model_copy(update={"components": components}),
                       N_("move %(names)s from EKS to ECS (same Fargate tasks, no control plane)") % {
                           "names": ", ".join(on_eks)},
                       N_("Kubernetes manifests, Helm charts and operators become ECS task definitions and "
                          "services; anything relying on CRDs or kubectl tooling needs another home."),
                       frozenset(on_eks))


RULE = Rule("OPT018", "EKS to ECS", propose)
