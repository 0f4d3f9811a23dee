"""Map read resources onto the spec's component kinds, one mapper per resource type (see registry).

Every resource ends up in exactly one place: priced in a component, free, or unsupported with the
reason. Instances of one count/for_each block fold into one component where the kind has a count;
account-wide services (alarms, dashboards, logs, secrets, hosted zones, web ACLs) fold into one
component each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from stackwright.importer.mapping.registry import (
    AGGREGATES, FREE, MAPPERS, PART_KINDS, PART_OF, Contribution, Creates, Priced, Unpriced,
)
from stackwright.importer.resources import (
    ASSUMED, TRAFFIC_DEFAULT, USAGE_FILE, Assumption, IacRead, IacResource, NotPriceable, refs_in,
)
from stackwright.importer.usage import UsageFile
from stackwright.resources.read import to_record
from stackwright.resources.record import UsageValues
from stackwright.resources.registry import module_for
from stackwright.spec.model import Component

# Importing the families registers their mappers.
from stackwright.importer.mapping import (  # noqa: F401
    cache, compute, database, edge, free_types, monitoring, network, security, serverless, storage, utility,
)

COMPONENT = TypeAdapter(Component)
# Kinds whose count stackwright's own code writes as one block per resource (hosts, NAT gateways): identical
# ones of one module fold into one component, as the instances of one block do.
FOLDED_ACROSS_BLOCKS = ("ec2_instance", "nat")


class Unsupported(NamedTuple):
    address: str
    type: str
    reason: str


class Free(NamedTuple):
    address: str
    type: str


@dataclass
class Mapping:
    components: dict[str, Any] = field(default_factory=dict)  # name -> validated component model
    unsupported: list[Unsupported] = field(default_factory=list)
    free: list[Free] = field(default_factory=list)
    priced_as: dict[str, str] = field(default_factory=dict)  # resource address -> component name
    assumptions: list[Assumption] = field(default_factory=list)
    # Resources priced by their own cost module (stackwright.resources), beside the spec components.
    records: list = field(default_factory=list)


class MapContext:
    """What a mapper may ask about the rest of the code, the usage file, and where it notes assumptions."""

    def __init__(self, read: IacRead, usage: UsageFile):
        self.read = read
        self.region = read.region
        self.usage_file = usage
        self.traffic = usage.traffic  # None: the default traffic applies
        self.resources = read.resources
        self.by_address = {r.address: r for r in read.resources}
        self._by_block: dict[str, list[IacResource]] = defaultdict(list)
        self._referrers: dict[str, set[str]] = defaultdict(set)
        for resource in read.resources:
            self._by_block[resource.block].append(resource)
            for target in refs_in(resource.props):
                self._referrers[target].add(resource.address)
        self._pending: list[Assumption] = []
        self._of_types: dict[tuple[str, ...], list[IacResource]] = {}

    # --- the code around a resource ---------------------------------------------------------------

    def of_type(self, *types: str) -> list[IacResource]:
        found = self._of_types.get(types)
        if found is None:  # asked once per resource of a kind: a scan each time grows with the square
            found = self._of_types[types] = [r for r in self.resources if r.type in types]
        return list(found)

    def referenced(self, value: Any, *types: str) -> list[IacResource]:
        """The resources of `types` that `value` refers to (a block reference means all its instances)."""
        found: dict[str, IacResource] = {}
        for address in sorted(refs_in(value)):
            targets = [self.by_address[address]] if address in self.by_address else self._by_block.get(address, [])
            found.update((t.address, t) for t in targets if t.type in types)
        return list(found.values())

    def referrers(self, resource: IacResource, *types: str, prop: str | None = None) -> list[IacResource]:
        """The resources of `types` (any type when none is given) that refer to `resource` (in `prop` only,
        when given)."""
        names = {resource.address, resource.block}
        sources = self._referrers.get(resource.address, set()) | self._referrers.get(resource.block, set())
        found = []
        for source in sorted(sources):
            other = self.by_address[source]
            if (not types or other.type in types) and (prop is None or refs_in(other.props.get(prop)) & names):
                found.append(other)
        return found

    # --- usage and assumptions -----------------------------------------------------------------------

    def usage(self, resource: IacResource, key: str, *, otherwise: str | None = None) -> float | str | None:
        """The usage file's value for `key`, noted as such; None when it has none. `otherwise` says what
        applies then; by default the spec's traffic defaults do."""
        value = self.given(resource, key)
        if value is None:
            self.note(resource.block, ASSUMED if otherwise else TRAFFIC_DEFAULT,
                      f"{key}: {otherwise or 'not in the usage file; priced from the spec traffic defaults'}")
        return value

    def given(self, resource: IacResource, key: str) -> float | str | None:
        """The usage file's value for `key`, noted when there is one; nothing is noted when there is none
        (for values the code already decides unless the usage file says otherwise)."""
        found = self.usage_file.lookup(resource, key)
        if found is None:
            return None
        value, entry = found
        shown = value if isinstance(value, str) else f"{value:g}"
        self.note(resource.block, USAGE_FILE, f"{key} = {shown} (usage file: {entry})")
        return value

    def note(self, subject: str, source: str, text: str) -> None:
        self._pending.append(Assumption(subject, source, text))

    def assume(self, resource: IacResource, text: str) -> None:
        self.note(resource.block, ASSUMED, text)

    def take_notes(self) -> list[Assumption]:
        """The notes made since the last call: kept only if the resource they concern gets priced."""
        notes, self._pending = self._pending, []
        return notes


