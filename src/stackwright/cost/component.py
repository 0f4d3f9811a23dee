"""What a resource module declares: the cost components of one spec component."""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.cost.bill import HOURS_PER_MONTH


@dataclass(frozen=True)
class CostComponent:
    service: str
    name: str
    price_key: str
    quantity: float
    usage_based: bool = False
    purchase_option: str = "on_demand"
    assumption: str | None = None
    # Multiplies the catalogue price (e.g. an assumed Spot discount); the reason becomes the estimate mark.
    price_factor: float = 1.0
    price_factor_reason: str | None = None
    # Where in the component's spec the choice behind price_key sits, for located errors.
    spec_field: tuple = ()
    # Set when the price cannot come from the catalogue at all: listed as unknown, never $0.
    unknown_reason: str | None = None
    # Set when the catalogue may lack price_key for a known reason: listed as unknown with it, not an error.
    unknown_if_missing: str | None = None


def hourly(service: str, name: str, price_key: str, count: float = 1, **kwargs) -> CostComponent:
    """A resource that bills by the hour, running all month."""
    return CostComponent(service, name, price_key, count * HOURS_PER_MONTH, **kwargs)
