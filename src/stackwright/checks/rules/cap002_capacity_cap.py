"""Scaling ranges that run past what is sane for one service or one load balancer."""

from stackwright.checks.rule import Rule, components

MAX_UNITS = 100  # per service or group: past this, quotas and database connections give out first
MAX_LISTENER_RULES = 100  # an ALB listener's default rule quota


def check(spec, plan):
    for name, workload in components(spec, "fargate_service", "ec2_asg"):
        field = "tasks" if workload.kind == "fargate_service" else "instances"
        counts = getattr(workload, field)
        if counts.max > MAX_UNITS:
            yield RULE.finding(("components", name, field),
                               f"'{name}' may scale to {counts.max}; above {MAX_UNITS} the account's Fargate/EC2 "
                               "quotas and the database's connection limit usually give out first",
                               f"keep max at {MAX_UNITS} or below, or split the service")
    for lb in plan.load_balancers:
        rules = sum(1 for tg in lb.target_groups if tg.path_patterns)
        if rules > MAX_LISTENER_RULES:
            yield RULE.finding(("components", lb.component),
                               f"alb '{lb.component}' would need {rules} listener rules; the default quota is "
                               f"{MAX_LISTENER_RULES}", "add a second alb component or group services")


RULE = Rule(
    "CAP002", "warning", "Capacity beyond a sane cap",
    "A max far above the design load is usually a typo, and it lets a runaway scale-out bill and exhaust quotas.",
    "lower max to what the peak needs",
    check,
)