def map_resources(read: IacRead, usage: UsageFile) -> Mapping:
    ctx = MapContext(read, usage)
    result = Mapping()
    priced: dict[str, list[tuple[IacResource, Priced, list[Assumption]]]] = defaultdict(list)
    contributions: dict[str, list[tuple[IacResource, dict]]] = defaultdict(list)
    contribution_notes: dict[str, list[Assumption]] = defaultdict(list)
    part_of: list[IacResource] = []
    groups: dict[tuple, str] = {}
    for resource in read.resources:
        outcomes = _outcomes(resource, ctx, result)
        notes = ctx.take_notes()
        for outcome in outcomes:
            if isinstance(outcome, Priced):
                priced[_fold_group(resource, outcome, groups)].append((resource, outcome, notes))
            elif isinstance(outcome, Contribution):
                contributions[outcome.aggregate].append((resource, outcome.values))
                contribution_notes[outcome.aggregate] += notes
            elif isinstance(outcome, Creates):
                _add_created(resource, outcome, ctx, result)
            elif isinstance(outcome, Unpriced):
                result.unsupported.append(Unsupported(f"{resource.address} ({outcome.part})", resource.type,
                                                      outcome.reason))
            elif outcome == FREE:
                result.free.append(Free(resource.address, resource.type))
            elif outcome == PART_OF:
                part_of.append(resource)
        if resource.region and resource.region != read.region and any(
                isinstance(o, (Priced, Contribution)) for o in outcomes):
            result.assumptions.append(Assumption(resource.address, ASSUMED, (
                f"its provider is in {resource.region}; priced in {read.region} (a spec has one region)")))
    for block, instances in priced.items():
        for name, fields, covers, sources, notes in _fold(block, instances):
            _add(result, name, fields, covers, sources, notes)
    for name, contributed in contributions.items():
        fields = AGGREGATES[name](contributed, ctx)
        notes = contribution_notes[name] + ctx.take_notes()
        _add(result, _unused_name(name, result), fields, (), [r for r, _ in contributed], notes)
    for resource in part_of:
        if resource.address not in result.priced_as:
            users = ", ".join(r.address for r in ctx.referrers(resource)) or "the resources that use it"
            result.unsupported.append(Unsupported(resource.address, resource.type,
                                                  f"priced only as part of {users}, which is not priced"))
    result.assumptions = list(dict.fromkeys(result.assumptions))
    return result


