"""An Application Load Balancer needs subnets in at least two AZs."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, _ in components(spec, "alb"):
        for lb in plan.of(plan.load_balancers, name):
            if len(lb.subnets) < 2:
                yield RULE.finding(("components", name, "azs"),
                                   N_("alb '%(name)s' has subnets in %(azs)s AZ; AWS refuses to create an ALB with "
                                      "fewer than two") % {"name": name, "azs": len(lb.subnets)})


RULE = Rule(
    "NET001", "error", "Load balancer in fewer than two AZs",
    "AWS rejects an Application Load Balancer with subnets in one AZ, and one AZ would be a single point of failure.",
    "set azs: 2 (or more) on the alb component",
    check,
)
