"""Plan-level checks: every rule has a spec it fires on (fail.yaml, and no other rule fires there) and one
it stays quiet on (pass.yaml); the runner's order is stable; findings point into the spec."""

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from stackwright.checks import all_rules, run_checks
from stackwright.checks.rule import SEVERITY_ORDER
from stackwright.plan import build_plan
from stackwright.plan.model import Rule as IngressRule
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
RULES = {rule.id: rule for rule in all_rules()}
# No spec field opens a security group to the internet, so SEC001/SEC002's fail fixtures add the rule
# to the plan under this key (dropped before the spec is validated).
PLAN_INGRESS_KEY = "x-plan-ingress"


def with_ingress(plan, extra: list[dict]):
    groups = []
    for group in plan.security_groups:
        added = tuple(IngressRule(r["port"], r["port"], "added by the fixture", cidr=r["cidr"])
                      for r in extra if r["group"] == group.id)
        groups.append(dataclasses.replace(group, ingress=group.ingress + added))
    return dataclasses.replace(plan, security_groups=tuple(groups))


def findings_for(rule_id: str, fixture: str):
    data = yaml.safe_load((FIXTURES / rule_id / fixture).read_text(encoding="utf-8"))
    extra = data.pop(PLAN_INGRESS_KEY, [])
    spec = Spec.model_validate(data)
    return run_checks(spec, with_ingress(build_plan(spec), extra))


def test_every_rule_has_both_fixtures():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULES)
    for rule_id in RULES:
        assert {p.name for p in (FIXTURES / rule_id).iterdir()} == {"pass.yaml", "fail.yaml"}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_fail_fixture_triggers_exactly_its_rule(rule_id):
    findings = findings_for(rule_id, "fail.yaml")
    # a single point of failure under a 99.9% target necessarily lowers the composite below it (AVL005)
    expected = {rule_id, "AVL005"} if rule_id in ("AVL001", "AVL002", "AVL003", "AVL004") else {rule_id}
    assert {f.rule for f in findings} == expected, [f.message for f in findings]
    assert all(f.severity == RULES[rule_id].severity and f.message and f.fix for f in findings)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_pass_fixture_does_not_trigger_its_rule(rule_id):
    assert [f.message for f in findings_for(rule_id, "pass.yaml") if f.rule == rule_id] == []


def test_rules_are_documented_with_stable_ids():
    modules = {p.stem for p in (Path(__file__).parents[1] / "src/stackwright/checks/rules").glob("*_*.py")}
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"(NET|SEC|AVL|CAP|REG|PORT|EDGE|MON|GEN|MSG|SRV|OPS)\d{3}", rule_id)
        assert rule.severity in SEVERITY_ORDER
        assert rule.title and rule.why and rule.fix
        assert any(m.startswith(f"{rule_id.lower()}_") for m in modules), f"{rule_id} is not in its own file"
    assert len({r.title for r in RULES.values()}) == len(RULES)


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_blueprints_have_no_errors_and_a_stable_order(blueprint):
    loaded = load(blueprint)
    plan = build_plan(loaded.spec, loaded)
    findings = run_checks(loaded.spec, plan)
    assert [f for f in findings if f.severity == "error"] == []
    assert findings == run_checks(loaded.spec, plan)
    assert findings == sorted(findings, key=lambda f: f.sort_key())


def test_homu_ec2_is_told_its_app_port_is_unreachable():
    """The guide opens 8000 to the world; the plan opens only 80/443 and says so."""
    loaded = load(next(b for b in BLUEPRINTS if b.stem == "homu-ec2"))
    findings = run_checks(loaded.spec, build_plan(loaded.spec, loaded))
    assert [(f.rule, f.path) for f in findings if f.severity != "info"] == [("SEC003", ("components", "app", "port"))]


def test_findings_point_at_the_spec_line():
    path = FIXTURES / "AVL001" / "fail.yaml"
    loaded = load(path)
    [finding] = [f for f in run_checks(loaded.spec, build_plan(loaded.spec, loaded)) if f.rule == "AVL001"]
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "multi_az" in text)
    assert finding.located(loaded).startswith(f"{path}:{line}:")
    assert "warning AVL001: rds 'db' is Single-AZ" in finding.located(loaded)
    assert finding.located(loaded).endswith("; set multi_az: true")


@pytest.mark.parametrize(("rule_id", "soft"), [("AVL001", "db"), ("AVL002", "nat"), ("AVL003", "cache"),
                                               ("AVL004", "api")])
def test_a_soft_dependency_is_no_single_point_of_failure(rule_id, soft):
    """The spec says the service answers without it: neither its rule nor the composite (AVL005) counts it."""
    data = yaml.safe_load((FIXTURES / rule_id / "fail.yaml").read_text(encoding="utf-8"))
    spec = Spec.model_validate({**data, "soft_dependencies": [soft]})
    assert {f.rule for f in run_checks(spec, build_plan(spec))} & {rule_id, "AVL005"} == set()
