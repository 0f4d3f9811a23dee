"""What a cheaper plan must keep: availability, Spot share, capacity, the components to leave alone and
the fields the user wrote.

Availability is the composite of the request path as AWS's SLAs compose (see
`stackwright.optimize.availability`): serial parts multiply, redundant parts combine in parallel.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from stackwright.optimize.availability import _part as _soft_part
from stackwright.optimize.availability import Composite, composite, composite_of, meets, part
from stackwright.optimize.explicit import replaced
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


def shortfall(spec: Spec, name: str) -> str | None:
    """What component `name` can no longer carry at peak, as capacity_shortfalls(spec) gives it (None when it
    fits), without measuring the other components."""
    return _shortfall(name, spec.components[name], spec, _Context.of(spec))


def capacity_shortfalls(spec: Spec) -> dict[str, str]:
    """Component -> what it can no longer carry at peak (empty when everything fits)."""
    context = _Context.of(spec)
    shortfalls = {}
    for name, c in spec.components.items():
        if (found := _shortfall(name, c, spec, context)) is not None:
            shortfalls[name] = found
    return shortfalls


@dataclass(frozen=True)
class _Context:
    """What each component's shortfall is measured against: the workloads' traffic shares, the peak, the
    database connections and the cache memory the whole spec needs."""

    shares: dict[str, float]
    peak: float
    connections: int  # tasks and instances at most × pool, before headroom
    cache_gib: float  # 0 without a cache

    @classmethod
    def of(cls, spec: Spec) -> _Context:
        peak, _ = sizer.peak_rps(spec)
        pool = spec.sizing.db_pool_per_task
        connections = sum(_units(c) * pool for c in spec.components.values())
        caches = any(c.kind == "elasticache" for c in spec.components.values())
        return cls(sizer.traffic_shares(spec), peak, connections, sizer.cache_memory_needed_gib(spec)[0] if caches else 0.0)

    @property
    def connections_needed(self) -> int:  # as sizer.db_connections_needed counts them
        return math.ceil(self.connections * sizer.p.DB_CONNECTION_HEADROOM)


def _units(c) -> int:
    """Tasks or instances at most (each holds a pool of database connections), as sizer.db_connections_needed
    counts them."""
    counts = c.tasks if c.kind in ("fargate_service", "worker") else c.instances if c.kind == "ec2_asg" else None
    if counts is None:
        return c.count if c.kind == "ec2_instance" else 0
    return counts.max


def _shortfall(name: str, c, spec: Spec, context: _Context) -> str | None:
    if c.kind in sizer.COMPUTE_KINDS:
        per_unit, _ = sizer.unit_capacity(c, spec)
        counts = c.tasks if c.kind == "fargate_service" else c.instances
        needed = context.peak * context.shares[name]
        if counts.max * per_unit < needed:
            return N_("max %(max)s × %(per_unit)s req/s < peak %(needed)s req/s") % {
                "max": counts.max, "per_unit": f"{per_unit:g}", "needed": f"{needed:.1f}"}
    elif c.kind == "rds":
        size = sizer.catalogue.instance_size("rds", c.instance_class)
        needed = context.connections_needed
        if size and sizer.max_connections(c.engine, size.memory_gib) < needed:
            return N_("%(class)s allows %(allowed)s connections < %(needed)s needed") % {
                "class": c.instance_class, "allowed": sizer.max_connections(c.engine, size.memory_gib),
                "needed": needed}
    elif c.kind == "elasticache":
        size = sizer.catalogue.instance_size("elasticache", c.node_type)
        needed = context.cache_gib
        usable = size.memory_gib * c.shards * sizer.p.CACHE_USABLE_SHARE if size else 0
        if size and usable < needed:
            return N_("%(usable)s MB usable < %(needed)s MB needed") % {
                "usable": f"{usable * 1024:,.0f}", "needed": f"{needed * 1024:,.0f}"}
    return None


@dataclass(frozen=True)
class Measures:
    """What `compare` measures on one spec, each a walk over the whole spec."""

    path: Composite  # the request path: its availability and formula, written only when asked for
    spot_share: float
    shortfalls: dict[str, str]
    # Per component, so that a spec differing in a few components is measured in as many steps (remeasure)
    parts: dict | None = None  # name -> (its part of the request path, its part as a soft dependency)
    placed: dict | None = None  # Fargate service -> (tasks, on Spot) at the desired count
    tasks: tuple[int, int] = (0, 0)  # all Fargate tasks, those on Spot
    context: _Context | None = None
    positions: dict | None = None  # component -> its place in the spec, written once for all its remeasures

    @functools.cached_property
    def availability(self) -> tuple[float, str]:
        return round(self.path.percent, 4), self.path.formula


def measure(spec: Spec) -> Measures:
    parts = {name: parts_of(name, c, spec) for name, c in spec.components.items()}
    placed = {name: placed_of(c) for name, c in spec.components.items() if c.kind == "fargate_service"}
    tasks = (sum(p[0] for p in placed.values()), sum(p[1] for p in placed.values()))
    positions = {name: i for i, name in enumerate(spec.components)}
    return _measures(parts, placed, tasks, capacity_shortfalls(spec), _Context.of(spec), None, positions)


def parts_of(name: str, c, spec: Spec) -> tuple:
    """The component's part of the request path and its part as a soft dependency (None where it has none)."""
    return part(name, c, spec), (_soft_part(name, c, spec) if name in spec.soft_dependencies else None)


def placed_of(c) -> tuple[int, int]:
    """A Fargate service's tasks at the desired count and those on Spot."""
    placed = _placement(c, c.tasks.desired)
    return sum(placed.values()), placed.get("FARGATE_SPOT", 0)


