"""Infracost's usage-file keys, read as the keys of the spec kinds the importer maps resources onto.

Infracost's usage reference (infracost-usage-example.yml) names usage per resource type; where the meaning
is the same as a stackwright key, its value (or the sum of a nested section, such as CloudFront traffic per
viewer region) stands for that key. The resource cost modules (stackwright.resources) use Infracost's names
already. Each alias: own key -> (function of the resource's usage entry, the Infracost keys it reads).
"""

from __future__ import annotations

from collections.abc import Callable

SECONDS_PER_MONTH = 730 * 3600
Entry = dict[str, float | str]


def _key(name: str, scale: float = 1.0):
    def value(entry: Entry):
        if name not in entry:
            return None
        given = entry[name]  # a value that is not a number stays as written: its cost module says why
        return given * scale if isinstance(given, (int, float)) and not isinstance(given, bool) else given

    return value, (name,)


def _nested_sum(*prefixes: str):
    """The sum of every `prefix.<anything>` value (Infracost's per-region and per-class sections)."""

    def total(entry: Entry):
        found = [v for k, v in entry.items() if any(k.startswith(f"{p}.") for p in prefixes)]
        return sum(found) if found else None

    return total, tuple(f"{p}.*" for p in prefixes)


def _lcu(entry: Entry):
    """An ALB's LCUs: the largest of its dimensions (25 new connections/s, 3,000 active/min, 1 GB/h)."""
    keys = ("new_connections", "active_connections", "processed_bytes_gb")
    if not any(k in entry for k in keys):
        return None
    return max(entry.get("new_connections", 0) / 25, entry.get("active_connections", 0) / 3000,
               entry.get("processed_bytes_gb", 0))


def _aurora_io(entry: Entry):
    if "write_requests_per_sec" not in entry and "read_requests_per_sec" not in entry:
        return None
    per_second = entry.get("write_requests_per_sec", 0) + entry.get("read_requests_per_sec", 0)
    return per_second * SECONDS_PER_MONTH / 1e6


ALB = {"lcu": (_lcu, ("new_connections", "active_connections", "processed_bytes_gb", "rule_evaluations"))}

ALIASES: dict[str, dict[str, tuple[Callable[[Entry], float | None], tuple[str, ...]]]] = {
    "aws_nat_gateway": {"data_processed_gb_month": _key("monthly_data_processed_gb")},
    "aws_vpc_endpoint": {"data_gb_month": _key("monthly_data_processed_gb")},
    "aws_cloudwatch_log_group": {"log_gb_month": _key("monthly_data_ingested_gb")},
    "aws_secretsmanager_secret": {"api_calls_per_month": _key("monthly_requests")},
    "aws_wafv2_web_acl": {"requests_million_per_month": _key("monthly_requests", 1e-6)},
    "aws_s3_bucket": {"storage_gb": _key("standard.storage_gb"),
                      "put_requests_per_month": _key("standard.monthly_tier_1_requests"),
                      "get_requests_per_month": _key("standard.monthly_tier_2_requests")},
    "aws_cloudfront_distribution": {
        "data_out_gb_month": _nested_sum("monthly_data_transfer_to_internet_gb"),
        "requests_per_month": _nested_sum("monthly_http_requests", "monthly_https_requests")},
    "aws_rds_cluster": {"io_million_per_month": (_aurora_io, ("write_requests_per_sec", "read_requests_per_sec")),
                        "average_acu": _key("capacity_units_per_hr")},
    "aws_lb": ALB,
    "aws_alb": ALB,
}
# The cost modules' keys stand for the same in the usage files `stackwright plan` writes beside CloudFormation.
ALIASES["AWS::RDS::DBCluster"] = ALIASES["aws_rds_cluster"]
ALIASES["AWS::Logs::LogGroup"] = ALIASES["aws_cloudwatch_log_group"]


def alias_value(resource_type: str, key: str, entry: Entry) -> float | None:
    alias = ALIASES.get(resource_type, {}).get(key)
    return alias[0](entry) if alias else None


def accepted_keys(resource_type: str) -> tuple[str, ...]:
    """The Infracost keys read for `resource_type` (`prefix.*` stands for a nested section)."""
    return tuple(k for _, keys in ALIASES.get(resource_type, {}).values() for k in keys)


def accepts(allowed: tuple[str, ...], key: str) -> bool:
    return key in allowed or any(a.endswith(".*") and key.startswith(a[:-1]) for a in allowed)
