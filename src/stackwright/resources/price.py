"""Price resource records with their cost modules: one bill line per cost component, keyed by address."""

from __future__ import annotations

from dataclasses import replace

from stackwright.cost.bill import Bill, Unknown
from stackwright.cost.component import CostComponent
from stackwright.cost.engine import line
from stackwright.pricing import catalogue
from stackwright.resources.record import Resource, UsageValues

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
    """The module's components; a usage value of the wrong shape leaves the resource not priced, with why."""
    try:
        return list(usage.module.components(resource, usage))
    except (ValueError, TypeError, KeyError, ZeroDivisionError) as exc:
        return [CostComponent(resource.type, "all components", f"{resource.type}/*", 0,
                              unknown_reason=f"its attributes or usage cannot be priced ({exc})")]
