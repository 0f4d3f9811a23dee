"""Golden catalogue test for the late-2025 sources: for a sample of keys across five regions, the
shipped catalogue equals the raw files in ../shared/pricing-source (read here, not through build.py),
and nothing the per-region files cover is carried over from another region."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from test_catalogue import LAM, SOURCE, codes, raw

from stackwright.pricing import catalogue

REGIONS = ("us-east-1", "ap-northeast-2", "eu-west-1", "ap-northeast-1", "eu-central-1")
WATCHER = "aws-price-watcher-v0rts"


@cache
def names() -> dict[str, str]:
    return {code: name for name, code in codes().items() if "(" in name}


def page(relpath: str, region: str, *labels: str) -> float:
    """A readable rate of a pricing-page JSON file (raw/ or lamngockhuong), first label present."""
    block = raw(relpath)["regions"][names()[region]]
    for label in labels:
        if label in block:
            return float(block[label]["price"])
    raise KeyError(labels)


def processed(relpath: str, label: str, region: str, where: str = "") -> float:
    """A processed/ price: label -> '<region display name>[ (attributes)]' -> price string."""
    rows = raw(relpath)[label]
    (value,) = [v for k, v in rows.items() if k == names()[region] + where]
    return float(value)


def ec2(itype: str):
    return lambda r: processed(f"{WATCHER}/processed/ec2.json", f"OnDemand Linux-instancetype-{itype}", r)


def rds(engine: str, az: str, cls: str):
    label = {"postgresql": "PostgreSQL", "mysql": "MySQL"}[engine]

    def lookup(region: str) -> float:
        rows = raw(f"{WATCHER}/processed/rds-{engine}-ondemand.json")
        (value,) = [v for k, block in rows.items()
                    if re.fullmatch(rf"Database Instance {label} No license required db {re.escape(cls)} .* {az} "
                                    r"(?:Current|Previous) Generation", k)
                    for where, v in block.items() if where.startswith(f"{names()[region]} (Instance Type: db.{cls},")]
        return float(value)
    return lookup


def aurora_instance(engine: str, io: bool, cls: str):
    mode = "Aurora IO Optimization Mode " if io else ""

    def lookup(region: str) -> float:
        rows = raw(f"{WATCHER}/processed/rds-aurora-ondemand.json")
        found = {v for k, block in rows.items()
                 if f"Database Instance Aurora {engine} No license required {mode}" in k
                 and (io or "IO Optimization" not in k) and "Single-AZ" in k
                 for where, v in block.items() if where == f"{names()[region]} (Instance Type: db.{cls})"}
        (value,) = found
        return float(value)
    return lookup


def dto_tier(label: str, start: int, end: str):
    return lambda r: processed(f"{WATCHER}/processed/datatransfer.json", f"DataTransfer External Outbound {label}", r,
                               f" (StartingRange: {start}, EndingRange: {end})")


ELB, AUR, STO = f"{WATCHER}/raw/elb.json", f"{WATCHER}/raw/rds-aurora-storage.json", f"{WATCHER}/raw/rds-storage.json"
SM, ECR = f"{WATCHER}/raw/secretsmanager.json", f"{WATCHER}/raw/ecr.json"

# (catalogue key, tier index or None, raw lookup(region))
SAMPLES = [
    ("alb/hour", None, lambda r: page(ELB, r, "Application Load Balancer Hours")),
    ("alb/lcu-hour", None, lambda r: page(ELB, r, "Application Load Balancer LCU Hours")),
    ("nlb/hour", None, lambda r: page(ELB, r, "Network Load Balancer Hours")),
    ("nlb/lcu-hour", None, lambda r: page(ELB, r, "Network Load Balancer LCU Hours")),
    ("gwlb/hour", None, lambda r: page(ELB, r, "Gateway Load Balancer Hours")),
    ("gwlb/lcu-hour", None, lambda r: page(ELB, r, "Gateway Load Balancer LCU Hours")),
    ("aurora/serverless-v2", None, lambda r: page(AUR, r, "Aurora PostgreSQL ServerlessV2")),
    ("aurora/serverless-v2-io-optimized", None,
     lambda r: page(AUR, r, "Aurora PostgreSQL ServerlessV2 Aurora IO Optimization Mode")),
    ("aurora/storage", None, lambda r: page(AUR, r, "Database Storage DB Engine Aurora PostgreSQL General Purpose Aurora")),
    ("aurora/storage-io-optimized", None, lambda r: page(AUR, r, "Aurora PostgreSQL IO Optimized Aurora")),
    ("aurora/io-requests", None, lambda r: page(AUR, r, "System Operation Aurora I O Operation") * 1e6),
    ("aurora/backup", None, lambda r: page(AUR, r, "Storage Snapshot Aurora PostgreSQL")),
    ("aurora/provisioned/postgresql/db.r6g.large", None, aurora_instance("PostgreSQL", False, "r6g.large")),
    ("aurora/provisioned/mysql/db.r7g.xlarge", None, aurora_instance("MySQL", False, "r7g.xlarge")),
    ("aurora/provisioned-io-optimized/postgresql/db.r6g.large", None, aurora_instance("PostgreSQL", True, "r6g.large")),
    ("aurora/provisioned/postgresql/db.t4g.medium", None, aurora_instance("PostgreSQL", False, "t4g.medium")),
    ("aurora/provisioned/postgresql/db.r8g.large", None, aurora_instance("PostgreSQL", False, "r8g.large")),
    ("aurora/provisioned-io-optimized/postgresql/db.r8g.xlarge", None,
     aurora_instance("PostgreSQL", True, "r8g.xlarge")),
    ("secrets_manager/secret", None, lambda r: page(SM, r, "Secret")),
    ("secrets_manager/api-calls", None, lambda r: page(SM, r, "API Request") * 1e4),
    ("ecr/storage", None, lambda r: page(ECR, r, "EC2 Container Registry")),
    ("data_transfer/internet-out", 0, dto_tier("Next 10 TB", 0, "10240")),
    ("data_transfer/internet-out", 1, dto_tier("Next 40 TB", 10240, "51200")),
    ("data_transfer/internet-out", 2, dto_tier("Next 100 TB", 51200, "153600")),
    ("data_transfer/internet-out", 3, dto_tier("Greater than 150 TB", 153600, "Inf")),
    ("ec2/ondemand/t3.small", None, ec2("t3.small")),
    ("ec2/ondemand/m7g.large", None, ec2("m7g.large")),
    ("ec2/ondemand/c7i.xlarge", None, ec2("c7i.xlarge")),
    ("ec2/ondemand/r7g.2xlarge", None, ec2("r7g.2xlarge")),
    ("ec2/ondemand/g5.xlarge", None, ec2("g5.xlarge")),
    ("ec2/ondemand/m8g.large", None, ec2("m8g.large")),
    ("rds/postgresql/single-az/db.t4g.micro", None, rds("postgresql", "Single-AZ", "t4g.micro")),
    ("rds/postgresql/multi-az/db.m7g.large", None, rds("postgresql", "Multi-AZ", "m7g.large")),
    ("rds/mysql/single-az/db.r6g.xlarge", None, rds("mysql", "Single-AZ", "r6g.xlarge")),
    ("rds/mysql/multi-az/db.t3.medium", None, rds("mysql", "Multi-AZ", "t3.medium")),
    ("rds/postgresql/single-az/storage/gp3", None, lambda r: page(STO, r, "Database Storage Single AZ General Purpose-GP3")),
    ("rds/mysql/multi-az/storage/gp2", None, lambda r: page(STO, r, "Database Storage Multi AZ General Purpose")),
    ("rds/mariadb/single-az/storage/io1", None, lambda r: page(STO, r, "Database Storage Single AZ Provisioned IOPS")),
    ("rds/sqlserver-se/multi-az/storage/gp3", None, lambda r: page(STO, r, "Database Storage Multi AZ General Purpose-GP3")),
    ("rds/postgresql/single-az/gp3-iops", None, lambda r: page(STO, r, "Provisioned GP3 IOPS Single AZ")),
    ("rds/postgresql/multi-az/gp3-throughput", None, lambda r: page(STO, r, "Provisioned Throughput Multi AZ")),
    ("rds/mysql/single-az/io1-iops", None, lambda r: page(STO, r, "Provisioned IOPS Single AZ")),
    ("rds/postgresql/backup", None, lambda r: page(STO, r, "Storage Snapshot")),
    ("cloudfront/data-out/united-states", 0, lambda r: cf("United States", "First 10 TB")),
    ("cloudfront/data-out/europe", 1, lambda r: cf("EU", "Next 40 TB")),
    ("cloudfront/data-out/japan", 2, lambda r: cf("Japan", "next 100 TB")),
    ("cloudfront/data-out/asia-pacific", 0, lambda r: cf("Asia Pacific", "First 10 TB")),
    ("cloudfront/data-out/india", 6, lambda r: cf("India", "Over 5 PB")),
    ("lambda/x86/requests", None, lambda r: page(f"{LAM}/lambda.json", r, "Lambda Requests") * 1e6),
    ("lambda/arm/requests", None, lambda r: page(f"{LAM}/lambda.json", r, "Lambda Requests-ARM") * 1e6),
    ("lambda/x86/duration", 0, lambda r: page(f"{LAM}/lambda.json", r, "Lambda Duration")),
    ("lambda/arm/duration", 1, lambda r: page(f"{LAM}/lambda.json", r, "Lambda Duration-ARM Tier2")),
    ("lambda/x86/provisioned-concurrency", None,
     lambda r: page(f"{LAM}/lambda.json", r, "Lambda Provisioned-Concurrency")),
    ("kms/key", None, lambda r: page(f"{LAM}/kms.json", r, "Encryption Key")),
    ("kms/requests", None, lambda r: page(f"{LAM}/kms.json", r, "API request - Non Free Tier") * 1e4),
]


def cf(geo: str, tier: str) -> float:
    return float(raw(f"{LAM}/cloudfront.json")["regions"][""][f"Regional DT from {geo} to Internet {tier}"]["price"])


def test_the_sample_is_large_enough():
    assert len({key for key, _, _ in SAMPLES}) >= 50 and len(REGIONS) == 5


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("key,tier,expected", SAMPLES, ids=[f"{k}#{t}" for k, t, _ in SAMPLES])
def test_catalogue_equals_the_raw_late_2025_files(region, key, tier, expected):
    entry = json.loads((catalogue.DATA_DIR / "regions" / f"{region}.json").read_text(encoding="utf-8"))["prices"][key]
    got = entry["usd"] if tier is None else entry["tiers"][tier][1]
    assert got == pytest.approx(expected(region), rel=1e-9, abs=1e-12)
    assert "estimate" not in entry


def test_every_aurora_provisioned_class_of_the_file_is_in_the_catalogue():
    """All of processed/rds-aurora-ondemand.json (r8g, r8gd, r7i, x2g, ...), Standard and I/O-Optimized, in every
    catalogue region the file prices, at the file's price."""
    region_of = {name: code for code, name in names().items()}
    checked = 0
    for label, block in raw(f"{WATCHER}/processed/rds-aurora-ondemand.json").items():
        m = re.search(r"Database Instance Aurora (PostgreSQL|MySQL) No license required (Aurora IO Optimization Mode )?",
                      label)
        if not m or "Single-AZ" not in label:
            continue
        mode = "provisioned-io-optimized" if m[2] else "provisioned"
        for where, usd in block.items():
            w = re.fullmatch(r"(.+) \(Instance Type: (db\.[^,)]+)\)", where)
            region = region_of.get(w[1]) if w else None
            if region in catalogue.regions():
                key = f"aurora/{mode}/{m[1].lower()}/{w[2]}"
                assert catalogue.load(region).get(key).usd == pytest.approx(float(usd)), (region, key)
                checked += 1
    assert checked > 5000


