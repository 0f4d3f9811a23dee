"""Amazon API Gateway REST API stage: its cache cluster by the hour, when enabled (the stage itself is free)."""

from stackwright.resources.helpers import flag, hourly, text
from stackwright.resources.registry import register


def read(enabled: bool, size: str | None):
    if not enabled:
        return None  # a stage without a cache costs nothing
    return {"size": f"{float(size or 0.5):g}"}


def components(resource, usage):
    size = resource.attrs["size"]
    yield hourly("api_gateway", f"Cache ({size} GB)", f"apigateway/cache/{size}")


register("aws_api_gateway_stage", cloudformation_types="AWS::ApiGateway::Stage", components=components,
         terraform=lambda r, ctx: read(flag(r, "cache_cluster_enabled"), text(r, "cache_cluster_size")),
         cloudformation=lambda r, ctx: read(flag(r, "CacheClusterEnabled"), text(r, "CacheClusterSize")))
