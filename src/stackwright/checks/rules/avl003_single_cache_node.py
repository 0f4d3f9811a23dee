"""A cache shard with no replica loses its data and its endpoint when the node fails."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, components


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, cache in components(spec, "elasticache"):
        if cache.engine != "memcached" and cache.replicas_per_shard == 0:
            yield RULE.finding(("components", name, "replicas_per_shard"),
                               f"elasticache '{name}' has no replica under a {spec.availability_target:g}% target",
                               "set replicas_per_shard: 1 (the plan then enables Multi-AZ failover)")
        elif cache.engine == "memcached" and cache.shards * (1 + cache.replicas_per_shard) < 2:
            yield RULE.finding(("components", name, "shards"),
                               f"memcached '{name}' is one node under a {spec.availability_target:g}% target",
                               "set shards: 2 (the plan spreads nodes across AZs)")


RULE = Rule(
    "AVL003", "warning", "Single cache node under a high availability target",
    "When the only node of a shard fails, sessions and locks in it are gone and clients error until it is replaced.",
    "add a replica per shard",
    check,
)
