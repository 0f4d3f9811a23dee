"""The smallest cache node that still holds sessions and hot data."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.pricing import catalogue
from stackwright.sizing import sizer
from stackwright.translatable import N_


def propose(spec, only=None):
    prices = catalogue.load(spec.region)
    for name, cache in components(spec, only):
        if cache.kind != "elasticache":
            continue
        try:
            target, why = sizer.size_cache(cache, spec, prices)
        except ValueError:
            continue
        if target != cache.node_type:
            yield Proposal(with_component(spec, name, node_type=target),
                           N_("%(name)s: %(current)s → %(target)s (right-size)") % {
                               "name": name, "current": cache.node_type, "target": target},
                           N_("Sized from the spec's traffic: %(why)s. Watch evictions and "
                              "DatabaseMemoryUsagePercentage.") % {"why": why},
                           frozenset({name}))


RULE = Rule("OPT007", "Right-size the cache", propose, per_component=True)
