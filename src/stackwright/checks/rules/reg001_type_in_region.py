"""Instance types, DB classes and cache node types must exist in the spec's region: one with no price
there is not offered there."""

import difflib

from stackwright.checks.rule import Rule, components
from stackwright.pricing import catalogue
from stackwright.translatable import N_


def _wanted(spec):
    """(path, what, price key) for every sized choice the region must offer."""
    for name, c in components(spec, "ec2_asg", "ec2_instance", "nat", "rds", "elasticache", "fargate_service"):
        path = ("components", name)
        if c.kind in ("ec2_asg", "ec2_instance") or (c.kind == "nat" and c.mode == "instance"):
            yield (*path, "instance_type"), c.instance_type, f"ec2/ondemand/{c.instance_type}"
        elif c.kind == "rds":
            yield (*path, "instance_class"), c.instance_class, f"rds/{c.engine}/single-az/{c.instance_class}"
        elif c.kind == "elasticache":
            yield (*path, "node_type"), c.node_type, f"elasticache/{c.engine}/{c.node_type}"
        elif c.kind == "fargate_service":
            yield (*path, "arch"), f"Fargate {c.arch}", f"fargate/{c.arch}/vcpu"


def check(spec, plan):
    try:
        prices = catalogue.load(spec.region)
    except catalogue.UnknownRegion:
        close = difflib.get_close_matches(spec.region, catalogue.regions(), n=3)
        yield RULE.finding(("region",), N_("unknown region '%(region)s'") % {"region": spec.region},
                           N_("did you mean %(choices)s?") % {"choices": _either(close)} if close else
                           N_("use an AWS region code"))
        return
    for path, what, key in _wanted(spec):
        if key in prices:
            continue
        family = key.rsplit("/", 1)[0] + "/"
        offered = [k.rsplit("/", 1)[1] for k in prices.keys() if k.startswith(family)]
        close = difflib.get_close_matches(key.rsplit("/", 1)[1], offered, n=3, cutoff=0.6)
        yield RULE.finding(path, N_("%(what)s is not offered in %(region)s") % {"what": what, "region": spec.region},
                           N_("use %(choices)s") % {"choices": _either(close)} if close else
                           N_("choose one the region offers (`stackwright prices show`)"))


def _either(choices: list[str]) -> str:
    """"a", "a or b", "a or b or c": each "x or y" a message of its own, so the documents translate it."""
    text = choices[0]
    for choice in choices[1:]:
        text = N_("%(first)s or %(second)s") % {"first": text, "second": choice}
    return text


RULE = Rule(
    "REG001", "error", "Type or class not offered in the region",
    "CloudFormation accepts any string; the launch fails only when AWS tries to create the resource.",
    "choose a type the region offers",
    check,
)
