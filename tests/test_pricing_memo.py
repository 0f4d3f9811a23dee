"""The optimiser's memoised sums (spec_bill.monthly_sum) against fresh pricing: never stale, never unbounded."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwright import spec_bill
from stackwright.errors import UserError
from stackwright.spec.loader import load
from stackwright.spec.model import Spec
from stackwright.spec_bill import monthly_sum, price

from conftest import BLUEPRINTS
from test_cost_properties import specs

NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", fullmatch=True)


def _fresh(spec: Spec) -> float:
    return sum(item.monthly_usd for item in price(spec, terraform_addresses=False).items)


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_a_blueprint_sums_as_its_bill_under_any_name(blueprint):
    spec = load(blueprint).spec
    assert monthly_sum(spec) == _fresh(spec)
    renamed = spec.model_copy(update={"name": f"edit-{spec.name}"})
    assert monthly_sum(renamed) == _fresh(renamed) == _fresh(spec)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=specs(), name=NAMES, changed=st.integers(1, 30))
def test_memoised_sums_are_the_fresh_sums_of_changed_specs(data, name, changed):
    spec = Spec.model_validate({**data, "name": name})
    assert monthly_sum(spec) == _fresh(spec)
    assert monthly_sum(spec) == _fresh(spec)  # asked again: from the memo
    # one component changed: a different sum, never the one remembered for the spec before
    tasks = {**data["components"]["api"]["tasks"], "desired": changed, "max": changed + 10}
    edited = Spec.model_validate({**data, "name": name, "components": {
        **data["components"], "api": {**data["components"]["api"], "tasks": tasks}}})
    assert monthly_sum(edited) == _fresh(edited)


def test_the_memo_keeps_at_most_its_bound(monkeypatch):
    monkeypatch.setattr(spec_bill, "SUMS_KEPT", 3)
    monkeypatch.setattr(spec_bill, "_sums", type(spec_bill._sums)())
    base = load(BLUEPRINTS[0]).spec
    for dau in range(10, 20):
        monthly_sum(base.model_copy(update={"traffic": base.traffic.model_copy(update={"dau": dau})}))
    assert len(spec_bill._sums) == 3


def test_own_prices_in_a_file_are_read_each_time(tmp_path, monkeypatch):
    """The file may change between two searches: its spec is never answered from the memo."""
    monkeypatch.chdir(tmp_path)
    spec = load(BLUEPRINTS[0]).spec.model_copy(update={"prices": "prices.yaml"})
    (tmp_path / "prices.yaml").write_text("name: none\ndiscounts: {fargate: 10}\n", encoding="utf-8")
    full = monthly_sum(spec)
    (tmp_path / "prices.yaml").write_text("name: half\ndiscounts: {fargate: 50}\n", encoding="utf-8")
    assert monthly_sum(spec) == _fresh(spec) < full


def test_a_renamed_spec_finds_the_same_entry(monkeypatch):
    monkeypatch.setattr(spec_bill, "_sums", type(spec_bill._sums)())
    spec = load(BLUEPRINTS[-1]).spec
    total = monthly_sum(spec)
    renamed = spec.model_copy(update={"name": "another.name_1"})
    assert monthly_sum(renamed) == total
    assert len(spec_bill._sums) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blueprint=st.sampled_from(BLUEPRINTS), name=NAMES, hours=st.floats(1, 168), dau=st.integers(0, 200_000))
def test_edited_blueprints_sum_as_their_fresh_bills(blueprint, name, hours, dau):
    """Every kind the blueprints use, under edits every running or traffic-driven line sees."""
    spec = load(blueprint).spec
    edited = spec.model_copy(update={"name": name, "running_hours_per_week": hours,
                                     "traffic": spec.traffic.model_copy(update={"dau": dau})})
    edited = Spec.model_validate(edited.model_dump())
    try:
        fresh = _fresh(edited)
    except UserError:  # sizing cannot place it: neither can the memo
        with pytest.raises(UserError):
            monthly_sum(edited)
        return
    assert monthly_sum(edited) == fresh


@pytest.mark.parametrize("blueprint", [BLUEPRINTS[0], BLUEPRINTS[-1]], ids=lambda p: p.stem)
def test_the_optimiser_finds_the_same_under_another_name(blueprint):
    """Its sums are shared across names: the search must come out the same, named as asked."""
    from stackwright.optimize.search import optimize

    spec = load(blueprint).spec
    found = optimize(spec).to_json()
    renamed = optimize(spec.model_copy(update={"name": "renamed"})).to_json()
    assert renamed == {**found, "name": "renamed"}



def test_a_bill_line_that_cannot_be_a_key_is_built_afresh(monkeypatch):
    from stackwright.cost.component import CostComponent

    cc = CostComponent("cloudwatch", "Standard-resolution alarms", "cloudwatch/alarm-standard", 2,
                       spec_field=["alarms"])  # a list: no memo key can hold it
    monkeypatch.setattr(spec_bill, "_cost_components", lambda name, component, ctx: iter([(cc, None)]))
    monkeypatch.setattr(spec_bill, "_groups", type(spec_bill._groups)())  # the real components' lines
    spec = load(BLUEPRINTS[0]).spec
    bill = price(spec, terraform_addresses=False)
    assert [item.quantity for item in bill.items if item.sku == cc.price_key][:len(spec.components)] == \
        [2] * len(spec.components)
