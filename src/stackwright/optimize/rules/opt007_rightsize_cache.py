"""The smallest cache node that still holds sessions and hot data."""

from stackwright.optimize.rule import Proposal, Rule, with_component
from stackwright.pricing import catalogue
from stackwright.sizing import sizer


def propose(spec):
    prices = catalogue.load(spec.region)
    for name, cache in spec.components.items():
        if cache.kind != "elasticache":
            continue
        try:
            target, why = sizer.size_cache(cache, spec, prices)
        except ValueError:
            continue
        if target != cache.node_type:
            yield Proposal(with_component(spec, name, node_type=target),
                           f"{name}: {cache.node_type} → {target} (right-size)",
                           f"Sized from the spec's traffic: {why}. Watch evictions and DatabaseMemoryUsagePercentage.",
                           frozenset({name}))


RULE = Rule("OPT007", "Right-size the cache", propose)
