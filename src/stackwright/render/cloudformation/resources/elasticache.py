"""ElastiCache: redis/valkey as a replication group (cluster mode when shards > 1) with encryption at
rest and in transit and a generated AUTH token; memcached as a TLS cluster."""

from __future__ import annotations

from stackwright.plan.model import Cache, Plan, Ref
from stackwright.render.cloudformation._shared import resolve_secret, secret
from stackwright.render.cloudformation.template import Template, get_att, logical_id

CLUSTER_PARAMETER_GROUPS = {"redis": "default.redis7.cluster.on", "valkey": "default.valkey8.cluster.on"}


def render(component: str, plan: Plan, template: Template) -> None:
    for cache in plan.of(plan.caches, component):
        subnet_group = template.add(f"{logical_id(cache.id)}SubnetGroup", "AWS::ElastiCache::SubnetGroup", {
            "Description": f"Private data subnets of {cache.component}",
            "SubnetIds": [Ref(s) for s in cache.subnets],
        })
        if cache.spec.engine == "memcached":
            _memcached(template, cache, subnet_group)
        else:
            secret(template, next(s for s in plan.secrets if s.id == cache.auth_secret))
            _replication_group(template, cache, subnet_group)
        template.output(f"{logical_id(cache.id)}Endpoint", f"Endpoint of {cache.component}", Ref(cache.id, "endpoint"))


def _replication_group(template: Template, cache: Cache, subnet_group: str) -> None:
    spec = cache.spec
    logical = logical_id(cache.id)
    replicated = spec.replicas_per_shard > 0
    properties = {
        "ReplicationGroupId": cache.replication_group_id,
        "ReplicationGroupDescription": f"{cache.component} ({spec.engine})",
        "Engine": spec.engine,
        "EngineVersion": cache.engine_version,
        "CacheNodeType": spec.node_type,
        "Port": cache.port,
        "CacheSubnetGroupName": {"Ref": subnet_group},
        "SecurityGroupIds": [Ref(cache.security_group)],
        "AtRestEncryptionEnabled": True,
        "TransitEncryptionEnabled": True,
        "AuthToken": resolve_secret(cache.auth_secret),
        "SnapshotRetentionLimit": cache.snapshot_retention_days,
        "AutomaticFailoverEnabled": cache.cluster_mode or replicated,
        "MultiAZEnabled": replicated,
        "AutoMinorVersionUpgrade": True,
    }
    if cache.cluster_mode:
        properties |= {"NumNodeGroups": spec.shards, "ReplicasPerNodeGroup": spec.replicas_per_shard,
                       "CacheParameterGroupName": CLUSTER_PARAMETER_GROUPS[spec.engine]}
        endpoint = get_att(logical, "ConfigurationEndPoint.Address")
    else:
        properties["NumCacheClusters"] = 1 + spec.replicas_per_shard
        endpoint = get_att(logical, "PrimaryEndPoint.Address")
    policy = "Snapshot" if cache.snapshot_on_delete else "Delete"
    template.add(logical, "AWS::ElastiCache::ReplicationGroup", properties, represents=cache.id,
                 attributes={"endpoint": endpoint}, DeletionPolicy=policy, UpdateReplacePolicy=policy)


def _memcached(template: Template, cache: Cache, subnet_group: str) -> None:
    spec = cache.spec
    logical = logical_id(cache.id)
    nodes = spec.shards * (1 + spec.replicas_per_shard)  # as the bill counts them
    template.add(logical, "AWS::ElastiCache::CacheCluster", {
        "ClusterName": cache.replication_group_id,
        "Engine": "memcached",
        "EngineVersion": cache.engine_version,
        "CacheNodeType": spec.node_type,
        "NumCacheNodes": nodes,
        "AZMode": "cross-az" if nodes > 1 else "single-az",
        "Port": cache.port,
        "CacheSubnetGroupName": {"Ref": subnet_group},
        "VpcSecurityGroupIds": [Ref(cache.security_group)],
        "TransitEncryptionEnabled": True,
        "AutoMinorVersionUpgrade": True,
    }, represents=cache.id, attributes={"endpoint": get_att(logical, "ConfigurationEndpoint.Address")},
        DeletionPolicy="Delete", UpdateReplacePolicy="Delete")  # memcached keeps nothing to snapshot
