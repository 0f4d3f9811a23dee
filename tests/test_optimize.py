"""The optimiser on the blueprints and on specs built to test its constraints."""

import json

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.cost.engine import price
from stackwright.optimize.search import optimize
from stackwright.spec.loader import load, parse_yaml, validate

from conftest import BLUEPRINTS, ROOT

# What each document's authors reached by hand, as a share of their own baseline.
AUTHORS_SAVING = {"ecommerce": 1 - 158 / 215, "tiketi": 1 - 250 / 350, "glimpse": 1 - 66 / 83}


@pytest.fixture(scope="module")
def results():
    return {b.stem: optimize(load(b).spec) for b in BLUEPRINTS}


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_steps_keep_every_constraint_and_add_up(results, blueprint):
    result = results[blueprint.stem]
    assert result.optimized_monthly_usd <= result.baseline_monthly_usd
    running = result.baseline_monthly_usd
    for step in result.steps:
        assert step.monthly_saving_usd > 0
        running = round(running - step.monthly_saving_usd, 2)
        assert step.running_total_usd == running
        assert all(c["kept"] for c in step.constraints.values()), step
        assert step.risk
    # the optimised spec really costs what the last step says: no saving counted twice
    assert price(result.optimized).total == pytest.approx(result.optimized_monthly_usd, abs=0.01)


@pytest.mark.parametrize("name", sorted(AUTHORS_SAVING))
def test_at_least_as_good_as_the_authors(results, name):
    result = results[name]
    saved = 1 - result.optimized_monthly_usd / result.baseline_monthly_usd
    assert saved >= AUTHORS_SAVING[name], f"{name}: {saved:.1%} < authors' {AUTHORS_SAVING[name]:.1%}"


@pytest.mark.parametrize("name", sorted(AUTHORS_SAVING))
def test_names_a_saving_the_document_missed(results, name):
    result = results[name]
    assert result.baseline.savings_already_listed, "the blueprint records the document's own savings"
    assert any(step.new for step in result.steps)


SPEC = """\
name: strict
region: ap-northeast-2
availability_target: 99.95
constraints: {max_spot_share: 0.5, keep: [cache]}
components:
  api: {kind: fargate_service, cpu: 1, memory_gb: 2, tasks: {min: 2, desired: 4, max: 8}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.medium, multi_az: true}
  cache: {kind: elasticache, node_type: cache.t3.small, replicas_per_shard: 1}
  nat: {kind: nat, count: 2}
  lb: {kind: alb}
"""


def test_rejections_name_the_constraint_and_by_how_much():
    spec = validate(parse_yaml(SPEC, "strict.yaml"))
    result = optimize(spec)
    reasons = {(r.id, r.summary): r.reason for r in result.rejected}
    assert reasons[("OPT005", "db: Multi-AZ → Single-AZ")].startswith(
        "availability 99.5% < target 99.95% (short by 0.45 points")
    assert "Spot share 75% > max_spot_share 50% (over by 25%)" in reasons[
        ("OPT001", "api: 80% of tasks on FARGATE_SPOT (base 1 on FARGATE)")]
    assert "constraints.keep" in reasons[("OPT002", "cache: cache.t3.small → cache.t4g.small (Graviton)")]
    assert "availability 99.9% < target 99.95%" in reasons[("OPT004", "nat: 2 → 1 NAT gateway")]
    touched = {c for step in result.steps for c in step.components}
    assert "cache" not in touched
    assert all(step.constraints["spot_share"]["after"] <= 0.5 for step in result.steps)


def test_cli_json_and_write(tmp_path):
    out = tmp_path / "optimised.yaml"
    blueprint = ROOT / "blueprints" / "ecommerce.yaml"
    result = CliRunner().invoke(app, ["optimize", str(blueprint), "--format", "json", "--write", str(out)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"baseline_monthly_usd", "optimized_monthly_usd", "steps", "rejected"}
    assert set(data["steps"][0]) >= {"id", "title", "monthly_saving_usd", "constraints", "risk"}
    assert set(data["rejected"][0]) >= {"id", "reason"}
    written = load(out)
    assert price(written.spec).total == pytest.approx(data["optimized_monthly_usd"], abs=0.01)
    table = CliRunner().invoke(app, ["optimize", str(blueprint)])
    assert table.exit_code == 0 and "Running total" in table.stdout
