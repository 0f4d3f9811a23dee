"""`plan` writes every output for a spec; `check` reports findings and fails on errors."""

import shutil

from typer.testing import CliRunner

from stackwright.cli import app

from conftest import ROOT

runner = CliRunner()
CHECKS = ROOT / "tests" / "fixtures" / "checks"


def test_plan_writes_every_output(tmp_path):
    result = runner.invoke(app, ["plan", str(ROOT / "blueprints" / "glimpse.yaml"), "--out", str(tmp_path),
                                 "--lang", "ko"])
    assert result.exit_code == 0, result.stderr
    expected = ["cloudformation/template.yaml", "terraform/main.tf", "design.md", "report.html"]
    if shutil.which("dot"):
        expected += ["diagram.png", "diagram.svg"]
    for name in expected:
        assert (tmp_path / name).is_file(), name
    assert "월간 예상 비용" in (tmp_path / "design.md").read_text(encoding="utf-8")


def test_plan_refuses_a_spec_with_error_findings(tmp_path):
    result = runner.invoke(app, ["plan", str(CHECKS / "NET001" / "fail.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "error NET001" in result.stderr
    assert not (tmp_path / "cloudformation").exists()


def test_check_exit_codes():
    passing = runner.invoke(app, ["check", str(CHECKS / "NET001" / "pass.yaml")])
    assert passing.exit_code == 0
    failing = runner.invoke(app, ["check", str(CHECKS / "NET001" / "fail.yaml")])
    assert failing.exit_code == 1
    assert "NET001/fail.yaml:6:24: error NET001: " in failing.stdout  # located: file:line:col


def test_import_of_planned_code_finds_its_usage_file_and_matches_cost(tmp_path):
    import json

    blueprint = str(ROOT / "blueprints" / "tiketi.yaml")
    assert runner.invoke(app, ["plan", blueprint, "--out", str(tmp_path)]).exit_code == 0
    cost = json.loads(runner.invoke(app, ["cost", blueprint, "--format", "json"]).stdout)["total_monthly_usd"]
    for code in (tmp_path / "terraform", tmp_path / "cloudformation" / "template.yaml"):
        result = runner.invoke(app, ["import", str(code), "--format", "json"])
        assert "using usage file" in result.stderr
        assert json.loads(result.stdout)["total_monthly_usd"] == cost


def test_deploy_and_destroy_through_the_cli(monkeypatch):
    """Each command starts its own embedded moto server: deploy reports every planned resource and exits 0;
    destroy of a stack that no longer exists is clean (tests/test_deploy.py destroys within one server)."""
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_CONFIG_FILE": "/dev/null",
                       "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}.items():
        monkeypatch.setenv(key, value)
    spec = str(ROOT / "blueprints" / "homu-ec2.yaml")
    deployed = runner.invoke(app, ["deploy", spec, "--target", "local"])
    assert deployed.exit_code == 0, deployed.stdout + deployed.stderr
    assert "created" in deployed.stdout and "verify-failed" not in deployed.stdout
    destroyed = runner.invoke(app, ["destroy", spec, "--target", "local"])
    assert destroyed.exit_code == 0, destroyed.stdout
