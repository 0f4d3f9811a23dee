"""CloudFront: HTTPS only, S3 origins through origin access control, the ALB over TLS by its API name,
the spec's viewer geography as a price class, the WAF when it is CloudFront-scoped."""

from __future__ import annotations

from stackwright.plan.model import Distribution, Origin, Plan, Ref
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Stack, local_name
from stackwright.render.terraform.certificate import certificate_arn

MODULE = "edge"
# AWS managed cache and origin-request policies.
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
# AWS managed response headers policy: HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy.
SECURITY_HEADERS = "Managed-SecurityHeadersPolicy"
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
CACHED_METHODS = ["GET", "HEAD"]


def render(component: str, plan: Plan, stack: Stack) -> None:
    for distribution in plan.of(plan.distributions, component):
        name = local_name(distribution.id)
        default = distribution.default()
        body = {
            "enabled": True,
            "comment": f"{plan.name} {component}",
            "http_version": "http2and3",
            "is_ipv6_enabled": True,
            "price_class": distribution.price_class,
        }
        if default.kind == "s3":
            body["default_root_object"] = "index.html"
        if distribution.domain:
            body["aliases"] = [Ref(distribution.domain)]
        if distribution.web_acl:
            body["web_acl_id"] = Ref(distribution.web_acl, "arn")
        body["tags"] = name_tags(plan, distribution.id)
        headers = attribute(stack.data(MODULE, "aws_cloudfront_response_headers_policy", "security_headers",
                                       {"name": SECURITY_HEADERS}), "id")
        body["origin"] = [_origin(plan, stack, distribution, o) for o in distribution.origins]
        body["default_cache_behavior"] = Block("default_cache_behavior", (), _behavior(default, headers))
        behaviors = [Block("ordered_cache_behavior", (), {"path_pattern": pattern, **_behavior(o, headers)})
                     for o in distribution.origins for pattern in o.path_patterns]
        if behaviors:
            body["ordered_cache_behavior"] = behaviors
        body["restrictions"] = Block("restrictions", (), {"geo_restriction": Block("geo_restriction", (), {
            "restriction_type": "none"})})
        if distribution.domain:
            body["viewer_certificate"] = Block("viewer_certificate", (), {
                "acm_certificate_arn": certificate_arn(plan, distribution.certificate), "ssl_support_method": "sni-only",
                "minimum_protocol_version": "TLSv1.2_2021"})
        else:
            body["viewer_certificate"] = Block("viewer_certificate", (), {"cloudfront_default_certificate": True})
        resource(stack, MODULE, "aws_cloudfront_distribution", name, body, element=distribution,
                 represents=distribution.id)
        stack.output(f"{name}_domain_name", f"Domain name of distribution {component}",
                     Ref(distribution.id, "dns_name"))


def _origin(plan: Plan, stack: Stack, distribution: Distribution, origin: Origin) -> Block:
    if origin.kind == "s3":
        access = stack.resource(MODULE, "aws_cloudfront_origin_access_control", local_name(origin.id), {
            "name": f"{plan.name}-{distribution.id}-{origin.target}"[:64],
            "origin_access_control_origin_type": "s3", "signing_behavior": "always", "signing_protocol": "sigv4"})
        return Block("origin", (), {"origin_id": origin.id,
                                    "domain_name": Ref(origin.target, "bucket_regional_domain_name"),
                                    "origin_access_control_id": attribute(access, "id")})
    return Block("origin", (), {"origin_id": origin.id, "domain_name": distribution.origin_domain,
                                "custom_origin_config": Block("custom_origin_config", (), {
                                    "http_port": 80, "https_port": 443, "origin_protocol_policy": "https-only",
                                    "origin_ssl_protocols": ["TLSv1.2"]})})


def _behavior(origin: Origin, headers: Expr) -> dict:
    behavior = {"target_origin_id": origin.id, "viewer_protocol_policy": "redirect-to-https", "compress": True,
                "response_headers_policy_id": headers}
    if origin.cached:
        return behavior | {"cache_policy_id": CACHING_OPTIMIZED, "allowed_methods": CACHED_METHODS,
                           "cached_methods": CACHED_METHODS}
    return behavior | {"cache_policy_id": CACHING_DISABLED, "origin_request_policy_id": ALL_VIEWER_EXCEPT_HOST_HEADER,
                       "allowed_methods": ALL_METHODS, "cached_methods": CACHED_METHODS}
