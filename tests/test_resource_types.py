"""Golden bills per AWS resource type: for each cost module, a small Terraform fixture (and a CloudFormation
one where the type has a simple form) plus usage → the expected lines, each traceable to a catalogue price.
`pytest --update-golden` rewrites tests/golden/resources/<type>.json."""

import json
from pathlib import Path

import pytest

from stackwright.importer import import_path, price_import
from stackwright.pricing import catalogue
from stackwright.resources.registry import modules

ROOT = Path(__file__).parent
FIXTURES = ROOT / "fixtures" / "resources"
GOLDEN = ROOT / "golden" / "resources"
TERRAFORM_TYPES = sorted(t for t in modules() if not t.startswith("AWS::"))


def priced(path: Path, usage: Path | None) -> dict:
    result = import_path(path, usage if usage and usage.exists() else None)
    bill = price_import(result)
    return {
        "lines": [{key: getattr(item, key) for key in ("address", "resource_type", "component", "quantity", "unit",
                                                       "unit_price_usd", "monthly_usd", "sku", "assumption")}
                  for item in bill.items],
        "not_priced": [{"address": u.resource, "component": u.component, "reason": u.reason} for u in bill.unknown],
        "unsupported": [{"address": u.address, "reason": u.reason} for u in result.unsupported],
        "free": [f.address for f in result.free],
        "total_monthly_usd": bill.total,
    }


def test_every_cost_module_has_a_fixture():
    assert sorted(p.name for p in FIXTURES.iterdir()) == TERRAFORM_TYPES


@pytest.mark.parametrize("type_", TERRAFORM_TYPES)
def test_resource_type_bill_matches_golden(type_, update_golden):
    fixture = FIXTURES / type_
    got = {"terraform": priced(fixture / "main.tf", fixture / "usage.yml")}
    if (fixture / "template.yaml").exists():
        got["cloudformation"] = priced(fixture / "template.yaml", fixture / "cfn-usage.yml")
    text = json.dumps(got, indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN / f"{type_}.json"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{type_}: bill changed; if intended, run pytest --update-golden"


@pytest.mark.parametrize("type_", TERRAFORM_TYPES)
def test_resource_type_prices_what_it_declares(type_):
    """Every line is the declared resource's, at its catalogue price; Terraform and CloudFormation agree."""
    fixture = FIXTURES / type_
    tf = priced(fixture / "main.tf", fixture / "usage.yml")
    prices = catalogue.load("us-east-1")
    assert tf["lines"] or tf["not_priced"], "the fixture prices nothing"
    assert tf["unsupported"] == []
    for line in tf["lines"]:
        assert line["resource_type"] in modules() or line["resource_type"].startswith("aws_")
        expected = prices.get(line["sku"]).cost(line["quantity"])
        assert line["monthly_usd"] == pytest.approx(expected, abs=1e-6)
    if (fixture / "template.yaml").exists():
        cfn = priced(fixture / "template.yaml", fixture / "cfn-usage.yml")
        assert cfn["unsupported"] == []
        assert cfn["total_monthly_usd"] == tf["total_monthly_usd"]
        assert [(l["component"], l["quantity"]) for l in cfn["lines"]] == [
            (l["component"], l["quantity"]) for l in tf["lines"]]


# Infracost's published expected outputs for the same resources (../shared/pricing-source/infracost-golden/
# ebs_volume_test.golden and lb_test.golden, 2024): (address, monthly USD) per resource.
INFRACOST_EXPECTED = {
    "ebs_volume": {"aws_ebs_volume.io1": 3.75 + 19.50, "aws_ebs_volume.io2": 3.75 + 19.50,
                   "aws_ebs_volume.gp3": 3.20 + 0.20 + 5.00, "aws_ebs_volume.st1": 1.80,
                   "aws_ebs_volume.standard_withUsage": 1.00 + 0.05, "aws_ebs_volume.gp2": 1.00,
                   "aws_ebs_volume.sc1": 0.75},
    "lb": {"aws_lb.nlb1_usage": 16.43 + 6.00},
}


@pytest.mark.parametrize("case", INFRACOST_EXPECTED)
def test_agrees_with_infracost_expected_output(case):
    folder = ROOT / "fixtures" / "iac" / "infracost-agreement" / case
    bill = price_import(import_path(folder, folder / "usage.yml"))
    got = bill.by_resource()
    assert set(got) == set(INFRACOST_EXPECTED[case])
    for address, usd in INFRACOST_EXPECTED[case].items():
        assert got[address] == pytest.approx(usd, abs=0.01), address


def test_at_least_80_aws_resource_types_are_priced():
    """Types a spec kind maps plus types with a cost module; free types are listed apart."""
    from stackwright.importer.mapping import MAPPERS
    from stackwright.importer.mapping.registry import _free

    priced = {t for t, mapper in MAPPERS.items() if mapper is not _free} | set(modules())
    assert len({t for t in priced if t.startswith("aws_")}) >= 80
    assert len({t for t in priced if t.startswith("AWS::")}) >= 80
    assert not {t for t, mapper in MAPPERS.items() if mapper is _free} & set(modules())


def test_multi_az_db_cluster_terraform_and_cloudformation_agree():
    """A Multi-AZ DB cluster (non-Aurora engine, class on the cluster) is one cluster-hour at AWS's per-cluster
    figure plus its io1 storage and IOPS, whether written in Terraform or CloudFormation."""
    folder = ROOT / "fixtures" / "iac" / "multi-az-db-cluster"
    tf = priced(folder / "main.tf", folder / "usage.yml")
    cfn = priced(folder / "template.yaml", folder / "cfn-usage.yml")
    prices = catalogue.load("us-east-1")
    assert tf["not_priced"] == cfn["not_priced"] == []
    assert [l["sku"] for l in tf["lines"]] == [
        "rds/postgresql/multi-az-cluster/db.m6gd.large", "rds/postgresql/multi-az-cluster/storage/io1",
        "rds/postgresql/multi-az-cluster/io1-iops", "rds/postgresql/backup"]
    assert [l["quantity"] for l in tf["lines"]] == [730, 200, 3000, 50]
    for line in tf["lines"]:
        assert line["monthly_usd"] == pytest.approx(prices.get(line["sku"]).cost(line["quantity"]), abs=1e-6)
    assert [(l["sku"], l["quantity"]) for l in cfn["lines"]] == [(l["sku"], l["quantity"]) for l in tf["lines"]]
    assert cfn["total_monthly_usd"] == tf["total_monthly_usd"]


def test_replicated_backup_transfer_is_priced_at_the_source_regions_rate():
    """Declared inter-Region transfer of replicated backups: the source Region's (us-west-2's, from the ARN) rate
    to the replica's Region."""
    fixture = FIXTURES / "aws_db_instance_automated_backups_replication"
    got = priced(fixture / "main.tf", fixture / "usage.yml")
    assert [l["sku"] for l in got["lines"]] == ["backup/rds", "data_transfer/inter-region-from/us-west-2"]
    transfer = got["lines"][1]
    rate = catalogue.load("us-west-2").get("data_transfer/inter-region/us-east-1").usd
    assert (transfer["quantity"], transfer["unit_price_usd"]) == (40, rate)
    assert got["not_priced"] == []