CARRY_FREE = ("alb/", "nlb/", "gwlb/", "aurora/", "secrets_manager/", "ecr/", "data_transfer/")


def test_no_carried_over_price_where_a_regional_one_exists():
    for region in catalogue.regions():
        prices = catalogue.load(region)
        for key in prices.keys():
            if key.startswith(CARRY_FREE):
                assert prices.get(key).estimate is None, f"{region} {key}: {prices.get(key).estimate}"


def test_newest_source_wins_and_both_dates_are_kept():
    """Nov 2025 GPU price cut: ec2.shop's April 2025 p4d price is kept as the replaced figure."""
    entry = json.loads((catalogue.DATA_DIR / "regions" / "us-east-1.json").read_text(encoding="utf-8"))["prices"][
        "ec2/ondemand/p4d.24xlarge"]
    karpenter = raw("karpenter/ec2-ondemand-us-east-1.json")["prices"]["p4d.24xlarge"]
    assert entry["usd"] == pytest.approx(karpenter) == processed(
        f"{WATCHER}/processed/ec2.json", "OnDemand Linux-instancetype-p4d.24xlarge", "us-east-1")
    old = entry["replaces"]
    assert old["source"] == "ec2shop-ec2-ondemand" and old["date"] == "2025-04-04"
    assert old["usd"] != entry["usd"]
    sources = catalogue.sources()
    assert sources[entry["source"]].date > old["date"]
    seoul = catalogue.load("ap-northeast-2")
    assert seoul.get("aurora/serverless-v2").usd == 0.2 and seoul.get("alb/hour").estimate is None
