"""The seeds' separate development environments, encoded as overlays of their blueprints: Tiketi's dev
($150 → $100 in its document) and Glimpse's Dev (+$76)."""

from pathlib import Path

from stackwright.spec import environments
from stackwright.spec.loader import load
from stackwright.spec_bill import price

BLUEPRINTS = Path(__file__).resolve().parents[1] / "blueprints"


def _bills(name: str) -> dict:
    return {env: price(one.spec, one) for env, one in environments.each(load(BLUEPRINTS / f"{name}.yaml"))}


def test_tiketi_dev_is_the_documents_cheaper_environment():
    bills = _bills("tiketi")
    assert list(bills) == ["prod", "dev"]
    prod, dev = bills["prod"], bills["dev"]
    assert dev.budget_monthly_usd == 100 and prod.budget_monthly_usd == 350
    assert dev.total < prod.total / 2  # Single-AZ db.t3.micro, one cache node, one NAT gateway
    dev_spec = environments.pick(load(BLUEPRINTS / "tiketi.yaml"), "dev").spec
    assert dev_spec.components["db"].instance_class == "db.t3.micro" and not dev_spec.components["db"].multi_az
    assert dev_spec.components["nat"].count == 1 and dev_spec.environment == "development"


def test_glimpse_dev_is_a_second_copy_of_the_stack():
    bills = _bills("glimpse")
    assert list(bills) == ["prod", "dev"]
    assert bills["dev"].budget_monthly_usd == 76 and bills["prod"].budget_monthly_usd == 83
    assert bills["dev"].total == bills["prod"].total  # the document names no smaller classes or counts
