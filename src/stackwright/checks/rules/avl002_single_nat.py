"""One NAT for several AZs: its AZ going down cuts every AZ's egress."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, components


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    app_azs = len(plan.network.subnets_in("app"))
    for name, nat in components(spec, "nat"):
        if 1 < app_azs and nat.count < app_azs:
            yield RULE.finding(("components", name, "count"),
                               f"nat '{name}' has {nat.count} {nat.mode}(s) for {app_azs} AZs of private subnets "
                               f"under a {spec.availability_target:g}% target",
                               f"set count: {app_azs} (one per AZ)")


RULE = Rule(
    "AVL002", "warning", "Fewer NATs than AZs under a high availability target",
    "Private subnets in every AZ route through the NAT's AZ: when it fails, image pulls and outbound calls stop "
    "everywhere.",
    "one NAT per AZ",
    check,
)
