"""The optimiser on the blueprints and on specs built to test its constraints."""

import json

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.optimize.search import optimize
from stackwright.spec.loader import load, parse_yaml, validate
from stackwright.spec_bill import price

from conftest import BLUEPRINTS, ROOT

# What each document's authors reached by hand, as a share of their own baseline.
# The documents' savings as they state them ($215 → $158, $350 → $250, $83 → $66), to the tenth of a percent
# their whole-dollar figures carry (the issue quotes 26.5%, 28.6% and 20.5%); a saving is compared at that
# precision.
AUTHORS_SAVING = {"ecommerce": 0.265, "tiketi": 0.286, "glimpse": 0.205}


def _percent(saved: float) -> float:
    return round(saved, 3)


@pytest.fixture(scope="module")
def results():
    return {b.stem: optimize(load(b).spec) for b in BLUEPRINTS}


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_steps_keep_every_constraint_and_add_up(results, blueprint):
    result = results[blueprint.stem]
    assert result.optimized_monthly_usd <= result.baseline_monthly_usd
    running = result.baseline_monthly_usd
    for step in result.steps:
        assert step.monthly_saving_usd != 0
        running = round(running - step.monthly_saving_usd, 2)
        assert step.running_total_usd == running
        assert all(c["kept"] for c in step.constraints.values()), step
        assert step.risk
    # the optimised spec really costs what the last step says: no saving counted twice
    assert price(result.optimized).total == pytest.approx(result.optimized_monthly_usd, abs=0.01)


def _with_consent(name: str):
    spec = load(ROOT / "blueprints" / f"{name}.yaml").spec
    constraints = spec.constraints.model_copy(update={"may_change": ["*"]})
    return optimize(spec.model_copy(update={"constraints": constraints}))


@pytest.mark.parametrize("name", sorted(AUTHORS_SAVING))
def test_at_least_as_good_as_the_authors_where_their_constraints_allow(results, name):
    """Keeping every field the document wrote, except changes it planned itself, the saving may fall short of
    the authors' (they resized by hand); the gap is then listed for consent, and with consent it closes."""
    result = results[name]
    saved = _percent(1 - result.optimized_monthly_usd / result.baseline_monthly_usd)
    if saved < AUTHORS_SAVING[name]:
        waiting = sum(c.monthly_saving_usd for c in result.needs_consent if c.monthly_saving_usd > 0)
        assert result.optimized_monthly_usd - waiting < result.baseline_monthly_usd * (1 - AUTHORS_SAVING[name])
        consented = _with_consent(name)
        saved = _percent(1 - consented.optimized_monthly_usd / consented.baseline_monthly_usd)
    assert saved >= AUTHORS_SAVING[name], f"{name}: {saved:.1%} < authors' {AUTHORS_SAVING[name]:.1%}"


@pytest.mark.parametrize("name", sorted(AUTHORS_SAVING))
def test_names_a_saving_the_document_missed(results, name):
    result = results[name]
    assert result.baseline.savings_already_listed, "the blueprint records the document's own savings"
    listed = set(result.baseline.savings_already_listed)
    assert any(step.new for step in result.steps) or any(c.id not in listed for c in result.needs_consent)


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
    # the baseline composes to 99.91%, already short of 99.95%: a change may not lower it further
    assert reasons[("OPT005", "db: Multi-AZ → Single-AZ")].startswith(
        "availability 99.46% < target 99.95% (short by 0.49 points: api 99.99% × db 99.5% × ")
    assert "Spot share 75% > max_spot_share 50% (over by 25%)" in reasons[
        ("OPT001", "api: 80% of tasks on FARGATE_SPOT (base 1 on FARGATE)")]
    assert "constraints.keep" in reasons[("OPT002", "cache: cache.t3.small → cache.t4g.small (Graviton)")]
    assert "availability 99.42% < target 99.95%" in reasons[("OPT004", "nat: 2 → 1 NAT gateway")]
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


EXPLICIT = """\
name: explicit
region: ap-northeast-2
availability_target: 99.9
components:
  api: {kind: fargate_service, cpu: 1, memory_gb: 2, tasks: {min: 2, desired: 2, max: 6}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.large, multi_az: true}
  cache: {kind: elasticache, node_type: cache.t4g.small, replicas_per_shard: 1}
  nat: {kind: nat, count: 2}
  lb: {kind: alb}
"""


def _spec(text: str, **constraints):
    spec = validate(parse_yaml(text, "explicit.yaml"))
    return spec.model_copy(update={"constraints": spec.constraints.model_copy(update=constraints)})


def test_an_explicit_multi_az_survives_a_high_target():
    result = optimize(_spec(EXPLICIT))
    assert result.optimized.components["db"].multi_az is True
    assert result.optimized.components["db"].instance_class == "db.t4g.large"  # written: kept too
    consent = {c.summary: c for c in result.needs_consent}
    resize = next(c for s, c in consent.items() if s.startswith("db: db.t4g.large →"))
    assert resize.fields == ["db.instance_class"] and resize.monthly_saving_usd > 0
    assert resize.allow_with == "OPT006:db"
    assert result.availability["optimized"] >= 99.9


def test_consent_lets_a_written_field_change_and_no_more():
    result = optimize(_spec(EXPLICIT, may_change=["db.instance_class"]))
    db = result.optimized.components["db"]
    assert db.instance_class != "db.t4g.large" and db.multi_az is True
    assert "db.instance_class" not in {f for c in result.needs_consent for f in c.fields}


def test_unwritten_fields_are_the_optimisers_to_choose():
    # the same service, its database's Multi-AZ left to the default (Single-AZ): under 99.9% the optimiser
    # buys the standby itself, since no written choice stands in the way, and says what it costs
    spec = _spec(EXPLICIT.replace("instance_class: db.t4g.large, multi_az: true", "instance_class: db.t4g.large"))
    result = optimize(spec)
    assert result.availability["baseline"] < 99.9 <= result.availability["optimized"]
    assert result.optimized.components["db"].multi_az is True
    [standby] = [s for s in result.steps if s.id == "OPT019"]
    assert standby.monthly_saving_usd < 0 and result.steps[0] is standby  # availability is bought first
