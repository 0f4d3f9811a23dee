"""The generated price catalogue against the raw public snapshots it is built from.

The snapshots live next to the clone (../shared/pricing-source); without them the
module is skipped. See docs/price-catalogue.md and src/stackwright/pricing/build.py.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[2] / "shared" / "pricing-source"
if not (SOURCE / "README.md").is_file():
    pytest.skip(f"public price snapshots not found at {SOURCE}", allow_module_level=True)

from stackwright.pricing import catalogue  # noqa: E402
from stackwright.pricing.build import build, parse_golden, unit_price  # noqa: E402

SHIPPED = catalogue.DATA_DIR
REGIONS = ("us-east-1", "ap-northeast-2")
DISPLAY = {"us-east-1": "US East (N. Virginia)", "ap-northeast-2": "Asia Pacific (Seoul)"}


# ----------------------------------------------------------------------------- fixtures / raw helpers


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict, float]:
    out = tmp_path_factory.mktemp("catalogue-a")
    start = time.perf_counter()
    summary = build(SOURCE, out)
    return out, summary, time.perf_counter() - start


@pytest.fixture(scope="module")
def prices(built) -> dict[str, dict[str, dict]]:
    out = built[0]
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["prices"] for p in (out / "regions").glob("*.json")}


@pytest.fixture(scope="module")
def sources(built) -> dict[str, dict]:
    return json.loads((built[0] / "sources.json").read_text(encoding="utf-8"))["sources"]


@cache
def raw(relpath: str):
    return json.loads((SOURCE / relpath).read_text(encoding="utf-8"))


def rate(relpath: str, region: str, name: str) -> float:
    """Price of a readable rate key in a pricing-page JSON file, region given by code."""
    return float(raw(relpath)["regions"][DISPLAY.get(region, region)][name]["price"])


def rate_where(relpath: str, region: str, **attrs: str) -> list[dict]:
    block = raw(relpath)["regions"][DISPLAY[region]]
    return [r for k, r in block.items() if " " in k and all(r.get(a) == v for a, v in attrs.items())]


def codes() -> dict[str, str]:
    return {name: loc["code"] for name, loc in raw("aws-price-lamngockhuong/locations.json").items()
            if loc["type"] == "AWS Region"}


def golden(name: str) -> list[dict]:
    return parse_golden(SOURCE / "infracost-golden" / f"{name}.golden")


# ----------------------------------------------------------------------------- (a) values equal the raw files


def ec2_ondemand_raw(region: str, itype: str) -> float:
    (r,) = rate_where(f"ec2shop-yeo/ec2-ondemand/{region}-ondemand.json", region, **{"Instance Type": itype})
    return float(r["price"])


def ec2_ri_raw(region: str, term: str, itype: str) -> float:
    (r,) = rate_where(f"ec2shop-yeo/ec2-reserved/{region}-reservedinstance-{term}.json", region,
                      **{"Instance Type": itype})
    assert r["PurchaseOption"] == "No Upfront" and r["Tenancy"] == "Shared"
    return float(r["price"])


def rds_ondemand_raw(region: str, engine: str, az: str, db_class: str) -> float:
    block = raw(f"ec2shop-yeo/rds/rds-{engine}-ondemand.json")["regions"][DISPLAY[region]]
    tag = {"single-az": " Single-AZ ", "multi-az": " Multi-AZ "}[az]
    (r,) = [r for k, r in block.items()
            if k.startswith("Database Instance") and tag in k and r.get("Instance Type") == db_class]
    return float(r["price"])


def rds_ri_raw(region: str, engine: str, az: str, term: str, db_class: str) -> float:
    relpath = f"ec2shop-yeo/rds-reserved/{region}-rds-{engine}-reservedinstance-{az.removesuffix('-az')}-az-{term}.json"
    (r,) = rate_where(relpath, region, **{"Instance Type": db_class})
    if term == "1y":
        assert r["PurchaseOption"] == "No Upfront"
        return float(r["price"])
    assert r["PurchaseOption"] == "Partial Upfront"
    return float(r["price"]) + float(r["riupfront:PricePerUnit"]) / (3 * 8760)


def elasticache_raw(region: str, engine: str, node: str) -> float:
    block = raw("ec2shop-yeo/elasticache/elasticache.json")["regions"][DISPLAY[region]]
    (r,) = [r for k, r in block.items() if k.startswith("OnDemand Cache Instance") and f" {engine} " in k
            and r.get("Instance Type") == node]
    return float(r["price"])


def leanercloud_raw(region: str, engine: str, node: str, term: str) -> float:
    (row,) = [x for x in raw("ec2instances-info-leanercloud/elasticache-instances.json") if x["instance_type"] == node]
    return float(row["pricing"][region][engine]["reserved"][f"yrTerm{term[0]}Standard.noUpfront"])


def fgcalc_raw(region: str, kind: str, field: str) -> float:
    (row,) = [x for x in raw("fgcalc/fargate-linux-x86-by-region.json") if x["region"] == region]
    return row["prices"][kind][field]


LAM = "aws-price-lamngockhuong"

# (key, function(region) -> raw value) for a sample across services
SAMPLES = [
    ("ec2/ondemand/t3.small", lambda r: ec2_ondemand_raw(r, "t3.small")),
    ("ec2/ondemand/m6g.large", lambda r: ec2_ondemand_raw(r, "m6g.large")),
    ("ec2/ondemand/c7g.xlarge", lambda r: ec2_ondemand_raw(r, "c7g.xlarge")),
    ("ec2/ri-1y/t3.small", lambda r: ec2_ri_raw(r, "1y", "t3.small")),
    ("ec2/ri-3y/m5.large", lambda r: ec2_ri_raw(r, "3y", "m5.large")),
    ("ebs/gp3", lambda r: rate("ec2shop-yeo/ebs/ebs.json", r, "Storage General Purpose gp3 GB Mo")),
    ("ebs/gp2", lambda r: rate("ec2shop-yeo/ebs/ebs.json", r, "Storage General Purpose gp2 GB Mo")),
    ("ebs/gp3-iops", lambda r: rate("ec2shop-yeo/ebs/ebs.json", r, "Provisioned EBS IOPS gp3 Volumes per IOPS Mo")),
    ("ebs/gp3-throughput", lambda r: rate("ec2shop-yeo/ebs/ebs.json", r, "Provisioned Throughput gp3 per GiBps mo") / 1024),
    ("ebs/snapshot", lambda r: rate("ec2shop-yeo/ebs/ebs.json", r, "Storage Snapshot Amazon S3 GB Mo")),
    ("rds/postgresql/single-az/db.t3.micro", lambda r: rds_ondemand_raw(r, "postgresql", "single-az", "db.t3.micro")),
    ("rds/mysql/multi-az/db.m6g.large", lambda r: rds_ondemand_raw(r, "mysql", "multi-az", "db.m6g.large")),
    ("rds/postgresql/multi-az/storage/gp3",
     lambda r: rate("ec2shop-yeo/rds/rds-postgresql-ondemand.json", r, "Database Storage Multi AZ General Purpose-GP3")),
    ("rds/mysql/single-az/storage/gp2",
     lambda r: rate("ec2shop-yeo/rds/rds-mysql-ondemand.json", r, "Database Storage Single AZ General Purpose")),
    ("rds/postgresql/backup", lambda r: rate("ec2shop-yeo/rds/rds-postgresql-ondemand.json", r, "Storage Snapshot")),
    ("rds/postgresql/single-az/ri-1y/db.t3.medium", lambda r: rds_ri_raw(r, "postgresql", "single-az", "1y", "db.t3.medium")),
    ("rds/mysql/multi-az/ri-3y/db.r6g.large", lambda r: rds_ri_raw(r, "mysql", "multi-az", "3y", "db.r6g.large")),
    ("elasticache/redis/cache.t3.micro", lambda r: elasticache_raw(r, "Redis", "cache.t3.micro")),
    ("elasticache/valkey/cache.r7g.large", lambda r: elasticache_raw(r, "Valkey", "cache.r7g.large")),
    ("elasticache/redis/ri-1y/cache.t3.micro", lambda r: leanercloud_raw(r, "Redis", "cache.t3.micro", "1y")),
    ("elasticache/valkey/ri-3y/cache.m6g.large", lambda r: leanercloud_raw(r, "Valkey", "cache.m6g.large", "3y")),
    ("fargate/x86/vcpu", lambda r: rate(f"{LAM}/ecs.json", r, "perCPU per hour")),
    ("fargate/x86/memory", lambda r: rate(f"{LAM}/ecs.json", r, "perGB per hour")),
    ("fargate/arm/vcpu", lambda r: rate(f"{LAM}/ecs.json", r, "ARM perCPU per hour")),
    ("fargate/ephemeral-storage", lambda r: rate(f"{LAM}/ecs.json", r, "Storage per GB-Hours")),
    ("fargate-spot/x86/vcpu", lambda r: fgcalc_raw(r, "FARGATE_SPOT", "cpu")),
    ("fargate-spot/x86/memory", lambda r: fgcalc_raw(r, "FARGATE_SPOT", "ram")),
    ("nat_gateway/hour", lambda r: rate(f"{LAM}/natgateway.json", r, "Hourly charge for NAT Gateways")),
    ("nat_gateway/data-processed",
     lambda r: rate(f"{LAM}/natgateway.json", r, "Charge for per GB data processed by NatGateways")),
    ("public_ipv4/in-use", lambda r: rate(f"{LAM}/vpc.json", r, "Hourly charge for In use Public IPv4 Addresses per Hrs")),
    ("vpc_endpoint/interface", lambda r: rate(f"{LAM}/vpc.json", r, "Hourly charge for VPC Endpoints per Hrs")),
    ("s3/standard/storage", lambda r: rate(f"{LAM}/s3.json", r, "Standard Storage First 50 TB per GB Mo")),
    ("s3/standard-ia/storage", lambda r: rate(f"{LAM}/s3.json", r, "Standard Infrequent Access Storage per GB-Mo")),
    ("s3/standard/put-requests", lambda r: rate(f"{LAM}/s3.json", r, "PUT COPY/POST or LIST requests per Requests") * 1000),
    ("s3/standard/get-requests", lambda r: rate(f"{LAM}/s3.json", r, "GET and all other requests per Requests") * 1000),
    ("cloudfront/https-requests/japan", lambda r: rate(f"{LAM}/cloudfront.json", "Japan", "Request HTTPS Methods") * 10000),
    ("cloudwatch/alarm-standard", lambda r: rate(f"{LAM}/cloudwatch.json", r, "Alarm Standard")),
    ("cloudwatch/logs-ingestion", lambda r: rate(f"{LAM}/cloudwatch.json", r, "Logs Collected Data Ingestion")),
    ("cloudwatch/logs-storage", lambda r: rate(f"{LAM}/cloudwatch.json", r, "Stored Data")),
    ("cloudwatch/custom-metric", lambda r: rate(f"{LAM}/cloudwatch.json", r, "Metric for the first 10000")),
    ("cloudwatch/dashboard", lambda r: rate(f"{LAM}/cloudwatch.json", "Any", "Dashboard Basic Dashboard")),
    ("route53/hosted-zone", lambda r: rate(f"{LAM}/route53.json", "Any", "DNS Zone first 25")),
    ("route53/standard-queries", lambda r: rate(f"{LAM}/route53.json", "", "Query Standard External first 1B") * 1e6),
    ("waf/web-acl", lambda r: rate(f"{LAM}/waf.json", r, "WebACL per month")),
    ("waf/requests", lambda r: rate(f"{LAM}/waf.json", r, "Web Requests received per Request") * 1e6),
]


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("key,expected", SAMPLES, ids=[k for k, _ in SAMPLES])
def test_catalogue_values_equal_raw_sources(prices, region, key, expected):
    assert key in prices[region], f"{key} missing in {region}"
    assert prices[region][key]["usd"] == pytest.approx(expected(region), rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("region", REGIONS)
def test_tiers_equal_raw_sources(prices, region):
    s3 = [rate(f"{LAM}/s3.json", region, f"Standard Storage {t} per GB Mo")
          for t in ("First 50 TB", "Next 450 TB", "Over 500 TB")]
    assert prices[region]["s3/standard/storage"]["tiers"] == [[51200, s3[0]], [512000, s3[1]], [None, s3[2]]]
    metrics = [rate(f"{LAM}/cloudwatch.json", region, n) for n in (
        "Metric for the first 10000", "Metric for the next 240000", "Metric for the next 750000", "Metric for over 1000000")]
    assert prices[region]["cloudwatch/custom-metric"]["tiers"] == [
        [10000, metrics[0]], [250000, metrics[1]], [1000000, metrics[2]], [None, metrics[3]]]
    assert prices[region]["route53/hosted-zone"]["tiers"] == [
        [25, rate(f"{LAM}/route53.json", "Any", "DNS Zone first 25")], [None, rate(f"{LAM}/route53.json", "Any", "DNS Zone")]]


def test_golden_derived_values(prices):
    """infracost golden tables are monthly costs: unit price = cost / quantity, rounded to the list price."""
    rows = golden("data_transfer_test")
    seoul = {r["path"][-1]: float(r["cost"] / r["qty"]) for r in rows if r["resource"] == "aws_data_transfer.ap-northeast-2"}
    tiers = prices["ap-northeast-2"]["data_transfer/internet-out"]["tiers"]
    assert [usd for _, usd in tiers] == pytest.approx([
        seoul["Outbound data transfer to Internet (first 10TB)"], seoul["Outbound data transfer to Internet (next 40TB)"],
        seoul["Outbound data transfer to Internet (next 100TB)"], seoul["Outbound data transfer to Internet (over 150TB)"],
    ], rel=1e-9)
    assert tiers == [[10240, 0.126], [51200, 0.122], [153600, 0.117], [None, 0.108]]
    assert prices["ap-northeast-2"]["data_transfer/inter-az"]["usd"] == seoul["Intra-region data transfer"] == 0.01

    (alb,) = [r for r in golden("lb_test") if r["resource"] == "aws_lb.alb1_usage" and r["path"][-1] == "Application load balancer"]
    assert float(alb["qty"]) == 730 and prices["us-east-1"]["alb/hour"]["usd"] == pytest.approx(float(alb["cost"]) / 730, abs=1e-5)
    cloudfront = prices["us-east-1"]["cloudfront/data-out/united-states"]["tiers"]
    assert cloudfront[0] == [10240, 0.085] and cloudfront[-1] == [None, 0.02]
    assert prices["ap-northeast-2"]["cloudfront/data-out/asia-pacific"] == prices["us-east-1"]["cloudfront/data-out/asia-pacific"]


def test_unit_price_rounds_to_list_price():
    assert unit_price(Decimal("16.43"), Decimal(730)) == Decimal("0.0225")
    assert unit_price(Decimal("1119.23"), Decimal(10240)) == Decimal("0.1093")
    assert unit_price(Decimal("10.51"), Decimal("52.56")) == Decimal("0.2")
    assert unit_price(Decimal("59.40"), Decimal(60000)) == Decimal("0.00099")


# ----------------------------------------------------------------------------- (b) anchors


ANCHORS = [
    ("us-east-1", "ec2/ondemand/t3.small", 0.0208, lambda: ec2_ondemand_raw("us-east-1", "t3.small")),
    ("ap-northeast-2", "ec2/ondemand/t3.small", 0.026, lambda: ec2_ondemand_raw("ap-northeast-2", "t3.small")),
    ("us-east-1", "fargate/x86/vcpu", 0.04048, lambda: rate(f"{LAM}/ecs.json", "us-east-1", "perCPU per hour")),
    ("us-east-1", "fargate/x86/memory", 0.004445, lambda: rate(f"{LAM}/ecs.json", "us-east-1", "perGB per hour")),
    ("ap-northeast-2", "nat_gateway/hour", 0.059,
     lambda: rate(f"{LAM}/natgateway.json", "ap-northeast-2", "Hourly charge for NAT Gateways")),
    ("us-east-1", "alb/hour", 0.0225,
     lambda: round(float(next(r["cost"] for r in golden("lb_test") if r["path"][-1] == "Application load balancer"
                              and "cost" in r)) / 730, 4)),
]


@pytest.mark.parametrize("region,key,anchor,from_raw", ANCHORS, ids=[f"{r}:{k}" for r, k, *_ in ANCHORS])
def test_known_anchors(region, key, anchor, from_raw):
    assert from_raw() == pytest.approx(anchor, abs=1e-9), "the raw data disagrees with the anchor"
    price = catalogue.load(region).get(key)  # the shipped catalogue, through the reader
    assert price.usd == pytest.approx(anchor, abs=1e-9)
    assert price.estimate is None


def test_karpenter_agrees_for_us_east_1(prices):
    karpenter = raw("karpenter/ec2-ondemand-us-east-1.json")["prices"]
    for itype in ("t3.small", "t3.medium", "m6i.large", "m7g.large", "c6g.xlarge", "r6g.large"):
        assert prices["us-east-1"][f"ec2/ondemand/{itype}"]["usd"] == pytest.approx(karpenter[itype])


# ----------------------------------------------------------------------------- (c) sources


def test_every_price_cites_a_dated_source(prices, sources):
    used = set()
    for region, entries in prices.items():
        for key, entry in entries.items():
            assert entry["source"] in sources, f"{region} {key}: unknown source {entry['source']}"
            assert set(entry) <= {"usd", "unit", "source", "estimate", "tiers", "replaces"}, f"{region} {key}"
            assert isinstance(entry["usd"], (int, float)) and entry["usd"] >= 0
            used.add(entry["source"])
            if "replaces" in entry:  # an older source disagreed: the newer one won, both dates kept
                old = entry["replaces"]
                assert old["source"] in sources and old["date"] == sources[old["source"]]["date"], f"{region} {key}"
                assert old["date"] <= sources[entry["source"]]["date"], f"{region} {key}: an older figure won"
                assert (old["usd"], old.get("tiers")) != (entry["usd"], entry.get("tiers")), f"{region} {key}"
                used.add(old["source"])
    assert used == set(sources), "sources.json lists only sources that are cited"
    for sid, fields in sources.items():
        assert dt.date.fromisoformat(fields["date"]), sid  # ISO yyyy-mm-dd
        assert fields["title"] and fields["url"].startswith("https://") and fields["origin"], sid
        assert sid == sid.lower() and " " not in sid, f"source id {sid} is not kebab-case"


# AWS publishes one figure for every region for these, so a carried-over price is exact there.
ONE_PRICE_EVERYWHERE = {"eks/cluster", "data_transfer/inter-az"}


def sources_titles() -> dict[str, str]:
    return {sid: src.title for sid, src in catalogue.sources().items()}


def test_estimates_are_marked(prices):
    for region, entries in prices.items():
        for key, entry in entries.items():
            if key.startswith("fargate-spot/"):
                assert "Spot prices change" in entry["estimate"], f"{region} {key}"
            if key in ONE_PRICE_EVERYWHERE:
                assert "estimate" not in entry, f"{region} {key}"
                if entry["source"].startswith("aws-"):
                    assert "every commercial region" in sources_titles()[entry["source"]], f"{region} {key}"
            elif entry["source"].startswith("aws-") and region != "us-east-1" and key != "data_transfer/internet-out":
                assert "estimate" in entry, f"{region} {key}: carried-over figure not marked"
    assert "estimate" not in prices["us-east-1"]["data_transfer/internet-out"]
    assert "estimate" not in prices["ap-northeast-2"]["alb/hour"]
    assert "estimate" not in prices["ap-northeast-2"]["data_transfer/internet-out"]


def test_tiers_are_well_formed(prices):
    for region, entries in prices.items():
        for key, entry in entries.items():
            tiers = entry.get("tiers")
            if not tiers:
                continue
            bounds = [upper for upper, _ in tiers]
            assert bounds[-1] is None and all(b is not None for b in bounds[:-1]), f"{region} {key}"
            assert bounds[:-1] == sorted(bounds[:-1]), f"{region} {key}"
            assert entry["usd"] == tiers[0][1], f"{region} {key}"


def test_reader_walks_tiers():
    dto = catalogue.load("ap-northeast-2").get("data_transfer/internet-out")
    assert dto.cost(20000) == pytest.approx(10240 * 0.126 + 9760 * 0.122)
    assert catalogue.load("us-east-1").get("route53/hosted-zone").cost(30) == pytest.approx(25 * 0.5 + 5 * 0.1)


# ----------------------------------------------------------------------------- (d) determinism


def test_build_is_deterministic(built, tmp_path):
    first = built[0]
    build(SOURCE, tmp_path)
    files = sorted(p.relative_to(first) for p in first.rglob("*.json"))
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.json"))
    for rel in files:
        assert (first / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_shipped_catalogue_is_up_to_date(built):
    """src/stackwright/pricing/data is exactly what the builder produces from the snapshots."""
    out = built[0]
    shipped = sorted(p.relative_to(SHIPPED) for p in SHIPPED.rglob("*.json"))
    assert shipped == sorted(p.relative_to(out) for p in out.rglob("*.json"))
    for rel in shipped:
        assert (SHIPPED / rel).read_bytes() == (out / rel).read_bytes(), f"{rel} is stale: rebuild the catalogue"


def test_build_is_fast_and_compact(built):
    out, _, seconds = built
    assert seconds < 30
    for path in (out / "regions").glob("*.json"):
        assert path.stat().st_size < 1_500_000, path.name


# ----------------------------------------------------------------------------- (e) coverage


def test_every_source_region_is_in_the_catalogue(built):
    summary = built[1]
    ec2shop = {p.name.removesuffix("-ondemand.json") for p in (SOURCE / "ec2shop-yeo" / "ec2-ondemand").glob("*-ondemand.json")}
    assert len(ec2shop) == 34
    assert ec2shop <= set(summary["regions"])
    ecs = {codes()[n] for n in raw(f"{LAM}/ecs.json")["regions"] if n in codes()}
    assert ecs <= set(summary["regions"])


# (catalogue key, raw pricing-page file, readable rate key): if the raw file prices the rate
# in a region, the catalogue must have the key there.
CORE = [
    ("ebs/gp2", "ec2shop-yeo/ebs/ebs.json", "Storage General Purpose gp2 GB Mo"),
    ("ebs/gp3", "ec2shop-yeo/ebs/ebs.json", "Storage General Purpose gp3 GB Mo"),
    ("ebs/snapshot", "ec2shop-yeo/ebs/ebs.json", "Storage Snapshot Amazon S3 GB Mo"),
    ("rds/postgresql/single-az/storage/gp2", "ec2shop-yeo/rds/rds-postgresql-ondemand.json", "Database Storage Single AZ General Purpose"),
    ("rds/mysql/multi-az/storage/gp2", "ec2shop-yeo/rds/rds-mysql-ondemand.json", "Database Storage Multi AZ General Purpose"),
    ("rds/postgresql/backup", "ec2shop-yeo/rds/rds-postgresql-ondemand.json", "Storage Snapshot"),
    ("fargate/x86/vcpu", f"{LAM}/ecs.json", "perCPU per hour"),
    ("fargate/x86/memory", f"{LAM}/ecs.json", "perGB per hour"),
    ("fargate/arm/vcpu", f"{LAM}/ecs.json", "ARM perCPU per hour"),
    ("fargate/arm/memory", f"{LAM}/ecs.json", "ARM perGB per hour"),
    ("nat_gateway/hour", f"{LAM}/natgateway.json", "Hourly charge for NAT Gateways"),
    ("nat_gateway/data-processed", f"{LAM}/natgateway.json", "Charge for per GB data processed by NatGateways"),
    ("public_ipv4/in-use", f"{LAM}/vpc.json", "Hourly charge for In use Public IPv4 Addresses per Hrs"),
    ("vpc_endpoint/interface", f"{LAM}/vpc.json", "Hourly charge for VPC Endpoints per Hrs"),
    ("s3/standard/storage", f"{LAM}/s3.json", "Standard Storage First 50 TB per GB Mo"),
    ("s3/standard/put-requests", f"{LAM}/s3.json", "PUT COPY/POST or LIST requests per Requests"),
    ("cloudwatch/alarm-standard", f"{LAM}/cloudwatch.json", "Alarm Standard"),
    ("cloudwatch/custom-metric", f"{LAM}/cloudwatch.json", "Metric for the first 10000"),
    ("cloudwatch/logs-ingestion", f"{LAM}/cloudwatch.json", "Logs Collected Data Ingestion"),
    ("waf/web-acl", f"{LAM}/waf.json", "WebACL per month"),
]

# Keys every region has: global services and the hand-cited gaps (published.yaml).
EVERYWHERE = [
    "alb/hour", "alb/lcu-hour", "secrets_manager/secret", "secrets_manager/api-calls", "ecr/storage",
    "aurora/serverless-v2", "aurora/serverless-v2-io-optimized", "aurora/storage", "aurora/io-requests", "aurora/backup",
    "data_transfer/internet-out", "data_transfer/inter-az", "cloudwatch/dashboard",
    "route53/hosted-zone", "route53/standard-queries", "route53/latency-queries", "route53/geo-queries",
] + [f"cloudfront/data-out/{geo}" for geo in (
    "united-states", "europe", "south-africa", "south-america", "japan", "australia", "asia-pacific", "india", "middle-east")
] + [f"cloudfront/https-requests/{geo}" for geo in ("united-states", "europe", "japan", "asia-pacific")]


def test_every_region_has_the_core_keys(prices):
    names = codes()
    missing = []
    for key, relpath, rate_name in CORE:
        for name, block in raw(relpath)["regions"].items():
            region = names.get(name)
            if region in prices and rate_name in block and key not in prices[region]:
                missing.append(f"{region} {key}")
    for region, entries in prices.items():
        missing += [f"{region} {key}" for key in EVERYWHERE if key not in entries]
        families = {k.split("/")[0] for k in entries}
        if "fargate" in families:
            missing += [f"{region} {k}" for k in ("fargate-spot/x86/vcpu", "fargate-spot/x86/memory")
                        if k not in entries]
        # Fargate Spot runs only x86 Linux tasks, so there is no ARM Spot price to carry
        assert not any(k.startswith("fargate-spot/arm/") for k in entries), region
    ec2shop = {p.name.removesuffix("-ondemand.json") for p in (SOURCE / "ec2shop-yeo" / "ec2-ondemand").glob("*.json")}
    missing += [f"{r} ec2/ondemand/*" for r in ec2shop if not any(k.startswith("ec2/ondemand/") for k in prices[r])]
    for engine in ("postgresql", "mysql"):
        for name in raw(f"ec2shop-yeo/rds/rds-{engine}-ondemand.json")["regions"]:
            region = names.get(name)
            if region in prices and not any(k.startswith(f"rds/{engine}/single-az/db.") for k in prices[region]):
                missing.append(f"{region} rds/{engine}/single-az/*")
    for name in raw("ec2shop-yeo/elasticache/elasticache.json")["regions"]:
        region = names.get(name)
        if region in prices and not any(k.startswith("elasticache/redis/cache.") for k in prices[region]):
            missing.append(f"{region} elasticache/redis/*")
    for region in REGIONS:
        for key in ("ec2/ri-1y/t3.small", "ec2/ri-3y/t3.small", "rds/postgresql/single-az/ri-1y/db.t3.micro",
                    "rds/postgresql/multi-az/ri-3y/db.t3.micro", "elasticache/redis/ri-1y/cache.t3.micro",
                    "s3/glacier-flexible/storage", "ebs/gp3-throughput", "public_ipv4/idle", "vpc_endpoint/interface-data"):
            if key not in prices[region]:
                missing.append(f"{region} {key}")
    assert not missing, missing


def test_instance_sizes_come_from_the_price_rows():
    size = catalogue.instance_size
    assert size("ec2", "t3.small") == catalogue.InstanceSize(vcpu=2, memory_gib=2.0)
    assert size("ec2", "m6g.large") == catalogue.InstanceSize(vcpu=2, memory_gib=8.0)
    assert size("rds", "db.t4g.micro") == catalogue.InstanceSize(vcpu=2, memory_gib=1.0)
    assert size("rds", "db.r6g.large") == catalogue.InstanceSize(vcpu=2, memory_gib=16.0)
    assert size("elasticache", "cache.t4g.micro") == catalogue.InstanceSize(vcpu=2, memory_gib=0.5)
    assert size("elasticache", "cache.t3.micro").memory_gib == 0.5
    assert size("ec2", "no.such") is None
