"""The bill of a spec: spec → plan → AWS resources → bill.

The one place that knows both sides: it sizes the spec, builds its plan (`stackwright.plan`) and the
generated Terraform's address of each plan element (`stackwright.render.terraform`), reads the AWS
resources the plan makes (`stackwright.resources.from_plan.<kind>`), prices them with the same resource
cost modules as an import (`stackwright.resources.types.<type>`), and hands the cost components to the cost
engine (`stackwright.cost`), which knows neither the plan nor the renderers. So the spec's bill and the
import of its generated code agree by construction; so are the resources the plan makes of its own accord
(from_plan/_own.py: endpoints for private workloads without NAT, generated credentials). Kinds not yet
moved are priced from the spec by their `stackwright.cost.resources.<kind>` modules.

Internet data out is a usage component of the resources the responses leave from (the plan's APIs, load
balancers and public instances: from_plan/_egress.py), its tiers walked once across the account
(resources/egress.py); the usage file `plan` writes declares it on those resources to an import.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from stackwright import collector, memo
from stackwright.cost.bill import Bill
from stackwright.cost.component import CostComponent
from stackwright.cost.engine import LINES_KEPT, Context, bill_of, kind_module, own_prices_of, price_lines, region_prices
from stackwright.cost.usage import Usage
from stackwright.pricing import catalogue
from stackwright.resources import from_plan
from stackwright.resources.from_plan import _egress, _own
from stackwright.resources.egress import share_account_tiers
from stackwright.resources.price import MemoPass, components_of
from stackwright.resources.record import UsageValues, no_usage_file
from stackwright.resources.registry import module_of
from stackwright.spec.loader import LoadedSpec
from stackwright.spec.model import Spec
from stackwright.translatable import N_


def price(spec: Spec, loaded: LoadedSpec | None = None, *, allow_missing: bool = False,
          declared_only: bool = False, own=None, terraform_addresses: bool = True, allowance=None,
          plan=None) -> Bill:
    """The monthly bill of `spec`. Missing prices raise a located UserError unless allow_missing lists them.

    `declared_only` (imports) prices the components as given: no implicit internet egress, monitoring,
    secrets or endpoints, and no alarms or secrets counted from the plan stackwright would build.
    `own` (stackwright.pricing.own.OwnPrices) applies negotiated discounts and private rates.
    `terraform_addresses=False` gives the same amounts with planned resources named by their plan
    element ids, for callers that only add the bill up. `allowance` (FreeTier), with the spec's free tier:
    the always-free allowances to use up, shared with lines the caller adds after (an import's resources).
    `plan`: the plan already built for `spec`."""
    # a bill's plan, Terraform addresses and lines are tens of thousands of objects, almost none in cycles
    with collector.paused(kept=True):
        return _price(spec, loaded, allow_missing=allow_missing, declared_only=declared_only, own=own,
                      terraform_addresses=terraform_addresses, allowance=allowance, plan=plan)


def _price(spec: Spec, loaded: LoadedSpec | None, *, allow_missing: bool, declared_only: bool, own,
           terraform_addresses: bool, allowance, plan) -> Bill:
    prices = region_prices(loaded, spec)
    own = own_prices_of(spec, loaded, own, prices)
    from stackwright.sizing.sizer import resolve

    spec = resolve(spec, loaded)
    components = spec.components
    if declared_only:
        ctx = Context(spec=spec, prices=prices, usage=Usage(spec.traffic), declared_only=True)
        # an import prices the resources behind these kinds as resource records (importer.price_import)
        components = {n: c for n, c in components.items() if from_plan.reader(c.kind) is None}
    else:
        ctx = context(spec, prices, plan=plan, terraform_addresses=terraform_addresses)
        if own is None and not spec.free_tier and not terraform_addresses:
            bill = _in_groups(spec, loaded, components, ctx, prices, allow_missing)
            if bill is not None:
                bill.items = share_account_tiers(bill.items, prices)
                return bill
    lines = [(resource, _cost_components(resource, component, ctx)) for resource, component in components.items()]
    if not declared_only:
        lines += _plan_own_components(ctx) + _internet_out_nowhere(ctx)
    bill = bill_of(spec, loaded, lines, prices, allow_missing=allow_missing, own=own, allowance=allowance)
    bill.items = share_account_tiers(bill.items, prices)
    return bill


GROUP_LINES_KEPT = 65_536  # bounds the memo below by the lines it holds, about 30 MB when full; a 1,000-service
# spec's bill has 8,357 lines, 6,000 of them its monitoring's
_groups: OrderedDict[tuple, tuple[tuple, tuple]] = OrderedDict()  # most recently used last
_group_lines = [0]  # the lines _groups holds
_contents: dict[int, tuple[str, object]] = {}  # id(component) -> (its JSON, the component), see _content
CONTENTS_KEPT = 16_384


def _in_groups(spec: Spec, loaded: LoadedSpec | None, components: dict, ctx: Context, prices, allow_missing: bool
               ) -> Bill | None:
    """The bill `bill_of` makes of the components' lines (before the account's tiers are shared), each
    component's lines (its group) memoised under the component, its name, the region's prices and all else
    its plan reader says its resources are made of (`from_plan.depends_on`): a variant the optimiser prices
    builds again only the groups of the components it changed, and of those that read what it changed (the
    traffic, the internet's front doors, the plan's alarms). None when a price is missing (the caller's one
    pass says where) or a line would read the lines before it (own prices, the free tier: not called then)."""
    bill = bill_of(spec, loaded, [], prices)
    shared = (spec.region, prices, allow_missing)
    memoised = [LINES_KEPT]  # the line memo's share this bill has left (see price_lines)
    for name, component in components.items():
        depends = from_plan.depends_on(name, component, ctx) if from_plan.reader(component.kind) else None
        key = None if depends is None else (name, _content(component), shared, depends)
        found = None if key is None else _groups.get(key)
        if found is None:
            pairs = list(_cost_components(name, component, ctx))
            found = _group(spec, loaded, [(name, pairs)], prices, allow_missing, memoised)
            if found is None:
                return None
            if key is not None and any(planned is not None for _, planned in pairs):  # else it read the plan whole
                _keep_group(key, found)
        else:
            _groups.move_to_end(key)
        bill.items += found[0]
        bill.unknown += found[1]
    rest = _group(spec, loaded, _plan_own_components(ctx) + _internet_out_nowhere(ctx), prices, allow_missing,
                  memoised)
    if rest is None:
        return None
    bill.items += rest[0]
    bill.unknown += rest[1]
    return bill


def _group(spec: Spec, loaded: LoadedSpec | None, lines: list, prices, allow_missing: bool, memoised: list[int]
           ) -> tuple | None:
    """(bill lines, lines not priced) of `lines`, or None when a price is missing. `memoised`: the line memo's
    share the bill has left, taken from."""
    items, unknown, problems = [], [], []
    memoised[0] = price_lines(items, unknown, problems, spec, loaded, lines, prices, allow_missing=allow_missing,
                              memoised=memoised[0])
    return None if problems else (tuple(items), tuple(unknown))


def _keep_group(key: tuple, group: tuple) -> None:
    _groups[key] = group
    _group_lines[0] += len(group[0]) + len(group[1])
    while _group_lines[0] > GROUP_LINES_KEPT and len(_groups) > 1:
        _, dropped = _groups.popitem(last=False)
        _group_lines[0] -= len(dropped[0]) + len(dropped[1])


def _content(component) -> str:
    """The component's JSON, written once per object (a variant holds the objects of the spec it came from)."""
    found = _contents.get(id(component))
    if found is None or found[1] is not component:
        if len(_contents) >= CONTENTS_KEPT:
            _contents.clear()
        found = _contents[id(component)] = (component.model_dump_json(), component)
    return found[0]


