"""stackwright prices EKS and recommends ECS, but generates code for ECS only."""

from stackwright.checks.rule import Rule, components


def check(spec, plan):
    for name, service in components(spec, "fargate_service"):
        if service.orchestrator == "eks":
            yield RULE.finding(("components", name, "orchestrator"),
                               f"'{name}' runs on EKS; `plan` generates ECS services only",
                               "set orchestrator: ecs (see `stackwright optimize`, OPT018) to generate the stack")


RULE = Rule(
    "GEN001", "error", "EKS is priced but not generated",
    "The CloudFormation and Terraform would describe ECS, not the EKS cluster the spec asks for.",
    "set orchestrator: ecs",
    check,
)
