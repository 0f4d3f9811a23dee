"""A `ci:` pipeline builds, pushes and rolls out Fargate services whose images live in the stack's ECR."""

from stackwright.checks.rule import Rule
from stackwright.translatable import N_


def check(spec, plan):
    if spec.ci is not None and plan.ci is None:
        yield RULE.finding(("ci",), N_("the spec declares a deploy pipeline but has no Fargate service whose image "
                                       "comes from an ecr component: the workflow would have nothing to build "
                                       "or roll out, so `plan` writes neither it nor its role"),
                           N_("add an ecr component (and a fargate_service), or remove ci"))


RULE = Rule(
    "GEN002", "warning", "Deploy pipeline with nothing to deploy",
    "The GitHub Actions workflow pushes each Fargate service's image to the stack's ECR repository and rolls the "
    "service onto it; without both there is no job to write.",
    "add an ecr component and a fargate_service, or remove ci",
    check,
)
