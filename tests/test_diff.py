"""`diff`: cost change per resource and in total, what was added, removed and changed, findings that
appeared or were resolved, and its table, JSON and Markdown forms."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from stackwright.diff import diff, load_any, render, to_json, to_markdown
from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import BLUEPRINTS

IAC = Path(__file__).parent / "fixtures" / "iac"
GOLDEN_COMMENT = IAC / "diff" / "pr-comment.md"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    message: str


def priced(path: Path):
    loaded = load(path)
    return loaded.spec, price(loaded.spec, loaded)


def modified_copy(blueprint: Path, tmp_path: Path, change) -> Path:
    data = yaml.safe_load(blueprint.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / blueprint.name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_blueprint_against_modified_copy_reports_exact_changes(tmp_path):
    blueprint = next(b for b in BLUEPRINTS if b.stem == "ecommerce")

    def change(data):
        components = data["components"]
        components["app"]["instances"]["desired"] = 3
        components["cache"]["node_type"] = "cache.t4g.medium"
        del components["registry"]
        components["uploads"] = {"kind": "s3", "storage_gb": 100}

    spec_a, bill_a = priced(blueprint)
    spec_b, bill_b = priced(modified_copy(blueprint, tmp_path, change))
    result = diff(bill_a, bill_b, spec_a, spec_b)

    by_name = {r.name: r for r in result.resources}
    cost_a, cost_b = bill_a.by_resource(), bill_b.by_resource()
    for name, resource in by_name.items():
        assert resource.monthly_before == cost_a.get(name, 0) and resource.monthly_after == cost_b.get(name, 0)
        assert resource.delta == round(cost_b.get(name, 0) - cost_a.get(name, 0), 2)
    assert result.total_before == bill_a.total and result.total_after == bill_b.total
    assert result.delta == round(bill_b.total - bill_a.total, 2)

    assert by_name["app"].change == "changed"
    assert [(f.path, f.before, f.after) for f in by_name["app"].fields] == [("instances.desired", 2, 3)]
    assert [(f.path, f.after) for f in by_name["cache"].fields] == [("node_type", "cache.t4g.medium")]
    assert by_name["registry"].change == "removed" and by_name["registry"].monthly_after == 0
    assert by_name["uploads"].change == "added" and by_name["uploads"].monthly_before == 0
    assert by_name["db"].change == "unchanged" and by_name["db"].delta == 0
    assert {r.name for r in result.changed} == {"app", "cache", "registry", "uploads"}
    assert result.spec_fields == []


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_blueprint_against_itself_changes_nothing(blueprint):
    spec, bill = priced(blueprint)
    result = diff(bill, bill, spec, spec)
    assert result.delta == 0 and result.changed == [] and result.spec_fields == []
    assert "No resource changed." in to_markdown(result)


def test_spec_wide_changes_move_costs_without_changing_components():
    before = load(IAC / "diff" / "before.yaml").spec
    after = before.model_copy(update={"traffic": before.traffic.model_copy(update={"dau": 9000}),
                                      "description": "reworded"})
    result = diff(price(before), price(after), before, after)
    assert [(f.path, f.before, f.after) for f in result.spec_fields] == [("traffic.dau", 2000, 9000)]
    moved = {r.name: r for r in result.changed}
    assert moved["lb"].change == "unchanged" and moved["lb"].delta > 0  # LCUs follow traffic
    assert "cost only" in to_markdown(result)


def test_findings_that_appear_and_are_resolved():
    spec, bill = priced(IAC / "diff" / "before.yaml")
    kept = Finding("nat-per-az", "two NAT gateways")
    result = diff(bill, bill, spec, spec,
                  findings_a=[kept, Finding("no-spot", "api runs all on-demand")],
                  findings_b=[kept, Finding("single-nat", "one NAT gateway for two AZs")])
    assert [f.rule_id for f in result.findings_appeared] == ["single-nat"]
    assert [f.rule_id for f in result.findings_resolved] == ["no-spot"]
    data = json.loads(to_json(result))
    assert data["findings"] == {"appeared": [{"rule_id": "single-nat", "message": "one NAT gateway for two AZs"}],
                                "resolved": [{"rule_id": "no-spot", "message": "api runs all on-demand"}]}
    assert diff(bill, bill, spec, spec).findings_appeared == []  # no findings given: none reported


def test_markdown_pull_request_comment_matches_golden(update_golden):
    spec_a, bill_a = priced(IAC / "diff" / "before.yaml")
    spec_b, bill_b = priced(IAC / "diff" / "after.yaml")
    text = to_markdown(diff(bill_a, bill_b, spec_a, spec_b, findings_a=[Finding("no-spot", "api runs all on-demand")],
                            findings_b=[Finding("single-nat", "one NAT gateway serves two AZs")]))
    if update_golden or not GOLDEN_COMMENT.exists():
        GOLDEN_COMMENT.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {GOLDEN_COMMENT.name}; check it and commit it")
    assert text == GOLDEN_COMMENT.read_text(encoding="utf-8"), "comment changed; if intended: pytest --update-golden"


def test_json_and_table_forms():
    from rich.console import Console

    spec_a, bill_a = priced(IAC / "diff" / "before.yaml")
    spec_b, bill_b = priced(IAC / "diff" / "after.yaml")
    result = diff(bill_a, bill_b, spec_a, spec_b)
    data = json.loads(render(result, "json"))
    assert data["delta_monthly_usd"] == result.delta
    assert data["before"]["total_monthly_usd"] == bill_a.total and data["after"]["total_monthly_usd"] == bill_b.total
    changes = {r["name"]: r["change"] for r in data["resources"]}
    assert changes["cache"] == "removed" and changes["uploads"] == "added" and changes["db"] == "changed"
    console = Console(width=200, record=True)
    console.print(render(result, "table"))
    text = console.export_text()
    assert f"${bill_b.total:,.2f}" in text and "instance_class: db.t4g.medium → db.t4g.small" in text
    with pytest.raises(ValueError):
        render(result, "csv")


def test_load_any_reads_specs_terraform_and_cloudformation():
    spec, bill = load_any(IAC / "diff" / "before.yaml")
    assert spec.name == "shop" and bill.total > 0
    spec, bill = load_any(IAC / "ecommerce")
    assert "module.vpc" in spec.components and bill.total > 0
    spec, bill = load_any(IAC / "bowwow" / "bowwow-infrastructure.yaml")
    assert "Database" in spec.components


def test_diff_of_two_terraform_versions(tmp_path):
    changed = tmp_path / "ecommerce"
    shutil.copytree(IAC / "ecommerce", changed)
    main = changed / "main.tf"
    main.write_text(main.read_text(encoding="utf-8").replace('"db.t4g.medium"', '"db.t4g.large"')
                    .replace("multi_az = false", "multi_az = true"), encoding="utf-8")
    (spec_a, bill_a), (spec_b, bill_b) = load_any(IAC / "ecommerce"), load_any(changed)
    result = diff(bill_a, bill_b, spec_a, spec_b)
    (moved,) = result.changed
    assert moved.name == "aws_db_instance.main"
    assert {(f.path, f.after) for f in moved.fields} == {("instance_class", "db.t4g.large"), ("multi_az", True)}
    assert moved.delta == result.delta > 0


def test_findings_from_the_checks_module_match_by_rule_and_place():
    @dataclass(frozen=True)
    class CheckFinding:  # the shape stackwright.checks produces: .rule, .message, .path
        rule: str
        message: str
        path: tuple = ()

    spec, bill = priced(IAC / "diff" / "before.yaml")
    before = [CheckFinding("db-single-az", "db costs $54.86 without a standby", ("components", "db"))]
    after = [CheckFinding("db-single-az", "db costs $30.77 without a standby", ("components", "db"))]
    result = diff(bill, bill, spec, spec, findings_a=before, findings_b=after)
    assert result.findings_appeared == [] and result.findings_resolved == []  # same rule, same place
    result = diff(bill, bill, spec, spec, findings_a=before, findings_b=[])
    assert json.loads(to_json(result))["findings"]["resolved"] == [
        {"rule_id": "db-single-az", "message": "db costs $54.86 without a standby"}]
