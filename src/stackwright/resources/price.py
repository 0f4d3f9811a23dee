"""Price resource records with their cost modules: one bill line per cost component, keyed by address."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from stackwright.cost.bill import Bill, Unknown
from stackwright.cost.component import CostComponent
from stackwright.cost.engine import line
from stackwright.pricing import catalogue
from stackwright.resources.record import Resource, UsageValue, UsageValues, no_usage_file

MAX_QUANTITY = 1e15  # no AWS bill counts more units of anything in a month; beyond it a value is a mistake


def add_to_bill(bill: Bill, priced: list[tuple[Resource, UsageValues]], prices: catalogue.RegionPrices,
                allowance=None) -> None:
    """Append each resource's components to `bill`; a price the catalogue lacks is listed as not priced.
    `allowance` (stackwright.cost.engine.FreeTier): the always-free allowances left to use up."""
    for resource, usage in priced:
        for cc in components_of(resource, usage):
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


def components_of(resource: Resource, usage: UsageValues) -> list[CostComponent]:
    """The module's components; a usage value of the wrong shape leaves the resource not priced, with why.
    A planned resource's are memoised by all they are made of (its cost module, type, address, Region,
    attributes and derived usage): the optimiser's variants plan the same resources over and over."""
    key = _key(resource, usage)
    if key is None:
        return _components(resource, usage)
    module, found = _components_made.get(key, (None, None))
    if module is not usage.module:  # the module by identity: a cost module's tables make it unhashable
        found = tuple(_components(resource, usage))
        _components_made[key] = usage.module, found
        if len(_components_made) > COMPONENTS_KEPT:
            _components_made.popitem(last=False)
    else:
        _components_made.move_to_end(key)
    return list(found)


def _components(resource: Resource, usage: UsageValues) -> list[CostComponent]:
    try:
        return list(usage.module.components(resource, usage))
    except (ValueError, TypeError, KeyError, ZeroDivisionError) as exc:
        return [CostComponent(resource.type, "all components", f"{resource.type}/*", 0,
                              unknown_reason=f"its attributes or usage cannot be priced ({exc})")]


COMPONENTS_KEPT = 4096  # bounds the memo below: a resource's key and its components, about 3 KB an entry (measured)
_components_made: OrderedDict[tuple, tuple[object, tuple[CostComponent, ...]]] = OrderedDict()  # most recent last


class _Unkeyable(Exception):
    """A value of a type `_frozen` does not know."""


def _key(resource: Resource, usage: UsageValues) -> tuple | None:
    """What a cost module reads of a planned resource, each value frozen with its type; None for a resource a
    usage file speaks for, or holding a value of another type (priced afresh)."""
    if usage._lookup is not no_usage_file or resource.location is not None:
        return None
    try:
        attrs = _frozen(resource.attrs)
        derived = []
        for name, value in usage._derived.items():
            if type(value) is not UsageValue:
                raise _Unkeyable(type(value))
            derived.append((name, _frozen(value.value), value.assumption))
    except _Unkeyable:
        return None
    return id(usage.module), resource.type, resource.address, resource.region, attrs, tuple(derived)


def _frozen(value):
    """`value` as a key that equals another only where the two print alike: a string or None as itself (equal
    to nothing else), any other value with its type (1, 1.0 and True compare equal), floats by their exact
    bits (-0.0 equals 0.0), containers item by item in order."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is int or kind is bool:
        return kind, value
    if kind is float:
        return kind, value.hex()
    if kind is list or kind is tuple:
        return kind, tuple(item if type(item) is str else _frozen(item) for item in value)
    if kind is dict:
        return kind, tuple((name if type(name) is str else _frozen(name), item if type(item) is str else _frozen(item))
                           for name, item in value.items())
    raise _Unkeyable(kind)
