"""`diff` of a spec against the Terraform or CloudFormation `stackwright plan` writes for it: no change,
for every blueprint in both dialects; an edit to the code shows as exactly that edit, at the code's
address; Terraform against CloudFormation pairs the two names of each resource."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.diff import pair_names
from stackwright.plan import build_plan
from stackwright.render.cloudformation import write_cloudformation
from stackwright.render.parameter_files import write_terraform_example
from stackwright.render.terraform import write_terraform
from stackwright.render.usage_file import write_usage_files
from stackwright.spec.loader import load

from conftest import BLUEPRINTS

DIALECTS = {"terraform": "terraform", "cloudformation": "cloudformation/template.yaml"}


def generated(blueprint: Path, out: Path) -> Path:
    """What `stackwright plan` writes for the IaC and usage files (no documents or diagram)."""
    spec = load(blueprint).spec
    plan = build_plan(spec)
    write_terraform(plan, out)
    write_cloudformation(plan, out)
    write_usage_files(spec, plan, out)
    write_terraform_example(plan, out)  # the running system's values (image tag; empty, the default, runs no tasks)
    return out


def diff_json(a: Path, b: Path) -> dict:
    result = CliRunner().invoke(app, ["diff", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_no_change(d: dict) -> None:
    moved = [(r["name"], r["change"], r["fields"]) for r in d["resources"]
             if r["change"] != "unchanged" or r["delta_monthly_usd"]]
    assert moved == []
    assert d["delta_monthly_usd"] == 0 and d["before"]["total_monthly_usd"] > 0
    assert d["spec_fields"] == [] and d["findings"] == {"appeared": [], "resolved": []}
    assert d["not_priced"]["appeared"] == d["not_priced"]["resolved"] == []


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=[b.stem for b in BLUEPRINTS])
def test_a_spec_against_its_own_generated_code_shows_no_change(blueprint, dialect, tmp_path):
    code = generated(blueprint, tmp_path) / DIALECTS[dialect]
    for a, b in ((blueprint, code), (code, blueprint)):
        d = diff_json(a, b)
        assert_no_change(d)
        assert d["before"]["name"] == d["after"]["name"] == load(blueprint).spec.name  # the code side takes it
        assert len(d["resources"]) > 5


def test_an_edit_to_the_generated_code_shows_as_that_edit(tmp_path):
    blueprint = next(b for b in BLUEPRINTS if b.stem == "glimpse")
    template = generated(blueprint, tmp_path) / DIALECTS["cloudformation"]
    text = template.read_text(encoding="utf-8")
    assert text.count("DBInstanceClass: db.t4g.micro") == 1
    template.write_text(text.replace("DBInstanceClass: db.t4g.micro", "DBInstanceClass: db.t4g.small"),
                        encoding="utf-8")
    d = diff_json(blueprint, template)
    moved = [r for r in d["resources"] if r["change"] != "unchanged" or r["delta_monthly_usd"]]
    assert [(r["name"], r["change"], r["fields"]) for r in moved] == [
        ("Db", "changed", [{"path": "instance_class", "before": "db.t4g.micro", "after": "db.t4g.small"}])]
    assert moved[0]["delta_monthly_usd"] > 0
    assert abs(d["delta_monthly_usd"] - moved[0]["delta_monthly_usd"]) < 0.015  # sums of unrounded lines


@pytest.mark.parametrize("blueprint", [b for b in BLUEPRINTS if b.stem in ("tiketi", "bowwow")],
                         ids=lambda b: b.stem)
def test_terraform_against_cloudformation_pairs_each_resource(blueprint, tmp_path):
    out = generated(blueprint, tmp_path)
    d = diff_json(out / DIALECTS["terraform"], out / DIALECTS["cloudformation"])
    assert [r["name"] for r in d["resources"] if r["change"] != "unchanged" or r["delta_monthly_usd"]] == []
    assert any(r.get("name_after") for r in d["resources"])  # paired across two names
    assert [f["path"] for f in d["spec_fields"]] == ["name"]  # the folders' names: terraform, template


def test_pair_names_pairs_by_kind_then_name_and_leaves_the_ambiguous():
    kinds_a = {"api": "fargate_service", "worker": "fargate_service", "nat": "nat", "logs": "cloudwatch",
               "db": "rds", "cache": "elasticache"}
    kinds_b = {'module.service["api"].aws_ecs_service.this': "fargate_service",
               'module.service["worker"].aws_ecs_service.this': "fargate_service",
               "NatA": "nat", "cloudwatch": "cloudwatch", "Db": "aurora_serverless_v2",
               "module.cache.aws_elasticache_cluster.one": "elasticache",
               "module.cache.aws_elasticache_cluster.two": "elasticache"}
    assert pair_names(list(kinds_a), list(kinds_b), kinds_a, kinds_b) == {
        "api": 'module.service["api"].aws_ecs_service.this',  # its name is a part of the address
        "worker": 'module.service["worker"].aws_ecs_service.this',
        "nat": "NatA",  # a part starts with its name
        "logs": "cloudwatch",  # the only one of its kind on each side
    }  # db: another kind, not the same resource; cache: two candidates, no guess
