"""Environments: one spec, several environments as overlays; cost and plan show them side by side and in total."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.errors import UserError
from stackwright.spec import environments
from stackwright.spec.loader import load
from stackwright.spec_bill import price

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "three-environments.yaml"
GOLDEN = Path(__file__).parent / "golden" / "environments"
runner = CliRunner()

BASE = """\
name: shop
region: us-east-1
availability_target: 99.5
components:
  web: {kind: fargate_service, cpu: 1, memory_gb: 2, tasks: {min: 2, desired: 2, max: 4}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.medium, multi_az: true, storage: {gb: 50}}
  cache: {kind: elasticache, node_type: cache.t4g.small}
"""


def _golden(name: str, text: str, update: bool) -> None:
    golden = GOLDEN / name
    if update or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), "output changed; if intended, run pytest --update-golden"


def test_an_overlay_changes_only_what_it_says(write_spec):
    loaded = load(write_spec(BASE + """\
environments:
  dev:
    running_hours_per_week: 50
    components:
      web: {cpu: 0.25, memory_gb: 0.5, tasks: {min: 1, desired: 1, max: 1}}
      db: {instance_class: db.t4g.micro, multi_az: false, storage: {gb: 20}}
      cache: null
      queue-worker: {kind: fargate_service, cpu: 0.25, memory_gb: 0.5}
"""))
    (prod_name, prod), (dev_name, dev) = environments.each(loaded)
    assert (prod_name, dev_name) == ("prod", "dev")
    assert prod is loaded  # the spec as written is the prod environment, unchanged
    assert dev.spec.name == "shop-dev" and not dev.spec.environments
    assert prod.spec.environment == "production" and dev.spec.environment == "development"
    web = dev.spec.components["web"]
    assert (web.cpu, web.memory_gb, web.tasks.min, web.tasks.max) == (0.25, 0.5, 1, 1)
    assert dev.spec.components["db"].storage.gb == 20 and dev.spec.components["db"].storage.type == "gp3"
    assert "cache" not in dev.spec.components and "queue-worker" in dev.spec.components
    assert dev.spec.running_hours_per_week == 50 and prod.spec.running_hours_per_week == 168
    assert price(dev.spec, dev).total < price(prod.spec, prod).total


@pytest.mark.parametrize("overlay, where, message", [
    ("  dev:\n    colour: blue\n", (10, 5), "unknown field 'colour'"),
    ("  dev:\n    components:\n      web: {cpuu: 1}\n", (11, 13), "unknown field 'cpuu'"),
    ("  dev:\n    components:\n      web: {cpu: 3}\n", (11, 18), "cpu 3 is not a Fargate size"),
    ("  dev:\n    components:\n      wbe: {cpu: 1}\n", (11, 7), "changes component 'wbe', which the spec does not have"),
    ("  Dev_1: {}\n", (9, 3), "environment name 'Dev_1'"),
    ("  prod: {}\n", (9, 3), "the spec as written is the 'prod' environment"),
    ("  dev:\n    traffic: {dau: -1}\n", (10, 20), "'dau'"),
])
def test_a_bad_overlay_is_a_located_error(write_spec, overlay, where, message):
    path = write_spec(BASE + "environments:\n" + overlay)
    with pytest.raises(UserError) as error:
        load(path)
    problem = next(p for p in error.value.problems if message in str(p))
    assert (problem.line, problem.column) == where, str(problem)
    result = runner.invoke(app, ["cost", str(path)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_cost_shows_each_environment_side_by_side_and_the_total(update_golden):
    result = runner.invoke(app, ["cost", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "shop" and data["environment"] == "prod"  # the spec's own bill, as without environments
    totals = {"prod": data["total_monthly_usd"]} | {env: bill["total_monthly_usd"]
                                                     for env, bill in data["environments"].items()}
    assert list(totals) == ["prod", "staging", "dev"]
    assert data["all_environments_monthly_usd"] == pytest.approx(sum(totals.values()), abs=0.011)
    assert totals["prod"] > totals["staging"] > totals["dev"]
    _golden("three-environments.bill.json", result.stdout, update_golden)
    table = runner.invoke(app, ["cost", str(EXAMPLE)])
    assert "environments side by side" in table.stdout and "All environments" in table.stdout
    one = runner.invoke(app, ["cost", str(EXAMPLE), "--environment", "dev", "--format", "json"])
    assert json.loads(one.stdout)["environment"] == "dev" and json.loads(one.stdout)["environments"] == {}
    assert json.loads(one.stdout)["total_monthly_usd"] == totals["dev"]


def test_an_unknown_environment_is_refused():
    result = runner.invoke(app, ["size", str(EXAMPLE), "--environment", "qa"])
    assert result.exit_code == 2
    assert "no such environment; use one of: prod, staging, dev" in result.output
    assert runner.invoke(app, ["size", str(EXAMPLE), "--environment", "prod"]).exit_code == 0


def test_a_spec_without_environments_bills_as_before():
    loaded = load(ROOT / "blueprints" / "homu-fargate.yaml")
    assert environments.each(loaded) == [(None, loaded)]
    result = runner.invoke(app, ["cost", str(ROOT / "blueprints" / "homu-fargate.yaml"), "--format", "json"])
    assert "environments" not in json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_plan_writes_one_plan_per_environment_and_the_side_by_side(tmp_path, lang, update_golden):
    out = tmp_path / "plan"
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    for folder in (out, out / "staging", out / "dev"):  # the spec as written where it always goes
        assert (folder / "cloudformation" / "template.yaml").is_file()
        assert (folder / "terraform" / "main.tf").is_file()
        assert (folder / "design.md").is_file()
    text = (out / "environments.md").read_text(encoding="utf-8")
    _golden(f"three-environments.environments.{lang}.md", text, update_golden)
    if lang == "en":
        _golden("three-environments.dev.template.yaml",
                (out / "dev" / "cloudformation" / "template.yaml").read_text(encoding="utf-8"), update_golden)
    # each environment's design.md and report.html show all of them side by side and their total, the same
    # figures as environments.md, and link to the others
    total = "$826.29" if lang == "en" else "US$826.29"
    assert total in text
    for folder, env, others in ((out, "prod", ("staging/", "dev/")), (out / "dev", "dev", ("../", "../staging/"))):
        design = (folder / "design.md").read_text(encoding="utf-8")
        section = design[design.index("Environments side by side" if lang == "en" else "환경별 비교"):]
        section = section[:section.index("\n#")]
        assert f"**{total}**" in section
        assert f"| {env} ({'this document' if lang == 'en' else '이 문서'}) |" in section
        assert all(f"]({other}design.md)" in section for other in others)
        assert all(f"| {name}" in section for name in ("prod", "staging", "dev"))
        report = (folder / "report.html").read_text(encoding="utf-8")
        assert 'id="environments"' in report and total in report
        assert all(f'href="{other}report.html"' in report for other in others)
    alone = out.parent / "alone"
    assert runner.invoke(app, ["plan", str(EXAMPLE), "--out", str(alone), "--environment", "dev"]).exit_code == 0
    assert "Environments side by side" not in (alone / "design.md").read_text(encoding="utf-8")


def test_plan_prices_each_environment_once_for_its_documents_and_the_side_by_side(tmp_path, monkeypatch):
    import stackwright.spec_bill as spec_bill

    priced = []
    real = spec_bill.price

    def counted(spec, *args, **kwargs):
        if kwargs.get("terraform_addresses", True):  # a whole bill, not a sum the optimiser compares
            priced.append(spec.environment)
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(spec_bill, "price", counted)
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    assert len(priced) == 3, priced  # prod, staging and dev, each once
