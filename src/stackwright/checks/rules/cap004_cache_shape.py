"""ElastiCache shapes the engine or node type cannot build."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

NO_FAILOVER_FAMILIES = ("cache.t1.", "cache.t2.")  # no automatic failover, so no replicas or cluster mode


def check(spec, plan):
    for name, cache in components(spec, "elasticache"):
        if cache.engine == "memcached" and cache.replicas_per_shard:
            yield RULE.finding(("components", name, "replicas_per_shard"),
                               N_("memcached '%(name)s' asks for replicas; memcached does not replicate") % {
                                   "name": name},
                               N_("set replicas_per_shard: 0 and raise shards for more nodes, or use valkey/redis"))
        elif cache.engine != "memcached" and cache.node_type.startswith(NO_FAILOVER_FAMILIES) and (
                cache.replicas_per_shard or cache.shards > 1):
            yield RULE.finding(("components", name, "node_type"),
                               N_("'%(name)s' needs automatic failover (replicas or cluster mode) but %(type)s does "
                                  "not support it") % {"name": name, "type": cache.node_type},
                               N_("use a current node type such as cache.t4g.small"))


RULE = Rule(
    "CAP004", "error", "Cache shape the engine or node type cannot build",
    "ElastiCache rejects the replication group; the stack fails when it reaches the cache.",
    "match the engine and node type to the shape",
    check,
)
