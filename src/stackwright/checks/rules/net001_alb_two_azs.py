"""An Application Load Balancer needs subnets in at least two AZs."""

from stackwright.checks.rule import Rule, components


def check(spec, plan):
    for name, _ in components(spec, "alb"):
        for lb in plan.of(plan.load_balancers, name):
            if len(lb.subnets) < 2:
                yield RULE.finding(("components", name, "azs"),
                                   f"alb '{name}' has subnets in {len(lb.subnets)} AZ; AWS refuses to create an ALB "
                                   "with fewer than two")


RULE = Rule(
    "NET001", "error", "Load balancer in fewer than two AZs",
    "AWS rejects an Application Load Balancer with subnets in one AZ, and one AZ would be a single point of failure.",
    "set azs: 2 (or more) on the alb component",
    check,
)
