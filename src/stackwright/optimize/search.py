"""Search for the cheapest spec that keeps every constraint, and the trade-off curve around it.

The search is exact over the rules' proposals, under one assumption it then checks: a change to one
component moves the bill by the same amount whatever the other components are (the final spec and
every front point are re-priced whole). It works in three parts:

1. Variants: for each component, every spec the single-component proposals reach from it, applied in
   any order (a Graviton class, then a reservation of that class). Proposals that add, remove or
   change several components (endpoints, CloudFront, part-time environments) are applied as whole
   subsets on top.
2. Pareto front: per component, the variants that no cheaper variant beats on availability; fronts
   merge component by component (cost adds, availability multiplies), so the front of the whole
   spec is found without listing every combination. Each availability level keeps its cheapest
   point, its fewest-Spot point and the next cheapest up to POINTS_PER_LEVEL, not one point per
   reachable Spot-task count, so a merge handles levels × 12 points (levels grow with the spec, far
   slower than Spot-task counts).
3. Choice: the cheapest front point that keeps the target, the Spot limit, capacity, `keep` and the
   fields the user wrote (changes to those wait for consent) — checked on the re-priced spec.

The history then applies the chosen changes one at a time, each priced against the spec as it stands,
so no saving is counted twice. `greedy` keeps the earlier one-best-step-at-a-time search, which the
tests hold the exact search to.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import operator
from dataclasses import asdict, dataclass, field

from stackwright import collector
from stackwright.cost.bill import plain_fields
from stackwright.optimize.availability import SLAS, composite, meets, part
from stackwright.optimize.constraints import (Check, availability, capacity_shortfalls, compare, measure,
                                              shortfall, spot_share)
from stackwright.optimize.explicit import explicit_fields, needing_consent
from stackwright.optimize.availability import Composite, composite_of
from stackwright.optimize.constraints import parts_of, placed_of
from stackwright.optimize.rule import Proposal, Rule, all_rules
from stackwright.sizing import sizer
from stackwright.spec.model import Spec
from stackwright.spec_bill import monthly_sum
from stackwright.translatable import N_

MIN_SAVING_USD = 0.01
MAX_VARIANTS_PER_COMPONENT = 64  # bounds the closure; no blueprint component comes near it
MAX_GLOBAL_PROPOSALS = 4  # subsets of whole-spec proposals tried: at most 2**4
REDUNDANCY_RULES = ("OPT019",)  # changes that buy availability
LAYOUTS_KEPT = 64  # specs whose layout (see _Search._layout) is kept


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    summary: str
    components: list[str]
    monthly_saving_usd: float  # negative for a change that buys availability
    running_total_usd: float
    constraints: dict
    risk: str
    new: bool  # not among the spec's savings_already_listed
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    id: str
    summary: str
    reason: str


@dataclass(frozen=True)
class Consent:
    """A change that would pay but touches fields the user wrote: it waits for `constraints.may_change`."""

    id: str
    summary: str
    fields: list[str]
    monthly_saving_usd: float
    allow_with: str  # the may_change entry that would allow it


@dataclass(frozen=True)
class FrontPoint:
    monthly_usd: float
    availability: float
    spot_share: float
    changes: list[str]  # "OPT005 db: Multi-AZ → Single-AZ", in order
    needs_consent: list[str]  # written fields it changes without consent
    chosen: bool = False


@dataclass
class Result:
    baseline: Spec
    baseline_monthly_usd: float
    optimized: Spec
    optimized_monthly_usd: float
    steps: list[Step]
    rejected: list[Rejected]
    warnings: list[str]  # what the baseline already breaks
    needs_consent: list[Consent] = field(default_factory=list)
    front: list[FrontPoint] = field(default_factory=list)
    availability: dict = field(default_factory=dict)  # baseline and optimised composite, formula, sources

    def to_json(self) -> dict:
        return {
            "name": self.baseline.name,
            "baseline_monthly_usd": self.baseline_monthly_usd,
            "optimized_monthly_usd": self.optimized_monthly_usd,
            "saving_percent": round(100 * (1 - self.optimized_monthly_usd / self.baseline_monthly_usd), 1)
            if self.baseline_monthly_usd else 0.0,
            "availability": self.availability,
            "warnings": self.warnings,
            "steps": [plain_fields(s) for s in self.steps],
            "needs_consent": [plain_fields(c) for c in self.needs_consent],
            "rejected": [plain_fields(r) for r in self.rejected],
            "pareto_front": [plain_fields(p) for p in self.front],
        }


class _Prices:
    def __init__(self) -> None:
        self.cache: dict[tuple, float] = {}  # see _key
        self._cut_sums: dict[tuple, float] = {}  # see _cut_key
        self._settings: dict[tuple, tuple] = {}  # see _cut_key
        self._fields: dict[tuple, tuple] = {}  # see _key
        self._contents: dict[int, tuple] = {}  # id(component) -> (its JSON, the component), see content

    def total(self, spec: Spec) -> float:
        """The bill's total, as `Bill.total` rounds it."""
        return round(self.sum(spec), 2)

    def sum(self, spec: Spec, workload: str | None = None) -> float:
        """The bill's lines added up, unrounded: differences of these add up to the whole bill. A spec cut
        down to `workload` is priced with the workload under one fixed name, so workloads alike in all but
        their names share their pricings."""
        if workload is not None:
            key = self._cut_key(spec, workload)
            found = self._cut_sums.get(key)
            if found is None:
                found = self._cut_sums[key] = self.sum(_anonymous(spec, workload, named=key[1] is not None))
            return found
        key = self._key(spec)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = monthly_sum(spec)
        return found

    def _key(self, spec: Spec) -> tuple:
        """What the spec's JSON is made of, without writing it (400 KB at 1,000 services, and the search asks
        again for specs it priced, each a new object holding the same components): the JSON of its own fields
        and each component's name and JSON, written once per object."""
        fields = tuple(id(v) for k, v in spec.__dict__.items() if k != "components")
        found = self._fields.get(fields)
        if found is None:  # the fields kept alive with it, so no id is reused
            rest = spec.model_copy(update={"components": {}})
            found = self._fields[fields] = (rest.model_dump_json(), rest)
        content = self.content
        return found[0], *itertools.chain.from_iterable((n, content(c)) for n, c in spec.components.items())

    def content(self, component) -> str:
        """The component's JSON, written once per object (the search holds equal components in distinct
        objects, and the same objects in many specs)."""
        found = self._contents.get(id(component))
        if found is None or found[1] is not component:
            found = self._contents[id(component)] = (component.model_dump_json(), component)
        return found[0]

    def _cut_key(self, spec: Spec, workload: str) -> tuple:
        """What `_anonymous(spec, workload)`'s JSON is made of, without writing the whole spec: its setting (the
        other components' names, places and objects, and the spec's own fields, kept alive so no id is reused),
        the workload's name where the setting names it, and the workload's JSON. The search prices tens of
        thousands of workloads' variants, each in a spec cut down to it and the same few platform objects."""
        components = spec.components
        index, others_json, _ = self._setting(spec, workload)
        named = ANONYMOUS in components or workload in others_json  # then _anonymous keeps the name
        return index, workload if named else None, components[workload].model_dump_json()

    def others_json(self, spec: Spec, workload: str) -> str:
        """The JSON of `spec` without component `workload` (see _cut_key)."""
        return self._setting(spec, workload)[1]

    def _setting(self, spec: Spec, workload: str) -> tuple[int, str, Spec]:
        components = spec.components
        setting = (tuple(None if n == workload else n for n in components),
                   tuple(id(c) for n, c in components.items() if n != workload),
                   tuple(id(v) for k, v in spec.__dict__.items() if k != "components"))
        found = self._settings.get(setting)
        if found is None:
            others = spec.model_copy(update={"components": {n: c for n, c in components.items() if n != workload}})
            found = self._settings[setting] = (len(self._settings), others.model_dump_json(), others)
        return found


