"""Each blueprint's bill against its golden file. Regenerate with `pytest --update-golden`."""

import json
from pathlib import Path

import pytest

from stackwright.cost.bill import SERVICES
from stackwright.render.cost_report import to_json
from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import BLUEPRINTS, EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
ITEM_FIELDS = {"resource", "service", "component", "unit", "unit_price_usd", "quantity", "monthly_usd",
               "usage_based", "purchase_option", "price_source", "price_date", "estimate"}


def _bill_json(path: Path) -> str:
    loaded = load(path)
    return to_json(price(loaded.spec, loaded))


@pytest.mark.parametrize("blueprint", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_bill_matches_golden(blueprint, update_golden):
    text = _bill_json(blueprint)
    golden = GOLDEN / f"{blueprint.stem}.json"
    if update_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), "bill changed; if intended, run pytest --update-golden"


@pytest.mark.parametrize("blueprint", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_bill_json_shape(blueprint):
    data = json.loads(_bill_json(blueprint))
    assert data["currency"] == "USD" and data["hours_per_month"] == 730
    assert data["unknown"] == []
    assert data["total_monthly_usd"] == round(sum(i["monthly_usd"] for i in data["items"]), 2)
    for item in data["items"]:
        assert ITEM_FIELDS <= set(item)
        assert item["service"] in SERVICES
        if item["unit"] == "hour":
            assert item["usage_based"] is False
        if item["usage_based"]:
            assert item["assumption"], item
