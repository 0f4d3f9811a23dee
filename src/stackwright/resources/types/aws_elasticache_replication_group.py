"""Amazon ElastiCache replication group (Redis OSS, Valkey): node-hours of shards × (1 primary + replicas)
nodes, on demand or under the reservation the usage file names (`purchase_option`, a billing choice no code
shows).

Attributes: `engine`, `node_type`, `shards` (num_node_groups in cluster mode, else 1) and `replicas` per shard
(replicas_per_node_group, else num_cache_clusters − 1; AWS's default is one node)."""

from stackwright.cost.component import hourly
from stackwright.resources.capacity import OPTION_WORDS
from stackwright.resources.helpers import PURCHASE_OPTION, purchase_option, required, text, whole
from stackwright.resources.registry import register
from stackwright.translatable import N_


def nodes(resource, usage):
    """The node-hours of `shards` × (1 + `replicas`) nodes of the resource's engine and node type."""
    a = resource.attrs
    option, term = purchase_option(usage)
    count = a["shards"] * (1 + a["replicas"])
    yield hourly(
        "elasticache", N_("Cache nodes (%(type)s, %(engine)s, %(option)s)") % {
            "type": a["node_type"], "engine": a["engine"], "option": OPTION_WORDS[option]},
        f"elasticache/{a['engine']}/{term}{a['node_type']}", count, purchase_option=option,
        assumption=N_("%(shards)s shard(s) × (1 primary + %(replicas)s replica(s)) = %(nodes)s node(s) × 730 h") % {
            "shards": a["shards"], "replicas": a["replicas"], "nodes": count})


def _layout(node_groups, replicas_per_group, cache_clusters) -> tuple[int, int]:
    if node_groups is not None or replicas_per_group is not None:
        return node_groups or 1, replicas_per_group or 0
    return 1, max((cache_clusters or 1) - 1, 0)


def terraform(r, ctx):
    legacy = r.get("cluster_mode", 0, default=None) or {}  # provider versions before 5 nest cluster mode in a block
    clusters = whole(r, "num_cache_clusters", default=whole(r, "number_cache_clusters"))
    shards, replicas = _layout(whole(r, "num_node_groups", default=legacy.get("num_node_groups")),
                               whole(r, "replicas_per_node_group", default=legacy.get("replicas_per_node_group")),
                               clusters)
    return {"engine": text(r, "engine", default="redis").lower(),
            "node_type": required(text(r, "node_type"), "the node type"), "shards": shards, "replicas": replicas}


def cloudformation(r, ctx):
    shards, replicas = _layout(whole(r, "NumNodeGroups"), whole(r, "ReplicasPerNodeGroup"),
                               whole(r, "NumCacheClusters"))
    return {"engine": text(r, "Engine", default="redis").lower(),
            "node_type": required(text(r, "CacheNodeType"), "the node type"), "shards": shards, "replicas": replicas}


register("aws_elasticache_replication_group", cloudformation_types="AWS::ElastiCache::ReplicationGroup",
         components=nodes, terraform=terraform, cloudformation=cloudformation, service="elasticache",
         usage={"purchase_option": PURCHASE_OPTION})
