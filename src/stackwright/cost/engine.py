"""Price a spec: spec → plan → AWS resources → bill.

A kind with a plan reader (`stackwright.resources.from_plan.<kind>`) is priced from the AWS resources its
plan makes, by the same cost modules as an import (`stackwright.resources.types.<type>`), so the spec's
bill and the import of its generated code agree by construction; so are the resources the plan makes of
its own accord (from_plan/_own.py: endpoints for private workloads without NAT, generated credentials).
Kinds not yet moved still have `stackwright.cost.resources.<kind>` modules exporting
`components(name, component, ctx)`.

Internet data out is a usage component of the resources the responses leave from (the plan's APIs, load
balancers and public instances: from_plan/_egress.py), its tiers walked once across the account
(resources/egress.py); the usage file `plan` writes declares it on those resources to an import.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path

from stackwright.cost.bill import Bill, LineItem, Unknown
from stackwright.cost.component import CostComponent
from stackwright.cost.usage import Usage
from stackwright.errors import Problem, UserError
from stackwright.pricing import catalogue
from stackwright.spec.loader import LoadedSpec
from stackwright.spec.model import Spec
from stackwright.translatable import N_


@dataclass(frozen=True)
class Context:
    spec: Spec
    prices: catalogue.RegionPrices
    usage: Usage
    # True for imported code: price only what it declares, never what stackwright's own plan would add.
    declared_only: bool = False
    given_plan: object = None  # the plan already built for this spec, if any
    # False where only the amounts matter (the optimiser adds bills up): lines name plan elements by id
    # instead of building the whole generated Terraform for its addresses.
    terraform_addresses: bool = True

    def has_kind(self, kind: str) -> bool:
        return any(c.kind == kind for c in self.spec.components.values())

    @cached_property
    def plan(self):
        """What `stackwright plan` creates, so the bill prices the alarms and secrets it adds."""
        from stackwright.plan import build_plan

        assert not self.declared_only, "an import's bill prices its code, not a plan of it"

        return self.given_plan if self.given_plan is not None else build_plan(self.spec)

    @cached_property
    def addresses(self) -> dict[str, str]:
        """The generated Terraform's address of each plan element, so a planned resource's bill line names
        what an import of that code names."""
        if not self.terraform_addresses:
            return _ElementIds()
        from stackwright.render.terraform import resource_addresses

        return resource_addresses(self.plan)


class _ElementIds(dict):
    """Each plan element's id standing for its address."""

    def __missing__(self, element_id: str) -> str:
        return element_id


def _region_prices(loaded: LoadedSpec | None, spec: Spec) -> catalogue.RegionPrices:
    try:
        return catalogue.load(spec.region)
    except catalogue.UnknownRegion:
        close = difflib.get_close_matches(spec.region, catalogue.regions(), n=3)
        hint = f"did you mean {' or '.join(close)}?" if close else f"known regions: {', '.join(catalogue.regions())}"
        message = f"unknown region '{spec.region}'; {hint}"
        raise UserError(loaded.problem(("region",), message) if loaded else message) from None


def _missing_price_problem(loaded, spec, resource, cc: CostComponent, prices) -> Problem | str:
    family = cc.price_key.rsplit("/", 1)[0] + "/"
    known = list(dict.fromkeys(k.rsplit("/", 1)[1] for k in prices.keys() if k.startswith(family)))
    wanted = cc.price_key.rsplit("/", 1)[1]
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}?" if close else "choose one the region offers (`stackwright prices show`)"
    if not known:
        hint = f"{spec.region} has no prices for {family.rstrip('/')}; choose another region or option"
    message = f"{resource}: no price for SKU '{cc.price_key}' in {spec.region}; {hint}"
    if loaded is None:
        return message
    where = cc.spec_field or _field_holding(spec.components.get(resource), wanted)
    return loaded.problem(("components", resource, *where), message)


def _field_holding(component, value: str) -> tuple:
    """The component's field (or a field one level down) that holds the class or type a missing price names:
    a price of a planned resource knows its attributes, not the spec field they came from."""
    from pydantic import BaseModel

    for name, held in component or ():
        if held == value:
            return (name,)
        if isinstance(held, BaseModel):
            inner = next((inner for inner, deeper in held if deeper == value), None)
            if inner is not None:
                return (name, inner)
    return ()


