"""elasticache: the plan's replication group (Redis OSS, Valkey) or Memcached cluster, its nodes on demand or
under the spec's reservation."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue


def records(name, cache, ctx):
    option = UsageValue(cache.purchase_option, f"purchase_option = {cache.purchase_option}")
    for planned_cache in ctx.plan.of(ctx.plan.caches, name):
        if cache.engine == "memcached":  # one cluster of all the nodes, as the plan renders it
            type_, shards, replicas = "aws_elasticache_cluster", cache.shards * (1 + cache.replicas_per_shard), 0
        else:
            type_, shards, replicas = "aws_elasticache_replication_group", cache.shards, cache.replicas_per_shard
        yield planned(ctx, type_, planned_cache.id, {"engine": cache.engine, "node_type": cache.node_type,
                                                     "shards": shards, "replicas": replicas},
                      {"purchase_option": option})
