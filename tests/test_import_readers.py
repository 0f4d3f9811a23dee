"""The importer's readers on real-world inputs: Terraform plan JSON, registry modules after
`terraform init`, offline data sources, variables from every place Terraform takes them,
CloudFormation parameters, nested stacks and SAM. Each fixture has a golden bill
(`pytest --update-golden`): per resource, its monthly cost, and what is free or not priced."""

import json
from pathlib import Path

import pytest

from stackwright.importer import import_path, price_import

IAC = Path(__file__).parent / "fixtures" / "iac"
GOLDEN = Path(__file__).parent / "golden" / "import"


def bill_summary(result, bill) -> dict:
    return {
        "region": result.spec.region,
        "total_monthly_usd": bill.total,
        "by_resource": {name: round(cost, 2) for name, cost in sorted(bill.by_resource().items())},
        "priced_as": dict(sorted(result.priced_as.items())),
        "free": sorted(f.address for f in result.free),
        "unsupported": sorted(f"{u.address}: {u.reason}" for u in result.unsupported),
    }


def check_golden(name: str, summary: dict, update_golden: bool) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden bill {path.name}; check it and commit it")
    assert text == path.read_text(encoding="utf-8"), f"{name} bill changed; if intended, run pytest --update-golden"


# --- Terraform plan JSON --------------------------------------------------------------------------

PLAN = IAC / "plan" / "plan.json"


def test_plan_json_prices_planned_values_with_module_addresses(update_golden):
    result = import_path(PLAN)
    assert result.format == "terraform"
    assert result.spec.region == "ap-northeast-2"  # from var.region via the provider configuration
    db = "module.db.module.db_instance.aws_db_instance.this[0]"
    assert result.priced_as[db] == "module.db.module.db_instance.aws_db_instance.this"
    assert 'module.cache["sessions"].aws_elasticache_replication_group.this' in result.priced_as
    # an attribute known only after apply still leads to what it refers to
    assert result.priced_as["aws_ecs_task_definition.app"] == "aws_ecs_service.app"
    assert result.priced_as["aws_eip.nat[0]"] == "aws_nat_gateway.main"
    assert "data.aws_availability_zones.available" not in result.priced_as  # data sources are not resources
    assert result.spec.azs == 2
    check_golden("plan-after", bill_summary(result, price_import(result)), update_golden)


def test_plan_json_before_side_holds_what_exists_before_apply(update_golden):
    result = import_path(PLAN, plan_side="before")
    assert "aws_instance.legacy" in result.priced_as  # deleted by the plan: exists before
    assert "aws_lb.web" not in result.priced_as  # created by the plan: not yet
    db = result.spec.components["module.db.module.db_instance.aws_db_instance.this"].model_dump(mode="json")
    assert "db.t4g.small" in json.dumps(db)
    check_golden("plan-before", bill_summary(result, price_import(result)), update_golden)


def test_a_json_file_that_is_not_a_plan_or_template_is_refused(tmp_path):
    from stackwright.errors import UserError

    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(UserError, match="Terraform plan"):
        import_path(path)


def test_plan_json_with_a_newer_major_format_is_a_located_error(tmp_path):
    from stackwright.errors import UserError

    path = tmp_path / "plan.json"
    path.write_text('{"format_version": "2.0", "planned_values": {}}', encoding="utf-8")
    with pytest.raises(UserError, match="format_version 2.0"):
        import_path(path)
