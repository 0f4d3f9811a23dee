"""A WAF for CloudFront must be created in us-east-1; elsewhere this stack can attach it only to the ALB."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    has_cdn = any(True for _ in components(spec, "cloudfront"))
    for name, _ in components(spec, "waf"):
        acl = next(iter(plan.of(plan.web_acls, name)), None)
        if acl is None:
            yield RULE.finding(("components", name),
                               N_("waf '%(name)s' has nothing in this stack to protect: CloudFront-scoped web ACLs "
                                  "exist only in us-east-1 (the spec is in %(region)s) and there is no alb") % {
                                   "name": name, "region": spec.region},
                               N_("add an alb component, or deploy the web ACL from a us-east-1 stack"))
        elif has_cdn and acl.scope == "REGIONAL":
            yield RULE.finding(("components", name),
                               N_("waf '%(name)s' protects the alb, not CloudFront: CloudFront-scoped web ACLs exist "
                                  "only in us-east-1 and the spec is in %(region)s; requests cached at the edge skip "
                                  "it") % {"name": name, "region": spec.region},
                               N_("set region: us-east-1, or accept ALB-only protection"))


RULE = Rule(
    "EDGE001", "warning", "WAF scope does not match the region",
    "AWS creates CLOUDFRONT-scoped web ACLs only in us-east-1; a stack elsewhere cannot attach one to its "
    "distribution.",
    "keep CloudFront stacks in us-east-1 or protect the ALB",
    check,
)