ANONYMOUS = "focused-workload"
STAND_IN = "\ue000workload\ue000"  # a workload's name while the search of its shape runs (see _Search._shape)


def _anonymous(spec: Spec, name: str, named: bool | None = None) -> Spec:
    """`spec` with component `name` renamed ANONYMOUS in its place, unless anything else in the spec names
    it (then its name may change the bill). `named`: whether it does, when the caller knows (`_cut_key` finds
    it once per setting, so the rest of the spec is not written again for each workload's variant)."""
    if named is None:
        named = ANONYMOUS in spec.components or name in spec.model_copy(update={"components": {
            n: c for n, c in spec.components.items() if n != name}}).model_dump_json()
    if named:
        return spec
    return spec.model_copy(update={"components": {ANONYMOUS if n == name else n: c
                                                  for n, c in spec.components.items()}})


@dataclass(frozen=True)
class _Move:
    """One applied proposal: what it did and how to do it again on another spec."""

    rule: Rule
    proposal: Proposal
    consent: tuple[str, ...]  # written fields it changes without consent
    before: Spec  # the spec the proposal changed
    focused: bool = False  # changes one workload, searched in the spec cut down to it (see _Search.focus)

    @functools.cached_property
    def label(self) -> str:  # written once: a front of many points lists the same moves
        return f"{self.rule.id} {self.proposal.summary}"


def _apply(move: _Move, before: Spec, onto: Spec) -> Spec:
    """`onto` with the changes `move` made to `before`: its components set, added or removed, and any
    spec-level field it changed."""
    after = move.proposal.spec
    components = dict(onto.components)
    for name in sorted(move.proposal.components | {n for n in before.components if n not in after.components}):
        if name in after.components:
            components[name] = after.components[name]
        else:
            components.pop(name, None)
    updates = {"components": components}
    for name in ("running_hours_per_week", "traffic"):
        if getattr(after, name) != getattr(before, name):
            updates[name] = getattr(after, name)
    return onto.model_copy(update=updates)


def _single_component(proposal: Proposal, spec: Spec) -> str | None:
    """The one existing component a proposal changes, or None when it changes more (or the spec)."""
    if len(proposal.components) != 1:
        return None
    (name,) = proposal.components
    after = proposal.spec
    if name not in spec.components or name not in after.components or after.components.keys() != spec.components.keys():
        return None
    if type(after) is not type(spec) or not all(a is b or a == b for a, b in zip(_fields(after), _fields(spec))):
        return None
    return name


def _fields(spec: Spec) -> list:
    """The spec's own fields' values (all but its components), as pydantic compares them."""
    values = spec.__dict__
    return [values[k] for k in OWN_FIELDS]


OWN_FIELDS = tuple(k for k in Spec.model_fields if k != "components")


@dataclass(frozen=True)
class _Variant:
    component: str
    value: object  # the component as changed (the baseline's own object for no change)
    moves: tuple[_Move, ...]
    delta_usd: float  # bill change against the baseline, this component alone changed
    availability: float  # its part of the request path, 100 when off it
    local_ok: bool  # keeps its own capacity and Spot limit
    units: int = 0  # tasks or instances at most (each holds a pool of DB connections)
    connection_limit: int | None = None  # a database's max_connections; None when not a database or unbounded
    spot_tasks: int = 0  # tasks on Fargate Spot at the desired count (fewer is the safer side of the front)
    tasks: int = 0  # Fargate tasks at the desired count

    @property
    def consent(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for m in self.moves for f in m.consent))

    @functools.cached_property
    def focused(self) -> bool:  # asked for each point of the front
        """Every move changes one workload (see _Move.focused)."""
        return all(m.focused for m in self.moves)