def _own_prices(spec: Spec, loaded: LoadedSpec | None, own):
    """The own prices to apply: those given (`cost --prices FILE`), else the spec's `prices:` (inline, or a
    file path relative to the spec)."""
    if own is not None or spec.prices is None:
        return own
    if isinstance(spec.prices, str):
        from stackwright.pricing import own_prices

        base = Path(loaded.located.file).parent if loaded else Path.cwd()
        return own_prices.load(base / spec.prices)
    return spec.prices


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
    prices = _region_prices(loaded, spec)
    own = _own_prices(spec, loaded, own)
    if own is not None:
        from stackwright.cost.bill import SERVICES
        from stackwright.pricing import own_prices

        wrong = own_prices.check(own, set(SERVICES) | {k.split("/")[0] for k in prices.keys()}, set(prices.keys()),
                                 spec.region)
        if wrong:
            raise UserError([loaded.problem(("prices",), w) if loaded and spec.prices is not None else w
                             for w in wrong])
    from stackwright.sizing.sizer import resolve

    spec = resolve(spec, loaded)
    ctx = Context(spec=spec, prices=prices, usage=Usage(spec.traffic), declared_only=declared_only,
                  given_plan=plan, terraform_addresses=terraform_addresses)
    bill = Bill(spec.name, spec.region, budget_monthly_usd=spec.budget_monthly_usd, budget_source=spec.budget_source)
    problems: list[Problem | str] = []
    if not spec.free_tier:
        allowance = None
    elif allowance is None:
        allowance = FreeTier()
    components = spec.components
    if declared_only:
        from stackwright.resources import from_plan

        # an import prices the resources behind these kinds as resource records (importer.price_import)
        components = {n: c for n, c in components.items() if from_plan.reader(c.kind) is None}
    lines = [(resource, _cost_components(resource, component, ctx)) for resource, component in components.items()]
    if not declared_only:
        lines += _plan_own_components(ctx) + _internet_out_nowhere(ctx)
    for resource, components_of_resource in lines:
        for cc, planned in components_of_resource:
            if cc.unknown_reason:
                bill.unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, cc.unknown_reason))
                continue
            if cc.price_key not in prices:
                if cc.unknown_if_missing:
                    bill.unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, cc.unknown_if_missing))
                elif allow_missing:
                    reason = f"SKU '{cc.price_key}' is not in the catalogue for {spec.region}"
                    bill.unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, reason))
                else:
                    problems.append(_missing_price_problem(loaded, spec, resource, cc, prices))
                continue
            if allowance is not None:
                cc = allowance.apply(cc)
            try:
                priced = _line(resource, cc, prices, None if planned is None else planned.address,
                               None if planned is None else planned.type)
            except TypeError:  # a component holding a value no key can (a list): built afresh
                priced = line(resource, cc, prices.get(cc.price_key), planned)
            bill.items.append(priced if own is None else own_prices.apply(priced, own, cc.price_factor))
    if problems:
        raise UserError(problems)
    from stackwright.resources.egress import share_account_tiers

    bill.items = share_account_tiers(bill.items, prices)
    return bill


SUMS_KEPT = 8192  # bounds the memo below: a 16-byte digest and a float each, about 1.5 MB when full
_sums: OrderedDict[bytes, float] = OrderedDict()  # most recently used last
UNNAMED = "priced"  # the name every spec is summed under


def monthly_sum(spec: Spec, content: str | None = None) -> float:
    """The lines of `spec`'s bill added up, unrounded, as `price(spec)` gives them: what a search adds and
    compares. Memoised by the spec's content, so a variant the optimiser tries again, in this search or a
    later one, is priced once in a process. The name only names things (AWS names, log groups), never an
    amount, so every spec is priced under one name and a renamed spec finds its sum; a spec whose own prices
    are a file is priced afresh each time, as the file may change. `content`: `spec.model_dump_json()`, when
    the caller has it already."""
    if isinstance(spec.prices, str):
        return sum(item.monthly_usd for item in price(spec, terraform_addresses=False).items)
    named = f'{{"name":"{spec.name}",'  # the name comes first and holds no character JSON escapes
    rest = content[len(named):] if content and content.startswith(named) else None
    rest = rest if rest is not None else spec.model_dump_json(exclude={"name"})[1:]
    key = hashlib.blake2b(rest.encode(), digest_size=16).digest()
    total = _sums.get(key)
    if total is None:
        from stackwright.plan import build_plan

        unnamed = spec.model_copy(update={"name": UNNAMED})
        plan = build_plan(unnamed, remember=False)  # the sum is remembered: its plan is never asked for again
        total = sum(item.monthly_usd for item in price(unnamed, terraform_addresses=False, plan=plan).items)
        _sums[key] = total
        if len(_sums) > SUMS_KEPT:
            _sums.popitem(last=False)
    else:
        _sums.move_to_end(key)
    return total


