"""Defaults agree with each other: a spec built from defaults meets the default availability target."""

import pytest

from stackwright.checks import run_checks
from stackwright.optimize.availability import composite
from stackwright.plan.build import build_plan
from stackwright.sizing.sizer import resolve
from stackwright.spec.model import Spec

MINIMAL = {
    "service": {"api": {"kind": "fargate_service"}},
    "service+lb+db": {"api": {"kind": "fargate_service"}, "lb": {"kind": "alb"},
                      "db": {"kind": "rds", "engine": "postgresql"}},
    "everything defaulted": {"api": {"kind": "fargate_service"}, "lb": {"kind": "alb"},
                             "db": {"kind": "rds", "engine": "mysql"}, "cache": {"kind": "elasticache"},
                             "nat": {"kind": "nat"}},
}


@pytest.mark.parametrize("components", MINIMAL.values(), ids=MINIMAL)
def test_check_on_a_minimal_spec_is_clean(components):
    spec = Spec.model_validate({"name": "minimal", "region": "us-east-1", "components": components})
    assert spec.availability_target == 99.9  # the default target, not one written to pass
    findings = run_checks(spec, build_plan(resolve(spec)))
    assert findings == [], [f.message for f in findings]
    assert composite(resolve(spec)).percent >= spec.availability_target


def test_written_values_are_kept_and_flagged():
    spec = Spec.model_validate({"name": "written", "region": "us-east-1", "components": {
        "api": {"kind": "fargate_service", "internet_egress": True},
        "db": {"kind": "rds", "engine": "postgresql", "multi_az": False},
        "nat": {"kind": "nat", "count": 1}}})
    resolved = resolve(spec)
    assert resolved.components["db"].multi_az is False and resolved.components["nat"].count == 1
    ids = {f.rule for f in run_checks(spec, build_plan(resolved))}
    assert {"AVL001", "AVL002"} <= ids


def test_a_lower_target_keeps_one_of_each():
    spec = Spec.model_validate({"name": "lower", "region": "us-east-1", "availability_target": 99.5, "components": {
        "api": {"kind": "fargate_service"}, "db": {"kind": "rds", "engine": "postgresql"}, "nat": {"kind": "nat"}}})
    resolved = resolve(spec)
    assert resolved.components["db"].multi_az is False and resolved.components["nat"].count == 1
