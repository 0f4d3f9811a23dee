"""Amazon ElastiCache cluster: num_cache_nodes node-hours (Memcached nodes each hold a share; a Redis OSS
or Valkey cluster outside a replication group is one node), on demand or under the usage file's reservation.
A member of a replication group is priced with its group."""

from stackwright.importer.resources import NotPriceable
from stackwright.resources.helpers import PURCHASE_OPTION, required, text, whole
from stackwright.resources.registry import register
from stackwright.resources.types.aws_elasticache_replication_group import nodes


def _cluster(engine, node_type, count):
    return {"engine": (engine or "redis").lower(), "node_type": required(node_type, "the node type"),
            "shards": count if count is not None else 1, "replicas": 0}


def terraform(r, ctx):
    group = r.props.get("replication_group_id")
    if group is not None:
        if not ctx.referenced(group, "aws_elasticache_replication_group"):
            raise NotPriceable("a member of a replication group that is not in this code (its node type is the "
                               "group's)")
        return None  # one of its group's nodes, priced with the group
    return _cluster(text(r, "engine"), text(r, "node_type"), whole(r, "num_cache_nodes"))


register("aws_elasticache_cluster", cloudformation_types="AWS::ElastiCache::CacheCluster", components=nodes,
         terraform=terraform,
         cloudformation=lambda r, ctx: _cluster(text(r, "Engine"), text(r, "CacheNodeType"),
                                                whole(r, "NumCacheNodes")),
         service="elasticache", usage={"purchase_option": PURCHASE_OPTION})
