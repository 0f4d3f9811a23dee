"""Each CloudFront behaviour must route to a bucket or a load balancer of the spec."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

ORIGIN_KINDS = ("s3", "alb")


def check(spec, plan):
    kinds = {name: c.kind for name, c in spec.components.items()}
    for name, cdn in components(spec, "cloudfront"):
        for index, behavior in enumerate(cdn.behaviors):
            if kinds.get(behavior.origin) not in ORIGIN_KINDS:
                yield RULE.finding(("components", name, "behaviors", index, "origin"), N_(
                    "cloudfront '%(name)s' sends %(path)s to '%(origin)s', which is not an s3 or alb component: the "
                    "plan leaves that behaviour out") % {"name": name, "path": behavior.path,
                                                         "origin": behavior.origin})


RULE = Rule(
    "EDGE003", "error", "CloudFront behaviour without a valid origin",
    "Viewers asking for those paths would get the default behaviour's origin instead, or nothing.",
    "name an s3 or alb component of the spec as the behaviour's origin",
    check,
)