class _Search:
    def __init__(self, spec: Spec, rules: list[Rule], explicit: frozenset) -> None:
        self.base, self.rules, self.explicit = spec, rules, explicit
        self.prices = _Prices()
        self.base_total = self.prices.total(spec)
        self.short_before = capacity_shortfalls(spec)
        self.spot_before = spot_share(spec)
        self.avail_before = composite(spec).percent
        self.measured = measure(spec)  # the baseline's side of every comparison with it
        self._shares = sizer.traffic_shares(spec)
        self._layouts: dict[int, tuple] = {}  # id(spec) -> (spec, its layout), see _layout
        self._workload_sums: dict[tuple, float] = {}  # see workload_sum
        self._named: dict[tuple, bool] = {}  # (platform, workload) -> see _names
        self._platform_json: dict[tuple, str] = {}  # platform -> see _names
        self._platforms: dict[tuple, tuple] = {}  # see _layout
        self._variant_deltas: dict[tuple, float] = {}  # (platform, variant) -> its bill change, see total_of
        self._paths: dict[tuple, tuple] = {}  # (name, id(component), soft dependencies, AZs) -> see path
        self._templates: dict[tuple, list[_Variant]] = {}  # a workload's shape -> its variants as STAND_IN
        self.base_sum = self.prices.sum(spec)
        self._platform = None if not _focusable(spec) else frozenset(
            n for n, c in spec.components.items() if c.kind not in sizer.COMPUTE_KINDS)
        written: dict[str, set] = {}  # component -> its written fields, for each workload's cut-down spec
        for path in explicit:
            if len(path) > 1:
                written.setdefault(path[0], set()).add(path)
        self._explicit_of = {n: frozenset(paths) for n, paths in written.items()}
        self._platform_explicit = frozenset(p for p in explicit if len(p) == 1 or p[0] in (self._platform or ()))

    def consent(self, rule: Rule, before: Spec, after: Spec) -> tuple[str, ...]:
        return tuple(needing_consent(self.base, self.explicit, rule.id, before, after))

    def variants(self, name: str) -> list[_Variant]:
        """Every value the single-component proposals give `name`, reached from the baseline. Workloads alike
        in all but their names (a thousand services are a few dozen kinds) are searched once, under a name
        nothing else in the spec uses, and what that search found is renamed for each (see _shape)."""
        base = self.base
        start = self._variant(name, base.components[name], (), 0.0, base, True)
        if name in base.constraints.keep:
            return [start]
        focus = self.focus(name)
        shape = None if focus is None else self._shape(name, focus)
        if shape is None:
            return self._explore(name, start, focus, name in self.short_before)
        template = self._templates.get(shape)
        if template is None:
            template = self._templates[shape] = self._explore(STAND_IN, start, self.focus(name, STAND_IN),
                                                              name in self.short_before)
        return _relabelled(template, name, start, focus)

    def _shape(self, name: str, focus: _Focus) -> tuple | None:
        """What the search of workload `name` hangs on besides its name, when nothing else in its cut-down spec
        names it (then the rules use the name as a label only): its value and written fields, its traffic
        share, its place among the platform's components and whether the baseline already lacked capacity.
        None when something names it, or STAND_IN or ANONYMOUS (whose pricing keeps the name)."""
        others = self.prices.others_json(focus.spec, name)
        if name in others or STAND_IN in others or ANONYMOUS in focus.spec.components:
            return None
        component = self.base.components[name]
        return (self._place(self.base, name), type(component), self.prices.content(component),
                frozenset(component.model_fields_set), self._shares[name],
                frozenset(p[1:] for p in self._explicit_of.get(name, ())), name in self.short_before)

    def _explore(self, name: str, start: _Variant, focus: _Focus | None, short: bool) -> list[_Variant]:
        """The variants of `name` (in `focus`'s spec, when given), breadth first from `start`. `short`: the
        baseline already lacked capacity for it."""
        base = self.base
        if focus is not None:  # search a workload in the spec cut down to it and the shared platform
            base, explicit = focus.spec, focus.explicit
        else:
            explicit = self.explicit
        workload = None if focus is None else name
        base_sum = self.prices.sum(base, workload)
        seen = {base.components[name].model_dump_json(): start}
        # each spec queued with its component as written (restored), made once for its variant and its moves
        queue = [(base, start, base.components[name] if focus is None else focus.restore(base.components[name]))]
        # redundancy first: a variant reached both ways keeps the chain that buys availability before it
        # saves, so the history never passes through a spec below the target
        rules = sorted(self.rules, key=lambda r: r.id not in REDUNDANCY_RULES)
        while queue and len(seen) < MAX_VARIANTS_PER_COMPONENT:
            spec, variant, written = queue.pop(0)
            for rule in rules:
                for proposal in rule.proposals(spec, only=name):
                    if proposal.unpriced or _single_component(proposal, spec) != name:
                        continue
                    after = proposal.spec
                    value = after.components[name] if focus is None else focus.restore(after.components[name])
                    key = value.model_dump_json()
                    known = seen.get(key)
                    if known is not None and not known.consent:
                        continue  # found by a path that needs no consent: none needs less
                    consent = tuple(needing_consent(self.base, explicit, rule.id, spec, after))
                    if known is not None:
                        # the same value by a path that needs less consent (a rule the team planned) wins
                        if len({*variant.consent, *consent}) < len(known.consent):
                            move = self._move(rule, proposal, consent, spec, written, value, focus)
                            seen[key] = dataclasses.replace(known, moves=variant.moves + (move,))
                            queue.append((after, seen[key], value))
                        continue
                    move = self._move(rule, proposal, consent, spec, written, value, focus)
                    found = self._variant(name, value, variant.moves + (move,),
                                          round(self.prices.sum(after, workload) - base_sum, 4), after,
                                          self._local_ok(name, after, short))
                    seen[key] = found
                    queue.append((after, found, value))
        return list(seen.values())

    @staticmethod
    def _move(rule: Rule, proposal: Proposal, consent: tuple, before: Spec, written_before, written_after,
              focus: _Focus | None) -> _Move:
        """The move for a proposal on `before`: made only for a variant kept, as most proposals reach a value
        already found. `written_before` and `written_after`: the component in `before` and after the proposal,
        restored as written."""
        if focus is not None:  # the moves the history replays carry the component as written
            proposal = dataclasses.replace(proposal, spec=focus.restored(proposal.spec, written_after))
            before = focus.restored(before, written_before)
        return _Move(rule, proposal, consent, before, focus is not None)

    def _variant(self, name: str, value, moves: tuple, delta: float, spec: Spec, ok: bool) -> _Variant:
        units, limit, spot = 0, None, 0
        if value.kind in sizer.COMPUTE_KINDS:
            units = (value.tasks if value.kind == "fargate_service" else value.instances).max
        elif value.kind == "ec2_instance":
            units = value.count
        elif value.kind == "rds" and name not in self.short_before:  # a database already short may stay short
            size = sizer.catalogue.instance_size("rds", value.instance_class)
            limit = sizer.max_connections(value.engine, size.memory_gib) if size else None
        if value.kind == "fargate_service":
            from stackwright.resources.types.aws_ecs_service import place_tasks

            spot = place_tasks(value.tasks.desired, value.capacity_providers).get("FARGATE_SPOT", 0)
        tasks = value.tasks.desired if value.kind == "fargate_service" else 0
        return _Variant(name, value, moves, delta, self._part(name, value, spec), ok, units, limit, spot, tasks)

    def _part(self, name: str, value, spec: Spec) -> float:
        found = part(name, value, spec)
        return found.percent if found else 100.0

    def focus(self, name: str, label: str | None = None) -> _Focus | None:
        """The spec cut down to workload `name` and every component that is not a workload, when that
        prices and proposes for `name` exactly as the whole spec does; None otherwise. `label`: the name the
        workload goes by in it (its own when not given)."""
        if self._platform is None:
            return None
        component = self.base.components[name]
        if component.kind not in sizer.COMPUTE_KINDS:
            return None
        label = name if label is None else label
        spec = self.cut(self.base, name, label=label)
        explicit = self._platform_explicit | {(label, *p[1:]) for p in self._explicit_of.get(name, ())}
        return _Focus(label, component, spec, explicit)

    def cut(self, spec: Spec, name: str, value=None, label: str | None = None) -> Spec:
        """`spec` with workload `name` (`value` in its place, when given; its traffic share pinned; named
        `label`, when given) and no other workload."""
        value = spec.components[name] if value is None else value
        pinned = value.model_copy(update={"share_of_traffic": self._shares[name]})
        platform = self._layout(spec)[1]
        i = self._place(spec, name)
        return spec.model_copy(update={"components": dict([*platform[:i], (label or name, pinned), *platform[i:]])})

    def _place(self, spec: Spec, name: str) -> int:
        """Where workload `name` goes among `spec`'s platform components: it keeps its place among them."""
        positions, _, at, _ = self._layout(spec)
        return bisect.bisect_left(at, positions[name])

    def _layout(self, spec: Spec) -> tuple[dict[str, int], list[tuple], list[int], tuple]:
        """Each component's place in `spec`, its platform components in order, their places, and what a cut
        of `spec` hangs on besides the workload (its platform components and the spec's own fields) as one
        shared key: worked out once per spec, as the front and the history cut the same spec down to each of
        its workloads."""
        found = self._layouts.get(id(spec))
        if found is None or found[0] is not spec:
            positions = {n: i for i, n in enumerate(spec.components)}
            platform = [(n, c) for n, c in spec.components.items() if c.kind not in sizer.COMPUTE_KINDS]
            objects = (*(c for _, c in platform), *(v for k, v in spec.__dict__.items() if k != "components"))
            key = tuple(map(id, objects))
            key = self._platforms.setdefault(key, (key, objects))[0]  # the objects kept, so no id is reused
            found = (spec, (positions, platform, [positions[n] for n, _ in platform], key))
            if len(self._layouts) >= LAYOUTS_KEPT:
                del self._layouts[next(iter(self._layouts))]
            self._layouts[id(spec)] = found
        return found[1]

    def saving(self, proposal: Proposal) -> float:
        """What a proposal on the baseline saves a month: a workload's change priced in the spec cut down
        to it, any other change on the whole spec."""
        name = _single_component(proposal, self.base)
        if name is None or self._platform is None or self.base.components[name].kind not in sizer.COMPUTE_KINDS:
            return round(self.base_total - self.prices.total(proposal.spec), 2)
        delta = self.workload_sum(self.base, name, proposal.spec.components[name]) - self.workload_sum(self.base, name)
        return round(self.base_total - round(self.base_sum + delta, 2), 2)

    def delta(self, move: _Move, spec: Spec) -> float:
        """How much `move` changes the unrounded bill of `spec`: a workload's change priced in the spec cut
        down to it, any other change on the whole spec."""
        if move.focused:  # one workload's value set, no component added or removed: `_apply` not needed
            (name,) = move.proposal.components
            value = move.proposal.spec.components[name]
            return self.workload_sum(spec, name, value) - self.workload_sum(spec, name)
        return self.prices.sum(_apply(move, move.before, spec)) - self.prices.sum(spec)

    def total_of(self, base: Spec, chosen: tuple[_Variant, ...]) -> float:
        """The bill of `base` with the chosen variants: `base` with the changed platform components (few
        distinct ones across the front) priced whole, each changed workload's change priced in the spec
        cut down to it and that platform (as the history prices it)."""
        if self._platform is None:
            return self.prices.total(_realise(base, chosen))
        changed = [v for v in chosen if v.moves]
        workloads = [v for v in changed if v.focused]
        platform = tuple(v for v in changed if not v.focused)
        platform = _realise(base, platform) if platform else base  # `base` itself: its layout is known
        total = self.prices.sum(platform)
        *_, key = self._layout(platform)
        for v in workloads:
            found = self._variant_deltas.get((key, id(v)))
            if found is None:  # the variants live as long as the search, so their ids stay theirs
                found = self._variant_deltas[key, id(v)] = \
                    self.workload_sum(platform, v.component, v.value) - self.workload_sum(platform, v.component)
            total += found
        return round(total, 2)

    def path(self, spec: Spec) -> tuple[Composite, float]:
        """`composite(spec)` and `spot_share(spec)`, from each component's part and placement worked out once
        per component object: the front's points share their variants."""
        parts, tasks, spot = [], 0, 0
        soft = id(spec.soft_dependencies), spec.azs
        for name, c in spec.components.items():
            found = self._paths.get((name, id(c), *soft))
            if found is None:
                placed = placed_of(c) if c.kind == "fargate_service" else (0, 0)
                found = self._paths[name, id(c), *soft] = (parts_of(name, c, spec), placed, c, spec.soft_dependencies)
            parts.append(found[0])
            tasks, spot = tasks + found[1][0], spot + found[1][1]
        path = composite_of(tuple(p for p, _ in parts if p is not None), tuple(s for _, s in parts if s is not None))
        return path, spot / tasks if tasks else 0.0

    def workload_sum(self, spec: Spec, name: str, value=None) -> float:
        """`self.prices.sum` of `spec` cut down to workload `name` (with `value` in its place, when given).
        That spec hangs only on the spec's own fields, its platform components and the workload: the front
        and the history price the same few platforms with each of a thousand workloads, so the sums are kept
        under the workload's content and those objects' identities (see _layout); and, when nothing else
        names the workload, under its place and traffic share instead of its name, as workloads alike but
        for their names share their cut-down spec's sum (see _Prices._cut_key)."""
        value = spec.components[name] if value is None else value
        *_, platform = self._layout(spec)
        named = self._named.get((platform, name))
        if named is None:
            named = self._named[platform, name] = self._names(spec, name)
        key = (name if named else self._place(spec, name), self._shares[name], self.prices.content(value), platform)
        found = self._workload_sums.get(key)
        if found is None:
            found = self._workload_sums[key] = self.prices.sum(self.cut(spec, name, value), name)
        return found

    def _names(self, spec: Spec, name: str) -> bool:
        """Whether `spec` without its workloads names workload `name`, or anything is named ANONYMOUS: then a
        cut of `spec` down to `name` is priced under its name (see _Prices._cut_key, whose JSON of the cut
        without the workload is this one's)."""
        platform, key = self._layout(spec)[1::2]
        found = self._platform_json.get(key)
        if found is None:
            found = self._platform_json[key] = spec.model_copy(update={"components": dict(platform)}).model_dump_json()
        return name == ANONYMOUS or any(n == ANONYMOUS for n, _ in platform) or name in found

    def _local_ok(self, name: str, spec: Spec, short: bool) -> bool:
        if not short and shortfall(spec, name) is not None:
            return False
        component = spec.components[name]
        limit = max(self.base.constraints.max_spot_share, self.spot_before)
        if component.kind == "fargate_service" and limit < 1:
            tasks, spot = placed_of(component)  # the component's Spot share, as spot_share counts it
            return (spot / tasks if tasks else 0.0) <= limit + 1e-9
        return True

    def globals_(self) -> list[_Move]:
        moves = []
        for rule in self.rules:
            for proposal in rule.propose(self.base):
                if proposal.unpriced or _single_component(proposal, self.base) is not None:
                    continue
                if proposal.components & set(self.base.constraints.keep):
                    continue
                moves.append(_Move(rule, proposal, self.consent(rule, self.base, proposal.spec), self.base))
        # the ones that save most on their own first, when there are more than the bound allows
        moves.sort(key=lambda m: self.prices.total(m.proposal.spec))
        return moves[:MAX_GLOBAL_PROPOSALS]


