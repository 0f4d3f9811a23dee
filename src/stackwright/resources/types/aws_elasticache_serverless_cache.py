"""Amazon ElastiCache Serverless cache: data stored (GB-hours, at least 1 GB for Redis OSS and Memcached,
100 MB for Valkey) and ElastiCache Processing Units."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import text, used
from stackwright.resources.registry import UsageKey, register

MIN_GB = {"redis": 1.0, "memcached": 1.0, "valkey": 0.1}


def components(resource, usage):
    engine = resource.attrs["engine"]
    stored = usage["average_data_storage_gb"]
    gb = max(float(stored.value), MIN_GB.get(engine, 1.0))
    yield CostComponent("elasticache", f"Data stored ({engine})", f"elasticache/serverless/{engine}/storage", gb * 730,
                        usage_based=True, assumption=f"{stored.assumption}; at least {MIN_GB.get(engine, 1.0):g} GB "
                                                     f"billed × 730 h")
    yield used("elasticache", f"ElastiCache Processing Units ({engine})", f"elasticache/serverless/{engine}/ecpu",
               usage, "monthly_ecpus", per=1e6)


register("aws_elasticache_serverless_cache", cloudformation_types="AWS::ElastiCache::ServerlessCache",
         components=components,
         terraform=lambda r, ctx: {"engine": text(r, "engine", default="redis").lower()},
         cloudformation=lambda r, ctx: {"engine": text(r, "Engine", default="redis").lower()},
         usage={"average_data_storage_gb": UsageKey(0, "GB"), "monthly_ecpus": UsageKey(0, "ECPUs/month")})
