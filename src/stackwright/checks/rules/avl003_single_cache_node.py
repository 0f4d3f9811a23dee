"""A cache shard with no replica loses its data and its endpoint when the node fails."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, hard_dependencies
from stackwright.translatable import N_


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, cache in hard_dependencies(spec, "elasticache"):
        if cache.engine != "memcached" and cache.replicas_per_shard == 0:
            yield RULE.finding(("components", name, "replicas_per_shard"),
                               N_("elasticache '%(name)s' has no replica under a %(target)s%% target") % {
                                   "name": name, "target": f"{spec.availability_target:g}"},
                               N_("set replicas_per_shard: 1 (the plan then enables Multi-AZ failover)"))
        elif cache.engine == "memcached" and cache.shards * (1 + cache.replicas_per_shard) < 2:
            yield RULE.finding(("components", name, "shards"),
                               N_("memcached '%(name)s' is one node under a %(target)s%% target") % {
                                   "name": name, "target": f"{spec.availability_target:g}"},
                               N_("set shards: 2 (the plan spreads nodes across AZs)"))


RULE = Rule(
    "AVL003", "warning", "Single cache node under a high availability target",
    "When the only node of a shard fails, sessions and locks in it are gone and clients error until it is replaced.",
    "add a replica per shard",
    check,
)
