"""A CloudFront distribution needs something to serve: a bucket or a load balancer."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, _ in components(spec, "cloudfront"):
        if not plan.of(plan.distributions, name):
            yield RULE.finding(("components", name),
                               N_("cloudfront '%(name)s' has no origin: the spec has neither an s3 nor an alb "
                                  "component") % {"name": name},
                               N_("add the s3 bucket or alb it should serve, or remove it"))


RULE = Rule(
    "EDGE002", "error", "CloudFront without an origin",
    "A distribution must point at an origin; the plan leaves it out, while the bill still prices it.",
    "add an s3 or alb component",
    check,
)
