"""Prices cited per region in published.yaml ({region: usd} maps) and per-region figures derived from the shared
files: each region has its own figure, not the us-east-1 one carried over."""

import pytest

from stackwright.pricing import catalogue

REGIONS = ("us-east-1", "ap-northeast-2", "eu-west-1", "ap-northeast-1", "eu-central-1")
REGIONAL = ("guardduty/flow-dns-logs", "guardduty/s3-data-events", "opensearch/t3.", "opensearch/m6g.", "opensearch/r6g.", "sqs/", "sns/", "dynamodb/", "eventbridge/", "events/", "efs/", "apigateway/", "xray/", "cloudtrail/",
            "backup/rds", "backup/aurora", "rds/sqlserver", "rds/oracle", "rds/mariadb/single-az/db.",
            "rds/mariadb/multi-az/db.")


@pytest.mark.parametrize("region", REGIONS)
def test_no_carried_over_figure_in_the_regions_the_cited_files_list(region):
    prices = catalogue.load(region)
    keys = [k for k in prices.keys() if k.startswith(REGIONAL)]
    assert len(keys) > 300
    for key in keys:
        assert prices.get(key).estimate is None, (region, key)


def test_seoul_api_gateway_is_seouls_own_price():
    """AWS's API Gateway pricing-page JSON (2025-11-20): HTTP APIs $1.23/$1.11 per million in Seoul, not
    us-east-1's $1.00/$0.90; REST's first tier is $3.50 in both, its later tiers are not."""
    seoul, virginia = catalogue.load("ap-northeast-2"), catalogue.load("us-east-1")
    assert seoul.get("apigateway/http-requests").tiers == ((300, 1.23), (None, 1.11))
    assert virginia.get("apigateway/http-requests").tiers == ((300, 1.0), (None, 0.9))
    assert seoul.get("apigateway/rest-requests").tiers == ((333, 3.5), (1000, 3.19), (20000, 2.71), (None, 1.72))
    assert seoul.get("apigateway/websocket-connection-minutes").usd == 0.285
    assert seoul.get("apigateway/http-requests").source.id == "watcher-apigateway"


def test_aws_backup_of_rds_and_aurora_is_the_databases_snapshot_rate_in_every_region():
    for region in catalogue.regions():
        prices = catalogue.load(region)
        assert prices.get("backup/rds").usd == prices.get("rds/postgresql/backup").usd, region
        assert prices.get("backup/aurora").usd == prices.get("aurora/backup").usd, region
    assert catalogue.load("ap-northeast-2").get("backup/aurora").usd == 0.023  # us-east-1's is 0.021


def test_a_region_a_cited_file_does_not_list_is_not_priced():
    """AWS's RDS for Oracle pricing JSON lists only BYOL db.t3 classes in Mexico (Central): license-included SE2
    and the other classes are not priced there, never carried over."""
    prices = catalogue.load("mx-central-1")
    assert not [k for k in prices.keys() if k.startswith("rds/oracle-se2/") and "/db." in k]
    assert "rds/oracle-se2-byol/single-az/db.m5.large" not in prices
    assert "rds/oracle-se2-byol/single-az/db.t3.large" in prices


def test_seoul_dynamodb_and_efs_are_seouls_own_prices():
    """AWS's pricing-page JSON: DynamoDB on-demand writes $0.68 per million and EFS Standard $0.33 per GB-month
    in Seoul (us-east-1: $0.625, $0.30)."""
    seoul = catalogue.load("ap-northeast-2")
    assert seoul.get("dynamodb/on-demand/write-requests").usd == 0.68
    assert seoul.get("efs/standard").usd == 0.33
    assert seoul.get("guardduty/flow-dns-logs").tiers == ((500, 1.15), (2500, 0.58), (10000, 0.29), (None, 0.17))
    assert catalogue.load("us-east-1").get("efs/standard").usd == 0.3


def test_a_service_option_a_region_lacks_is_not_carried_over():
    """EFS One Zone is in AWS's EFS pricing JSON for 24 catalogue regions; elsewhere it has no price."""
    with_one_zone = [r for r in catalogue.regions() if "efs/one-zone" in catalogue.load(r)]
    assert len(with_one_zone) == 24 and "ap-northeast-2" in with_one_zone
    assert "efs/one-zone" not in catalogue.load("ap-southeast-7")


def test_opensearch_instances_are_each_regions_own_and_the_files_exact_figure():
    """processed/es.json: t3.small.search $0.056 in Seoul ($0.036 us-east-1); us-east-1 r6g.2xlarge is $0.669,
    which the page citation had rounded to $0.67."""
    assert catalogue.load("ap-northeast-2").get("opensearch/t3.small.search").usd == 0.056
    assert catalogue.load("us-east-1").get("opensearch/r6g.2xlarge.search").usd == 0.669
