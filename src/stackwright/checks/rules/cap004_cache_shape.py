"""ElastiCache shapes the engine or node type cannot build."""

from stackwright.checks.rule import Rule, components

NO_FAILOVER_FAMILIES = ("cache.t1.", "cache.t2.")  # no automatic failover, so no replicas or cluster mode


def check(spec, plan):
    for name, cache in components(spec, "elasticache"):
        if cache.engine == "memcached" and cache.replicas_per_shard:
            yield RULE.finding(("components", name, "replicas_per_shard"),
                               f"memcached '{name}' asks for replicas; memcached does not replicate",
                               "set replicas_per_shard: 0 and raise shards for more nodes, or use valkey/redis")
        elif cache.engine != "memcached" and cache.node_type.startswith(NO_FAILOVER_FAMILIES) and (
                cache.replicas_per_shard or cache.shards > 1):
            yield RULE.finding(("components", name, "node_type"),
                               f"'{name}' needs automatic failover (replicas or cluster mode) but {cache.node_type} "
                               "does not support it", "use a current node type such as cache.t4g.small")


RULE = Rule(
    "CAP004", "error", "Cache shape the engine or node type cannot build",
    "ElastiCache rejects the replication group; the stack fails when it reaches the cache.",
    "match the engine and node type to the shape",
    check,
)
