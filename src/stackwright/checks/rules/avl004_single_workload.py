"""A workload needs two tasks or instances in two AZs to survive one failing."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, components


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, workload in components(spec, "fargate_service", "ec2_asg", "ec2_instance"):
        if workload.kind == "ec2_instance":
            least, field = workload.count, "count"
        else:
            field = "tasks" if workload.kind == "fargate_service" else "instances"
            least = getattr(workload, field).min
        if least < 2:
            unit = "task" if workload.kind == "fargate_service" else "instance"
            yield RULE.finding(("components", name, field),
                               f"'{name}' can run a single {unit} under a {spec.availability_target:g}% target",
                               f"raise {field} (min) to 2")
    if spec.azs < 2 and any(True for _ in components(spec, "fargate_service", "ec2_asg", "ec2_instance")):
        yield RULE.finding(("azs",), f"workloads run in one AZ under a {spec.availability_target:g}% target",
                           "set azs: 2")


RULE = Rule(
    "AVL004", "warning", "Single task, instance or AZ under a high availability target",
    "Deploys, host failures and AZ outages take the only copy down; the service is unavailable until it is back.",
    "run at least two, in at least two AZs",
    check,
)