SUMS_KEPT = 8192  # bounds the memo below: a 16-byte digest and a float each, about 1.5 MB when full
_sums: OrderedDict[bytes, float] = OrderedDict()  # most recently used last
UNNAMED = "priced"  # the name every spec is summed under


def monthly_sum(spec: Spec) -> float:
    """The lines of `spec`'s bill added up, unrounded, as `price(spec)` gives them: what a search adds and
    compares. Memoised by the spec's content, so a variant the optimiser tries again, in this search or a
    later one, is priced once in a process. The name only names things (AWS names, log groups), never an
    amount, so every spec is priced under one name and a renamed spec finds its sum; a spec whose own prices
    are a file is priced afresh each time, as the file may change. The key is made of each component's JSON,
    written once per component object (quicker than dumping the whole spec)."""
    if isinstance(spec.prices, str):
        return sum(item.monthly_usd for item in price(spec, terraform_addresses=False).items)
    key = hashlib.blake2b(_unnamed_content(spec).encode(), digest_size=16).digest()
    total = _sums.get(key)
    if total is None:
        from stackwright.plan import build_plan
        from stackwright.sizing.sizer import resolve

        # sized once here, not by the plan and the bill each: a sized spec needs no sizing
        unnamed = resolve(spec.model_copy(update={"name": UNNAMED}))
        with collector.paused():  # its plan too
            plan = build_plan(unnamed, remember=False)  # the sum is remembered: its plan is never asked for again
            total = sum(item.monthly_usd for item in price(unnamed, terraform_addresses=False, plan=plan).items)
        memo.keep(_sums, key, total, SUMS_KEPT)
    else:
        _sums.move_to_end(key)
    return total


