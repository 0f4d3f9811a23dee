"""Caches: ElastiCache clusters and replication groups (node-based; shards × (1 + replicas) nodes)."""

from __future__ import annotations

from stackwright.importer.mapping.database import reservation
from stackwright.importer.mapping.registry import PART_OF, Priced, free, maps
from stackwright.importer.resources import IacResource, NotPriceable, to_int

ENGINES = ("redis", "valkey", "memcached")

free("aws_elasticache_subnet_group", "aws_elasticache_parameter_group", "aws_elasticache_user",
     "aws_elasticache_user_group", "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ParameterGroup",
     "AWS::ElastiCache::User", "AWS::ElastiCache::UserGroup")


def elasticache(r: IacResource, ctx, *, engine, node_type, shards: int, replicas: int) -> Priced:
    engine = engine or "redis"
    if engine not in ENGINES:
        raise NotPriceable(f"engine {engine} is not modelled (use one of {', '.join(ENGINES)})")
    if not node_type:
        raise NotPriceable("the node type is not set")
    return Priced({"kind": "elasticache", "engine": engine, "node_type": node_type, "shards": shards,
                   "replicas_per_shard": replicas, **reservation(r, ctx)})


def nodes(engine, count) -> tuple[int, int]:
    """A cluster's nodes as shards and replicas: memcached nodes each hold a share, Redis has one node."""
    count = to_int(count if count is not None else 1, "number of cache nodes")
    return (count, 0) if engine == "memcached" else (1, count - 1)


@maps("aws_elasticache_cluster", usage=("purchase_option",), part_of="elasticache")
def tf_cluster(r: IacResource, ctx):
    if r.props.get("replication_group_id") is not None:
        if not ctx.referenced(r.props.get("replication_group_id"), "aws_elasticache_replication_group"):
            raise NotPriceable("a member of a replication group that is not in this code")
        return PART_OF
    engine = r.get("engine")
    shards, replicas = nodes(engine, r.get("num_cache_nodes"))
    return elasticache(r, ctx, engine=engine, node_type=r.get("node_type"), shards=shards, replicas=replicas)


@maps("AWS::ElastiCache::CacheCluster", usage=("purchase_option",))
def cfn_cluster(r: IacResource, ctx):
    engine = r.get("Engine")
    shards, replicas = nodes(engine, r.get("NumCacheNodes"))
    return elasticache(r, ctx, engine=engine, node_type=r.get("CacheNodeType"), shards=shards, replicas=replicas)


def group_layout(r: IacResource, ctx, *, node_groups, replicas_per_group, cache_clusters) -> tuple[int, int]:
    if node_groups is not None or replicas_per_group is not None:
        return to_int(node_groups or 1, "node groups"), to_int(replicas_per_group or 0, "replicas per node group")
    if cache_clusters is None:
        ctx.assume(r, "number of cache clusters not set: one node (no replica) assumed")
        return 1, 0
    return 1, to_int(cache_clusters, "number of cache clusters") - 1


@maps("aws_elasticache_replication_group", usage=("purchase_option",))
def tf_replication_group(r: IacResource, ctx):
    legacy = r.get("cluster_mode", 0, default={})  # provider versions before 5 nest cluster mode in a block
    shards, replicas = group_layout(
        r, ctx, node_groups=r.get("num_node_groups", default=legacy.get("num_node_groups")),
        replicas_per_group=r.get("replicas_per_node_group", default=legacy.get("replicas_per_node_group")),
        cache_clusters=r.get("num_cache_clusters", default=r.get("number_cache_clusters")))
    members = ctx.referrers(r, "aws_elasticache_cluster", prop="replication_group_id")
    priced = elasticache(r, ctx, engine=r.get("engine"), node_type=r.get("node_type"), shards=shards,
                         replicas=replicas)
    priced.covers = tuple(m.address for m in members)
    return priced


@maps("AWS::ElastiCache::ReplicationGroup", usage=("purchase_option",))
def cfn_replication_group(r: IacResource, ctx):
    shards, replicas = group_layout(r, ctx, node_groups=r.get("NumNodeGroups"),
                                    replicas_per_group=r.get("ReplicasPerNodeGroup"),
                                    cache_clusters=r.get("NumCacheClusters"))
    return elasticache(r, ctx, engine=r.get("Engine"), node_type=r.get("CacheNodeType"), shards=shards,
                       replicas=replicas)
