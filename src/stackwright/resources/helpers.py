"""What cost modules share: reading attributes with AWS defaults, and usage-based and hourly components."""

from __future__ import annotations

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent
from stackwright.resources.capacity import RESERVED_KEYS
from stackwright.importer.resources import IacResource, NotPriceable, to_bool, to_int, to_number
from stackwright.resources.record import UsageValues
from stackwright.resources.registry import UsageKey
from stackwright.translatable import N_

HOURS_A_WEEK = 168


def text(resource: IacResource, *path, default: str | None = None) -> str | None:
    value = resource.get(*path, default=default)
    return None if value is None else str(value)


def number(resource: IacResource, *path, default: float | None = None) -> float | None:
    value = resource.get(*path, default=None)
    return default if value is None else _not_negative(to_number(value, ".".join(map(str, path))), path)


def whole(resource: IacResource, *path, default: int | None = None) -> int | None:
    value = resource.get(*path, default=None)
    return default if value is None else _not_negative(to_int(value, ".".join(map(str, path))), path)


def _not_negative(value, path):
    if value < 0:
        raise NotPriceable(f"{'.'.join(map(str, path))} is {value:g}, not a number of 0 or more")
    return value


def flag(resource: IacResource, *path, default: bool = False) -> bool:
    value = resource.get(*path, default=None)
    return default if value is None else to_bool(value, ".".join(map(str, path)))


def required(value, what: str):
    if value is None:
        raise NotPriceable(f"{what} is not set")
    return value


def hourly(service: str, name: str, price_key: str, count: float = 1, why: str | None = None) -> CostComponent:
    shown = f"{count:g} × 730 h" if why is None else why
    return CostComponent(service, name, price_key, count * HOURS_PER_MONTH, assumption=shown)


def monthly(service: str, name: str, price_key: str, count: float, why: str | None = None) -> CostComponent:
    return CostComponent(service, name, price_key, count, assumption=why)


def used(service: str, name: str, price_key: str, usage: UsageValues, key: str, per: float = 1.0,
         factor: float = 1.0, how: str = "") -> CostComponent:
    """A usage-based component: the usage value × `factor` ÷ `per` (the price's unit, e.g. 1M requests)."""
    value = usage[key]
    quantity = float(value.value) * factor / per
    return CostComponent(service, name, price_key, quantity, usage_based=True,
                         assumption=f"{value.assumption}{how}")


def scheduled_periods(count: int, scale_in: dict | None, hours) -> list[tuple[int, float, str]]:
    """[(running count, hours a month, why)] of a group of `count` that runs `hours` (a UsageValue) a month,
    scaled in to `scale_in["count"]` for `scale_in["off_hours_per_week"]` of every week's hours by a daily
    scheduled action."""
    total = float(hours.value)
    if not scale_in:
        return [(count, total, hours.assumption)]
    off = total * scale_in["off_hours_per_week"] / HOURS_A_WEEK
    values = {"on": f"{total - off:,.0f}", "off": f"{off:,.0f}", "hours": hours.assumption,
              "week": f"{scale_in['off_hours_per_week']:g}"}
    return [(count, total - off, N_("%(on)s h at normal times (of %(hours)s)") % values),
            (scale_in["count"], off, N_("%(off)s h scaled in (%(week)s h a week, of %(hours)s)") % values)]


# Reservations: a billing choice no code shows, so a usage value (`purchase_option`) of the resource.
RESERVABLE = ("on_demand", "reserved_1y", "reserved_3y")  # what a database or cache node can be bought as
PURCHASE_OPTION = UsageKey("on_demand", "", "on_demand, reserved_1y or reserved_3y (a reservation bought apart from "
                                            "the code)")


def purchase_option(usage: UsageValues) -> tuple[str, str]:
    """(the purchase option, the catalogue key's term part: `ri-1y/`, or nothing on demand)."""
    option = str(usage["purchase_option"].value)
    if option not in RESERVABLE:
        raise ValueError(f"purchase_option {option} is not one of {', '.join(RESERVABLE)}")
    return option, f"{RESERVED_KEYS[option]}/" if option in RESERVED_KEYS else ""