def _measures(parts: dict, placed: dict, tasks: tuple[int, int], shortfalls: dict, context: _Context,
              path: Composite | None = None, positions: dict | None = None) -> Measures:
    found = path if path is not None else composite_of(tuple(p for p, _ in parts.values() if p is not None),
                                                       tuple(s for _, s in parts.values() if s is not None))
    share = tasks[1] / tasks[0] if tasks[0] else 0.0
    return Measures(found, share, shortfalls, parts, placed, tasks, context, positions)


def remeasure(before: Spec, measured: Measures, after: Spec) -> Measures:
    """`after`'s measures from `before`'s, when `after` differs only in some components' values (what one
    change makes): those components are measured again, and what adds up over the whole spec (the
    availability product, Spot tasks, database connections) is added up again from the kept parts in the
    same order, so every figure is the one `measure(after)` gives."""
    changed = _changed(before, after) if measured.parts is not None else None
    if changed is None:
        return measure(after)
    parts, placed, context = dict(measured.parts), dict(measured.placed), measured.context
    tasks, spot = measured.tasks
    connections, pool = context.connections, after.sizing.db_pool_per_task
    same_path = True  # no part changed: the product over the whole path is the one measured
    for name in changed:
        was, now = before.components[name], after.components[name]
        found = parts_of(name, now, after)
        same_path = same_path and found == parts[name]
        parts[name] = found
        if now.kind == "fargate_service":
            old, new = placed[name], placed_of(now)
            placed[name] = new
            tasks, spot = tasks - old[0] + new[0], spot - old[1] + new[1]
        connections += (_units(now) - _units(was)) * pool
    again = set(changed)
    if connections != context.connections:  # every database's shortfall hangs on the connections needed
        again |= {n for n, c in after.components.items() if c.kind == "rds"}
        context = dataclasses.replace(context, connections=connections)
    shortfalls = {n: d for n, d in measured.shortfalls.items() if n not in again}
    for name in again:
        if (found := _shortfall(name, after.components[name], after, context)) is not None:
            shortfalls[name] = found
    positions = measured.positions  # the components and their order are `before`'s (see _changed)
    if len(shortfalls) > 1:  # in the spec's order, as capacity_shortfalls lists them
        if positions is None:
            positions = {n: i for i, n in enumerate(after.components)}
        shortfalls = dict(sorted(shortfalls.items(), key=lambda item: positions[item[0]]))
    return _measures(parts, placed, (tasks, spot), shortfalls, context, measured.path if same_path else None,
                     positions)


def _changed(before: Spec, after: Spec) -> list[str] | None:
    """The components whose values differ, when nothing else does (the spec's own fields, which components
    there are and in what order, their kinds and traffic shares); None otherwise."""
    if {k: v for k, v in before.__dict__.items() if k != "components"} != \
            {k: v for k, v in after.__dict__.items() if k != "components"}:
        return None
    if list(before.components) != list(after.components):
        return None
    changed = replaced(before, after)
    for name in changed:
        was, now = before.components[name], after.components[name]
        if was.kind != now.kind or getattr(was, "share_of_traffic", None) != getattr(now, "share_of_traffic", None):
            return None
    return changed


@dataclass(frozen=True)
class Check:
    """Constraints before and after one change, and whether the change keeps them."""

    broken: list[str]
    needs_consent: list[str]  # written fields changed without consent: the change waits for the user
    after: Measures | None = None  # the changed spec's measures, for the next change's `before`
    # the report, written only when asked for: its formula names every part of the path, and the optimiser
    # checks thousands of changes whose reports it never shows
    write_report: Callable[[], dict] | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def report(self) -> dict:
        return self.write_report()


def compare(before: Spec, after: Spec, changed: set[str], consent: list[str] | None = None,
            measured: Measures | None = None) -> Check:
    """Constraints of `after` against `before`; `consent` lists written fields the change touches without
    the user's consent (see stackwright.optimize.explicit). `measured`: `before`'s measures, when the caller
    has them (the optimiser compares many changes against one spec)."""
    target = before.availability_target
    before_measures = measured or measure(before)
    after_measures = remeasure(before, before_measures, after)
    avail_before = round(before_measures.path.percent, 4)
    avail_after = round(after_measures.path.percent, 4)
    # a plan already below target may still change, as long as it gets no worse
    avail_ok = meets(avail_after, min(target, avail_before))
    max_spot = before.constraints.max_spot_share
    spot_before, spot_after = before_measures.spot_share, after_measures.spot_share
    spot_ok = spot_after <= max(max_spot, spot_before)
    short_before, short_after = before_measures.shortfalls, after_measures.shortfalls
    new_shortfalls = {n: d for n, d in short_after.items() if n not in short_before}
    kept_as_is = sorted(changed & set(before.constraints.keep))
    consent = consent or []

    def report() -> dict:
        return {
            "availability": {"target": target, "before": avail_before, "after": avail_after, "kept": avail_ok,
                             "formula": after_measures.availability[1]},
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
                         "formula": after_measures.availability[1]})
    if not spot_ok:
        broken.append(N_("Spot share %(share)s > max_spot_share %(max)s (over by %(over)s)") % {
            "share": f"{spot_after:.0%}", "max": f"{max_spot:.0%}", "over": f"{spot_after - max_spot:.0%}"})
    broken += [N_("capacity: %(name)s: %(detail)s") % {"name": name, "detail": detail}
               for name, detail in new_shortfalls.items()]
    if kept_as_is:
        broken.append(N_("changes %(fields)s, which constraints.keep says to leave as is") % {
            "fields": ", ".join(kept_as_is)})
    return Check(broken, consent, after_measures, report)
