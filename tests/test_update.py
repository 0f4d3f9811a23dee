"""`prices update` from AWS Price List offer files (stackwright.pricing.update), offline.

The fixtures in tests/fixtures/offers are small hand-made offer files in the real
layout, each with decoy products and terms that must not reach the catalogue.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stackwright.pricing import update as upd
from stackwright.pricing.writer import read_region, read_sources, write_region, write_sources

OFFERS = Path(__file__).parent / "fixtures" / "offers"


def fixture(service: str, region: str) -> Path:
    return OFFERS / f"{service}-{region}.json"


def sid(service: str, region: str) -> str:
    return f"aws-price-list-{service}-{region}"


def priced(service: str, region: str, tmp_path: Path) -> dict[str, dict]:
    upd.update(service, region, tmp_path, file=fixture(service, region))
    return read_region(tmp_path, region)


def values(prices: dict[str, dict]) -> dict[str, float]:
    return {key: entry["usd"] for key, entry in prices.items()}


# --------------------------------------------------------------------------- per service


def test_ec2_maps_linux_shared_instances_ris_ebs_and_nat(tmp_path):
    prices = priced("AmazonEC2", "us-east-1", tmp_path)
    assert values(prices) == {
        "ec2/ondemand/t3.small": 0.0208,
        "ec2/ondemand/m6g.large": 0.077,
        "ec2/ondemand/m5.metal": 4.608,
        # standard, No Upfront only
        "ec2/ri-1y/t3.small": 0.013,
        "ec2/ri-3y/t3.small": 0.009,
        "ec2/ri-1y/m6g.large": 0.0485,
        "ec2/ri-3y/m6g.large": 0.0333,
        "ebs/gp2": 0.10,
        "ebs/gp3": 0.08,
        "ebs/io1": 0.125,
        "ebs/io2": 0.125,
        "ebs/st1": 0.045,
        "ebs/sc1": 0.015,
        "ebs/gp3-iops": 0.005,
        "ebs/gp3-throughput": 0.04,  # 40.96 per GiBps-month / 1024
        "ebs/snapshot": 0.05,
        "nat_gateway/hour": 0.045,
        "nat_gateway/data-processed": 0.045,
    }
    units = {key: entry["unit"] for key, entry in prices.items()}
    assert units["ec2/ondemand/t3.small"] == units["ec2/ri-1y/t3.small"] == "hour"
    assert units["ebs/gp3"] == units["ebs/snapshot"] == "GB-month"
    assert units["ebs/gp3-iops"] == "IOPS-month"
    assert units["ebs/gp3-throughput"] == "MiBps-month"
    assert units["nat_gateway/data-processed"] == "GB"
    assert all(entry["source"] == sid("AmazonEC2", "us-east-1") for entry in prices.values())
    assert not any("estimate" in entry or "tiers" in entry for entry in prices.values())


def test_ec2_decoys_are_ignored(tmp_path):
    prices = priced("AmazonEC2", "us-east-1", tmp_path)
    # Windows, SQL Web, BYOL, capacity reservations and the Local Zone all have t3.small
    # products; only the Linux/Shared/NA/Used one counts.
    assert prices["ec2/ondemand/t3.small"]["usd"] == 0.0208
    # types that only appear as decoys: capacity reservations, dedicated instance/host, RHEL
    for itype in ("c5.large", "m5.large", "m5", "r5.large"):
        assert not any(key.endswith(f"/{itype}") for key in prices), itype
    assert "ebs/standard" not in prices  # magnetic is not a catalogue key
    # Partial/All Upfront and convertible terms never leak in
    assert prices["ec2/ri-3y/t3.small"]["usd"] == 0.009


def test_rds_maps_instances_storage_ris_and_aurora(tmp_path):
    prices = priced("AmazonRDS", "ap-northeast-2", tmp_path)
    got = values(prices)
    expected = {
        "rds/postgresql/single-az/db.t3.micro": 0.025,
        "rds/postgresql/multi-az/db.t3.micro": 0.05,
        "rds/mysql/single-az/db.t4g.medium": 0.094,
        # ri-1y: 1 year No Upfront
        "rds/postgresql/single-az/ri-1y/db.t3.micro": 0.018,
        "rds/postgresql/multi-az/ri-1y/db.t3.micro": 0.036,
        "rds/mysql/single-az/ri-1y/db.t4g.medium": 0.063,
        # ri-3y: 3 years Partial Upfront, upfront spread over 3 * 8760 hours
        "rds/postgresql/single-az/ri-3y/db.t3.micro": pytest.approx(0.005 + 219 / 26280, rel=1e-9),
        "rds/postgresql/multi-az/ri-3y/db.t3.micro": pytest.approx(0.01 + 438 / 26280, rel=1e-9),
        "aurora/serverless-v2": 0.14,
        "aurora/serverless-v2-io-optimized": 0.182,
        "aurora/storage": 0.11,  # Aurora PostgreSQL's figure wins over Aurora MySQL's 0.12
        "aurora/io-requests": 0.22,  # 0.00000022 per I/O -> per 1M
        "aurora/backup": 0.022,
        "aurora/provisioned/postgresql/db.r6g.large": 0.293,
        "rds/mariadb/single-az/db.t4g.medium": 0.094,
        # licensed engines by edition and licence model
        "rds/oracle-ee-byol/single-az/db.t3.micro": 0.03,
        "rds/oracle-se2/multi-az/db.t3.small": 0.176,
        "rds/sqlserver-ex/single-az/db.t3.micro": 0.044,
    }
    engines = ("postgresql", "mysql", "mariadb", "oracle-ee", "oracle-se2", "sqlserver-ee", "sqlserver-ex",
               "sqlserver-se", "sqlserver-web")
    for engine in engines:
        expected[f"rds/{engine}/backup"] = 0.095
        expected |= {
            f"rds/{engine}/single-az/storage/gp2": 0.131,
            f"rds/{engine}/multi-az/storage/gp2": 0.262,
            f"rds/{engine}/single-az/storage/gp3": 0.131,
            f"rds/{engine}/multi-az/storage/gp3": 0.262,
            f"rds/{engine}/single-az/storage/io1": 0.15,
            f"rds/{engine}/single-az/storage/io2": 0.15,
            f"rds/{engine}/single-az/storage/magnetic": 0.12,
            f"rds/{engine}/single-az/gp3-iops": 0.024,
            f"rds/{engine}/multi-az/gp3-iops": 0.048,
            f"rds/{engine}/single-az/gp3-throughput": 0.096,
        }
    # a MySQL-specific storage row beats the "Any" row for MySQL only, a SQL Server one for every SQL Server edition
    expected["rds/mysql/single-az/storage/gp3"] = 0.133
    for edition in ("ee", "ex", "se", "web"):
        expected[f"rds/sqlserver-{edition}/single-az/storage/gp3"] = 0.2
    assert got == expected
    assert prices["aurora/io-requests"]["unit"] == "1M requests"
    assert prices["aurora/serverless-v2"]["unit"] == "ACU-hour"
    assert prices["rds/postgresql/single-az/gp3-throughput"]["unit"] == "MiBps-month"
    assert prices["rds/postgresql/single-az/ri-3y/db.t3.micro"]["unit"] == "hour"


def test_rds_decoys_are_ignored(tmp_path):
    prices = priced("AmazonRDS", "ap-northeast-2", tmp_path)
    # readable-standby clusters, RDS Custom, SQL Server whose licence is billed apart (db.m7i), Extended Support
    assert prices["rds/postgresql/single-az/db.t3.micro"]["usd"] == 0.025
    assert not any("readable" in key for key in prices)
    assert [key for key in prices if "db.r6g.large" in key] == ["aurora/provisioned/postgresql/db.r6g.large"]
    assert not any(key.startswith("rds/mysql/") and key.endswith("db.t3.micro") for key in prices)
    # the only 3-year term for db.t4g.medium is No Upfront, which is not the catalogue's ri-3y
    assert "rds/mysql/single-az/ri-3y/db.t4g.medium" not in prices
    assert "rds/postgresql/multi-az/storage/io1" not in prices
    assert "rds/postgresql/single-az/iops" not in prices
    assert not any("db.m7i" in key for key in prices)


def test_elasticache_maps_engines_and_no_upfront_ris(tmp_path):
    prices = priced("AmazonElastiCache", "us-east-1", tmp_path)
    assert values(prices) == {
        "elasticache/redis/cache.t3.micro": 0.017,
        "elasticache/valkey/cache.t3.micro": 0.0136,
        "elasticache/memcached/cache.t3.micro": 0.017,
        "elasticache/redis/cache.r7g.large": 0.219,
        "elasticache/redis/ri-1y/cache.t3.micro": 0.012,
        "elasticache/redis/ri-3y/cache.t3.micro": 0.008,
        "elasticache/valkey/ri-1y/cache.t3.micro": 0.0096,
        "elasticache/redis/ri-1y/cache.r7g.large": 0.1424,
        "elasticache/redis/ri-3y/cache.r7g.large": 0.0978,
    }
    title = read_sources(tmp_path)[sid("AmazonElastiCache", "us-east-1")]["title"]
    assert "No Upfront" in title


def test_ecs_maps_fargate_and_ignores_windows_and_anywhere(tmp_path):
    prices = priced("AmazonECS", "ap-northeast-2", tmp_path)
    assert values(prices) == {
        "fargate/x86/vcpu": 0.04656,
        "fargate/x86/memory": 0.00511,
        "fargate/arm/vcpu": 0.03725,
        "fargate/arm/memory": 0.00409,
        "fargate/ephemeral-storage": 0.000128,
    }
    assert prices["fargate/x86/vcpu"]["unit"] == "vCPU-hour"
    assert prices["fargate/arm/memory"]["unit"] == "GB-hour"


def test_elb_maps_application_network_and_gateway_load_balancers(tmp_path):
    prices = priced("AWSELB", "us-east-1", tmp_path)
    assert {k: (e["usd"], e["unit"]) for k, e in prices.items()} == {  # not Classic, Outposts or Local Zones
        "alb/hour": (0.0225, "hour"),
        "alb/lcu-hour": (0.008, "LCU-hour"),
        "nlb/hour": (0.0225, "hour"),
        "nlb/lcu-hour": (0.006, "NLCU-hour"),
        "gwlb/hour": (0.0125, "hour"),
    }


def test_vpc_maps_public_ipv4_and_tiered_endpoint_data(tmp_path):
    prices = priced("AmazonVPC", "us-east-1", tmp_path)
    assert values(prices) == {
        "public_ipv4/in-use": 0.005,
        "public_ipv4/idle": 0.005,
        "vpc_endpoint/interface": 0.01,
        "vpc_endpoint/interface-data": 0.01,
    }
    assert prices["vpc_endpoint/interface-data"]["tiers"] == [[1048576, 0.01], [5242880, 0.006], [None, 0.004]]
    assert "tiers" not in prices["vpc_endpoint/interface"]


# --------------------------------------------------------------------------- merging and sources

OTHER = {
    "alb/hour": {"usd": 0.0225, "unit": "hour", "source": "aws-elb-pricing-page", "estimate": "carried over"},
    "s3/standard/storage": {
        "usd": 0.023,
        "unit": "GB-month",
        "source": "lamngockhuong-s3",
        "tiers": [[51200, 0.023], [512000, 0.022], [None, 0.021]],
    },
    # same key family, other source: kept when the offer file does not price it
    "ec2/ondemand/x1.old": {"usd": 9.9, "unit": "hour", "source": "ec2shop-ec2-ondemand"},
    # priced by the offer file: replaced
    "ec2/ondemand/t3.small": {"usd": 0.0209, "unit": "hour", "source": "ec2shop-ec2-ondemand"},
    # written by an earlier update from the same offer file, no longer priced: removed
    "ec2/ondemand/t2.gone": {"usd": 0.5, "unit": "hour", "source": "aws-price-list-AmazonEC2-us-east-1"},
    # same value and source as the offer file gives: unchanged
    "ebs/gp3": {"usd": 0.08, "unit": "GB-month", "source": "aws-price-list-AmazonEC2-us-east-1"},
}
OTHER_SOURCES = {
    "aws-elb-pricing-page": {"title": "ELB pricing page", "origin": "aws.amazon.com/elasticloadbalancing/pricing", "date": "2025-01-01"},
    "lamngockhuong-s3": {"title": "S3", "origin": "lib/data/pricing/s3.json", "date": "2025-10-22", "license": ""},
    "ec2shop-ec2-ondemand": {"title": "EC2", "origin": "yeo/ec2.shop", "date": "2025-04-04"},
}


@pytest.fixture
def catalogue(tmp_path):
    write_region(tmp_path, "us-east-1", OTHER)
    write_region(tmp_path, "ap-northeast-2", {"alb/hour": OTHER["alb/hour"]})
    write_sources(tmp_path, OTHER_SOURCES)
    return tmp_path


def test_other_services_keys_are_untouched(catalogue):
    result = upd.update("AmazonEC2", "us-east-1", catalogue, file=fixture("AmazonEC2", "us-east-1"))
    prices = read_region(catalogue, "us-east-1")
    for key in ("alb/hour", "s3/standard/storage", "ec2/ondemand/x1.old"):
        assert prices[key] == OTHER[key]
    assert "ec2/ondemand/t2.gone" not in prices
    assert prices["ec2/ondemand/t3.small"] == {"usd": 0.0208, "unit": "hour", "source": sid("AmazonEC2", "us-east-1")}
    assert (result.added, result.changed, result.unchanged, result.removed) == (16, 1, 1, 1)
    assert result.changed_keys == ("ec2/ondemand/t3.small",)
    assert result.removed_keys == ("ec2/ondemand/t2.gone",)
    assert result.total == 18
    # other regions and other sources are untouched
    assert read_region(catalogue, "ap-northeast-2") == {"alb/hour": OTHER["alb/hour"]}
    sources = read_sources(catalogue)
    for source_id, entry in OTHER_SOURCES.items():
        assert sources[source_id] == entry


def test_source_is_recorded_with_the_publication_date(catalogue):
    result = upd.update("AmazonEC2", "us-east-1", catalogue, file=fixture("AmazonEC2", "us-east-1"))
    entry = read_sources(catalogue)[sid("AmazonEC2", "us-east-1")]
    assert result.source_id == sid("AmazonEC2", "us-east-1")
    assert result.publication_date == entry["date"] == "2025-04-04"
    assert result.version == "20250404224122"
    assert entry["origin"] == "AmazonEC2-us-east-1.json"
    assert entry["url"] == "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json"
    assert "20250404224122" in entry["title"] and "No Upfront" in entry["title"]
    assert set(entry) <= {"title", "origin", "date", "url", "commit", "license"}  # catalogue.Source fields


def test_rerunning_gives_byte_identical_files(catalogue):
    def snapshot():
        return {p.relative_to(catalogue): p.read_bytes() for p in sorted(catalogue.rglob("*.json"))}

    for service, region in (("AmazonEC2", "us-east-1"), ("AWSELB", "us-east-1"), ("AmazonRDS", "ap-northeast-2")):
        upd.update(service, region, catalogue, file=fixture(service, region))
    first = snapshot()
    results = [
        upd.update(service, region, catalogue, file=fixture(service, region))
        for service, region in (("AmazonEC2", "us-east-1"), ("AWSELB", "us-east-1"), ("AmazonRDS", "ap-northeast-2"))
    ]
    assert snapshot() == first
    assert all(r.added == r.changed == r.removed == 0 and r.unchanged == r.total for r in results)
    # and one price per line, keys sorted
    lines = (catalogue / "regions" / "us-east-1.json").read_text().splitlines()
    keys = [json.loads("{" + line.rstrip(",") + "}").popitem()[0] for line in lines[1:-1]]
    assert keys == sorted(keys)


def test_alb_update_replaces_the_pricing_page_figure(catalogue):
    upd.update("AWSELB", "us-east-1", catalogue, file=fixture("AWSELB", "us-east-1"))
    prices = read_region(catalogue, "us-east-1")
    assert prices["alb/hour"] == {"usd": 0.0225, "unit": "hour", "source": sid("AWSELB", "us-east-1")}
    assert "estimate" not in prices["alb/hour"]


# --------------------------------------------------------------------------- fetching


def test_file_url_works_through_the_fetch_path(tmp_path):
    url = fixture("AmazonECS", "ap-northeast-2").resolve().as_uri()
    result = upd.update("AmazonECS", "ap-northeast-2", tmp_path, url=url)
    assert result.origin == url
    assert read_sources(tmp_path)[sid("AmazonECS", "ap-northeast-2")]["url"] == url
    assert values(read_region(tmp_path, "ap-northeast-2"))["fargate/x86/vcpu"] == 0.04656


def test_default_url_is_the_documented_offer_file(tmp_path):
    asked = []

    def fetch(url):
        asked.append(url)
        return io.BytesIO(fixture("AWSELB", "us-east-1").read_bytes())

    result = upd.update("AWSELB", "us-east-1", tmp_path, fetch=fetch)
    assert asked == ["https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSELB/current/us-east-1/index.json"]
    assert result.origin == asked[0]


def test_region_index_lists_offer_files():
    index = {
        "formatVersion": "v1.0",
        "regions": {
            "us-east-1": {"regionCode": "us-east-1", "currentVersionUrl": "/offers/v1.0/aws/AmazonEC2/20250404224122/us-east-1/index.json"},
            "ap-northeast-2": {"regionCode": "ap-northeast-2", "currentVersionUrl": "/offers/v1.0/aws/AmazonEC2/20250404224122/ap-northeast-2/index.json"},
        },
    }
    asked = []

    def fetch(url):
        asked.append(url)
        return io.BytesIO(json.dumps(index).encode())

    regions = upd.offer_regions("AmazonEC2", fetch=fetch)
    assert asked == ["https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/region_index.json"]
    assert regions == {
        "ap-northeast-2": "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20250404224122/ap-northeast-2/index.json",
        "us-east-1": "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20250404224122/us-east-1/index.json",
    }


def test_streaming_handles_values_split_across_reads(tmp_path, monkeypatch):
    expected = priced("AmazonRDS", "ap-northeast-2", tmp_path / "whole")
    monkeypatch.setattr(upd, "_CHUNK", 7)
    assert priced("AmazonRDS", "ap-northeast-2", tmp_path / "split") == expected


def test_terms_before_products_and_compact_json(tmp_path):
    doc = json.loads(fixture("AmazonElastiCache", "us-east-1").read_text())
    reordered = {"terms": doc.pop("terms"), **doc}
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps(reordered, separators=(",", ":")))
    expected = priced("AmazonElastiCache", "us-east-1", tmp_path / "a")
    upd.update("AmazonElastiCache", "us-east-1", tmp_path / "b", file=path)
    assert read_region(tmp_path / "b", "us-east-1") == expected


def test_gzipped_file(tmp_path):
    import gzip

    path = tmp_path / "index.json.gz"
    path.write_bytes(gzip.compress(fixture("AWSELB", "us-east-1").read_bytes()))
    upd.update("AWSELB", "us-east-1", tmp_path / "cat", file=path)
    assert values(read_region(tmp_path / "cat", "us-east-1")) == values(priced("AWSELB", "us-east-1", tmp_path / "plain"))


# --------------------------------------------------------------------------- refusals


def test_unsupported_service_raises_listing_supported_ones(tmp_path):
    with pytest.raises(ValueError) as err:
        upd.update("AmazonS3", "us-east-1", tmp_path, file=fixture("AWSELB", "us-east-1"))
    message = str(err.value)
    assert "AmazonS3" in message
    for code in ("AmazonEC2", "AmazonRDS", "AmazonElastiCache", "AmazonECS", "AWSELB", "AmazonVPC"):
        assert code in message
    assert upd.supported_services() == sorted(
        ["AmazonEC2", "AmazonRDS", "AmazonElastiCache", "AmazonECS", "AWSELB", "AmazonVPC", "AWSLambda"])
    assert not (tmp_path / "sources.json").exists()


def test_offer_file_for_another_service_is_refused(catalogue):
    before = {p: p.read_bytes() for p in catalogue.rglob("*.json")}
    with pytest.raises(ValueError, match="AmazonECS"):
        upd.update("AmazonEC2", "us-east-1", catalogue, file=fixture("AmazonECS", "ap-northeast-2"))
    assert {p: p.read_bytes() for p in catalogue.rglob("*.json")} == before


def test_offer_file_for_another_region_prices_nothing_and_writes_nothing(catalogue):
    before = {p: p.read_bytes() for p in catalogue.rglob("*.json")}
    with pytest.raises(ValueError, match="us-east-1"):
        upd.update("AmazonEC2", "ap-northeast-2", catalogue, file=fixture("AmazonEC2", "us-east-1"))
    assert {p: p.read_bytes() for p in catalogue.rglob("*.json")} == before


def test_disagreeing_products_are_an_error(tmp_path):
    doc = json.loads(fixture("AWSELB", "us-east-1").read_text())
    twin = json.loads(json.dumps(doc["products"]["DJ56KTT4RXZCM5AC"]))
    twin["sku"] = "TWINTWINTWINTWIN"
    doc["products"]["TWINTWINTWINTWIN"] = twin
    terms = json.loads(json.dumps(doc["terms"]["OnDemand"]["DJ56KTT4RXZCM5AC"]).replace("DJ56KTT4RXZCM5AC", "TWINTWINTWINTWIN"))
    (dim,) = next(iter(terms.values()))["priceDimensions"].values()
    dim["pricePerUnit"]["USD"] = "0.0300000000"
    doc["terms"]["OnDemand"]["TWINTWINTWINTWIN"] = terms
    path = tmp_path / "twin.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match="ambiguous price for alb/hour"):
        upd.update("AWSELB", "us-east-1", tmp_path / "cat", file=path)


def test_unexpected_unit_is_an_error(tmp_path):
    doc = json.loads(fixture("AWSELB", "us-east-1").read_text())
    (term,) = doc["terms"]["OnDemand"]["X2S9S9FS8YTSC4PQ"].values()
    (dim,) = term["priceDimensions"].values()
    dim["unit"] = "GB"
    path = tmp_path / "unit.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match="unit 'GB'"):
        upd.update("AWSELB", "us-east-1", tmp_path / "cat", file=path)


@pytest.mark.parametrize("region", ["../etc", "US-EAST-1", "useast1", ""])
def test_bad_region_code_is_refused(tmp_path, region):
    with pytest.raises(ValueError, match="region"):
        upd.update("AWSELB", region, tmp_path, file=fixture("AWSELB", "us-east-1"))


def test_url_and_file_together_are_refused(tmp_path):
    with pytest.raises(ValueError, match="either"):
        upd.update("AWSELB", "us-east-1", tmp_path, url="file:///x", file=fixture("AWSELB", "us-east-1"))


def test_truncated_file_is_an_error(tmp_path):
    path = tmp_path / "cut.json"
    path.write_bytes(fixture("AWSELB", "us-east-1").read_bytes()[:3000])
    with pytest.raises(ValueError, match="offer file"):
        upd.update("AWSELB", "us-east-1", tmp_path / "cat", file=path)
    assert not (tmp_path / "cat").exists()
