"""The bill's Terraform addresses come from a stack built without its code (`addresses_only`): they must be
the addresses of the Terraform `plan` writes, for every blueprint, example and generated spec."""

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwright.plan import build_plan
from stackwright.render.terraform import build_stack, resource_addresses
from stackwright.sizing.sizer import resolve
from stackwright.spec import environments
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS, EXAMPLES
from test_cost_properties import specs

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from bench_scale import generated_spec  # noqa: E402


def assert_same_addresses(spec: Spec) -> None:
    plan = build_plan(resolve(spec))
    written = build_stack(plan).addresses()
    assert written  # every plan has resources that stand for its elements
    assert list(build_stack(plan, addresses_only=True).addresses().items()) == list(written.items())
    assert resource_addresses(plan) == written


@pytest.mark.parametrize("path", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_the_addresses_of_blueprints_and_examples_are_those_of_the_written_terraform(path):
    for _, one in environments.each(load(path)):  # each environment's plan differs (protection, sizes, NAT)
        assert_same_addresses(resolve(one.spec, one))


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(services=st.integers(1, 40))
def test_the_addresses_of_generated_specs_are_those_of_the_written_terraform(services):
    assert_same_addresses(Spec.model_validate(generated_spec(services)))


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=specs())
def test_the_addresses_of_drawn_specs_are_those_of_the_written_terraform(data):
    assert_same_addresses(Spec.model_validate(data))