def _unnamed_content(spec: Spec) -> str:
    """What `spec` is made of but its name, as one text that tells specs apart: its own fields' JSON, then each
    component's name (its length first) and JSON, written once per component object (`_content`), as a variant
    holds the objects of the spec it came from."""
    parts = [spec.model_copy(update={"components": {}}).model_dump_json(exclude={"name"})]
    for name, component in spec.components.items():
        parts += (str(len(name)), ":", name, _content(component))
    return "".join(parts)


def context(spec: Spec, prices: catalogue.RegionPrices, *, plan=None, terraform_addresses: bool = True) -> Context:
    """The cost context of a sized spec: its plan (`plan`, else built here) and, with `terraform_addresses`,
    the generated Terraform's address of each plan element, so a planned resource's bill line names what an
    import of that code names."""
    # imported here, not above: an import's bill (declared_only) needs neither the plan nor the renderer
    from stackwright.plan import build_plan

    plan = plan if plan is not None else build_plan(spec)
    if not terraform_addresses:
        return Context(spec=spec, prices=prices, usage=Usage(spec.traffic), plan=plan, memo=MemoPass())
    from stackwright.render.terraform import resource_addresses

    return Context(spec=spec, prices=prices, usage=Usage(spec.traffic), plan=plan,
                   addresses=resource_addresses(plan), memo=MemoPass())


def _cost_components(name: str, component, ctx: Context):
    """(cost component, the planned AWS resource it prices or None) for one spec component: from the
    resources the plan makes for it, priced by their resource cost modules, where the kind has a plan
    reader; else from the kind's own module in `stackwright.cost.resources`."""
    if from_plan.reader(component.kind) is None:
        for cc in kind_module(component.kind).components(name, component, ctx):
            yield cc, None
        return
    planned = False
    for resource, usage in from_plan.priced(name, component, ctx):
        planned = True
        for cc in components_of(resource, usage, ctx.memo):
            yield cc, resource
    made = planned or name in ctx.once("components planned", lambda: {
        getattr(e, "component", None) for e in ctx.plan.elements().values()})
    if not made:  # never silently absent (what the plan makes but bills nothing for, a gateway endpoint, is
        # free); the checks and the plan's notes say why
        yield CostComponent(component.kind, N_("all components"), f"{component.kind}/*", 0, unknown_reason=N_(
            "the plan makes no AWS resource for this component (`stackwright check` says why), so nothing "
            "bills for it")), None


def _plan_own_components(ctx: Context) -> list:
    """(bill name, its cost components) for each resource the plan makes that no spec component asks for."""
    found = []
    for name, planned in _own.records(ctx):
        usage = UsageValues(module_of(planned.resource.type), no_usage_file, planned.usage)
        found.append((name, [(cc, planned.resource) for cc in components_of(planned.resource, usage, ctx.memo)]))
    return found


def _internet_out_nowhere(ctx: Context) -> list:
    """The spec's internet data out when no resource of its plan serves the internet to carry it: not priced,
    with why (never silently absent)."""
    if _egress.carriers(ctx) or not _egress.internet_out(ctx).value:
        return []
    why = N_("no resource of the plan serves the internet (an API, a load balancer, an instance or task with a "
             "public address) for it to leave from; add one, or serve it through CloudFront")
    return [("internet-egress", [(CostComponent("data_transfer", N_("Data out to the internet"),
                                                "data_transfer/internet-out", 0, unknown_reason=why), None)])]