def _outcomes(resource: IacResource, ctx: MapContext, result: Mapping) -> list:
    """A spec kind's mapper where one fits the resource; else its AWS resource cost module prices it."""
    if resource.problem:
        result.unsupported.append(Unsupported(resource.address, resource.type, resource.problem))
        return []
    mapper = MAPPERS.get(resource.type)
    module = module_for(resource.type)
    if mapper is None and module is None:
        result.unsupported.append(Unsupported(resource.address, resource.type, (
            "no cost module for this resource type, so it is not priced (it may cost money)")))
        return []
    if mapper is not None:
        try:
            outcome = mapper(resource, ctx)
        except (NotPriceable, TypeError, ValueError, KeyError, AttributeError) as exc:
            # a value of an unexpected shape (a list where a word belongs) is a reason, never a traceback
            reason = exc.reason if isinstance(exc, NotPriceable) else f"an attribute has a value it cannot take ({exc})"
            ctx.take_notes()
            if module is None:
                result.unsupported.append(Unsupported(resource.address, resource.type, reason))
                return []
        else:
            outcomes = outcome if isinstance(outcome, list) else [outcome]
            if outcomes == [PART_OF] and resource.type in PART_KINDS:
                # priced inside its user's component (a read replica in its database's), whose kind, priced
                # from the plan, prices it as a resource of its own
                if module is not None and _kind_priced_from_plan(Contribution(PART_KINDS[resource.type])):
                    _add_record(resource, module, ctx, result, named=False)
            elif module is not None and outcomes and _kind_priced_from_plan(outcomes[0]):
                # The spec keeps the kind (for `import --format spec`); the bill prices the resource by its
                # cost module, as the spec's own bill prices the resources its plan makes for that kind.
                _add_record(resource, module, ctx, result, named=False)
            if any(isinstance(o, Contribution) and o.aggregate == "secrets_manager" for o in outcomes[1:]) \
                    and _kind_priced_from_plan(Contribution("secrets_manager")):
                _add_managed_secret(resource, ctx, result)
            return outcomes
    return _add_record(resource, module, ctx, result)


def _kind_priced_from_plan(outcome) -> bool:
    from stackwright.resources import from_plan

    kind = outcome.fields.get("kind") if isinstance(outcome, Priced) else \
        outcome.aggregate if isinstance(outcome, Contribution) else None
    return kind is not None and from_plan.reader(kind) is not None


def _add_managed_secret(resource: IacResource, ctx: MapContext, result: Mapping) -> None:
    """The secret a database's service keeps its master password in (manage_master_user_password): priced
    as a Secrets Manager secret at the database's address, as the spec's bill prices the plan's."""
    from stackwright.resources.record import Resource

    secret = module_for("aws_secretsmanager_secret")
    if result.records and result.records[-1][0].address == resource.address:
        # the database's own record: its secret is the one priced here, with its reads
        own, usage = result.records[-1]
        result.records[-1] = (replace(own, attrs={**own.attrs, "manages_password": False}), usage)
    record = Resource(secret.type, resource.address, ctx.region, {}, resource.location)
    result.records.append((record, UsageValues(secret, lambda key: ctx.usage_file.lookup(resource, key))))


def _add_created(resource: IacResource, created: Creates, ctx: MapContext, result: Mapping) -> None:
    """A resource the module call `resource` creates, priced by its cost module with the call's usage entry."""
    from stackwright.resources.record import Resource

    module = module_for(created.type)
    record = Resource(created.type, created.address, ctx.region, created.attrs, resource.location)
    result.records.append((record, UsageValues(module, lambda key: ctx.usage_file.lookup(resource, key),
                                               _traffic_usage(created.type, ctx))))


def _traffic_usage(type_: str, ctx: MapContext) -> dict:
    """Usage the import's traffic implies where the usage file gives none, as a spec's bill derives it."""
    if type_ not in ("aws_nat_gateway", "AWS::EC2::NatGateway"):
        return {}
    from stackwright.importer.mapping.network import nat_data_per_gateway

    return {"data_processed_gb_month": nat_data_per_gateway(ctx)}


