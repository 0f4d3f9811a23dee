"""The cost engine: cost components -> priced bill lines -> the itemised monthly bill.

It knows neither the plan nor the renderers: `stackwright.spec_bill` prices a spec (spec -> plan -> AWS
resources -> cost components) and hands each resource's cost components here. Kinds not yet moved to
resource cost modules still have `stackwright.cost.resources.<kind>` modules exporting
`components(name, component, ctx)`, which read the spec alone.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

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
    # What `stackwright plan` creates for the spec, so the bill prices the alarms and secrets it adds
    # (stackwright.spec_bill builds it); None for imported code, whose bill prices the code alone.
    plan: object = None
    # The generated Terraform's address of each plan element, so a planned resource's bill line names what an
    # import of that code names; by default each element's id stands for it (where only the amounts matter).
    addresses: Mapping[str, str] = field(default_factory=lambda: ElementIds())
    # stackwright.resources.price.MemoPass: the share of the cost components' memo this bill has left
    memo: object = None

    def has_kind(self, kind: str) -> bool:
        return kind in self.once("kinds", lambda: {c.kind for c in self.spec.components.values()})

    def once(self, name: str, compute):
        """`compute()`, worked out once per bill: what pricing each resource would otherwise work out again
        from the whole spec or plan (a scan per resource grows as the square of a spec's size)."""
        found = self.__dict__.setdefault("_once", {})  # not a field: the context is frozen
        if name not in found:
            found[name] = compute()
        return found[name]


class ElementIds(dict):
    """Each plan element's id standing for its address."""

    def __missing__(self, element_id: str) -> str:
        return element_id


def region_prices(loaded: LoadedSpec | None, spec: Spec) -> catalogue.RegionPrices:
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


def own_prices_of(spec: Spec, loaded: LoadedSpec | None, own, prices: catalogue.RegionPrices):
    """The own prices to apply, checked against the region's `prices`: those given (`cost --prices FILE`),
    else the spec's `prices:` (inline, or a file path relative to the spec)."""
    if own is None and spec.prices is not None:
        if isinstance(spec.prices, str):
            from stackwright.pricing import own_prices

            base = Path(loaded.located.file).parent if loaded else Path.cwd()
            own = own_prices.load(base / spec.prices)
        else:
            own = spec.prices
    if own is not None:
        from stackwright.cost.bill import SERVICES
        from stackwright.pricing import own_prices

        wrong = own_prices.check(own, set(SERVICES) | {k.split("/")[0] for k in prices.keys()}, set(prices.keys()),
                                 spec.region)
        if wrong:
            raise UserError([loaded.problem(("prices",), w) if loaded and spec.prices is not None else w
                             for w in wrong])
    return own


def bill_of(spec: Spec, loaded: LoadedSpec | None, lines, prices: catalogue.RegionPrices, *,
            allow_missing: bool = False, own=None, allowance=None) -> Bill:
    """The bill of `lines`: (the name it is listed under, its (cost component, the planned AWS resource it
    prices or None) pairs), in bill order. Missing prices raise a located UserError unless allow_missing
    lists them; `own` (stackwright.pricing.own.OwnPrices) applies negotiated discounts and private rates.
    `allowance` (FreeTier), with the spec's free tier: the always-free allowances to use up, shared with
    lines the caller adds after (an import's resources)."""
    bill = Bill(spec.name, spec.region, budget_monthly_usd=spec.budget_monthly_usd, budget_source=spec.budget_source)
    problems: list[Problem | str] = []
    if not spec.free_tier:
        allowance = None
    elif allowance is None:
        allowance = FreeTier()
    price_lines(bill.items, bill.unknown, problems, spec, loaded, lines, prices, allow_missing=allow_missing, own=own,
                allowance=allowance)
    if problems:
        raise UserError(problems)
    return bill


def price_lines(items: list, unknown: list, problems: list, spec: Spec, loaded: LoadedSpec | None, lines,
                prices: catalogue.RegionPrices, *, allow_missing: bool = False, own=None, allowance=None,
                memoised: int | None = None) -> int:
    """`bill_of`'s work on `lines`, appended to `items`, `unknown` and `problems` in bill order: a caller pricing a
    bill in parts (spec_bill's memoised groups) gets the same lines as one pass, as a line reads nothing of the
    lines before it but the free-tier `allowance` they used up. `memoised`: how many more of the bill's lines
    the line memo takes, LINES_KEPT for a whole bill (a bill memoises its first lines only, so one of more lines than the memo keeps does not
    evict each of its lines before asking for it again, no hit ever, and every other spec's with them); returns
    how many it still takes."""
    if own is not None:
        from stackwright.pricing import own_prices
    memoised = LINES_KEPT if memoised is None else memoised
    for resource, components_of_resource in lines:
        for cc, planned in components_of_resource:
            if cc.unknown_reason:
                unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, cc.unknown_reason))
                continue
            if cc.price_key not in prices:
                if cc.unknown_if_missing:
                    unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, cc.unknown_if_missing))
                elif allow_missing:
                    reason = f"SKU '{cc.price_key}' is not in the catalogue for {spec.region}"
                    unknown.append(Unknown(resource, cc.service, cc.name, cc.price_key, reason))
                else:
                    problems.append(_missing_price_problem(loaded, spec, resource, cc, prices))
                continue
            if allowance is not None:
                cc = allowance.apply(cc)
            priced = None
            if memoised > 0:
                memoised -= 1
                try:
                    priced = _line(resource, cc, prices, None if planned is None else planned.address,
                                   None if planned is None else planned.type)
                except TypeError:  # a component holding a value no key can (a list): built afresh
                    pass
            if priced is None:
                priced = line(resource, cc, prices.get(cc.price_key), planned)
            items.append(priced if own is None else own_prices.apply(priced, own, cc.price_factor))
    return memoised


@cache
def kind_module(kind: str):
    """The cost module of a kind still priced from the spec (not from its planned AWS resources):
    `stackwright.cost.resources.<kind>`, exporting `components(name, component, ctx)`."""
    return importlib.import_module(f"stackwright.cost.resources.{kind}")


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


# bounds the memo below: a bill line and its key, about 470 B each (measured with tracemalloc on a generated spec of
# 100 services), so about 15 MB when full; a 1,000-service spec's bill has 8,357 lines
LINES_KEPT = 32_768


@lru_cache(maxsize=LINES_KEPT)
def _line(resource: str, cc: CostComponent, prices: catalogue.RegionPrices, address: str | None,
          resource_type: str | None) -> LineItem:
    """`line` memoised by everything it reads (the component and the region's catalogue, both immutable):
    a search prices the same components of the same resources over and over."""
    return line(resource, cc, prices.get(cc.price_key), None if address is None else _Named(address, resource_type))


class _Named(NamedTuple):
    """What `line` reads of the planned AWS resource a line prices."""
    address: str
    type: str | None


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