def _cost_components(name: str, component, ctx: Context):
    """(cost component, the planned AWS resource it prices or None) for one spec component: from the
    resources the plan makes for it, priced by their resource cost modules, where the kind has a plan
    reader; else from the kind's own module in `stackwright.cost.resources`."""
    from stackwright.resources import from_plan

    if from_plan.reader(component.kind) is None:
        module = _cost_module(component.kind)
        for cc in module.components(name, component, ctx):
            yield cc, None
        return
    from stackwright.resources.price import components_of

    planned = False
    for resource, usage in from_plan.priced(name, component, ctx):
        planned = True
        for cc in components_of(resource, usage):
            yield cc, resource
    made = planned or any(getattr(e, "component", None) == name for e in ctx.plan.elements().values())
    if not made:  # never silently absent (what the plan makes but bills nothing for, a gateway endpoint, is
        # free); the checks and the plan's notes say why
        yield CostComponent(component.kind, N_("all components"), f"{component.kind}/*", 0, unknown_reason=N_(
            "the plan makes no AWS resource for this component (`stackwright check` says why), so nothing "
            "bills for it")), None


@cache
def _cost_module(kind: str):
    return importlib.import_module(f"stackwright.cost.resources.{kind}")


def _plan_own_components(ctx: Context) -> list:
    """(bill name, its cost components) for each resource the plan makes that no spec component asks for."""
    from stackwright.resources.from_plan import _own
    from stackwright.resources.price import components_of
    from stackwright.resources.record import UsageValues, no_usage_file
    from stackwright.resources.registry import module_of

    found = []
    for name, planned in _own.records(ctx):
        usage = UsageValues(module_of(planned.resource.type), no_usage_file, planned.usage)
        found.append((name, [(cc, planned.resource) for cc in components_of(planned.resource, usage)]))
    return found


def _internet_out_nowhere(ctx: Context) -> list:
    """The spec's internet data out when no resource of its plan serves the internet to carry it: not priced,
    with why (never silently absent)."""
    from stackwright.resources.from_plan import _egress

    if _egress.carriers(ctx) or not _egress.internet_out(ctx).value:
        return []
    why = N_("no resource of the plan serves the internet (an API, a load balancer, an instance or task with a "
             "public address) for it to leave from; add one, or serve it through CloudFront")
    return [("internet-egress", [(CostComponent("data_transfer", N_("Data out to the internet"),
                                                "data_transfer/internet-out", 0, unknown_reason=why), None)])]


class FreeTier:
    """AWS's always-free monthly allowances, used up line by line in bill order (cost/free_tier.yaml)."""

    def __init__(self):
        import yaml

        data = yaml.safe_load((Path(__file__).parent / "free_tier.yaml").read_text(encoding="utf-8"))
        self.left: dict[str, float] = dict(data["allowances"])
        self.source = data["source"]

    def apply(self, cc: CostComponent) -> CostComponent:
        family = next((f for f in self.left if cc.price_key == f or (f.endswith("/") and cc.price_key.startswith(f))),
                      None)
        if family is None or not self.left[family] or not cc.quantity:
            return cc
        used = min(self.left[family], cc.quantity)
        self.left[family] -= used
        values = {"assumption": cc.assumption, "free": f"{used:,.6g}", "url": self.source["url"],
                  "date": self.source["date"]}
        assumption = (N_("%(assumption)s; less %(free)s always free (%(url)s, %(date)s)") if cc.assumption
                      else N_("less %(free)s always free (%(url)s, %(date)s)")) % values
        return replace(cc, quantity=cc.quantity - used, assumption=assumption)


LINES_KEPT = 8192  # bounds the memo below: a bill line and its key each, about 12 MB when full


@lru_cache(maxsize=LINES_KEPT)
def _line(resource: str, cc: CostComponent, prices: catalogue.RegionPrices, address: str | None,
          resource_type: str | None) -> LineItem:
    """`line` memoised by everything it reads (the component and the region's catalogue, both immutable):
    a search prices the same components of the same resources over and over."""
    item = line(resource, cc, prices.get(cc.price_key))
    return item if address is None else replace(item, address=address, resource_type=resource_type)


def line(resource: str, cc: CostComponent, price: catalogue.Price, planned=None) -> LineItem:
    """The bill line of one cost component; `planned`, the AWS resource it prices, names its address."""
    monthly = price.cost(cc.quantity) * cc.price_factor
    if price.tiers and cc.quantity:
        unit_price = monthly / cc.quantity  # effective blended rate across tiers
    else:
        unit_price = price.usd * cc.price_factor
    estimate = "; ".join(r for r in (price.estimate, cc.price_factor_reason) if r) or None
    note = catalogue.staleness(price.source)
    return LineItem(
        resource=resource,
        service=cc.service,
        component=cc.name,
        unit=price.unit,
        unit_price_usd=round(unit_price, 10),
        quantity=round(cc.quantity, 6),
        monthly_usd=round(monthly, 6),
        usage_based=cc.usage_based,
        purchase_option=cc.purchase_option,
        price_source=price.source.id,
        price_date=price.source.date,
        estimate=estimate,
        assumption=cc.assumption,
        sku=cc.price_key,
        note=note,
        address=resource if planned is None else planned.address,
        resource_type=None if planned is None else planned.type,
    )
