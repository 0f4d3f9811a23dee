"""stackwright prices EKS and recommends ECS, but generates code for ECS only."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, service in components(spec, "fargate_service"):
        if service.orchestrator == "eks":
            yield RULE.finding(("components", name, "orchestrator"),
                               N_("'%(name)s' runs on EKS; `plan` generates ECS services only") % {"name": name},
                               N_("set orchestrator: ecs (see `stackwright optimize`, OPT018) to generate the stack"))


RULE = Rule(
    "GEN001", "error", "EKS is priced but not generated",
    "The CloudFormation and Terraform would describe ECS, not the EKS cluster the spec asks for.",
    "set orchestrator: ecs",
    check,
)
