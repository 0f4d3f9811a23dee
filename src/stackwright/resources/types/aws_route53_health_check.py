"""Amazon Route 53 health check: per month, plus each optional feature (HTTPS, string matching, fast
interval, latency measurement). Its endpoint is taken to be in AWS, the cheaper rate, unless the usage says
`endpoint_outside_aws: 1`."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import IacResource
from stackwright.resources.helpers import flag, number, text
from stackwright.resources.registry import UsageKey, register


def read(r, type_, interval, latency, search):
    kind = (text(r, type_) or "HTTP").upper()
    features = [name for name, on in (("HTTPS", kind.startswith("HTTPS")),
                                      ("string matching", kind.endswith("STR_MATCH") or bool(text(r, search))),
                                      ("fast interval", number(r, interval, default=30) == 10),
                                      ("latency measurement", flag(r, latency))) if on]
    return {"features": features}


def config(r: IacResource) -> IacResource:
    """CloudFormation holds the settings in HealthCheckConfig."""
    return IacResource(r.address, r.block, r.type, r.get("HealthCheckConfig", default={}))


def components(resource, usage):
    outside = usage["endpoint_outside_aws"]
    where = "other" if float(outside.value) else "aws"
    yield CostComponent("route53", f"Health check ({'non-AWS' if where == 'other' else 'AWS'} endpoint)",
                        f"route53/health-check-{where}", 1, assumption=outside.assumption)
    features = resource.attrs["features"]
    if features:
        yield CostComponent("route53", "Optional health check features", f"route53/health-check-feature-{where}",
                            len(features), assumption=", ".join(features))


register("aws_route53_health_check", cloudformation_types="AWS::Route53::HealthCheck", components=components,
         terraform=lambda r, ctx: read(r, "type", "request_interval", "measure_latency", "search_string"),
         cloudformation=lambda r, ctx: read(config(r), "Type", "RequestInterval", "MeasureLatency", "SearchString"),
         usage={"endpoint_outside_aws": UsageKey(0, "(1 = endpoint outside AWS)")})
