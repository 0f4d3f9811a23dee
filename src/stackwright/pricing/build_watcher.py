"""Catalogue families read from the late-2025 aws-price-watcher snapshots and the newer
lamngockhuong files (see ../shared/pricing-source/README.md, section "aws-price-watcher").

`raw/` files are AWS pricing-page JSON (readable rate keys, manifest date); `processed/`
files are that project's re-keying, `{"<rate label>": {"<region display name>[ (attrs)]": "<price>"}}`,
with no manifest: their date is the commit that last changed them. Every function here adds
prices with `_Catalogue.add`, which lets the newer source win where two price one key.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .build import _Catalogue, _date, _dec, _load, _price, _tiers, add_rds_storage

WATCHER = "aws-price-watcher-v0rts"
LAMNGOCKHUONG = "aws-price-lamngockhuong"
WATCHER_URL = "https://github.com/v0rts/aws-price-watcher"
WATCHER_LICENSE = "MIT (Copyright (c) 2025 Ian Mckay)"


def _watcher(title: str, path: str, commit: str, date: str | None = None) -> dict[str, str]:
    entry = {"title": title, "origin": f"v0rts/aws-price-watcher {path}", "commit": commit, "url": WATCHER_URL,
             "license": WATCHER_LICENSE}
    if date:
        entry["date"] = date
    return entry


# `date` only where the file has no manifest: then it is the commit that last changed the file.
SOURCES: dict[str, dict[str, str]] = {
    "watcher-elb": _watcher(
        "Elastic Load Balancing: Application, Network and Gateway Load Balancer hour and LCU-hour per region "
        "(AWS pricing-page JSON via aws-price-watcher)", "raw/elb.json", "d48e959f055bba628d8de4b99aa51e86b6365b7f"),
    "watcher-aurora": _watcher(
        "Aurora Serverless v2 ACU-hour (Standard, I/O-Optimized), storage, I/O and backup per region "
        "(AWS pricing-page JSON via aws-price-watcher)", "raw/rds-aurora-storage.json",
        "41e3f4575e20671b0f4fd04deddd8007a3fb187b"),
    "watcher-aurora-ondemand": _watcher(
        "Aurora provisioned instances, PostgreSQL and MySQL, Standard and I/O-Optimized, per region "
        "(aws-price-watcher processed/, prices unchanged from AWS's pricing-page JSON)",
        "processed/rds-aurora-ondemand.json", "2fd4eb45d4a4e6e211922eba952613013b343f62", "2025-11-18"),
    "watcher-secretsmanager": _watcher(
        "Secrets Manager secret-month and API requests per region (AWS pricing-page JSON via aws-price-watcher)",
        "raw/secretsmanager.json", "bdf667bd5d62b8ea42e1fb5602dbbcfd45bd1abe"),
    "watcher-ecr": _watcher(
        "ECR storage GB-month per region (AWS pricing-page JSON via aws-price-watcher)", "raw/ecr.json",
        "a72b022a771073d4c8a746b8ccde9f4c28bb1502"),
    "watcher-data-transfer": _watcher(
        "EC2 data transfer out to the internet per region, tiers, and between regions per pair (aws-price-watcher "
        "processed/, prices unchanged from AWS's pricing-page JSON); the 100 GB/month AWS-wide free allowance is "
        "not in these figures",
        "processed/datatransfer.json", "3de89ad583c8e285000df1544d3554508febf27b", "2025-08-28"),
    "watcher-rds-storage": _watcher(
        "RDS storage (gp2, gp3, io1, io2, magnetic; Single/Multi-AZ), gp3 IOPS and throughput, backup storage "
        "per region, the same for every RDS engine (AWS pricing-page JSON via aws-price-watcher)",
        "raw/rds-storage.json", "41e3f4575e20671b0f4fd04deddd8007a3fb187b"),
    "watcher-ec2-ondemand": _watcher(
        "EC2 Linux on-demand per region, 852 types (aws-price-watcher processed/, prices unchanged from AWS's "
        "pricing-page JSON; includes the 2025 GPU price cuts)", "processed/ec2.json",
        "391f4a460f89bc705ccc7945eecd4f60e2db971d", "2025-11-20"),
    "watcher-rds-ondemand": _watcher(
        "RDS PostgreSQL and MySQL on-demand instances, Single-AZ and Multi-AZ, per region (aws-price-watcher "
        "processed/, prices unchanged from AWS's pricing-page JSON)",
        "processed/rds-{postgresql,mysql}-ondemand.json", "a887733e8e05809d8e197359a4020efd1cfe1ab8", "2025-10-15"),
    "watcher-rds-multi-az-cluster": _watcher(
        "RDS Multi-AZ DB clusters (a writer and two readable standbys), PostgreSQL and MySQL: cluster-hour per "
        "instance class, storage (gp3, io1, io2), provisioned IOPS and gp3 throughput per region, each AWS's "
        "figure for the whole cluster (aws-price-watcher processed/, 'Multi-AZ readable standbys' rates, prices "
        "unchanged from AWS's pricing-page JSON)",
        "processed/rds-{postgresql,mysql}-ondemand.json", "a887733e8e05809d8e197359a4020efd1cfe1ab8", "2025-10-15"),
    "lamngockhuong-cloudfront-data-out": {
        "title": "CloudFront regional data transfer out to the internet per geography, tiers (AWS pricing-page JSON "
                 "via lamngockhuong/aws-price, readable keys under region \"\"); global, same in every region file",
        "origin": "lamngockhuong/aws-price lib/data/pricing/cloudfront.json",
        "commit": "6e8bf8cec091840a2781d036646486419c057616",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": "none stated (no license file in lamngockhuong/aws-price)",
    },
    "lamngockhuong-lambda": {
        "title": "AWS Lambda requests, duration (x86 and Arm, tiers), ephemeral storage, provisioned concurrency "
                 "(AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/lambda.json",
        "commit": "6e8bf8cec091840a2781d036646486419c057616",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": "none stated (no license file in lamngockhuong/aws-price)",
    },
    "lamngockhuong-kms": {
        "title": "AWS KMS customer managed key-month and API requests (AWS pricing-page JSON via lamngockhuong/aws-price)",
        "origin": "lamngockhuong/aws-price lib/data/pricing/kms.json",
        "commit": "115fdc61c7093bb5f36554ed99888860e14b0700",
        "url": "https://github.com/lamngockhuong/aws-price",
        "license": "none stated (no license file in lamngockhuong/aws-price)",
    },
}


def _raw(cat: _Catalogue, name: str, sid: str) -> tuple[dict, str]:
    data = _load(cat.source_dir / WATCHER / "raw" / name)
    return data["regions"], cat.source(sid, _date(data["manifest"]["hawkFilePublicationDate"]))


def _processed(cat: _Catalogue, name: str) -> dict[str, dict[str, str]]:
    return _load(cat.source_dir / WATCHER / "processed" / name)


def _region_of(cat: _Catalogue, label: str) -> str | None:
    """Region code of a processed/ region key: "EU (Frankfurt) (StartingRange: 0, ...)" -> eu-central-1."""
    return cat.code(re.sub(r" \((?:Instance Type|StartingRange): .*\)$", "", label))


# ----------------------------------------------------------------------------- load balancers

ELB = {
    "alb": ("Application Load Balancer Hours", "Application Load Balancer LCU Hours", "LCU-hour"),
    "nlb": ("Network Load Balancer Hours", "Network Load Balancer LCU Hours", "NLCU-hour"),
    "gwlb": ("Gateway Load Balancer Hours", "Gateway Load Balancer LCU Hours", "GLCU-hour"),
}


def elb(cat: _Catalogue) -> None:
    regions, sid = _raw(cat, "elb.json", "watcher-elb")
    for name, rates in regions.items():
        region = cat.code(name)
        for kind, (hour, lcu, lcu_unit) in ELB.items():
            cat.add(region, f"{kind}/hour", _price(rates, hour), "hour", sid)
            cat.add(region, f"{kind}/lcu-hour", _price(rates, lcu), lcu_unit, sid)


# ----------------------------------------------------------------------------- Aurora

# Engine-agnostic Aurora keys take PostgreSQL's figure, else MySQL's (they agree in every region today).
AURORA_ENGINES = ("PostgreSQL", "MySQL")


def aurora(cat: _Catalogue) -> None:
    regions, sid = _raw(cat, "rds-aurora-storage.json", "watcher-aurora")
    per_engine = {
        "aurora/serverless-v2": ("Aurora {e} ServerlessV2", "ACU-hour", 1),
        "aurora/serverless-v2-io-optimized": ("Aurora {e} ServerlessV2 Aurora IO Optimization Mode", "ACU-hour", 1),
        "aurora/storage": ("Database Storage DB Engine Aurora {e} General Purpose Aurora", "GB-month", 1),
        "aurora/storage-io-optimized": ("Aurora {e} IO Optimized Aurora", "GB-month", 1),
        "aurora/backup": ("Storage Snapshot Aurora {e}", "GB-month", 1),
        # AWS Backup stores Aurora (and RDS, below) snapshots at the database's own snapshot rate
        "backup/aurora": ("Storage Snapshot Aurora {e}", "GB-month", 1),
    }
    for name, rates in regions.items():
        region = cat.code(name)
        for key, (label, unit, factor) in per_engine.items():
            usd = _price(rates, *(label.format(e=e) for e in AURORA_ENGINES))
            cat.add(region, key, None if usd is None else usd * factor, unit, sid)
        per_io = _price(rates, "System Operation Aurora I O Operation")
        cat.add(region, "aurora/io-requests", None if per_io is None else per_io * 10**6, "1M requests", sid)


_AURORA_INSTANCE = re.compile(
    r"Database Instance Aurora (?P<engine>PostgreSQL|MySQL) No license required (?P<io>Aurora IO Optimization Mode )?")


def aurora_ondemand(cat: _Catalogue) -> None:
    data = _processed(cat, "rds-aurora-ondemand.json")
    sid = cat.source("watcher-aurora-ondemand")
    for label in sorted(data):
        m = _AURORA_INSTANCE.search(label)
        if not m or "Single-AZ" not in label:
            continue
        mode = "provisioned-io-optimized" if m["io"] else "provisioned"
        for where, usd in sorted(data[label].items()):
            cls = re.search(r"\(Instance Type: (db\.[^,)]+)", where)
            if cls:
                cat.add(_region_of(cat, where), f"aurora/{mode}/{m['engine'].lower()}/{cls.group(1)}", _dec(usd),
                        "hour", sid)


# ----------------------------------------------------------------------------- Secrets Manager, ECR


def secrets_manager(cat: _Catalogue) -> None:
    regions, sid = _raw(cat, "secretsmanager.json", "watcher-secretsmanager")
    for name, rates in regions.items():
        region = cat.code(name)
        cat.add(region, "secrets_manager/secret", _price(rates, "Secret"), "secret-month", sid)
        per_call = _price(rates, "API Request")
        cat.add(region, "secrets_manager/api-calls", None if per_call is None else per_call * 10**4, "10K requests", sid)


def ecr(cat: _Catalogue) -> None:
    regions, sid = _raw(cat, "ecr.json", "watcher-ecr")
    for name, rates in regions.items():
        cat.add(cat.code(name), "ecr/storage", _price(rates, "EC2 Container Registry"), "GB-month", sid)


# ----------------------------------------------------------------------------- data transfer

DTO_TIERS = ("Next 10 TB", "Next 40 TB", "Next 100 TB", "Greater than 150 TB")


def data_transfer(cat: _Catalogue) -> None:
    data = _processed(cat, "datatransfer.json")
    sid = cat.source("watcher-data-transfer")
    per_region: dict[str, dict[str, tuple]] = {}
    for label in DTO_TIERS:
        for where, usd in data.get(f"DataTransfer External Outbound {label}", {}).items():
            m = re.search(r"\(StartingRange: (\d+), EndingRange: (\d+|Inf)\)$", where)
            region = _region_of(cat, where)
            if m and region:
                upper = None if m.group(2) == "Inf" else Decimal(m.group(2))
                per_region.setdefault(region, {})[label] = (upper, _dec(usd))
    for region, tiers in sorted(per_region.items()):
        if len(tiers) == len(DTO_TIERS):
            pairs = [tiers[label] for label in DTO_TIERS]
            cat.add(region, "data_transfer/internet-out", pairs[0][1], "GB", sid, tiers=_tiers(pairs))
    inter_region(cat, data, sid)


_TO_LOCATION = re.compile(r"^(?P<source>.+) \(To Location: (?P<destination>.+)\)$")


def inter_region(cat: _Catalogue, data: dict, sid: str) -> None:
    """Data sent from one region to another, billed by the sending region at its rate to the receiving one:
    `data_transfer/inter-region/<to>` in the sender's prices, and the same rate as
    `data_transfer/inter-region-from/<from>` in the receiver's, for what a resource there pulls in (replicated
    backups), whose bill is the receiver's region's."""
    for label in sorted(data):
        if not label.startswith("DataTransfer InterRegion Outbound to "):
            continue
        for where, usd in sorted(data[label].items()):
            m = _TO_LOCATION.match(where)
            source, destination = (cat.code(m["source"]), cat.code(m["destination"])) if m else (None, None)
            if source and destination and source != destination:
                cat.add(source, f"data_transfer/inter-region/{destination}", _dec(usd), "GB", sid)
                cat.add(destination, f"data_transfer/inter-region-from/{source}", _dec(usd), "GB", sid)


# ----------------------------------------------------------------------------- newer EC2 and RDS on-demand


def ec2_ondemand(cat: _Catalogue) -> None:
    data = _processed(cat, "ec2.json")
    sid = cat.source("watcher-ec2-ondemand")
    for label in sorted(data):
        if not label.startswith("OnDemand Linux-instancetype-"):
            continue
        itype = label.removeprefix("OnDemand Linux-instancetype-")
        for where, usd in sorted(data[label].items()):
            cat.add(cat.code(where), f"ec2/ondemand/{itype}", _dec(usd), "hour", sid)


_RDS_INSTANCE = re.compile(
    r"^Database Instance (?P<engine>PostgreSQL|MySQL) No license required db (?P<cls>\S+) .* "
    r"(?P<az>Single-AZ|Multi-AZ) (?:Current|Previous) Generation$")
_RDS_WHERE = re.compile(r"\(Instance Type: (?P<cls>db\.[^,]+), Memory: (?P<mem>[\d.,]+ GiB), vCPU: (?P<vcpu>\d+)")


def rds_ondemand(cat: _Catalogue) -> None:
    sid = cat.source("watcher-rds-ondemand")
    for engine in ("postgresql", "mysql"):
        data = _processed(cat, f"rds-{engine}-ondemand.json")
        for label in sorted(data):
            m = _RDS_INSTANCE.match(label)  # skips the bare-hash keys and Multi-AZ DB clusters (readable standbys)
            if not m:
                continue
            for where, usd in sorted(data[label].items()):
                w = _RDS_WHERE.search(where)
                if not w or w["cls"] != f"db.{m['cls']}":
                    continue
                cat.add(_region_of(cat, where), f"rds/{engine}/{m['az'].lower()}/{w['cls']}", _dec(usd), "hour", sid)
                if w["cls"] not in cat.sizes["rds"]:
                    cat.size("rds", {"Instance Type": w["cls"], "vCPU": w["vcpu"], "Memory": w["mem"]})


_RDS_CLUSTER_INSTANCE = re.compile(
    r"^Database Instance (?:PostgreSQL|MySQL) No license required db (?P<cls>\S+) .* Multi-AZ readable standbys ")
# catalogue key suffix -> (rate label, unit) of a Multi-AZ DB cluster's storage and I/O
RDS_CLUSTER_STORAGE = {
    "storage/gp3": ("Database Storage Multi AZ readable standbys General Purpose-GP3", "GB-month"),
    "storage/io1": ("Database Storage Multi AZ readable standbys Provisioned IOPS", "GB-month"),
    "storage/io2": ("Database Storage Multi AZ readable standbys Provisioned IOPS-IO2", "GB-month"),
    "io1-iops": ("Provisioned IOPS Multi AZ readable standbys", "IOPS-month"),
    "io2-iops": ("Provisioned IO2 IOPS Multi AZ readable standbys", "IOPS-month"),
    "gp3-iops": ("Provisioned GP3 IOPS Multi AZ readable standbys", "IOPS-month"),
    "gp3-throughput": ("Provisioned Throughput Multi AZ readable standbys", "MiBps-month"),
}


def rds_multi_az_cluster(cat: _Catalogue) -> None:
    """Multi-AZ DB clusters: rds/<engine>/multi-az-cluster/<class> and .../<storage, IOPS, throughput>."""
    sid = cat.source("watcher-rds-multi-az-cluster")
    for engine in ("postgresql", "mysql"):
        data = _processed(cat, f"rds-{engine}-ondemand.json")
        for label in sorted(data):
            m = _RDS_CLUSTER_INSTANCE.match(label)
            if not m:
                continue
            for where, usd in sorted(data[label].items()):
                w = _RDS_WHERE.search(where)
                if w and w["cls"] == f"db.{m['cls']}":
                    cat.add(_region_of(cat, where), f"rds/{engine}/multi-az-cluster/{w['cls']}", _dec(usd), "hour",
                            sid)
        for suffix, (label, unit) in RDS_CLUSTER_STORAGE.items():
            for where, usd in sorted(data.get(label, {}).items()):
                cat.add(cat.code(where), f"rds/{engine}/multi-az-cluster/{suffix}", _dec(usd), unit, sid)


# RDS storage is priced the same for every engine; the catalogue keys it per engine as the bill asks.
RDS_STORAGE_ENGINES = ("postgresql", "mysql", "mariadb", "oracle-se2", "oracle-ee", "sqlserver-ex", "sqlserver-web",
                       "sqlserver-se", "sqlserver-ee")


def rds_storage(cat: _Catalogue) -> None:
    regions, sid = _raw(cat, "rds-storage.json", "watcher-rds-storage")
    for name, rates in regions.items():
        region = cat.code(name)
        for engine in RDS_STORAGE_ENGINES:
            add_rds_storage(cat, region, engine, rates, sid, io1=True)
        cat.add(region, "backup/rds", _price(rates, "Storage Snapshot"), "GB-month", sid)


# ----------------------------------------------------------------------------- CloudFront, Lambda, KMS

CLOUDFRONT_GEOS = {"united-states": "United States", "europe": "EU", "south-africa": "South Africa",
                   "south-america": "South America", "japan": "Japan", "australia": "Australia",
                   "asia-pacific": "Asia Pacific", "india": "India", "middle-east": "Middle East", "canada": "Canada"}


def cloudfront_data_out(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / LAMNGOCKHUONG / "cloudfront.json")
    sid = cat.source("lamngockhuong-cloudfront-data-out", _date(data["manifest"]["hawkFilePublicationDate"]))
    rates = data["regions"].get("", {})
    for geo, name in CLOUDFRONT_GEOS.items():
        tiers = []
        for rate_name, rate in rates.items():
            if rate_name.startswith(f"Regional DT from {name} to Internet ") and "Per Month" in rate:
                upper = None if rate["Per Month"] == "Inf" else Decimal(rate["Per Month"])
                tiers.append((upper, _dec(rate["price"])))
        if not tiers:
            continue
        tiers.sort(key=lambda t: (t[0] is None, t[0] or 0))
        for region in sorted(cat.prices):  # global: the same price in every region file
            cat.add(region, f"cloudfront/data-out/{geo}", tiers[0][1], "GB", sid, tiers=_tiers(tiers))


# Duration tier bounds in GB-seconds a month (AWS Lambda pricing page): x86 6B / 15B, Arm 7.5B / 18.75B.
LAMBDA_GB_SECOND_TIERS = {"x86": (Decimal(6_000_000_000), Decimal(15_000_000_000), None),
                          "arm": (Decimal(7_500_000_000), Decimal(18_750_000_000), None)}


def lambda_(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / LAMNGOCKHUONG / "lambda.json")
    sid = cat.source("lamngockhuong-lambda", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        for arch, suffix in (("x86", ""), ("arm", "-ARM")):
            requests = _price(rates, f"Lambda Requests{suffix}")
            cat.add(region, f"lambda/{arch}/requests", None if requests is None else requests * 10**6,
                    "1M requests", sid)
            base = f"Lambda Duration{suffix}"
            tiers = [_price(rates, base), _price(rates, f"{base} Tier2"), _price(rates, f"{base} Tier3")]
            if all(usd is not None for usd in tiers):
                cat.add(region, f"lambda/{arch}/duration", tiers[0], "GB-second", sid,
                        tiers=_tiers(list(zip(LAMBDA_GB_SECOND_TIERS[arch], tiers))))
            elif tiers[0] is not None:
                cat.add(region, f"lambda/{arch}/duration", tiers[0], "GB-second", sid)
            cat.add(region, f"lambda/{arch}/ephemeral-storage", _price(rates, f"Lambda Storage-Duration{suffix}"),
                    "GB-second", sid)
            cat.add(region, f"lambda/{arch}/provisioned-concurrency",
                    _price(rates, f"Lambda Provisioned-Concurrency{suffix}"), "GB-second", sid)
            cat.add(region, f"lambda/{arch}/provisioned-duration", _price(rates, f"Lambda Duration-Provisioned{suffix}"),
                    "GB-second", sid)


def kms(cat: _Catalogue) -> None:
    data = _load(cat.source_dir / LAMNGOCKHUONG / "kms.json")
    sid = cat.source("lamngockhuong-kms", _date(data["manifest"]["hawkFilePublicationDate"]))
    for name, rates in data["regions"].items():
        region = cat.code(name)
        cat.add(region, "kms/key", _price(rates, "Encryption Key"), "key-month", sid)
        per_request = _price(rates, "API request - Non Free Tier")
        cat.add(region, "kms/requests", None if per_request is None else per_request * 10**4, "10K requests", sid)
