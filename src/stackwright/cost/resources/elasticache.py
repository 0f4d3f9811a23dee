"""ElastiCache node-based cluster: shards × (1 + replicas) nodes."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import OPTION_WORDS, RESERVED_KEYS
from stackwright.spec.model import ElastiCache
from stackwright.translatable import N_


def components(name: str, cache: ElastiCache, ctx) -> Iterator[CostComponent]:
    nodes = cache.shards * (1 + cache.replicas_per_shard)
    option = cache.purchase_option
    term = f"{RESERVED_KEYS[option]}/" if option in RESERVED_KEYS else ""
    yield hourly(
        "elasticache", N_("Cache nodes (%(type)s, %(engine)s, %(option)s)") % {
            "type": cache.node_type, "engine": cache.engine, "option": OPTION_WORDS[option]},
        f"elasticache/{cache.engine}/{term}{cache.node_type}", nodes, purchase_option=option,
        assumption=N_("%(shards)s shard(s) × (1 primary + %(replicas)s replica(s)) = %(nodes)s node(s) × 730 h") % {
            "shards": cache.shards, "replicas": cache.replicas_per_shard, "nodes": nodes},
        spec_field=("node_type",),
    )
