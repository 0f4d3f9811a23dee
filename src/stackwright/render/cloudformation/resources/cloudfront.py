"""CloudFront: HTTPS only, S3 origins through origin access control, the ALB over TLS by its API name,
the spec's viewer geography as a price class, the WAF when it is CloudFront-scoped."""

from __future__ import annotations

from stackwright.plan.model import Distribution, Origin, Plan, Ref
from stackwright.render.cloudformation.template import Template, get_att, logical_id

# AWS managed cache and origin-request policies.
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
# AWS managed response headers policy SecurityHeadersPolicy (HSTS, X-Content-Type-Options, X-Frame-Options,
# Referrer-Policy), the one the Terraform renderer looks up by name.
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]


def render(component: str, plan: Plan, template: Template) -> None:
    for distribution in plan.of(plan.distributions, component):
        logical = logical_id(distribution.id)
        origins = [_origin(template, distribution, o) for o in distribution.origins]
        default = distribution.default()
        config = {
            "Enabled": True,
            "Comment": f"{plan.name} {component}",
            "HttpVersion": "http2and3",
            "IPV6Enabled": True,
            "PriceClass": distribution.price_class,
            "Origins": origins,
            "DefaultCacheBehavior": _behavior(default),
        }
        if default.kind == "s3":
            config["DefaultRootObject"] = "index.html"
        behaviors = [{"PathPattern": pattern, **_behavior(o)} for o in distribution.origins for pattern in o.path_patterns]
        if behaviors:
            config["CacheBehaviors"] = behaviors
        if distribution.domain:
            config["Aliases"] = [Ref(distribution.domain)]
            config["ViewerCertificate"] = {"AcmCertificateArn": Ref(distribution.certificate),
                                           "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}
        else:
            config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
        if distribution.web_acl:
            config["WebACLId"] = Ref(distribution.web_acl, "arn")
        arn = {"Fn::Sub": f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{logical}}}"}
        template.add(logical, "AWS::CloudFront::Distribution", {"DistributionConfig": config},
                     represents=distribution.id, attributes={"arn": arn})
        template.output(f"{logical}DomainName", f"Domain name of distribution {component}",
                        Ref(distribution.id, "dns_name"))


def _origin(template: Template, distribution: Distribution, origin: Origin) -> dict:
    if origin.kind == "s3":
        access = template.add(f"{logical_id(origin.id)}AccessControl", "AWS::CloudFront::OriginAccessControl", {
            "OriginAccessControlConfig": {"Name": f"{distribution.id}-{origin.target}"[:64],
                                          "OriginAccessControlOriginType": "s3",
                                          "SigningBehavior": "always", "SigningProtocol": "sigv4"}})
        return {"Id": origin.id, "DomainName": get_att(logical_id(origin.target), "RegionalDomainName"),
                "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": get_att(access, "Id")}
    return {"Id": origin.id, "DomainName": distribution.origin_domain,
            "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "HTTPSPort": 443,
                                   "OriginSSLProtocols": ["TLSv1.2"]}}


def _behavior(origin: Origin) -> dict:
    behavior = {"TargetOriginId": origin.id, "ViewerProtocolPolicy": "redirect-to-https", "Compress": True,
                "ResponseHeadersPolicyId": SECURITY_HEADERS}
    if origin.cached:
        return behavior | {"CachePolicyId": CACHING_OPTIMIZED, "AllowedMethods": ["GET", "HEAD"]}
    return behavior | {"CachePolicyId": CACHING_DISABLED, "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST_HEADER,
                       "AllowedMethods": ALL_METHODS}
