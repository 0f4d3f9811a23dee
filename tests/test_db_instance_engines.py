"""RDS for SQL Server, Oracle and MariaDB (aws_db_instance / AWS::RDS::DBInstance): each engine and license model
priced at its region's own list price, from Terraform and CloudFormation alike; what AWS does not sell is not priced
(never $0). The golden bill is tests/golden/db_instance_engines.json (`pytest --update-golden` rewrites it)."""

import json
from pathlib import Path

import pytest

from stackwright.importer import import_path, price_import
from stackwright.pricing import catalogue

ROOT = Path(__file__).parent
FIXTURE = ROOT / "fixtures" / "db_instance_engines"
GOLDEN = ROOT / "golden" / "db_instance_engines.json"

# Instance-hour list prices as AWS's pricing-page JSON gives them (aws-price-watcher processed/rds-{sqlserver,
# oracle,mariadb}-ondemand.json, cited in published.yaml): (region, resource) -> (price key, USD per hour).
EXPECTED = {
    ("ap-northeast-2", "sqlserver_express"): ("rds/sqlserver-ex/single-az/db.t3.small", 0.062),
    ("ap-northeast-2", "sqlserver_web"): ("rds/sqlserver-web/single-az/db.t3.medium", 0.179),
    ("ap-northeast-2", "sqlserver_standard"): ("rds/sqlserver-se/multi-az/db.m5.xlarge", 2.628),
    ("ap-northeast-2", "oracle_se2"): ("rds/oracle-se2/single-az/db.t3.large", 0.352),
    ("ap-northeast-2", "oracle_se2_byol"): ("rds/oracle-se2-byol/single-az/db.m5.large", 0.236),
    ("ap-northeast-2", "oracle_ee"): ("rds/oracle-ee-byol/multi-az/db.r6i.xlarge", 1.108),
    ("ap-northeast-2", "mariadb"): ("rds/mariadb/single-az/db.t3.micro", 0.026),
    ("us-east-1", "sqlserver_express"): ("rds/sqlserver-ex/single-az/db.t3.small", 0.044),
    ("us-east-1", "sqlserver_web"): ("rds/sqlserver-web/single-az/db.t3.medium", 0.166),
    ("us-east-1", "sqlserver_standard"): ("rds/sqlserver-se/multi-az/db.m5.xlarge", 2.448),
    ("us-east-1", "oracle_se2"): ("rds/oracle-se2/single-az/db.t3.large", 0.3),
    ("us-east-1", "oracle_se2_byol"): ("rds/oracle-se2-byol/single-az/db.m5.large", 0.171),
    ("us-east-1", "oracle_ee"): ("rds/oracle-ee-byol/multi-az/db.r6i.xlarge", 0.932),
    ("us-east-1", "mariadb"): ("rds/mariadb/single-az/db.t3.micro", 0.017),
}
REGIONS = ("ap-northeast-2", "us-east-1")


def _bill(source: str, region: str):
    return price_import(import_path(FIXTURE / source, region=region))


def _name(address: str) -> str:
    """`aws_db_instance.oracle_ee` and the CloudFormation logical id `OracleEe` -> `oracle_ee`."""
    name = address.rsplit(".", 1)[-1]
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


@pytest.mark.parametrize("source", ["main.tf", "template.yaml"])
@pytest.mark.parametrize("region", REGIONS)
def test_each_engine_and_license_is_priced_at_the_regions_own_figure(source, region):
    bill = _bill(source, region)
    instances = {_name(i.address): i for i in bill.items if i.component.startswith("Database instance")}
    for (where, name), (key, usd) in EXPECTED.items():
        if where != region:
            continue
        line = instances[name]
        assert (line.sku, line.unit_price_usd) == (key, usd), name
        assert line.estimate is None, f"{name}: {line.estimate}"
        assert line.monthly_usd == pytest.approx(usd * 730)


@pytest.mark.parametrize("source", ["main.tf", "template.yaml"])
def test_what_aws_does_not_sell_is_not_priced_never_zero(source):
    bill = _bill(source, "ap-northeast-2")
    unknown = {_name(u.resource): u for u in bill.unknown}
    assert sorted(unknown) == ["sqlserver_byol", "sqlserver_express_multi_az"]
    assert "only with the license included" in unknown["sqlserver_byol"].reason
    assert "rds/sqlserver-ex/multi-az/db.t3.small" in unknown["sqlserver_express_multi_az"].reason
    priced = {_name(i.address) for i in bill.items if i.component.startswith("Database instance")}
    assert not priced & set(unknown)
    # their storage is still declared and priced, at the engine's storage price whatever the license
    storage = {_name(i.address): i.sku for i in bill.items if i.component.startswith("Storage")}
    assert storage["sqlserver_byol"] == "rds/sqlserver-se/single-az/storage/gp2"
    assert storage["oracle_se2_byol"] == "rds/oracle-se2/single-az/storage/gp2"
    assert storage["oracle_ee"] == "rds/oracle-ee/multi-az/storage/gp2"


@pytest.mark.parametrize("source", ["main.tf", "template.yaml"])
def test_an_undeclared_oracle_licence_is_a_visible_assumption(source):
    lines = {_name(i.address): i.assumption for i in _bill(source, "us-east-1").items
             if i.component.startswith("Database instance")}
    assert "license-included assumed" in lines["oracle_se2"]
    assert "assumed" not in lines["oracle_se2_byol"] and "assumed" not in lines["oracle_ee"]


def test_terraform_and_cloudformation_agree():
    tf, cfn = _bill("main.tf", "ap-northeast-2"), _bill("template.yaml", "ap-northeast-2")
    assert [(_name(i.address), i.sku, i.quantity) for i in cfn.items] == [
        (_name(i.address), i.sku, i.quantity) for i in tf.items]
    assert cfn.total == pytest.approx(tf.total)


def test_regions_the_source_does_not_price_are_not_priced():
    """No carried-over figure: a class the cited file lists in no region is absent from every region."""
    for region in catalogue.regions():
        prices = catalogue.load(region)
        for key in ("rds/sqlserver-ex/multi-az/db.t3.small", "rds/sqlserver-se-byol/single-az/db.m5.xlarge",
                    "rds/oracle-ee/single-az/db.r6i.xlarge"):
            assert key not in prices, (region, key)
        for key in prices.keys():
            if key.startswith(("rds/sqlserver", "rds/oracle", "rds/mariadb/single-az/db.", "rds/mariadb/multi-az/db.")):
                assert prices.get(key).estimate is None, (region, key)


def test_golden_bill(update_golden):
    got = {}
    for source in ("main.tf", "template.yaml"):
        bill = _bill(source, "ap-northeast-2")
        got[source] = {
            "lines": [[i.address, i.component, i.sku, i.quantity, i.unit_price_usd, round(i.monthly_usd, 6),
                       i.assumption] for i in bill.items],
            "not_priced": [[u.resource, u.component, u.reason] for u in bill.unknown],
            "total_monthly_usd": round(bill.total, 6),
        }
    text = json.dumps(got, indent=2) + "\n"
    if update_golden:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "bill changed; if intended, run pytest --update-golden"
