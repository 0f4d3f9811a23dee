"""The itemised monthly bill and its JSON form."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields

HOURS_PER_MONTH = 730

SERVICES = (
    "ec2", "ebs", "fargate", "eks", "rds", "aurora", "elasticache", "nat_gateway", "alb", "public_ipv4", "s3",
    "cloudfront", "route53", "waf", "cloudwatch", "secrets_manager", "ecr", "vpc_endpoint", "data_transfer",
    "lambda", "api_gateway", "dynamodb", "cognito",
    # the operations kinds' resources
    "kms", "xray", "cloudtrail", "guardduty", "backup", "ssm", "servicediscovery", "elb",
)
SERVICES += ("sqs", "sns")  # billed for the messaging kinds' planned queues and topics


@dataclass(frozen=True)
class LineItem:
    resource: str
    service: str
    component: str
    unit: str
    unit_price_usd: float
    quantity: float
    monthly_usd: float
    usage_based: bool
    purchase_option: str
    price_source: str
    price_date: str
    estimate: str | None
    assumption: str | None
    sku: str
    # Dated price more than 12 months older than the catalogue's newest; own prices applied to the line.
    note: str | None = None
    # The AWS resource the line prices: its address as the code writes it (or the spec component's name)
    # and its type (aws_db_instance), so a bill compares line by line with another tool's breakdown.
    address: str | None = None
    resource_type: str | None = None


@dataclass(frozen=True)
class Unknown:
    """A cost that exists but that the catalogue cannot price; never counted as $0."""

    resource: str
    service: str
    component: str
    sku: str
    reason: str


@dataclass
class Bill:
    name: str
    region: str
    items: list[LineItem] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    budget_monthly_usd: float | None = None
    budget_source: str = ""

    @property
    def total(self) -> float:
        return round(sum(item.monthly_usd for item in self.items), 2)

    def by_service(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for item in self.items:
            totals[item.service] = totals.get(item.service, 0.0) + item.monthly_usd
        return {service: round(usd, 2) for service, usd in sorted(totals.items(), key=lambda kv: -kv[1])}

    def by_resource(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for item in self.items:
            totals[item.resource] = totals.get(item.resource, 0.0) + item.monthly_usd
        return {resource: round(usd, 2) for resource, usd in totals.items()}

    def to_json(self) -> dict:
        data = {
            "name": self.name,
            "region": self.region,
            "currency": "USD",
            "hours_per_month": HOURS_PER_MONTH,
            "total_monthly_usd": self.total,
            "items": [plain_fields(item) for item in self.items],
            "unknown": [plain_fields(u) for u in self.unknown],
        }
        if self.budget_monthly_usd is not None:
            data["budget"] = {
                "monthly_usd": self.budget_monthly_usd,
                "source": self.budget_source,
                "difference_usd": round(self.total - self.budget_monthly_usd, 2),
            }
        return data


def plain_fields(record) -> dict:
    """A dataclass's fields in order: dataclasses.asdict without its deep copy, which records whose fields hold
    plain values (a bill line, an optimiser step) never need; their JSON is the same."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@functools.cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))
