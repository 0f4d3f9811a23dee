"""The commands a user runs, end to end through the CLI."""

import csv
import io
import json
import subprocess
import sys

from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.render.cost_report import CSV_FIELDS

from conftest import BLUEPRINTS

runner = CliRunner()


def test_schema_is_json_schema_with_every_kind():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    kinds = {d["properties"]["kind"]["const"] for d in schema["$defs"].values() if "kind" in d.get("properties", {})}
    assert {"fargate_service", "ec2_asg", "rds", "aurora_serverless_v2", "elasticache", "alb", "nat"} <= kinds
    assert schema["additionalProperties"] is False


def test_cost_formats_agree_on_the_total():
    spec = str(BLUEPRINTS[0])
    as_json = json.loads(runner.invoke(app, ["cost", spec, "--format", "json"]).stdout)
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["cost", spec, "--format", "csv"]).stdout)))
    assert tuple(rows[0]) == CSV_FIELDS
    assert round(sum(float(r["monthly_usd"]) for r in rows), 2) == as_json["total_monthly_usd"]
    markdown = runner.invoke(app, ["cost", spec, "--format", "markdown"]).stdout
    assert f"**Total: ${as_json['total_monthly_usd']:,.2f} / month**" in markdown
    table = runner.invoke(app, ["cost", spec]).stdout
    assert f"${as_json['total_monthly_usd']:,.2f}" in table


def test_cost_out_writes_reports_and_summary(tmp_path):
    result = runner.invoke(app, ["cost", *map(str, BLUEPRINTS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    for blueprint in BLUEPRINTS:
        for suffix in (".json", ".md", ".csv"):
            assert (tmp_path / f"{blueprint.stem}{suffix}").is_file()
    summary = (tmp_path / "summary.md").read_text()
    assert all(f"({b.stem}.md)" in summary for b in BLUEPRINTS)


def test_prices_sources_and_show():
    result = runner.invoke(app, ["prices", "sources"])
    assert result.exit_code == 0 and "ec2shop-ec2-ondemand" in result.stdout
    result = runner.invoke(app, ["prices", "show", "ec2", "--region", "ap-northeast-2", "--filter", "t3.small"])
    assert result.exit_code == 0
    assert "ec2/ondemand/t3.small" in result.stdout and "0.026" in result.stdout
    result = runner.invoke(app, ["prices", "show", "cognito", "--region", "ap-northeast-2"])
    assert "carried over" in result.stdout  # the estimate mark is shown
    result = runner.invoke(app, ["prices", "show", "ec2", "--region", "us-east-1", "--filter", "p4d.24xlarge"])
    assert "replaces 32.7726" in result.stdout and "2025-04-04" in result.stdout  # both dates shown
    assert runner.invoke(app, ["prices", "show", "ec2", "--region", "mars-1"]).exit_code == 2


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "stackwright", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "cost" in result.stdout
