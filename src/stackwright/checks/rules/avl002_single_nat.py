"""One NAT for several AZs: its AZ going down cuts every AZ's egress."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, hard_dependencies
from stackwright.translatable import N_


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    app_azs = len(plan.network.subnets_in("app"))
    for name, nat in hard_dependencies(spec, "nat"):
        if 1 < app_azs and nat.count < app_azs:
            yield RULE.finding(("components", name, "count"),
                               N_("nat '%(name)s' has %(count)s %(mode)s(s) for %(azs)s AZs of private subnets under a "
                                  "%(target)s%% target") % {"name": name, "count": nat.count, "mode": nat.mode,
                                                            "azs": app_azs, "target": f"{spec.availability_target:g}"},
                               N_("set count: %(azs)s (one per AZ)") % {"azs": app_azs})


RULE = Rule(
    "AVL002", "warning", "Fewer NATs than AZs under a high availability target",
    "Private subnets in every AZ route through the NAT's AZ: when it fails, image pulls and outbound calls stop "
    "everywhere.",
    "one NAT per AZ",
    check,
)
