"""The request path's composite availability, as AWS's SLAs compose, must reach the spec's target."""

from stackwright.checks.rule import Rule
from stackwright.optimize.availability import composite, meets


def check(spec, plan):
    result = composite(spec)
    if meets(result.percent, spec.availability_target) or not result.parts:
        return
    weakest = result.weakest
    yield RULE.finding(("availability_target",),
                       f"the request path composes to {result.percent:.3f}% against a "
                       f"{spec.availability_target:g}% target: {result.formula}",
                       f"make the weakest part redundant ({weakest.component}: {weakest.formula}); "
                       "`stackwright optimize` shows what each step up costs, or lower availability_target")


RULE = Rule(
    "AVL005", "warning", "Composite availability below the target",
    "Every part a request needs must be up at once: serial parts multiply their SLAs, so several parts at "
    "99.5% give far less than 99.5%.",
    "make the weakest parts redundant (Multi-AZ, replicas, two tasks across AZs, a NAT per AZ)",
    check,
)
