"""Price resource records with their cost modules: one bill line per cost component, keyed by address."""

from __future__ import annotations

import marshal
from collections import OrderedDict
from dataclasses import replace

from stackwright.cost.bill import Bill, Unknown
from stackwright.cost.component import CostComponent
from stackwright.cost.engine import line
from stackwright.memo import keep as memo_keep
from stackwright.pricing import catalogue
from stackwright.resources.record import Resource, UsageValue, UsageValues, no_usage_file

MAX_QUANTITY = 1e15  # no AWS bill counts more units of anything in a month; beyond it a value is a mistake


def add_to_bill(bill: Bill, priced: list[tuple[Resource, UsageValues]], prices: catalogue.RegionPrices,
                allowance=None) -> None:
    """Append each resource's components to `bill`; a price the catalogue lacks is listed as not priced.
    `allowance` (stackwright.cost.engine.FreeTier): the always-free allowances left to use up."""
    memo = MemoPass()
    for resource, usage in priced:
        for cc in components_of(resource, usage, memo):
            if cc.quantity < 0 and not cc.unknown_reason:
                cc = replace(cc, unknown_reason=f"a negative quantity ({cc.quantity:g}) from its attributes or usage")
            elif not cc.unknown_reason and not cc.quantity < MAX_QUANTITY:  # NaN and huge integers too
                cc = replace(cc, unknown_reason=f"a quantity beyond any bill ({str(cc.quantity)[:24]}) from its attributes or usage")
            if cc.unknown_reason or cc.price_key not in prices:
                reason = cc.unknown_reason or f"SKU '{cc.price_key}' is not in the catalogue for {prices.region}"
                bill.unknown.append(Unknown(resource.address, cc.service, cc.name, cc.price_key, reason))
                continue
            if allowance is not None:
                cc = allowance.apply(cc)
            item = line(resource.address, cc, prices.get(cc.price_key))
            bill.items.append(replace(item, address=resource.address, resource_type=resource.type))


def components_of(resource: Resource, usage: UsageValues, memo: MemoPass | None = None) -> list[CostComponent]:
    """The module's components; a usage value of the wrong shape leaves the resource not priced, with why.
    A planned resource's are memoised by all they are made of (its cost module, type, address, Region,
    attributes and derived usage): the optimiser's variants plan the same resources over and over.
    `memo`: the share of the memo the bill being priced has left."""
    key = _key(resource, usage) if memo is None or memo.take() else None
    if key is None:
        return _components(resource, usage)
    module, found = _components_made.get(key, (None, None))
    if module is not usage.module:  # the module by identity: a cost module's tables make it unhashable
        found = tuple(_components(resource, usage))
        memo_keep(_components_made, key, (usage.module, found), COMPONENTS_KEPT)
    else:
        _components_made.move_to_end(key)
    return list(found)


def _components(resource: Resource, usage: UsageValues) -> list[CostComponent]:
    try:
        return list(usage.module.components(resource, usage))
    except (ValueError, TypeError, KeyError, ZeroDivisionError) as exc:
        return [CostComponent(resource.type, "all components", f"{resource.type}/*", 0,
                              unknown_reason=f"its attributes or usage cannot be priced ({exc})")]


# bounds the memo below: a resource's key and its components, 1.0 to 1.4 KB an entry (measured with tracemalloc
# on generated specs of 100 and 1,000 services), so about 20 MB when full; a 1,000-service spec has 5,933 resources
COMPONENTS_KEPT = 16_384
_components_made: OrderedDict[tuple, tuple[object, tuple[CostComponent, ...]]] = OrderedDict()  # most recent last


class MemoPass:
    """One bill's share of the memo: its first COMPONENTS_KEPT resources. A bill of more resources than the memo
    keeps would evict each of its entries before asking for it again, every pass: no hit, ever, and every other
    spec's entries gone. Past its share a bill prices afresh, and its first resources stay memoised."""

    def __init__(self) -> None:
        self.left = COMPONENTS_KEPT

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _key(resource: Resource, usage: UsageValues) -> tuple | None:
    """What a cost module reads of a planned resource, its values written by marshal with their types (1, 1.0 and
    True apart, floats by their exact bits, so 0.0 and -0.0 apart, lists apart from tuples, in order); None for a
    resource a usage file speaks for, or holding a value of another type (priced afresh). Marshal's version 2
    writes no back-references, so equal values give equal bytes whatever objects they share."""
    if usage._lookup is not no_usage_file or resource.location is not None:
        return None
    derived = []
    for name, value in usage._derived.items():
        if type(value) is not UsageValue:
            return None
        derived.append((name, value.value, value.assumption))
    try:
        values = marshal.dumps((resource.attrs, derived), 2)
    except ValueError:  # a type marshal does not write: an object, a subclass of str, int, list or dict
        return None
    return id(usage.module), resource.type, resource.address, resource.region, values