def _relabelled(template: list[_Variant], name: str, start: _Variant, focus: _Focus) -> list[_Variant]:
    """The variants the search of a workload's shape found as STAND_IN (see _Search._shape), for workload
    `name` (searched in `focus`) starting from `start`: each value and spec its own objects, as its own search
    would have made them, and STAND_IN replaced by `name` in the moves' texts and fields."""
    values: dict[int, object] = {}  # id(template's object) -> this workload's
    moves: dict[int, _Move] = {}

    def value_of(value):
        found = values.get(id(value))
        if found is None:
            found = values[id(value)] = value.model_copy()
        return found

    def move_of(move: _Move) -> _Move:
        found = moves.get(id(move))
        if found is None:
            proposal = move.proposal
            after = focus.restored(focus.spec, value_of(proposal.spec.components[STAND_IN]))
            before = focus.restored(focus.spec, value_of(move.before.components[STAND_IN]))
            found = moves[id(move)] = _Move(move.rule, dataclasses.replace(
                proposal, spec=after, summary=proposal.summary.replace(STAND_IN, name),
                risk=proposal.risk.replace(STAND_IN, name), components=frozenset({name}),
                details={k: v.replace(STAND_IN, name) if isinstance(v, str) else v  # figures, so far
                         for k, v in proposal.details.items()}),
                tuple(f.replace(STAND_IN, name) for f in move.consent), before, True)
        return found

    return [start, *(dataclasses.replace(v, component=name, value=value_of(v.value),
                                         moves=tuple(map(move_of, v.moves))) for v in template[1:])]


