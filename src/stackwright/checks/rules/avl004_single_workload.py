"""A workload needs two tasks or instances in two AZs to survive one failing."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, components, hard_dependencies
from stackwright.translatable import N_


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, workload in hard_dependencies(spec, "fargate_service", "ec2_asg", "ec2_instance"):
        if workload.kind == "ec2_instance":
            least, field = workload.count, "count"
        else:
            field = "tasks" if workload.kind == "fargate_service" else "instances"
            least = getattr(workload, field).min
        if least < 2:
            message = (N_("'%(name)s' can run a single task under a %(target)s%% target")
                       if workload.kind == "fargate_service"
                       else N_("'%(name)s' can run a single instance under a %(target)s%% target"))
            yield RULE.finding(("components", name, field), message % {"name": name, "target": f"{spec.availability_target:g}"},
                               N_("raise %(field)s (min) to 2") % {"field": field})
    if spec.azs < 2 and any(True for _ in components(spec, "fargate_service", "ec2_asg", "ec2_instance")):
        yield RULE.finding(("azs",), N_("workloads run in one AZ under a %(target)s%% target") % {"target": f"{spec.availability_target:g}"},
                           N_("set azs: 2"))


RULE = Rule(
    "AVL004", "warning", "Single task, instance or AZ under a high availability target",
    "Deploys, host failures and AZ outages take the only copy down; the service is unavailable until it is back.",
    "run at least two, in at least two AZs",
    check,
)
