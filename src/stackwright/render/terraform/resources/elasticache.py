"""ElastiCache: redis/valkey as a replication group (cluster mode when shards > 1) with encryption at
rest and in transit and a generated AUTH token; memcached as a TLS cluster."""

from __future__ import annotations

from stackwright.plan.model import Cache, Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, plan_secret, resource, secret
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "cache"
CLUSTER_PARAMETER_GROUPS = {"redis": "default.redis7.cluster.on", "valkey": "default.valkey8.cluster.on"}


def render(component: str, plan: Plan, stack: Stack) -> None:
    for cache in plan.of(plan.caches, component):
        subnet_group = resource(stack, MODULE, "aws_elasticache_subnet_group", local_name(cache.id), {
            "name": resource_name(plan.name, cache.id, limit=255),
            "description": f"Private data subnets of {cache.component}",
            "subnet_ids": [Ref(s) for s in cache.subnets],
            "tags": name_tags(plan, cache.id),
        })
        if cache.spec.engine == "memcached":
            _memcached(plan, stack, cache, subnet_group)
        else:
            password = secret(stack, MODULE, plan_secret(plan, cache.auth_secret))
            _replication_group(plan, stack, cache, subnet_group, password)
        stack.output(f"{local_name(cache.id)}_endpoint", f"Endpoint of {cache.component}", Ref(cache.id, "endpoint"))


def _replication_group(plan: Plan, stack: Stack, cache: Cache, subnet_group: str, password: str) -> None:
    spec = cache.spec
    name = local_name(cache.id)
    replicated = spec.replicas_per_shard > 0
    body = {
        "replication_group_id": cache.replication_group_id,
        "description": f"{cache.component} ({spec.engine})",
        "engine": spec.engine,
        "engine_version": cache.engine_version,
        "node_type": spec.node_type,
        "port": cache.port,
        "subnet_group_name": attribute(subnet_group, "name"),
        "security_group_ids": [Ref(cache.security_group)],
        "at_rest_encryption_enabled": True,
        "transit_encryption_enabled": True,
        "auth_token": attribute(password, "result"),
        "snapshot_retention_limit": cache.snapshot_retention_days,
        "automatic_failover_enabled": cache.cluster_mode or replicated,
        "multi_az_enabled": replicated,
        "auto_minor_version_upgrade": True,
    }
    if cache.snapshot_on_delete:
        body["final_snapshot_identifier"] = resource_name(plan.name, cache.id, "final", limit=255)
    if cache.cluster_mode:
        body |= {"num_node_groups": spec.shards, "replicas_per_node_group": spec.replicas_per_shard,
                 "parameter_group_name": CLUSTER_PARAMETER_GROUPS[spec.engine]}
        endpoint = "configuration_endpoint_address"
    else:
        body["num_cache_clusters"] = 1 + spec.replicas_per_shard
        endpoint = "primary_endpoint_address"
    body["tags"] = name_tags(plan, cache.id)
    address = f"aws_elasticache_replication_group.{name}"
    resource(stack, MODULE, "aws_elasticache_replication_group", name, body, element=cache, represents=cache.id,
             attributes={"endpoint": attribute(address, endpoint)})


def _memcached(plan: Plan, stack: Stack, cache: Cache, subnet_group: str) -> None:
    spec = cache.spec
    name = local_name(cache.id)
    nodes = spec.shards * (1 + spec.replicas_per_shard)  # as the bill counts them
    address = f"aws_elasticache_cluster.{name}"
    resource(stack, MODULE, "aws_elasticache_cluster", name, {
        "cluster_id": cache.replication_group_id,
        "engine": "memcached",
        "engine_version": cache.engine_version,
        "node_type": spec.node_type,
        "num_cache_nodes": nodes,
        "az_mode": "cross-az" if nodes > 1 else "single-az",
        "port": cache.port,
        "subnet_group_name": attribute(subnet_group, "name"),
        "security_group_ids": [Ref(cache.security_group)],
        "transit_encryption_enabled": True,
        "tags": name_tags(plan, cache.id),
    }, element=cache, represents=cache.id, attributes={"endpoint": attribute(address, "cluster_address")})