def _focusable(spec: Spec) -> bool:
    """A workload's bill and proposals depend on the other workloads only through their traffic shares
    (pinned in the cut-down spec), except for what these settings share across components: free-tier
    allowances used up in bill order, own prices, and the one EKS control plane the first EKS service
    carries."""
    return not spec.free_tier and spec.prices is None and not any(
        c.kind == "fargate_service" and c.orchestrator == "eks" for c in spec.components.values())


@dataclass(frozen=True)
class _Focus:
    """One workload in a spec cut down to it and the shared platform, its traffic share pinned."""

    name: str
    original: object  # the workload as the spec has it
    spec: Spec
    explicit: frozenset

    def restore(self, value):
        """`value` with the traffic share (and the fields it counts as set) the spec gave it."""
        restored = value.model_copy(update={"share_of_traffic": self.original.share_of_traffic})
        written = set(value.model_fields_set) - {"share_of_traffic"}
        written |= {"share_of_traffic"} & self.original.model_fields_set
        object.__setattr__(restored, "__pydantic_fields_set__", written)
        return restored

    def restored(self, spec: Spec, written) -> Spec:
        """`spec` with `written`, its component restored (see restore), in its place."""
        components = dict(spec.components)
        components[self.name] = written
        return spec.model_copy(update={"components": components})


def _front(groups: list[list[_Variant]], pool: int,
           merged_before: dict | None = None) -> list[tuple[float, float, tuple | None, int, int]]:
    """Pareto front (cost delta, availability) over one variant per group, merged group by group: each point
    as (cost delta, availability, its chain of variants (see _listed), Spot tasks, Fargate tasks).

    Compute groups merge first and carry the tasks they may run (fewer is better, as each holds a pool
    of database connections); database groups then keep only the classes that hold those connections.
    A point's variants are kept as a chain (earlier chain, variant) and listed only for the final front.

    `merged_before` (one dict per search) keeps every front merged so far under the groups that made it:
    the searches of the whole-spec subsets share their workloads, merged first, so a front merged once
    for one subset is reused by the others."""
    order = sorted(groups, key=lambda g: 0 if g[0].units else 1 if g[0].connection_limit is not None else 2)
    databases_left = sum(1 for g in order if any(v.connection_limit is not None for v in g))
    # cost, availability, chain of variants, tasks at most, Spot tasks, Fargate tasks at the desired count
    front = [(0.0, 100.0, None, 0, 0, 0)]
    made_by = 0  # the merges behind `front`, as an index into merged_before
    for group in order:
        is_database = any(v.connection_limit is not None for v in group)
        databases_left -= is_database
        with_units = databases_left > 0
        if merged_before is not None:
            # the variants are kept alive with the front, so their ids stay theirs
            key = (made_by, tuple(map(id, group)), with_units)
            if key in merged_before:
                made_by, front, _ = merged_before[key]
                continue
        group = _undominated(group, with_units)
        merged = []
        append = merged.append
        if is_database:
            for cost, avail, chosen, units, spot, tasks in front:
                needed = math.ceil(units * pool * sizer.p.DB_CONNECTION_HEADROOM)
                for v in group:
                    if v.connection_limit is not None and v.connection_limit < needed:
                        continue
                    append((cost + v.delta_usd, avail * v.availability / 100, (chosen, v), units + v.units,
                            spot + v.spot_tasks, tasks + v.tasks))
        else:  # the same sums, each variant's figures read once
            figures = [(v.delta_usd, v.availability, v, v.units, v.spot_tasks, v.tasks) for v in group]
            for cost, avail, chosen, units, spot, tasks in front:
                for delta, reach, v, more_units, more_spot, more_tasks in figures:
                    append((cost + delta, avail * reach / 100, (chosen, v), units + more_units,
                            spot + more_spot, tasks + more_tasks))
        front = _prune(merged, with_units=with_units)
        if merged_before is not None:
            made_by = len(merged_before) + 1
            merged_before[key] = (made_by, front, group)
    return [(cost, avail, chain, spot, tasks) for cost, avail, chain, _, spot, tasks in front]


def _undominated(group: list[_Variant], with_units: bool) -> list[_Variant]:
    """The group without the variants another of it beats on every count `_prune` compares: whatever front
    point either is added to, the sum with the better one comes first in `_prune`'s order and beats the
    other, so leaving the worse one out keeps the merged front exactly as it was, at a fraction of the work.
    "Comes first" needs a cost gap wider than `_prune`'s rounding, or the better one no worse on every part
    of `_prune`'s sort key (units included) and earlier in the group (ties keep the merge order)."""
    kept = []
    for j, v in enumerate(group):
        if not any(_beats(w, v, with_units)
                   and (v.delta_usd - w.delta_usd > COST_GAP_USD or (i < j and w.units <= v.units))
                   for i, w in enumerate(group) if i != j):
            kept.append(v)
    return kept


COST_GAP_USD = 0.001  # ten times `_prune`'s rounding of costs to 4 decimals


def _beats(w: _Variant, v: _Variant, with_units: bool) -> bool:
    """`w` is no worse than `v` on cost, availability, Spot tasks, (with units) tasks at most, and the
    connections its database holds."""
    return (w.delta_usd <= v.delta_usd and w.availability >= v.availability and w.spot_tasks <= v.spot_tasks
            and (not with_units or w.units <= v.units)
            and (w.connection_limit is None or (v.connection_limit is not None and w.connection_limit >= v.connection_limit)))


