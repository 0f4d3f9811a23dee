"""`import` and `diff` through the CLI; a blueprint against its optimised spec diffs to the optimiser's saving."""

import json

import pytest
from typer.testing import CliRunner

from stackwright.cli import app

from conftest import BLUEPRINTS, ROOT

runner = CliRunner()


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_diff_against_optimised_equals_the_saving(blueprint, tmp_path):
    optimised = tmp_path / "optimised.yaml"
    result = runner.invoke(app, ["optimize", str(blueprint), "--format", "json", "--write", str(optimised)])
    saving = json.loads(result.stdout)
    diffed = runner.invoke(app, ["diff", str(blueprint), str(optimised), "--format", "json"])
    assert diffed.exit_code == 0, diffed.stderr
    data = json.loads(diffed.stdout)
    change = round(saving["optimized_monthly_usd"] - saving["baseline_monthly_usd"], 2)
    assert data["delta_monthly_usd"] == pytest.approx(change, abs=0.005)
    assert data["before"]["total_monthly_usd"] == saving["baseline_monthly_usd"]


def test_import_cli_formats():
    path = str(ROOT / "tests" / "fixtures" / "iac" / "ecommerce")
    as_json = json.loads(runner.invoke(app, ["import", path, "--format", "json"]).stdout)
    assert {"total_monthly_usd", "items", "unknown", "unsupported", "free"} <= set(as_json)
    spec = runner.invoke(app, ["import", path, "--format", "spec"])
    assert spec.exit_code == 0 and "components:" in spec.stdout
    bad = runner.invoke(app, ["import", str(ROOT / "tests" / "fixtures" / "optimize")])
    assert bad.exit_code == 2 and "no .tf files" in bad.stderr
