"""Data out to the internet: a usage component of the resources that send it (load balancers, APIs,
instances with a public address), priced at the account's tiered rate.

AWS tiers internet data out over the whole account's month, not per resource, so the bill walks the tiers
once across every line of it (`share_account_tiers`), in bill order, and the always-free 100 GB comes off
the first lines. An import prices only what its usage file declares here (0 by default); a spec's plan
implies it from the spec's traffic (resources/from_plan/_egress.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.cost.component import CostComponent
from stackwright.resources.registry import UsageKey
from stackwright.translatable import N_

KEY = "internet_out_gb_month"
PRICE_KEY = "data_transfer/internet-out"
USAGE = {KEY: UsageKey(0, "GB", "data it sends out to the internet a month (tiered across the account)")}
ACCOUNT_WIDE_TIERS = (PRICE_KEY,)  # price keys whose tiers count the whole account's month


def component(usage) -> Iterator[CostComponent]:
    """The resource's data out to the internet, when it sends any."""
    value = usage[KEY]
    if float(value.value):
        yield CostComponent("data_transfer", N_("Data out to the internet"), PRICE_KEY, float(value.value),
                            usage_based=True, assumption=value.assumption)


def share_account_tiers(items: list, prices, start: int = 0) -> list:
    """`items` with the lines from `start` on whose price tiers are account-wide re-priced as if their
    quantities were one: each line pays the tiers it reaches after the lines before it (a line priced on
    its own walks the tiers from zero)."""
    before = {key: sum(i.quantity for i in items[:start] if i.sku == key) for key in ACCOUNT_WIDE_TIERS}
    found = list(items[:start])
    for item in items[start:]:
        if item.sku in before and item.quantity:
            price = prices.get(item.sku)
            used = before[item.sku]
            before[item.sku] += item.quantity
            alone = price.cost(item.quantity)
            if used and price.tiers and alone:
                monthly = item.monthly_usd * (price.cost(used + item.quantity) - price.cost(used)) / alone
                item = replace(item, monthly_usd=round(monthly, 6),
                               unit_price_usd=round(monthly / item.quantity, 10))
        found.append(item)
    return found