def _prune(points: list[tuple], with_units: bool) -> list[tuple]:
    """The points, cheapest first, that no cheaper kept point beats on availability, Spot tasks and (with
    units) tasks at most. Kept points are indexed by availability level, each level a staircase of
    (Spot tasks, fewest tasks) pairs, so a point is checked against a few levels, not every kept point."""
    # sorted by (cost to 4 decimals, -availability, Spot tasks, tasks at most), ties in their order: each key
    # written as a tuple the sort compares without calling back into Python
    order = [(cost, -p[1], p[4], p[3], i) for i, (cost, p) in enumerate(zip(_to_4_decimals(points), points))]
    order.sort()
    points[:] = [points[k[4]] for k in order]
    if not with_units:
        return _pruned_by_spot(points)
    kept, levels, stairs = [], [], {}  # levels: availabilities kept, highest first
    for point in points:
        avail, units, spot = point[1], point[3], point[4]
        dominated = False
        for level in levels:
            if level < avail - 1e-9:
                break
            spots, fewest = stairs[level]
            i = bisect.bisect_right(spots, spot) - 1
            if i >= 0 and (not with_units or fewest[i] <= units):
                dominated = True
                break
        if dominated:
            continue
        kept.append(point)
        if avail not in stairs:
            stairs[avail] = ([], [])
            levels.insert(bisect.bisect_left([-x for x in levels], -avail), avail)
        spots, fewest = stairs[avail]
        units = units if with_units else 0
        i = end = bisect.bisect_right(spots, spot)
        while end < len(spots) and fewest[end] >= units:
            end += 1  # pairs with more Spot tasks and no fewer tasks: beaten by this one
        spots[i:end], fewest[i:end] = [spot], [units]
    return _capped(kept, with_units) if len(kept) > POINTS_PER_LEVEL else kept


def _to_4_decimals(points: list[tuple]) -> list:
    """The points' costs, ordered and tied as `round(cost, 4)` orders and ties them: as whole ten-thousandths,
    `round(cost * 10000)`, when every cost lies within 0.4 of its own (the exact cost then rounds to it, as the
    scaling errs by far less than 0.1), a quarter of the price; else `round(cost, 4)`. The front's costs are
    sums of deltas rounded to 4 decimals, so they lie within a hair of theirs."""
    scaled = [p[0] * 10000 for p in points]
    whole = list(map(round, scaled))
    if max(map(abs, map(operator.sub, scaled, whole)), default=0.0) < 0.4:
        return whole
    return [round(p[0], 4) for p in points]


def _pruned_by_spot(points: list[tuple]) -> list[tuple]:
    """`_prune` without units, of points in its order: a level's staircase is then its fewest Spot tasks, so a
    point is beaten when the fewest Spot tasks over the levels at or above its availability are no more than
    its own: a running minimum over the points' levels, highest first (a level no point is kept at holds the
    minimum of those above it), each level's reach (the levels no lower than it less 1e-9) found once.
    Capped as `_capped` caps: each point kept at a level has fewer Spot tasks than those kept there before it,
    so the level's point with the fewest is its last."""
    levels = sorted({p[1] for p in points}, reverse=True)
    place = {avail: i for i, avail in enumerate(levels)}
    negated = [-avail for avail in levels]  # ascending
    reach = {avail: bisect.bisect_right(negated, -(avail - 1e-9)) - 1 for avail in levels}
    fewest = [math.inf] * len(levels)  # the fewest Spot tasks kept at that level or any above it
    counts = [0] * len(levels)  # points kept per level
    kept = []
    for point in points:
        avail, spot = point[1], point[4]
        if fewest[reach[avail]] <= spot:
            continue
        kept.append(point)
        i = place[avail]
        counts[i] += 1
        while i < len(fewest) and fewest[i] > spot:  # a running minimum: lowered from this level down
            fewest[i] = spot
            i += 1
    if max(counts, default=0) <= POINTS_PER_LEVEL:
        return kept
    capped, seen = [], [0] * len(levels)
    for point in kept:  # a level's first POINTS_PER_LEVEL - 1 (the cheapest) and its last (the fewest Spot)
        i = place[point[1]]
        seen[i] += 1
        if seen[i] < POINTS_PER_LEVEL or seen[i] == counts[i]:
            capped.append(point)
    return capped


POINTS_PER_LEVEL = 12  # front points kept per availability level; the blueprints' fronts hold at most 8


def _capped(kept: list[tuple], with_units: bool) -> list[tuple]:
    """At most POINTS_PER_LEVEL points per availability level: the cheapest, then the one with the fewest
    Spot tasks and (with units) the one with the fewest tasks at most. The points in between trade a few
    Spot tasks for a few dollars each; there is one per reachable Spot-task count, so their number grows
    with the spec, while the outputs show per level only the cheapest and the safest. The cheapest and
    the fewest-Spot point of a level each merge from the same kind of point of some level, which is why
    they are the ones kept; every blueprint's, example's and generated spec's (1 to 100 services) outputs
    are the same as with the whole front."""
    levels: dict[float, list[tuple]] = {}
    for point in kept:
        levels.setdefault(point[1], []).append(point)
    if all(len(same) <= POINTS_PER_LEVEL for same in levels.values()):
        return kept
    chosen = set()
    for same in levels.values():
        ends = [min(same, key=operator.itemgetter(4, 0))]  # the fewest Spot tasks, then the cheapest
        if with_units:
            ends.append(min(same, key=operator.itemgetter(3, 0)))
        chosen.update(map(id, same[:POINTS_PER_LEVEL - len(ends)] + ends))
    return [p for p in kept if id(p) in chosen]


def _listed(chain) -> tuple[_Variant, ...]:
    variants = []
    while chain is not None:
        chain, variant = chain
        variants.append(variant)
    return tuple(reversed(variants))


def _moves_of(chosen: tuple[_Variant, ...]) -> list[_Move]:
    return [m for v in chosen for m in v.moves]


def optimize(spec: Spec, rules: list[Rule] | None = None) -> Result:
    # the search keeps many objects alive (variants, fronts, the specs it priced) that hold no reference cycles
    with collector.paused():
        return _optimize(spec, rules)