def _add_record(resource: IacResource, module, ctx: MapContext, result: Mapping, named: bool = True) -> list:
    """Price `resource` by its cost module; `named`: it is priced as itself, not inside a spec component."""
    try:
        record = to_record(resource, module, ctx)
    except NotPriceable as exc:
        result.unsupported.append(Unsupported(resource.address, resource.type, exc.reason))
        return []
    if record is None:
        return [FREE]
    derived = _traffic_usage(resource.type, ctx)
    if derived:
        record = (record[0], UsageValues(module, lambda key: ctx.usage_file.lookup(resource, key), derived))
    result.records.append(record)
    for key in module.usage:  # the usage file's values it prices with, noted as the mappers note theirs
        found = ctx.usage_file.lookup(resource, key)
        if found is not None:
            shown = found[0] if isinstance(found[0], str) else f"{found[0]:g}"
            result.assumptions.append(Assumption(resource.block, USAGE_FILE, f"{key} = {shown} (usage file: {found[1]})"))
    if not named:
        return []
    for address in (resource.address, *record[0].attrs.get("covers", ())):
        result.priced_as[address] = resource.address  # what it covers (a launch template) is priced with it
    return []


def _fold_group(resource: IacResource, outcome: Priced, groups: dict[tuple, str]) -> str:
    """The group a priced resource folds in: its block, or for FOLDED_ACROSS_BLOCKS kinds the first block of its
    module with the same fields."""
    if outcome.fields.get("kind") not in FOLDED_ACROSS_BLOCKS:
        return resource.block
    module = resource.block.rsplit(".", 2)[0] if resource.block.count(".") > 1 else ""
    same = repr(sorted((k, v) for k, v in outcome.fields.items() if k not in outcome.summed))
    return groups.setdefault((module, same), resource.block)


def _fold(block: str, instances: list) -> list[tuple]:
    """One component for a block whose instances differ only in summed fields (count, usage), else one per
    instance, named by its instance address."""
    if len(instances) == 1:
        resource, outcome, notes = instances[0]
        return [(block, outcome.fields, outcome.covers, [resource], notes)]
    first = instances[0][1]
    same = all(
        {k: v for k, v in o.fields.items() if k not in first.summed}
        == {k: v for k, v in first.fields.items() if k not in first.summed}
        and all((o.fields.get(k) is None) == (first.fields.get(k) is None) for k in first.summed)
        for _, o, _ in instances)
    if first.summed and same:
        fields = dict(first.fields)
        for key in first.summed:
            if fields.get(key) is not None:
                fields[key] = sum(o.fields[key] for _, o, _ in instances)
        covers = tuple(c for _, o, _ in instances for c in o.covers)
        notes = [n for _, _, ns in instances for n in ns]
        return [(block, fields, covers, [r for r, _, _ in instances], notes)]
    return [(r.address, o.fields, o.covers, [r], ns) for r, o, ns in instances]


def _unused_name(name: str, result: Mapping) -> str:
    while name in result.components:
        name = f"{name}-all"
    return name


def _add(result: Mapping, name: str, fields: dict, covers: tuple, sources: list[IacResource],
         notes: list[Assumption]) -> None:
    fields = {"description": _description(sources), **fields}
    try:
        component = COMPONENT.validate_python(fields)
    except ValidationError as exc:
        reason = "; ".join(_message(e) for e in exc.errors(include_url=False))
        for resource in sources:
            result.unsupported.append(Unsupported(resource.address, resource.type,
                                                  f"does not fit the {fields['kind']} kind: {reason}"))
        return
    result.components[name] = component
    result.assumptions += notes
    for address in [*(r.address for r in sources), *covers]:
        # A resource priced in its own component and contributing to an account-wide one (a database and
        # the secret RDS manages for it) is named by its own.
        result.priced_as.setdefault(address, name)


def _description(sources: list[IacResource]) -> str:
    """Where the component comes from: its resource address (with the type when the address lacks it)."""
    first = sources[0]
    if len({r.block for r in sources}) == 1:
        address = first.address if len(sources) == 1 else first.block
        label = address if first.type in address else f"{address} ({first.type})"
        return label if len(sources) == 1 else f"{label} × {len(sources)}"
    counts: dict[str, int] = {}
    for resource in sources:
        counts[resource.type] = counts.get(resource.type, 0) + 1
    return ", ".join(f"{t} × {n}" for t, n in counts.items())


def _message(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"][1:])  # the first part is the kind tag
    return f"{where}: {error['msg'].removeprefix('Value error, ')}" if where else error["msg"].removeprefix(
        "Value error, ")
