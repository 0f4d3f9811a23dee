"""What a cheaper plan must keep: availability, Spot share, capacity, the components to leave alone and
the fields the user wrote.

Availability is the composite of the request path as AWS's SLAs compose (see
`stackwright.optimize.availability`): serial parts multiply, redundant parts combine in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.optimize.availability import composite, meets
from stackwright.sizing import sizer
from stackwright.spec.model import Spec
from stackwright.translatable import N_


def _placement(component, tasks: int) -> dict[str, int]:
    from stackwright.resources.types.aws_ecs_service import place_tasks

    return place_tasks(tasks, component.capacity_providers)


def availability(spec: Spec) -> tuple[float, str]:
    """The request path's composite availability and the formula that gives it."""
    result = composite(spec)
    return round(result.percent, 4), result.formula


def spot_share(spec: Spec) -> float:
    tasks = spot = 0
    for component in spec.components.values():
        if component.kind == "fargate_service":
            placed = _placement(component, component.tasks.desired)
            tasks += sum(placed.values())
            spot += placed.get("FARGATE_SPOT", 0)
    return spot / tasks if tasks else 0.0


def capacity_shortfalls(spec: Spec) -> dict[str, str]:
    """Component -> what it can no longer carry at peak (empty when everything fits)."""
    shortfalls = {}
    shares = sizer.traffic_shares(spec)
    peak, _ = sizer.peak_rps(spec)
    for name, c in spec.components.items():
        if c.kind in sizer.COMPUTE_KINDS:
            per_unit, _ = sizer.unit_capacity(c, spec)
            counts = c.tasks if c.kind == "fargate_service" else c.instances
            needed = peak * shares[name]
            if counts.max * per_unit < needed:
                shortfalls[name] = N_("max %(max)s × %(per_unit)s req/s < peak %(needed)s req/s") % {
                    "max": counts.max, "per_unit": f"{per_unit:g}", "needed": f"{needed:.1f}"}
        elif c.kind == "rds":
            size = sizer.catalogue.instance_size("rds", c.instance_class)
            needed, _ = sizer.db_connections_needed(spec)
            if size and sizer.max_connections(c.engine, size.memory_gib) < needed:
                shortfalls[name] = N_("%(class)s allows %(allowed)s connections < %(needed)s needed") % {
                    "class": c.instance_class, "allowed": sizer.max_connections(c.engine, size.memory_gib),
                    "needed": needed}
        elif c.kind == "elasticache":
            size = sizer.catalogue.instance_size("elasticache", c.node_type)
            needed, _ = sizer.cache_memory_needed_gib(spec)
            usable = size.memory_gib * c.shards * sizer.p.CACHE_USABLE_SHARE if size else 0
            if size and usable < needed:
                shortfalls[name] = N_("%(usable)s MB usable < %(needed)s MB needed") % {
                    "usable": f"{usable * 1024:,.0f}", "needed": f"{needed * 1024:,.0f}"}
    return shortfalls


@dataclass(frozen=True)
class Measures:
    """What `compare` measures on one spec, each a walk over the whole spec."""

    availability: tuple[float, str]
    spot_share: float
    shortfalls: dict[str, str]


def measure(spec: Spec) -> Measures:
    return Measures(availability(spec), spot_share(spec), capacity_shortfalls(spec))


@dataclass(frozen=True)
class Check:
    """Constraints before and after one change, and whether the change keeps them."""

    report: dict
    broken: list[str]
    needs_consent: list[str]  # written fields changed without consent: the change waits for the user
    after: Measures | None = None  # the changed spec's measures, for the next change's `before`


def compare(before: Spec, after: Spec, changed: set[str], consent: list[str] | None = None,
            measured: Measures | None = None) -> Check:
    """Constraints of `after` against `before`; `consent` lists written fields the change touches without
    the user's consent (see stackwright.optimize.explicit). `measured`: `before`'s measures, when the caller
    has them (the optimiser compares many changes against one spec)."""
    target = before.availability_target
    before_measures, after_measures = measured or measure(before), measure(after)
    avail_before, _ = before_measures.availability
    avail_after, formula = after_measures.availability
    # a plan already below target may still change, as long as it gets no worse
    avail_ok = meets(avail_after, min(target, avail_before))
    max_spot = before.constraints.max_spot_share
    spot_before, spot_after = before_measures.spot_share, after_measures.spot_share
    spot_ok = spot_after <= max(max_spot, spot_before)
    short_before, short_after = before_measures.shortfalls, after_measures.shortfalls
    new_shortfalls = {n: d for n, d in short_after.items() if n not in short_before}
    kept_as_is = sorted(changed & set(before.constraints.keep))
    consent = consent or []
    report = {
        "availability": {"target": target, "before": avail_before, "after": avail_after, "kept": avail_ok,
                         "formula": formula},
        "spot_share": {"max": max_spot, "before": round(spot_before, 3), "after": round(spot_after, 3),
                       "kept": spot_ok},
        "capacity": {"kept": not new_shortfalls, "shortfalls": new_shortfalls},
        "keep": {"kept": not kept_as_is, "touched": kept_as_is},
        "explicit": {"kept": not consent, "needs_consent": consent},
    }
    broken = []
    if not avail_ok:
        broken.append(N_("availability %(level)s%% < target %(target)s%% (short by %(short)s points: %(formula)s)")
                      % {"level": f"{avail_after:.4g}", "target": f"{target:g}", "short": f"{target - avail_after:.2f}",
                         "formula": formula})
    if not spot_ok:
        broken.append(N_("Spot share %(share)s > max_spot_share %(max)s (over by %(over)s)") % {
            "share": f"{spot_after:.0%}", "max": f"{max_spot:.0%}", "over": f"{spot_after - max_spot:.0%}"})
    broken += [N_("capacity: %(name)s: %(detail)s") % {"name": name, "detail": detail}
               for name, detail in new_shortfalls.items()]
    if kept_as_is:
        broken.append(N_("changes %(fields)s, which constraints.keep says to leave as is") % {
            "fields": ", ".join(kept_as_is)})
    return Check(report, broken, consent, after_measures)
