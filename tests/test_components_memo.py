"""The memo of planned resources' cost components (resources.price.components_of) against fresh pricing: the
bill of an edited blueprint is the same, line for line, whether its resources were met before or not."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwright import spec_bill
from stackwright.spec_bill import price
from stackwright.errors import UserError
from stackwright.render.cost_report import to_json
from stackwright.resources import price as pricing
from stackwright.resources.record import Resource, UsageValue, UsageValues, no_usage_file
from stackwright.resources.registry import module_of
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS


def _bill(spec: Spec, addresses: bool) -> str:
    return to_json(price(spec, terraform_addresses=addresses))


def _edited(spec: Spec, hours: float, dau: int, count: int, spot: bool) -> Spec:
    """`spec` running `hours` a week at `dau`, its first service's tasks (if it has one) at `count`, Spot or not."""
    data = spec.model_dump(exclude_unset=True)
    data.update(running_hours_per_week=hours, traffic={**data.get("traffic", {}), "dau": dau})
    for component in data["components"].values():
        if component["kind"] == "fargate_service":
            component["tasks"] = {**component.get("tasks", {}), "desired": count, "min": 1, "max": count + 4}
            component["capacity"] = "fargate_spot" if spot else "fargate"
            break
    return Spec.model_validate(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blueprint=st.sampled_from(BLUEPRINTS), hours=st.floats(1, 168), dau=st.integers(0, 200_000),
       count=st.integers(1, 12), spot=st.booleans(), addresses=st.booleans())
def test_an_edited_blueprint_bills_the_same_from_the_memo(blueprint, hours, dau, count, spot, addresses):
    base = load(blueprint).spec
    try:
        edited = _edited(base, hours, dau, count, spot)
        _bill(base, addresses)  # its unchanged resources met before
        remembered = _bill(edited, addresses)
    except (UserError, ValueError):  # not a valid spec, or one sizing cannot place: nothing to compare
        return
    pricing._components_made.clear()
    assert _bill(edited, addresses) == remembered


@pytest.mark.parametrize("blueprint", [BLUEPRINTS[0], BLUEPRINTS[-1]], ids=lambda p: p.stem)
def test_the_optimisers_variants_bill_the_same_from_the_memo(blueprint, monkeypatch):
    """The specs a search prices, each one component changed from the blueprint: what the memo is for."""
    from stackwright.optimize import search

    variants = []
    summed = search.monthly_sum
    monkeypatch.setattr(search, "monthly_sum", lambda spec, content=None: variants.append(spec) or summed(spec))
    search.optimize(load(blueprint).spec.model_copy(update={"running_hours_per_week": 150}))
    variants = variants[::7]
    assert len(variants) > 3
    remembered = [_bill(variant, False) for variant in variants]
    monkeypatch.setattr(pricing, "_components_made", type(pricing._components_made)())
    assert [_bill(variant, False) for variant in variants] == remembered


@pytest.mark.parametrize("one, other", [(1, 1.0), (1, True), (0.0, -0.0), ([1], (1,)), ({"a": 1}, {"a": 1.0})])
def test_values_that_compare_equal_but_print_apart_are_kept_apart(one, other):
    module = module_of("aws_instance")
    keys = [pricing._key(Resource("aws_instance", "web", "us-east-1", {"x": value}),
                         UsageValues(module, no_usage_file, {"hours": UsageValue(value, "why")}))
            for value in (one, other)]
    assert None not in keys and keys[0] != keys[1]


def test_a_resource_a_usage_file_speaks_for_is_priced_afresh():
    module = module_of("aws_instance")
    resource = Resource("aws_instance", "web", "us-east-1", {"instance_type": "t3.micro"})
    assert pricing._key(resource, UsageValues(module, lambda key: None)) is None
    assert pricing._key(resource, UsageValues(module, no_usage_file)) is not None
    assert pricing._key(Resource("aws_instance", "web", "us-east-1", {"x": object()}),
                        UsageValues(module, no_usage_file)) is None


def test_the_memo_keeps_at_most_its_bound(monkeypatch):
    monkeypatch.setattr(pricing, "COMPONENTS_KEPT", 5)
    monkeypatch.setattr(pricing, "_components_made", type(pricing._components_made)())
    price(load(BLUEPRINTS[0]).spec)
    assert len(pricing._components_made) == 5


def test_a_bill_larger_than_the_memos_keeps_its_first_entries_and_bills_the_same(monkeypatch):
    """A bill of more resources (lines) than the memos keep memoises its first ones only: under least recently
    used, the rest would evict each entry before the next pass asks for it, and no pass would ever hit."""
    from stackwright.cost import engine

    spec = load(BLUEPRINTS[0]).spec
    fresh = _bill(spec, addresses=False)
    monkeypatch.setattr(pricing, "COMPONENTS_KEPT", 5)
    monkeypatch.setattr(engine, "LINES_KEPT", 7)
    monkeypatch.setattr(spec_bill, "LINES_KEPT", 7)
    monkeypatch.setattr(spec_bill, "_groups", type(spec_bill._groups)())  # the groups' memo above these two
    pricing._components_made.clear()
    engine._line.cache_clear()
    assert _bill(spec, addresses=False) == fresh
    kept = list(pricing._components_made)
    assert len(kept) == 5 and engine._line.cache_info().currsize == 7
    spec_bill._groups.clear()
    assert _bill(spec, addresses=False) == fresh
    assert list(pricing._components_made) == kept  # the same five, hit again, none evicted
    assert engine._line.cache_info().hits == 7
