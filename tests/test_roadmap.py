"""The roadmap re-sizes and re-costs the spec per traffic phase."""

from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.roadmap import roadmap
from stackwright.spec.loader import load

from conftest import ROOT


def test_phases_grow_in_traffic_and_cost():
    phases = roadmap(load(ROOT / "blueprints" / "glimpse.yaml").spec)
    assert [p.dau for p in phases] == [1_000, 5_000, 20_000, 50_000, 100_000]
    costs = [p.monthly_usd for p in phases]
    assert costs == sorted(costs) and costs[0] > 0
    peaks = [p.peak_rps for p in phases]
    assert peaks == sorted(peaks)
    assert all(p.move_on_when and p.sizes for p in phases)
    assert any("DatabaseConnections" in s for s in phases[0].move_on_when)


def test_a_phase_beyond_one_database_says_so_instead_of_failing():
    phases = roadmap(load(ROOT / "blueprints" / "tiketi.yaml").spec, (1_000, 1_000_000))
    assert phases[0].monthly_usd is not None
    assert phases[1].monthly_usd is None and phases[1].move_on_when[0].startswith("redesign first")


def test_cli_formats():
    path = str(ROOT / "blueprints" / "ecommerce.yaml")
    for fmt, marker in (("table", "growth roadmap"), ("markdown", "| Phase |"), ("json", '"phases"')):
        result = CliRunner().invoke(app, ["roadmap", path, "--format", fmt, "--phases", "1000,10000"])
        assert result.exit_code == 0 and marker in result.stdout
    bad = CliRunner().invoke(app, ["roadmap", path, "--phases", "lots"])
    assert bad.exit_code == 2


def test_a_high_target_roadmap_keeps_a_cache_replica_at_every_phase():
    from stackwright.spec.model import Spec

    spec = Spec.model_validate({
        "name": "t", "region": "us-east-1", "availability_target": 99.9, "traffic": {"dau": 1000},
        "components": {"api": {"kind": "fargate_service", "cpu": 1, "memory_gb": 2, "runtime": "nestjs"},
                       "db": {"kind": "rds", "engine": "postgresql", "multi_az": True},
                       "cache": {"kind": "elasticache"}, "lb": {"kind": "alb"}}})
    for phase in roadmap(spec, (1_000, 1_000_000)):
        assert phase.sizes["cache"].startswith("2 × "), phase.sizes  # one node's 99.5% SLA breaks 99.9%


def test_a_service_with_no_share_of_the_traffic_gets_a_cpu_signal_not_a_crash(tmp_path):
    """A web service taking every request beside a worker taking none (a Django + Celery pair)."""
    path = ROOT / "tests" / "fixtures" / "specs" / "django-celery.yaml"
    phases = roadmap(load(path).spec, (1_000, 50_000))
    worker_signals = [s for p in phases for s in p.move_on_when if s.startswith("worker:")]
    assert len(worker_signals) == 2 and all("req/s" not in s and "CPUUtilization" in s for s in worker_signals)
    assert any(s.startswith("web:") and "req/s" in s for s in phases[0].move_on_when)
    for command in (["roadmap", str(path)], ["plan", str(path), "--out", str(tmp_path / "plan")]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output


def test_every_phase_says_what_bound_each_sized_value():
    import json

    path = ROOT / "blueprints" / "glimpse.yaml"
    phases = roadmap(load(path).spec, (1_000, 1_000_000))
    for phase in phases:
        assert set(phase.bound_by) == set(phase.sizes), phase.bound_by
    assert phases[0].bound_by["cache"] == "node_type: nothing (the cheapest node)"
    assert phases[1].bound_by["db"].startswith("instance_class: max_connections")  # connections outgrow classes
    out = CliRunner().invoke(app, ["roadmap", str(path), "--format", "json", "--phases", "1000"])
    assert json.loads(out.stdout)["phases"][0]["bound_by"]["api"].startswith("tasks: ")
    table = CliRunner().invoke(app, ["roadmap", str(path), "--format", "markdown", "--phases", "1000"])
    assert "db: db.t4g.small (bound by: instance_class: " in table.stdout
