"""Every hour-based line of every blueprint's bill carries AWS's list price for that region, read
straight from the raw public price files (not from our catalogue)."""

import re

import pytest

from stackwright.cost.engine import price
from stackwright.spec.loader import load

from conftest import BLUEPRINTS
from test_catalogue import SAMPLES, SOURCE, ec2_ondemand_raw, elasticache_raw, golden, rds_ondemand_raw

if not SOURCE.is_dir():
    pytest.skip("the public price snapshots (../shared/pricing-source) are not next to this clone",
                allow_module_level=True)



def alb_hour_us_east_1(region: str) -> float:
    """infracost's golden table prices 730 ALB hours in us-east-1; the list price is cost / 730 to the cent."""
    assert region == "us-east-1"
    (row,) = [r for r in golden("lb_test")
              if r["resource"] == "aws_lb.alb1_usage" and r["path"][-1] == "Application load balancer"]
    return round(float(row["cost"]) / float(row["qty"]), 4)


EXACT = dict(SAMPLES) | {"alb/hour": alb_hour_us_east_1}
FAMILIES = [
    (re.compile(r"ec2/ondemand/(?P<t>.+)"), lambda r, m: ec2_ondemand_raw(r, m["t"])),
    (re.compile(r"rds/(?P<e>\w+)/(?P<az>single-az|multi-az)/(?P<c>db\..+)"),
     lambda r, m: rds_ondemand_raw(r, m["e"], m["az"], m["c"])),
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