def _optimize(spec: Spec, rules: list[Rule] | None) -> Result:
    rules = all_rules() if rules is None else rules
    explicit = explicit_fields(spec)  # before sizing: sized values were not written
    spec = sizer.resolve(spec)
    search = _Search(spec, rules, explicit)
    target = spec.availability_target
    groups_all = {name: search.variants(name) for name in spec.components}
    global_moves = search.globals_()

    candidates: list[tuple[float, Spec, list[_Move], tuple]] = []  # estimated USD delta, base, subset, variants
    front_points: list[tuple] = []  # estimated USD, availability, Spot share, base, subset, variants
    merged: dict = {}  # fronts merged so far, shared by the subsets' searches
    for size in range(len(global_moves) + 1):
        for subset in itertools.combinations(global_moves, size):
            touched = [c for m in subset for c in m.proposal.components]
            if len(touched) != len(set(touched)):
                continue  # two proposals on the same component are not compatible
            base = spec
            for move in subset:
                base = _apply(move, spec, base)
            names = [n for n in spec.components if n in base.components and n not in touched]
            groups = [[v for v in groups_all[n] if v.local_ok] for n in names]
            searched = set(names)
            for n in base.components:
                if n not in searched:  # added or changed by the subset: fixed
                    groups.append([search._variant(n, base.components[n], (), 0.0, base, True)])
            shift = search.prices.total(base) - search.base_total
            allowed = [[v for v in g if not v.consent] or g[:1] for g in groups]
            # the points' variants are listed (see _listed) only for the few points looked at
            for delta, avail, chain, *_ in _front(allowed, spec.sizing.db_pool_per_task, merged):
                candidates.append((shift + delta, base, list(subset), chain, avail))
            if not any(m.consent for m in subset):
                for delta, avail, chain, spot, tasks in _front(groups, spec.sizing.db_pool_per_task, merged):
                    share = spot / tasks if tasks else 0.0
                    front_points.append((search.base_total + shift + delta, avail, share, base, list(subset), chain))

    floor = target if _reachable(candidates, target) else search.avail_before
    best = None
    for estimate, base, subset, chain, _ in sorted(candidates, key=lambda c: c[0]):
        chosen = _listed(chain)
        if any(m.consent for m in subset) or any(v.consent for v in chosen):
            continue
        realised = _realise(base, chosen)
        if not meets(composite(realised).percent, min(target, floor)):
            continue
        check = compare(spec, realised, set(), measured=search.measured)
        if check.broken:
            continue
        total, moves = search.prices.total(realised), subset + _moves_of(chosen)
        if best is None or (round(total, 2), len(moves)) < (round(best[0], 2), len(best[2])):
            best = (total, realised, moves)  # of two equal totals, the one with fewer changes
        if best is not None and estimate > best[0] - search.base_total + 5.0:
            break  # the estimate is exact but for small cross-component effects: stop well past the best
    moves = best[2] if best else []
    steps, final = _history(search, spec, moves)
    consent, rejected = _aside(search, rules)
    chosen_labels = [m.label for m in moves]
    cited: dict[str, None] = {}  # SLAs behind the baseline, the choice and every point of the front
    front = _pareto([_point(search, *p[3:], cited) for p in _thinned(_nondominated(front_points))], chosen_labels)
    applied = {(m.rule.id, m.proposal.summary) for m in moves}
    rejected = [r for r in rejected if (r.id, r.summary) not in applied]
    before, after = composite(spec), composite(final)
    return Result(spec, search.base_total, final, steps[-1].running_total_usd if steps else search.base_total,
                  steps, rejected, baseline_warnings(spec), consent, front, {
                      "target": target, "baseline": round(before.percent, 4), "optimized": round(after.percent, 4),
                      "baseline_formula": before.formula, "optimized_formula": after.formula,
                      "parts": [asdict(p) for p in after.parts],
                      "sources": [asdict(SLAS[k]) for k in dict.fromkeys(
                          [*(k for p in before.parts + after.parts for k in p.sources), *cited])],
                  })


def _reachable(candidates, target: float) -> bool:
    """Some combination the user allows reaches the availability target. (A point's availability is the
    product of its variants' parts, in the order they were merged.)"""
    return any(meets(avail, target) and not any(m.consent for m in subset)
               and not any(v.consent for v in _listed(chain)) for _, _, subset, chain, avail in candidates)


def _realise(base: Spec, chosen: tuple[_Variant, ...]) -> Spec:
    components = dict(base.components)
    for variant in chosen:
        components[variant.component] = variant.value
    return base.model_copy(update={"components": components})


def _nondominated(points: list[tuple]) -> list[tuple]:
    """(estimated USD, availability, Spot share, ...) that no other point beats on all three: only these are
    re-priced whole."""
    kept, bucket, cent = [], [], None  # bucket: the kept points of the current cent (costs rounded to cents)
    spots, avails = [], []  # kept points of cheaper cents: a staircase, Spot share and availability rising
    for p in sorted(points, key=lambda p: (round(p[0], 2), -p[1], p[2])):
        if round(p[0], 2) != cent:
            for k in bucket:  # a point a cent or more cheaper is cheaper than any point here by the 0.005 margin
                _climb(spots, avails, k[2], k[1])
            bucket, cent = [], round(p[0], 2)
        i = bisect.bisect_right(spots, p[2] + 1e-9) - 1
        if i >= 0 and avails[i] >= p[1] - 1e-9:
            continue
        if any(k[0] <= p[0] + 0.005 and k[1] >= p[1] - 1e-9 and k[2] <= p[2] + 1e-9 for k in bucket):
            continue
        kept.append(p)
        bucket.append(p)
    return kept


def _climb(spots: list[float], avails: list[float], spot: float, avail: float) -> None:
    """Add (spot, avail) to the staircase unless a step has no more Spot and no less availability; drop
    the steps it beats."""
    i = bisect.bisect_right(spots, spot) - 1
    if i >= 0 and avails[i] >= avail:
        return
    j = end = bisect.bisect_left(spots, spot)
    while end < len(spots) and avails[end] <= avail:
        end += 1
    spots[j:end], avails[j:end] = [spot], [avail]


def _thinned(points: list[tuple]) -> list[tuple]:
    """Per availability level, the cheapest point and the one with the least Spot: what a reader compares.
    (Every Spot share in between is a point too, but a dozen rows say what each step up costs.)"""
    levels: dict[float, list[tuple]] = {}
    for p in points:
        levels.setdefault(round(p[1], 3), []).append(p)
    kept = []
    for same in levels.values():
        cheapest = min(same, key=lambda p: (p[0], p[2]))
        safest = min(same, key=lambda p: (p[2], p[0]))
        kept += [cheapest] if safest is cheapest else [cheapest, safest]
    return kept


def _point(search: _Search, base: Spec, subset: list[_Move], chain, cited: dict[str, None]) -> FrontPoint:
    chosen = _listed(chain)
    realised = _realise(base, chosen)
    path, share = search.path(realised)
    cited.update(dict.fromkeys(k for p in path.parts for k in p.sources))
    moves = subset + _moves_of(chosen)
    return FrontPoint(search.total_of(base, chosen), round(path.percent, 4), round(share, 3),
                      [m.label for m in moves], sorted({f for m in moves for f in m.consent}))


def _pareto(points: list[FrontPoint], chosen: list[str]) -> list[FrontPoint]:
    """Points no other beats on cost, availability and Spot share together; the chosen one marked."""
    unique = {(p.monthly_usd, p.availability, p.spot_share): p for p in sorted(points, key=lambda p: len(p.changes))}
    kept = []
    for p in sorted(unique.values(), key=lambda p: (p.monthly_usd, -p.availability, p.spot_share)):
        dominated = any(q is not p and q.monthly_usd <= p.monthly_usd and q.availability >= p.availability
                        and q.spot_share <= p.spot_share for q in unique.values())
        if not dominated:
            kept.append(FrontPoint(p.monthly_usd, p.availability, p.spot_share, p.changes, p.needs_consent,
                                   sorted(p.changes) == sorted(chosen)))
    return kept


