"""stackwright.spec_bill puts a spec's bill together: spec → plan (and the generated Terraform's addresses)
→ AWS resources → bill."""

from __future__ import annotations

from stackwright.plan import build_plan
from stackwright.pricing import catalogue
from stackwright.render.terraform import resource_addresses
from stackwright.sizing.sizer import resolve
from stackwright.spec.loader import load
from stackwright.spec_bill import context, price

from conftest import ROOT


def test_a_bill_given_its_plan_is_the_bill_that_builds_it():
    loaded = load(ROOT / "blueprints" / "bowwow.yaml")
    spec = resolve(loaded.spec, loaded)
    built = price(loaded.spec, loaded)
    given = price(loaded.spec, loaded, plan=build_plan(spec))
    assert given.to_json() == built.to_json()
    assert any(item.address.startswith("module.") for item in built.items)


def test_the_context_names_plan_elements_by_terraform_address_or_by_id():
    spec = resolve(load(ROOT / "blueprints" / "glimpse.yaml").spec)
    plan = build_plan(spec)
    prices = catalogue.load(spec.region)
    addressed = context(spec, prices, plan=plan)
    assert addressed.plan is plan
    assert dict(addressed.addresses) == resource_addresses(plan)
    element = next(iter(resource_addresses(plan)))
    assert addressed.addresses[element].startswith("module.")
    by_id = context(spec, prices, plan=plan, terraform_addresses=False)
    assert by_id.addresses[element] == element


def test_amounts_do_not_depend_on_the_addresses():
    loaded = load(ROOT / "blueprints" / "tiketi.yaml")
    addressed = price(loaded.spec, loaded)
    by_id = price(loaded.spec, loaded, terraform_addresses=False)
    assert [(i.resource, i.component, i.monthly_usd) for i in by_id.items] == [
        (i.resource, i.component, i.monthly_usd) for i in addressed.items]
    assert [i.address for i in by_id.items] != [i.address for i in addressed.items]
