"""The spec cannot use more AZs than its region offers."""

from stackwright.checks.rule import Rule, components
from stackwright.plan.network import availability_zones


def check(spec, plan):
    zones = availability_zones(spec.region)
    asks = [(("azs",), "azs", spec.azs)]
    asks += [(("components", name, "azs"), f"{c.kind} '{name}'", c.azs)
             for name, c in components(spec, "alb", "vpc_endpoint")]
    for path, what, wanted in asks:
        if wanted > len(zones):
            yield RULE.finding(path, f"{what} asks for {wanted} AZs; {spec.region} offers {len(zones)} "
                                     f"({', '.join(zones)})",
                               f"set it to {len(zones)} or fewer")


RULE = Rule(
    "NET003", "error", "More AZs than the region offers",
    "Subnets cannot be placed in AZs that do not exist; the plan would silently use fewer than the spec asks.",
    "lower azs to the number the region offers",
    check,
)
