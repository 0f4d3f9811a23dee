"""The spec cannot use more AZs than its region offers."""

from stackwright.checks.rule import Rule, components
from stackwright.plan.network import availability_zones
from stackwright.translatable import N_


def check(spec, plan):
    zones = availability_zones(spec.region)
    asks = [(("azs",), "azs", spec.azs)]
    asks += [(("components", name, "azs"), f"{c.kind} '{name}'", c.azs)
             for name, c in components(spec, "alb", "vpc_endpoint")]
    for path, what, wanted in asks:
        if wanted > len(zones):
            yield RULE.finding(path, N_("%(what)s asks for %(wanted)s AZs; %(region)s offers %(count)s (%(zones)s)") % {
                                   "what": what, "wanted": wanted, "region": spec.region, "count": len(zones),
                                   "zones": ", ".join(zones)},
                               N_("set it to %(count)s or fewer") % {"count": len(zones)})


RULE = Rule(
    "NET003", "error", "More AZs than the region offers",
    "Subnets cannot be placed in AZs that do not exist; the plan would silently use fewer than the spec asks.",
    "lower azs to the number the region offers",
    check,
)
