"""Every hour-based line of every blueprint's bill carries AWS's list price for that region, read
straight from the raw public price files (not from our catalogue)."""

import re

import pytest

from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import BLUEPRINTS
from test_catalogue import SAMPLES, SOURCE, elasticache_raw
from test_catalogue_late_2025 import SAMPLES as LATE_2025
from test_catalogue_late_2025 import ec2, rds

if not SOURCE.is_dir():
    pytest.skip("the public price snapshots (../shared/pricing-source) are not next to this clone",
                allow_module_level=True)



# The late-2025 files are the newest source for what they cover, so their lookups win.
EXACT = dict(SAMPLES) | {key: lookup for key, tier, lookup in LATE_2025 if tier is None}
FAMILIES = [
    (re.compile(r"ec2/ondemand/(?P<t>.+)"), lambda r, m: ec2(m["t"])(r)),
    (re.compile(r"rds/(?P<e>postgresql|mysql)/(?P<az>single-az|multi-az)/db\.(?P<c>.+)"),
     lambda r, m: rds(m["e"], {"single-az": "Single-AZ", "multi-az": "Multi-AZ"}[m["az"]], m["c"])(r)),
    (re.compile(r"elasticache/(?P<e>redis|valkey)/(?P<n>cache\..+)"),
     lambda r, m: elasticache_raw(r, m["e"].capitalize(), m["n"])),
]


def list_price(region: str, sku: str) -> float:
    if sku in EXACT:
        return EXACT[sku](region)
    for pattern, lookup in FAMILIES:
        match = pattern.fullmatch(sku)
        if match:
            return lookup(region, match)
    raise AssertionError(f"no raw lookup for {sku}; add one so the line is checked")


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_hour_based_lines_match_list_prices(blueprint):
    loaded = load(blueprint)
    bill = price(loaded.spec, loaded)
    hourly = [i for i in bill.items if not i.usage_based and i.unit.endswith("hour")]
    assert hourly
    for item in hourly:
        if item.estimate:
            # not an exact list price for the region: the bill must say so, and why
            assert len(item.estimate) > 20, item
            continue
        assert item.unit_price_usd == pytest.approx(list_price(bill.region, item.sku), abs=1e-12), item.sku
        assert item.monthly_usd == pytest.approx(item.unit_price_usd * item.quantity, abs=1e-9)
