"""ElastiCache node-based cluster: shards × (1 + replicas) nodes."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import RESERVED_KEYS
from stackwright.spec.model import ElastiCache


def components(name: str, cache: ElastiCache, ctx) -> Iterator[CostComponent]:
    nodes = cache.shards * (1 + cache.replicas_per_shard)
    option = cache.purchase_option
    term = f"{RESERVED_KEYS[option]}/" if option in RESERVED_KEYS else ""
    yield hourly(
        "elasticache", f"Cache nodes ({cache.node_type}, {cache.engine}, {option.replace('_', ' ')})",
        f"elasticache/{cache.engine}/{term}{cache.node_type}", nodes, purchase_option=option,
        assumption=f"{cache.shards} shard(s) × (1 primary + {cache.replicas_per_shard} replica(s)) = {nodes} node(s) × 730 h",
        spec_field=("node_type",),
    )
