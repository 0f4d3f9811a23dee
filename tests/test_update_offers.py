"""`prices update` for Lambda and Savings Plans, and `--region R --from DIR` over a folder laid out like
AWS's Price List URLs. Fixtures: tests/fixtures/offers (hand-written in the documented offer-file
layouts, with decoys that must not reach the catalogue)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.pricing import savings_plans, update
from stackwright.pricing.writer import read_region, read_sources

OFFERS = Path(__file__).parent / "fixtures" / "offers"
runner = CliRunner()


def test_lambda_maps_requests_tiered_duration_and_provisioned_concurrency(tmp_path):
    update.update("AWSLambda", "ap-northeast-2", tmp_path, file=OFFERS / "AWSLambda-ap-northeast-2.json")
    prices = read_region(tmp_path, "ap-northeast-2")
    assert {k: e["usd"] for k, e in prices.items()} == {
        "lambda/x86/requests": 0.2, "lambda/arm/requests": 0.2,
        "lambda/x86/duration": 0.0000166667, "lambda/arm/duration": 0.0000133334,
        "lambda/x86/provisioned-concurrency": 0.0000051254, "lambda/x86/provisioned-duration": 0.0000119592,
        "lambda/x86/ephemeral-storage": 0.0000000352,
    }  # Lambda@Edge, Outposts and the us-east-1 product are decoys
    assert prices["lambda/x86/duration"]["tiers"] == [
        [6000000000, 0.0000166667], [15000000000, 0.000015], [None, 0.0000133334]]
    assert prices["lambda/arm/duration"]["tiers"][0] == [7500000000, 0.0000133334]


def test_lambda_offer_agrees_with_the_shipped_catalogue():
    """The pricing-page JSON behind the catalogue and a Price List file in the same layout agree."""
    from stackwright.pricing import catalogue

    seoul = catalogue.load("ap-northeast-2")
    for arch in ("x86", "arm"):
        assert seoul.get(f"lambda/{arch}/duration").tiers[0][1] == pytest.approx(
            {"x86": 0.0000166667, "arm": 0.0000133334}[arch])
    assert seoul.get("lambda/arm/duration").tiers[0][0] == 7500000000


def test_savings_plans_no_upfront_linux_shared_only(tmp_path):
    result = savings_plans.update("us-east-1", tmp_path, OFFERS / "AWSComputeSavingsPlan-us-east-1.json")
    prices = read_region(tmp_path, "us-east-1")
    assert {k: (e["usd"], e["unit"]) for k, e in prices.items()} == {
        "ec2/savings-plan-1y/t3.small": (0.0151, "hour"),
        "ec2/savings-plan-1y/m6g.large": (0.0577, "hour"),
        "ec2/savings-plan-3y/t3.small": (0.0104, "hour"),
        "ec2/savings-plan-3y/m6g.large": (0.04, "hour"),
        "ec2/instance-savings-plan-1y/t3.small": (0.013, "hour"),
        "fargate/savings-plan-1y/x86/vcpu": (0.03279, "vCPU-hour"),
        "fargate/savings-plan-1y/x86/memory": (0.0036, "GB-hour"),
        "fargate/savings-plan-1y/arm/vcpu": (0.02623, "vCPU-hour"),
        "fargate/savings-plan-1y/arm/memory": (0.00288, "GB-hour"),
        "fargate/savings-plan-3y/x86/vcpu": (0.02267, "vCPU-hour"),
        "fargate/savings-plan-3y/x86/memory": (0.00249, "GB-hour"),
        "lambda/savings-plan-1y/x86/duration": (0.000015, "GB-second"),
    }  # Windows, dedicated, us-west-2, All Upfront and Lambda requests are decoys
    assert result.added == 12 and read_sources(tmp_path)[result.source_id]["date"] == "2025-11-20"
    with pytest.raises(ValueError, match="is for us-east-1, not eu-west-1"):
        savings_plans.update("eu-west-1", tmp_path, OFFERS / "AWSComputeSavingsPlan-us-east-1.json")


def downloads(tmp_path: Path) -> Path:
    """A folder laid out like the Price List URLs, as a user with internet would download it."""
    root = tmp_path / "pricing"
    for code, region in (("AWSELB", "us-east-1"), ("AmazonEC2", "us-east-1"), ("AmazonElastiCache", "us-east-1"),
                         ("AmazonVPC", "us-east-1")):
        target = root / "offers" / "v1.0" / "aws" / code / "current" / region / "index.json"
        target.parent.mkdir(parents=True)
        shutil.copy(OFFERS / f"{code}-{region}.json", target)
    target = root / "savingsPlan" / "v1.0" / "aws" / "AWSComputeSavingsPlan" / "current" / "us-east-1" / "index.json"
    target.parent.mkdir(parents=True)
    shutil.copy(OFFERS / "AWSComputeSavingsPlan-us-east-1.json", target)
    return root


def test_update_from_a_folder_rebuilds_every_service_found(tmp_path):
    root = downloads(tmp_path)
    assert set(savings_plans.offer_files(root, "us-east-1")) == {
        "AWSELB", "AmazonEC2", "AmazonElastiCache", "AmazonVPC", "AWSComputeSavingsPlan"}
    cat = tmp_path / "cat"
    result = runner.invoke(app, ["prices", "update", "--region", "us-east-1", "--from", str(root),
                                 "--data-dir", str(cat)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(" us-east-1: ") == 5
    prices = read_region(cat, "us-east-1")
    assert prices["nlb/hour"]["source"] == "aws-price-list-AWSELB-us-east-1"
    assert prices["ec2/savings-plan-1y/t3.small"]["usd"] == 0.0151
    assert prices["elasticache/redis/cache.t3.micro"]["source"] == "aws-price-list-AmazonElastiCache-us-east-1"
    result = runner.invoke(app, ["prices", "update", "--region", "eu-west-1", "--from", str(root),
                                 "--data-dir", str(cat)])
    assert result.exit_code == 2 and "no offer files for eu-west-1" in result.stderr


def test_savings_plans_become_priced_when_their_offer_file_is_given(tmp_path, monkeypatch):
    from stackwright.pricing import catalogue
    from stackwright.spec.loader import load
    from stackwright.spec_bill import price

    spec = tmp_path / "sp.yaml"
    spec.write_text("""name: sp
region: us-east-1
components:
  web: {kind: ec2_instance, instance_type: t3.small, purchase_option: savings_plan_1y, public_ip: true}
""", encoding="utf-8")
    loaded = load(spec)
    bill = price(loaded.spec, loaded)
    (unknown,) = [u for u in bill.unknown if u.sku == "ec2/savings-plan-1y/t3.small"]
    assert "savings-plan offer file" in unknown.reason

    data = tmp_path / "data"
    shutil.copytree(catalogue.DATA_DIR, data)
    savings_plans.update("us-east-1", data, OFFERS / "AWSComputeSavingsPlan-us-east-1.json")
    monkeypatch.setattr(catalogue, "DATA_DIR", data)
    for cached in (catalogue.load, catalogue.sources, catalogue.newest_date, catalogue._sizes):
        cached.cache_clear()
    try:
        bill = price(loaded.spec, loaded)
    finally:
        for cached in (catalogue.load, catalogue.sources, catalogue.newest_date, catalogue._sizes):
            cached.cache_clear()
    (line,) = [i for i in bill.items if i.sku == "ec2/savings-plan-1y/t3.small"]
    assert line.unit_price_usd == 0.0151 and line.purchase_option == "savings_plan_1y"
    assert line.price_source == "aws-savings-plans-us-east-1" and not bill.unknown
    assert json.loads(json.dumps(bill.to_json()))["items"]
