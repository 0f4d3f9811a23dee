"""The request path's composite availability, as AWS's SLAs compose, must reach the spec's target."""

from stackwright.checks.rule import Rule
from stackwright.optimize.availability import composite, meets
from stackwright.translatable import N_


def check(spec, plan):
    result = composite(spec)
    if meets(result.percent, spec.availability_target) or not result.parts:
        return
    weakest = result.weakest
    yield RULE.finding(("availability_target",),
                       N_("the request path composes to %(level)s%% against a %(target)s%% target: %(formula)s") % {
                           "level": f"{result.percent:.3f}", "target": f"{spec.availability_target:g}",
                           "formula": result.formula},
                       N_("make the weakest part redundant (%(name)s: %(formula)s); `stackwright optimize` shows what "
                          "each step up costs, or lower availability_target") % {
                           "name": weakest.component, "formula": weakest.formula})


RULE = Rule(
    "AVL005", "warning", "Composite availability below the target",
    "Every part a request needs must be up at once: serial parts multiply their SLAs, so several parts at "
    "99.5% give far less than 99.5%.",
    "make the weakest parts redundant (Multi-AZ, replicas, two tasks across AZs, a NAT per AZ)",
    check,
)
