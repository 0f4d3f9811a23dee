"""Your own prices: negotiated discounts (percent off a service's list prices) and private rates
(USD per catalogue unit for one SKU), from `cost --prices FILE` or the spec's `prices:`.

    name: ACME enterprise agreement 2026      # shown on every line it changes
    discounts: {ec2: 12, rds: 8}              # percent off the list price, per bill service
    rates: {"ec2/ondemand/m6g.large": 0.061}  # USD per catalogue unit, replaces the list price

A private rate wins over a discount for the same line. The bill keeps the list price in each
changed line's note, so the difference is visible.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Percent = Annotated[float, Field(gt=0, le=100)]
Rate = Annotated[float, Field(ge=0)]


class OwnPrices(BaseModel):
    """Negotiated discounts and private rates; every bill line they change says so."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("own prices", min_length=1, description="What these prices are, shown on each changed line.")
    discounts: dict[str, Percent] = Field(
        default_factory=dict, description="Percent off the list price per bill service (ec2, rds, fargate, ...).")
    rates: dict[str, Rate] = Field(
        default_factory=dict, description="USD per catalogue unit per SKU (a catalogue key such as "
        "ec2/ondemand/m6g.large), replacing the list price.")


def load(path: str | Path) -> OwnPrices:
    """Read a prices file; bad YAML or fields are located UserErrors."""
    from stackwright.errors import UserError, read_user_file
    from stackwright.spec.loader import _data_path, _describe, parse_yaml

    located = parse_yaml(read_user_file(path, "prices"), str(path))
    try:
        return OwnPrices.model_validate(located.data if located.data is not None else {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            message, at_key = _describe(error)
            problems.append(located.problem(_data_path(error["loc"], located.data), message, at_key=at_key))
        raise UserError(problems) from None


def check(own: OwnPrices, services: set[str], skus: set[str], region: str) -> list[str]:
    """What in `own` names nothing the catalogue knows: a typo would otherwise change nothing silently."""
    problems = []
    for service in sorted(set(own.discounts) - services):
        close = difflib.get_close_matches(service, sorted(services), n=2)
        hint = f"did you mean {' or '.join(close)}?" if close else f"services: {', '.join(sorted(services))}"
        problems.append(f"prices.discounts: unknown service '{service}'; {hint}")
    for sku in sorted(set(own.rates) - skus):
        family = sku.rsplit("/", 1)[0] + "/"
        close = difflib.get_close_matches(sku, sorted(k for k in skus if k.startswith(family)) or sorted(skus), n=2)
        hint = f"did you mean {' or '.join(close)}?" if close else "use a key `stackwright prices show` lists"
        problems.append(f"prices.rates: '{sku}' is not a catalogue key in {region}; {hint}")
    return problems


def apply(item, own: OwnPrices, price_factor: float = 1.0):
    """The bill line under `own`: a private rate for its SKU, else the service's discount, else unchanged."""
    list_monthly = item.monthly_usd
    if item.sku in own.rates:
        rate = own.rates[item.sku]
        monthly = rate * item.quantity * price_factor
        note = (f"{own.name}: private rate ${rate:g} per {item.unit} for {item.sku} "
                f"(list ${item.unit_price_usd:g}, ${list_monthly:,.2f}/month)")
        unit_price = rate * price_factor
    elif item.service in own.discounts:
        pct = own.discounts[item.service]
        factor = 1 - pct / 100
        monthly = list_monthly * factor
        unit_price = item.unit_price_usd * factor
        note = f"{own.name}: {pct:g}% off the {item.service} list price (list ${list_monthly:,.2f}/month)"
    else:
        return item
    if item.note and item.sku not in own.rates:  # the list price's age still matters under a discount
        note = f"{note}; {item.note}"
    return replace(item, unit_price_usd=round(unit_price, 10), monthly_usd=round(monthly, 6), note=note)