def _history(search: _Search, spec: Spec, moves: list[_Move]) -> tuple[list[Step], Spec]:
    """The chosen changes one at a time: availability bought first, then the largest saving first."""
    chains: dict[str, list[_Move]] = {}
    for move in moves:
        chains.setdefault(",".join(sorted(move.proposal.components)), []).append(move)
    current, total, steps = spec, search.base_total, []
    # Each chain's next change moves the bill by the same amount whatever the other workloads are, so its
    # delta is priced once, again only when its own component or the shared platform changed.
    unrounded = search.prices.sum(spec)
    places = {key: i for i, key in enumerate(chains)}
    ranked: list[tuple[float, int, str]] = []  # each chain's next change: (its delta, the chain's place, key)
    unpriced = list(chains)  # chains whose next change is to be priced, in their order
    measured = search.measured  # of `current`: each step's `after` is the next step's `before`
    while ranked or unpriced:
        for key in unpriced:
            bisect.insort(ranked, (search.delta(chains[key][0], current), places[key], key))
        # changes that cost money (availability) before those that save, then the biggest saving
        i, new_total = _next_change(ranked, unrounded, total)
        delta, _, key = ranked.pop(i)
        move = chains[key].pop(0)
        after = _apply(move, move.before, current)
        unrounded += delta
        if not move.focused:  # the platform changed: every other change is priced again
            ranked, unpriced = [], [k for k, chain in chains.items() if chain]
        else:
            unpriced = [key] if chains[key] else []
        check = compare(current, after, set(move.proposal.components), measured=measured)
        measured = check.after
        saving = round(total - new_total, 2)
        total = round(total - saving, 2)
        steps.append(Step(move.rule.id, move.rule.title, move.proposal.summary, sorted(move.proposal.components),
                          saving, total, check.report, move.proposal.risk, _is_new(move.rule.id, move.proposal, spec),
                          move.proposal.details))
        current = after
    return steps, current


def _next_change(ranked: list[tuple[float, int, str]], unrounded: float, total: float) -> tuple[int, float]:
    """The index in `ranked` (sorted by delta, then by the chain's place) of the change `_history` makes next,
    and the bill total after it: of the changes that cost money (their rounded total above `total`), the one
    that costs least, else the one that saves most; of equal rounded totals, the earliest chain. A rounded
    total never falls as the delta rises, so those that cost money are the end of `ranked`, found by halving."""
    low, high = 0, len(ranked)
    while low < high:  # the first whose rounded total is above `total`
        middle = (low + high) // 2
        if round(unrounded + ranked[middle][0], 2) > total:
            high = middle
        else:
            low = middle + 1
    first = low if low < len(ranked) else 0
    best = round(unrounded + ranked[first][0], 2)
    chosen, i = first, first + 1
    while i < len(ranked) and round(unrounded + ranked[i][0], 2) == best:  # equal totals: the earliest chain
        if ranked[i][1] < ranked[chosen][1]:
            chosen = i
        i += 1
    return chosen, best


def _aside(search: _Search, rules: list[Rule]) -> tuple[list[Consent], list[Rejected]]:
    """The changes that wait for consent and those rejected, from one walk over the rules' proposals for the
    baseline (each a copy of the spec; at 1,000 services a walk takes about a second)."""
    consent, rejected = [], []
    for rule in rules:
        for proposal in rule.propose(search.base):
            if proposal.unpriced:
                rejected.append(Rejected(rule.id, proposal.summary, proposal.unpriced))
                continue
            saving = search.saving(proposal)
            fields = list(search.consent(rule, search.base, proposal.spec))
            check = _check(search, proposal) if fields else None
            if fields and (saving >= MIN_SAVING_USD or _buys_availability(search, check)) and \
                    not (check.broken and saving >= MIN_SAVING_USD):  # else nothing to consent to, or rejected
                component = sorted(proposal.components)[0]
                consent.append(Consent(rule.id, proposal.summary, fields, saving, f"{rule.id}:{component}"))
            # the constraints each walk the whole spec: only what the outcome needs is checked
            if saving >= MIN_SAVING_USD:
                broken = (check or _check(search, proposal)).broken
                if broken:
                    rejected.append(Rejected(rule.id, proposal.summary, N_("%(broken)s (would save %(usd)s USD/month)") % {
                        "broken": "; ".join(broken), "usd": f"{saving:.2f}"}))
            elif not fields and not _buys_availability(search, _check(search, proposal)):
                rejected.append(Rejected(rule.id, proposal.summary, N_("does not pay here: %(usd)s USD/month") % {"usd": f"{-saving:+.2f}"}))
    return consent, _dedupe(rejected)


def _check(search: _Search, proposal: Proposal) -> Check:
    return compare(search.base, proposal.spec, set(proposal.components), measured=search.measured)


def _buys_availability(search: _Search, check: Check) -> bool:
    """The change raises availability: it belongs on the front, not among changes that do not pay."""
    return round(check.after.path.percent, 4) > round(search.avail_before, 4)


def greedy(spec: Spec, rules: list[Rule] | None = None) -> tuple[float, Spec]:
    """The earlier search: apply the one change that saves most and keeps the constraints, repeat.
    Kept as the yardstick the exact search must match or beat."""
    rules = all_rules() if rules is None else rules
    explicit = explicit_fields(spec)
    spec = sizer.resolve(spec)
    prices = _Prices()
    baseline, current, total = spec, spec, prices.total(spec)
    while True:
        best = None
        for rule in rules:
            for proposal in rule.propose(current):
                if proposal.unpriced:
                    continue
                saving = total - prices.total(proposal.spec)
                if saving < MIN_SAVING_USD or (best and saving <= best[0]):
                    continue
                consent = needing_consent(baseline, explicit, rule.id, current, proposal.spec)
                if consent or compare(current, proposal.spec, set(proposal.components)).broken:
                    continue
                best = (saving, proposal.spec)
        if best is None:
            return round(total, 2), current
        total, current = total - best[0], best[1]


def baseline_warnings(spec: Spec) -> list[str]:
    warnings = [N_("capacity: %(name)s: %(detail)s") % {"name": name, "detail": detail}
                for name, detail in capacity_shortfalls(spec).items()]
    level, formula = availability(spec)
    if not meets(level, spec.availability_target):
        warnings.append(N_("availability %(level)s%% is already below the %(target)s%% target (%(formula)s)") % {
            "level": f"{level:.4g}", "target": f"{spec.availability_target:g}", "formula": formula})
    return warnings


def _is_new(rule_id: str, proposal: Proposal, spec: Spec) -> bool:
    """Not listed by the team, either as the whole rule (`OPT002`) or for these components (`OPT002:db`)."""
    listed = set(spec.savings_already_listed)
    return rule_id not in listed and not any(f"{rule_id}:{c}" in listed for c in proposal.components)


def _dedupe(rejected: list[Rejected]) -> list[Rejected]:
    seen, unique = set(), []
    for r in rejected:
        if (r.id, r.summary) not in seen:
            seen.add((r.id, r.summary))
            unique.append(r)
    return unique


__all__ = ["Check", "Consent", "FrontPoint", "Rejected", "Result", "Step", "greedy", "optimize"]
