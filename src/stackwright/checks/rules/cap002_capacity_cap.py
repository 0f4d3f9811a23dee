"""Scaling ranges that run past what is sane for one service or one load balancer."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

MAX_UNITS = 100  # per service or group: past this, quotas and database connections give out first
MAX_LISTENER_RULES = 100  # an ALB listener's default rule quota


def check(spec, plan):
    for name, workload in components(spec, "fargate_service", "ec2_asg"):
        field = "tasks" if workload.kind == "fargate_service" else "instances"
        counts = getattr(workload, field)
        if counts.max > MAX_UNITS:
            yield RULE.finding(("components", name, field),
                               N_("'%(name)s' may scale to %(max)s; above %(limit)s the account's Fargate/EC2 quotas "
                                  "and the database's connection limit usually give out first") % {
                                   "name": name, "max": counts.max, "limit": MAX_UNITS},
                               N_("keep max at %(limit)s or below, or split the service") % {"limit": MAX_UNITS})
    for lb in plan.load_balancers:
        rules = sum(1 for tg in lb.target_groups if tg.path_patterns)
        if rules > MAX_LISTENER_RULES:
            yield RULE.finding(("components", lb.component),
                               N_("alb '%(name)s' would need %(rules)s listener rules; the default quota is "
                                  "%(quota)s") % {"name": lb.component, "rules": rules, "quota": MAX_LISTENER_RULES},
                               N_("add a second alb component or group services"))


RULE = Rule(
    "CAP002", "warning", "Capacity beyond a sane cap",
    "A max far above the design load is usually a typo, and it lets a runaway scale-out bill and exhaust quotas.",
    "lower max to what the peak needs",
    check,
)
