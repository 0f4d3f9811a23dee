"""`stackwright prices update`: refresh one service's prices in one region from
AWS's own Price List bulk offer file (docs/price-catalogue.md).

The offer file is the documented one,
``https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offerCode>/current/<region>/index.json``::

    {"formatVersion", "offerCode", "version", "publicationDate",
     "products": {sku: {"sku", "productFamily", "attributes": {...}}},
     "terms": {"OnDemand": {sku: {termCode: {"priceDimensions": {rateCode: {
                   "unit", "pricePerUnit": {"USD": "0.0208"}, "beginRange", "endRange"}},
                   "termAttributes": {}}}},
               "Reserved": {sku: {termCode: {..., "termAttributes": {
                   "LeaseContractLength": "1yr", "PurchaseOption": "No Upfront",
                   "OfferingClass": "standard"}}}}}}

Offer files run to hundreds of MB, so they are streamed with ijson, in passes over
the file: the top-level fields, then the products, then the on-demand and the
reserved terms. Each product and each SKU's terms are decoded one at a time and
dropped at once unless a mapper claims them; only the claimed SKUs are ever held
in memory.

Each supported service has one mapping function in ``MAPPERS`` (offerCode ->
mapper). A mapper looks at one product and says which catalogue keys it prices
(``Claim``s); everything else -- reading the terms, units, tiers, reserved-term
arithmetic, merging into the region file -- is shared. Adding a service means
writing one function decorated with ``@_mapper("OfferCode", note=...)``.

Replacing a service's keys means: every key the offer file prices is written
(whatever source it had before), and every key that an earlier update from the
*same* offer file and region wrote but this one no longer prices is removed.
Keys from other sources and other services are left as they are.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import re
import shutil
import tempfile
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson

from stackwright.pricing.writer import read_region, read_sources, write_region, write_sources

PRICE_LIST_BASE = "https://pricing.us-east-1.amazonaws.com"
HOURS_PER_YEAR = 8760

# Read size for the streaming parser (bytes). Tests shrink it to exercise values
# split across reads.
_CHUNK = 1 << 20

_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
# Region prefix of a usage type ("APN2-", "USE1-", "UGW1-"; eu-west-1's is "EU-"). Not "TS-",
# "Outposts-" and the like, which name other products.
_USAGE_PREFIX_RE = re.compile(r"^(?:[A-Z]{2,4}[0-9]+|EU)-")


def offer_url(service: str, region: str) -> str:
    """The documented URL of the current offer file for one service and region."""
    return f"{PRICE_LIST_BASE}/offers/v1.0/aws/{service}/current/{region}/index.json"


def region_index_url(service: str) -> str:
    """The documented URL of a service's region index (which regions have an offer file)."""
    return f"{PRICE_LIST_BASE}/offers/v1.0/aws/{service}/current/region_index.json"


def default_fetch(url: str) -> IO[bytes]:
    """Open a URL (https://, file://) for reading; the caller closes it."""
    request = urllib.request.Request(url, headers={"User-Agent": "stackwright prices update"})
    return urllib.request.urlopen(request, timeout=120)  # noqa: S310 - URL chosen by the user


Fetch = Callable[[str], IO[bytes]]


def offer_regions(service: str, *, fetch: Fetch = default_fetch) -> dict[str, str]:
    """Region code -> absolute URL of the current offer file, from the region index."""
    _check_service(service)
    with fetch(region_index_url(service)) as raw:
        index = json.load(raw)
    return {
        code: PRICE_LIST_BASE + entry["currentVersionUrl"]
        if entry["currentVersionUrl"].startswith("/")
        else entry["currentVersionUrl"]
        for code, entry in sorted(index.get("regions", {}).items())
    }


# --------------------------------------------------------------------------- claims

_HOURS = {"hrs": 1.0, "hours": 1.0}
_GB_MONTH = {"gb-mo": 1.0, "gb-month": 1.0}
_IOPS_MONTH = {"iops-mo": 1.0, "iops-month": 1.0}
_MIBPS_MONTH = {"gibps-mo": 1 / 1024, "mibps-mo": 1.0, "mbps-mo": 1.0, "mibps-month": 1.0}
_GB = {"gb": 1.0}
_GB_HOURS = {"gb-hours": 1.0, "gb-hrs": 1.0, "hours": 1.0, "hrs": 1.0}
_ACU_HOURS = {"acu-hr": 1.0, "acu-hrs": 1.0, "acu-hours": 1.0}
_PER_MILLION_IOS = {"ios": 1e6, "io": 1e6}
_LCU_HOURS = {"lcu-hrs": 1.0, "lcu-hours": 1.0}


@dataclass(frozen=True)
class Claim:
    """One catalogue key a product prices.

    `units` maps the offer file's unit (lower case) to the factor that turns its
    price into the price of one catalogue `unit`; any other unit is an error.
    `reserved` is None for the on-demand price, or (years, PurchaseOption) for
    the effective hourly rate of a standard reserved term. When several products
    claim one key the highest `priority` wins; equal priorities must agree.
    """

    key: str
    unit: str
    units: Mapping[str, float]
    reserved: tuple[int, str] | None = None
    priority: int = 0


def _od(key: str, unit: str, units: Mapping[str, float], priority: int = 0) -> Claim:
    return Claim(key, unit, units, None, priority)


def _ri(key: str, years: int, option: str, priority: int = 0) -> Claim:
    return Claim(key, "hour", _HOURS, (years, option), priority)


Mapper = Callable[[str, dict[str, str], str], list[Claim]]


@dataclass(frozen=True)
class ServiceMapper:
    offer_code: str
    fn: Mapper
    note: str


MAPPERS: dict[str, ServiceMapper] = {}


def _mapper(offer_code: str, note: str = "") -> Callable[[Mapper], Mapper]:
    def register(fn: Mapper) -> Mapper:
        MAPPERS[offer_code] = ServiceMapper(offer_code, fn, note)
        return fn

    return register


def supported_services() -> list[str]:
    return sorted(MAPPERS)


def _usage(attrs: Mapping[str, str]) -> str:
    """The usage type without its region prefix ("APN2-BoxUsage:t3.small" -> "BoxUsage:t3.small")."""
    return _USAGE_PREFIX_RE.sub("", attrs.get("usagetype", ""), count=1)


def _is(attrs: Mapping[str, str], name: str, *values: str) -> bool:
    """The attribute is absent, or (case-insensitively) one of `values`."""
    value = attrs.get(name)
    return value is None or value.lower() in {v.lower() for v in values}


# ---- NAT gateway (AmazonEC2 today; also accepted from AmazonVPC)


def _nat_gateway(family: str, attrs: Mapping[str, str]) -> list[Claim]:
    usage = _usage(attrs)
    if usage == "NatGateway-Hours":
        return [_od("nat_gateway/hour", "hour", _HOURS)]
    if usage == "NatGateway-Bytes":
        return [_od("nat_gateway/data-processed", "GB", _GB)]
    return []


# ---- AmazonEC2

_EBS_VOLUMES = ("gp2", "gp3", "io1", "io2", "st1", "sc1")
_EBS_VOLUME_USAGE = re.compile(r"^EBS:VolumeUsage(\.[A-Za-z0-9]+)?$")


@_mapper(
    "AmazonEC2",
    note="Linux, shared tenancy, no pre-installed software; RIs standard No Upfront, effective hourly",
)
def map_ec2(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    usage = _usage(attrs)
    if family in ("Compute Instance", "Compute Instance (bare metal)"):
        itype = attrs.get("instanceType", "")
        if not (
            itype
            and usage == f"BoxUsage:{itype}"
            and attrs.get("operatingSystem") == "Linux"
            and attrs.get("tenancy") == "Shared"
            and attrs.get("preInstalledSw") == "NA"
            and attrs.get("capacitystatus") == "Used"
            and _is(attrs, "licenseModel", "No License required")
            and _is(attrs, "operation", "RunInstances")
            and _is(attrs, "marketoption", "OnDemand")
        ):
            return []
        return [
            _od(f"ec2/ondemand/{itype}", "hour", _HOURS),
            _ri(f"ec2/ri-1y/{itype}", 1, "No Upfront"),
            _ri(f"ec2/ri-3y/{itype}", 3, "No Upfront"),
        ]
    volume = attrs.get("volumeApiName", "")
    if family == "Storage" and volume in _EBS_VOLUMES and _EBS_VOLUME_USAGE.match(usage):
        return [_od(f"ebs/{volume}", "GB-month", _GB_MONTH)]
    if family == "System Operation" and volume == "gp3" and usage == "EBS:VolumeP-IOPS.gp3":
        return [_od("ebs/gp3-iops", "IOPS-month", _IOPS_MONTH)]
    if family == "Provisioned Throughput" and volume == "gp3" and usage == "EBS:VolumeP-Throughput.gp3":
        return [_od("ebs/gp3-throughput", "MiBps-month", _MIBPS_MONTH)]
    if family == "Storage Snapshot" and usage == "EBS:SnapshotUsage":
        return [_od("ebs/snapshot", "GB-month", _GB_MONTH)]
    return _nat_gateway(family, attrs)


# ---- AmazonRDS

_RDS_ENGINES = {"PostgreSQL": "postgresql", "MySQL": "mysql", "MariaDB": "mariadb"}
# Licensed engines: (databaseEngine, databaseEdition, licenseModel) -> the catalogue's engine key.
_RDS_LICENSED = {
    ("SQL Server", "Express", "License included"): "sqlserver-ex",
    ("SQL Server", "Web", "License included"): "sqlserver-web",
    ("SQL Server", "Standard", "License included"): "sqlserver-se",
    ("SQL Server", "Enterprise", "License included"): "sqlserver-ee",
    ("Oracle", "Standard Two", "License included"): "oracle-se2",
    ("Oracle", "Standard Two", "Bring your own license"): "oracle-se2-byol",
    ("Oracle", "Enterprise", "Bring your own license"): "oracle-ee-byol",
}
# SQL Server on 7th-generation classes bills its license apart from the instance (Optimize CPU): not modelled.
_SQLSERVER_UNBUNDLED = re.compile(r"^db\.[a-z]+(?:[7-9]|\d\d)")
# Storage is keyed per engine; Oracle's and SQL Server's under each edition's key without -byol.
_RDS_STORAGE_ENGINES = {"PostgreSQL": ["postgresql"], "MySQL": ["mysql"], "MariaDB": ["mariadb"],
                        "Oracle": ["oracle-ee", "oracle-se2"],
                        "SQL Server": ["sqlserver-ee", "sqlserver-ex", "sqlserver-se", "sqlserver-web"]}
_RDS_AZ = {"Single-AZ": "single-az", "Multi-AZ": "multi-az"}
_RDS_VOLUMES = {
    "General Purpose": "gp2",
    "General Purpose-GP3": "gp3",
    "Provisioned IOPS": "io1",
    "Provisioned IOPS-IO2": "io2",
    "Magnetic": "magnetic",
}
_RDS_INSTANCE_USAGE = re.compile(r"^(InstanceUsage|Multi-AZUsage):(?P<cls>db\..+)$")
# Aurora figures are engine-agnostic keys: PostgreSQL's wins over MySQL's.
_AURORA_ENGINES = {"Aurora PostgreSQL": 2, "Aurora MySQL": 1}
_AURORA_USAGE = {
    "Aurora:ServerlessV2Usage": ("aurora/serverless-v2", "ACU-hour", _ACU_HOURS),
    "Aurora:ServerlessV2IOOptimizedUsage": ("aurora/serverless-v2-io-optimized", "ACU-hour", _ACU_HOURS),
    "Aurora:StorageUsage": ("aurora/storage", "GB-month", _GB_MONTH),
    "Aurora:StorageIOUsage": ("aurora/io-requests", "1M requests", _PER_MILLION_IOS),
    "Aurora:BackupUsage": ("aurora/backup", "GB-month", _GB_MONTH),
}


def _rds_engines(attrs: Mapping[str, str]) -> tuple[list[str], int]:
    """Engines a storage-type product applies to, and its priority (own engine beats "Any")."""
    engine = attrs.get("databaseEngine", "")
    if engine == "Any":
        return sorted(e for engines in _RDS_STORAGE_ENGINES.values() for e in engines), 0
    return _RDS_STORAGE_ENGINES.get(engine, []), 1


@_mapper(
    "AmazonRDS",
    note="PostgreSQL/MySQL/MariaDB, no licence, Oracle and SQL Server on-demand by edition and licence (SQL Server "
    "on 7th-generation classes, whose licence is billed apart, is not read), and Aurora; ri-1y = 1 year standard "
    "No Upfront, ri-3y = 3 years standard Partial Upfront, effective hourly including the upfront fee spread over "
    "the term",
)
def map_rds(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    usage = _usage(attrs)
    if attrs.get("deploymentModel") or not _is(attrs, "locationType", "AWS Region"):
        return []  # RDS Custom, Outposts ...
    if usage in _AURORA_USAGE and attrs.get("databaseEngine") in _AURORA_ENGINES:
        key, unit, units = _AURORA_USAGE[usage]
        return [_od(key, unit, units, _AURORA_ENGINES[attrs["databaseEngine"]])]
    az = _RDS_AZ.get(attrs.get("deploymentOption", ""))
    aurora = attrs.get("databaseEngine", "")
    if family == "Database Instance" and aurora in _AURORA_ENGINES:
        # Aurora Standard provisioned instances (I/O-Optimized instances bill under another usage type)
        match = _RDS_INSTANCE_USAGE.match(usage)
        cls = attrs.get("instanceType", "")
        if not (match and match[1] == "InstanceUsage" and match["cls"] == cls and az == "single-az"):
            return []
        return [_od(f"aurora/provisioned/{aurora.removeprefix('Aurora ').lower()}/{cls}", "hour", _HOURS)]
    licensed = _RDS_LICENSED.get((attrs.get("databaseEngine", ""), attrs.get("databaseEdition", ""),
                                  attrs.get("licenseModel", "")))
    if family == "Database Instance" and licensed:
        cls = attrs.get("instanceType", "")
        match = _RDS_INSTANCE_USAGE.match(usage)
        if not (az and match and match["cls"] == cls and (match[1] == "Multi-AZUsage") == (az == "multi-az")
                and not (licensed.startswith("sqlserver") and _SQLSERVER_UNBUNDLED.match(cls))):
            return []
        return [_od(f"rds/{licensed}/{az}/{cls}", "hour", _HOURS)]
    if family == "Database Instance":
        engine = _RDS_ENGINES.get(attrs.get("databaseEngine", ""))
        cls = attrs.get("instanceType", "")
        match = _RDS_INSTANCE_USAGE.match(usage)
        if not (
            engine
            and az
            and match
            and match["cls"] == cls
            and (match[1] == "Multi-AZUsage") == (az == "multi-az")
            and _is(attrs, "licenseModel", "No license required")
            and not attrs.get("databaseEdition")
        ):
            return []
        base = f"rds/{engine}/{az}"
        return [
            _od(f"{base}/{cls}", "hour", _HOURS),
            _ri(f"{base}/ri-1y/{cls}", 1, "No Upfront"),
            _ri(f"{base}/ri-3y/{cls}", 3, "Partial Upfront"),
        ]
    engines, priority = _rds_engines(attrs)
    if not engines or not usage.startswith("RDS:") or "Cluster" in usage:
        return []
    if family == "Storage Snapshot" and usage == "RDS:ChargedBackupUsage":
        return [_od(f"rds/{e}/backup", "GB-month", _GB_MONTH, priority) for e in engines]
    if not az:
        return []
    if family == "Database Storage" and attrs.get("volumeType") in _RDS_VOLUMES:
        volume = _RDS_VOLUMES[attrs["volumeType"]]
        return [_od(f"rds/{e}/{az}/storage/{volume}", "GB-month", _GB_MONTH, priority) for e in engines]
    if family == "Provisioned IOPS" and (
        "GP3-PIOPS" in usage or attrs.get("groupDescription") == "RDS Provisioned GP3 IOPS"
    ):
        return [_od(f"rds/{e}/{az}/gp3-iops", "IOPS-month", _IOPS_MONTH, priority) for e in engines]
    if family == "Provisioned Throughput":
        return [_od(f"rds/{e}/{az}/gp3-throughput", "MiBps-month", _MIBPS_MONTH, priority) for e in engines]
    return []


# ---- AmazonElastiCache

_CACHE_ENGINES = {"Redis": "redis", "Valkey": "valkey", "Memcached": "memcached"}
_NODE_USAGE = re.compile(r"^NodeUsage:(?P<node>cache\..+)$")


@_mapper("AmazonElastiCache", note="node-based clusters; RIs 1 and 3 years standard No Upfront, effective hourly")
def map_elasticache(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    engine = _CACHE_ENGINES.get(attrs.get("cacheEngine", ""))
    node = attrs.get("instanceType", "")
    match = _NODE_USAGE.match(_usage(attrs))
    if not (family == "Cache Instance" and engine and match and match["node"] == node):
        return []
    if not _is(attrs, "locationType", "AWS Region"):
        return []
    return [
        _od(f"elasticache/{engine}/{node}", "hour", _HOURS),
        _ri(f"elasticache/{engine}/ri-1y/{node}", 1, "No Upfront"),
        _ri(f"elasticache/{engine}/ri-3y/{node}", 3, "No Upfront"),
    ]


# ---- AmazonECS (Fargate)

_FARGATE_USAGE = {
    "Fargate-vCPU-Hours:perCPU": ("fargate/x86/vcpu", "vCPU-hour", _HOURS),
    "Fargate-GB-Hours": ("fargate/x86/memory", "GB-hour", _GB_HOURS),
    "Fargate-ARM-vCPU-Hours:perCPU": ("fargate/arm/vcpu", "vCPU-hour", _HOURS),
    "Fargate-ARM-GB-Hours": ("fargate/arm/memory", "GB-hour", _GB_HOURS),
    "Fargate-EphemeralStorage-GB-Hours": ("fargate/ephemeral-storage", "GB-hour", _GB_HOURS),
}


@_mapper("AmazonECS", note="Fargate Linux on-demand (x86 and ARM), ephemeral storage above 20 GB")
def map_ecs(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    hit = _FARGATE_USAGE.get(_usage(attrs))
    return [_od(*hit)] if hit else []


# ---- AWSELB


_ELB_KINDS = {"LoadBalancing:Application": ("alb", "LCU-hour"), "LoadBalancing:Network": ("nlb", "NLCU-hour"),
              "LoadBalancing:Gateway": ("gwlb", "GLCU-hour")}


@_mapper("AWSELB", note="Application, Network and Gateway Load Balancer hour and LCU-hour")
def map_elb(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    kind = _ELB_KINDS.get(attrs.get("operation", ""))
    if kind is None:
        return []
    usage = _usage(attrs)
    if usage == "LoadBalancerUsage":
        return [_od(f"{kind[0]}/hour", "hour", _HOURS)]
    if usage == "LCUUsage":
        return [_od(f"{kind[0]}/lcu-hour", kind[1], _LCU_HOURS)]
    return []


# ---- AWSLambda

_REQUESTS = {"requests": 1e6, "request": 1e6}
_GB_SECONDS = {"lambda-gb-second": 1.0, "gb-seconds": 1.0, "second": 1.0, "seconds": 1.0}
_LAMBDA_USAGE = {
    "Request": ("requests", "1M requests", _REQUESTS),
    "Lambda-GB-Second": ("duration", "GB-second", _GB_SECONDS),
    "Lambda-Provisioned-Concurrency": ("provisioned-concurrency", "GB-second", _GB_SECONDS),
    "Lambda-Provisioned-GB-Second": ("provisioned-duration", "GB-second", _GB_SECONDS),
    "Lambda-Storage-Duration": ("ephemeral-storage", "GB-second", _GB_SECONDS),
}


@_mapper("AWSLambda", note="requests, duration (tiers), provisioned concurrency, ephemeral storage; x86 and Arm")
def map_lambda(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    usage = _usage(attrs)
    arch = "arm" if usage.endswith("-ARM") else "x86"
    hit = _LAMBDA_USAGE.get(usage.removesuffix("-ARM"))
    if hit is None or not _is(attrs, "locationType", "AWS Region"):
        return []  # Lambda@Edge, Outposts, ...
    name, unit, units = hit
    return [_od(f"lambda/{arch}/{name}", unit, units)]


# ---- AmazonVPC


@_mapper("AmazonVPC", note="public IPv4 addresses, interface VPC endpoints, NAT gateway")
def map_vpc(family: str, attrs: dict[str, str], region: str) -> list[Claim]:
    usage = _usage(attrs)
    if usage == "PublicIPv4:InUseAddress":
        return [_od("public_ipv4/in-use", "hour", _HOURS)]
    if usage == "PublicIPv4:IdleAddress":
        return [_od("public_ipv4/idle", "hour", _HOURS)]
    if usage == "VpcEndpoint-Hours":
        return [_od("vpc_endpoint/interface", "endpoint-AZ-hour", _HOURS)]
    if usage == "VpcEndpoint-Bytes":
        return [_od("vpc_endpoint/interface-data", "GB", _GB)]
    return _nat_gateway(family, attrs)


# --------------------------------------------------------------------------- reading the offer file

# Top-level fields read; the first pass stops once it has them all (real offer files start with them).
_META_KEYS = frozenset({"offerCode", "version", "publicationDate"})
_SCALAR_EVENTS = frozenset({"string", "number", "boolean", "null"})


@dataclass
class _Offer:
    meta: dict[str, Any] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    on_demand: dict[str, dict] = field(default_factory=dict)
    reserved: dict[str, dict] = field(default_factory=dict)
    regions_seen: set[str] = field(default_factory=set)


def _read_offer(fp: IO[bytes], service: str, region: str, mapper: ServiceMapper) -> _Offer:
    """Read a seekable offer file in passes; keep the terms of the SKUs the mapper claims.

    Numbers stay ints and Decimals (ijson's default): every price goes through float(),
    which gives the same float as json's, and nothing valid is refused for overflow.
    """
    offer = _Offer()
    start = fp.tell()
    if fp.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
        start += len(codecs.BOM_UTF8)

    def rewound() -> IO[bytes]:
        fp.seek(start)
        return fp

    try:
        for prefix, event, value in ijson.parse(rewound(), buf_size=_CHUNK):
            if not prefix and event not in ("start_map", "map_key", "end_map"):
                raise ValueError("not a valid offer file: the top level is not an object")
            if prefix in _META_KEYS and event in _SCALAR_EVENTS:
                offer.meta[prefix] = value
                if prefix == "offerCode" and value != service:
                    raise ValueError(f"the offer file is for {value!r}, not {service!r}")
                if len(offer.meta) == len(_META_KEYS):
                    break
        # Each kvitems pass parses to the end of the file, so every pass checks all of it.
        for sku, product in ijson.kvitems(rewound(), "products", buf_size=_CHUNK):
            claims = _claims(product, region, mapper, offer.regions_seen)
            if claims:
                offer.claims[sku] = claims
        for term_type, store in (("OnDemand", offer.on_demand), ("Reserved", offer.reserved)):
            for sku, terms in ijson.kvitems(rewound(), f"terms.{term_type}", buf_size=_CHUNK):
                if sku in offer.claims:
                    store[sku] = terms
    except ijson.JSONError as err:
        message = err.args[0] if err.args else ""
        if isinstance(message, bytes):  # yajl reports some errors (bad UTF-8) as bytes
            message = message.decode("utf-8", "replace")
        what = str(message).partition("\n")[0]  # the rest of yajl's message pictures where
        raise ValueError(f"not a valid offer file: {what}") from None
    return offer


def _claims(product: Any, region: str, mapper: ServiceMapper, regions_seen: set[str]) -> list[Claim]:
    if not isinstance(product, dict):
        return []
    attrs = product.get("attributes") or {}
    code = attrs.get("regionCode")
    if code is not None:
        regions_seen.add(code)
        if code != region:
            return []
    return mapper.fn(product.get("productFamily") or "", attrs, region)


# --------------------------------------------------------------------------- prices


def _num(value: float) -> float:
    """Ten significant digits: hides binary noise from unit conversions and RI arithmetic."""
    return float(f"{value:.10g}")


def _bound(value: float) -> float | int:
    value = _num(value)
    return int(value) if value.is_integer() else value


def _factor(claim: Claim, unit: str, sku: str) -> float:
    factor = claim.units.get(unit.lower())
    if factor is None:
        raise ValueError(
            f"SKU {sku}: unit {unit!r} is not one this update understands for {claim.key} "
            f"(expected {', '.join(sorted(claim.units))})"
        )
    return factor


def _usd(dimension: Mapping[str, Any], sku: str) -> float:
    try:
        return float(dimension["pricePerUnit"]["USD"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"SKU {sku}: price dimension without a USD price") from None


def _on_demand_entry(terms: Mapping[str, Any] | None, claim: Claim, sku: str) -> dict | None:
    entries = []
    for term in (terms or {}).values():
        dims = list((term.get("priceDimensions") or {}).values())
        if not dims:
            continue
        rows = []
        for dim in dims:
            factor = _factor(claim, dim.get("unit", ""), sku)
            begin = float(dim.get("beginRange") or 0)
            end = dim.get("endRange")
            upper = None if end in (None, "", "Inf") else float(end) / factor
            rows.append((begin, upper, _num(_usd(dim, sku) * factor)))
        rows.sort(key=lambda r: r[0])
        entry: dict[str, Any] = {"usd": rows[0][2], "unit": claim.unit}
        if len(rows) > 1 or rows[0][0] != 0 or rows[0][1] is not None:
            entry["tiers"] = [[None if upper is None else _bound(upper), usd] for _, upper, usd in rows]
        entries.append(entry)
    return _one(entries, claim.key, sku)


def _reserved_entry(terms: Mapping[str, Any] | None, claim: Claim, sku: str) -> dict | None:
    assert claim.reserved is not None
    years, option = claim.reserved
    entries = []
    for term in (terms or {}).values():
        attrs = term.get("termAttributes") or {}
        if attrs.get("LeaseContractLength", "").replace(" ", "") != f"{years}yr":
            continue
        if attrs.get("PurchaseOption") != option or attrs.get("OfferingClass", "standard") != "standard":
            continue
        hourly = upfront = 0.0
        for dim in (term.get("priceDimensions") or {}).values():
            unit = dim.get("unit", "").lower()
            if unit in _HOURS:
                hourly += _usd(dim, sku)
            elif unit == "quantity":
                upfront += _usd(dim, sku)
            else:
                raise ValueError(f"SKU {sku}: reserved price unit {dim.get('unit')!r} not understood")
        usd = (hourly + upfront / (years * HOURS_PER_YEAR)) * _factor(claim, "hrs", sku)
        entries.append({"usd": _num(usd), "unit": claim.unit})
    return _one(entries, claim.key, sku)


def _one(entries: list[dict], key: str, sku: str) -> dict | None:
    if not entries:
        return None
    if any(e != entries[0] for e in entries[1:]):
        raise ValueError(f"SKU {sku}: several different terms price {key}")
    return entries[0]


def _prices(offer: _Offer, source_id: str) -> dict[str, dict]:
    found: dict[str, list[tuple[int, str, dict]]] = {}
    for sku in sorted(offer.claims):
        for claim in offer.claims[sku]:
            if claim.reserved is None:
                entry = _on_demand_entry(offer.on_demand.get(sku), claim, sku)
            else:
                entry = _reserved_entry(offer.reserved.get(sku), claim, sku)
            if entry is not None:
                found.setdefault(claim.key, []).append((claim.priority, sku, entry))
    prices = {}
    for key, candidates in found.items():
        top = max(priority for priority, _, _ in candidates)
        best = [(sku, entry) for priority, sku, entry in candidates if priority == top]
        if any(entry != best[0][1] for _, entry in best[1:]):
            listing = "; ".join(f"{sku}: {entry['usd']}" for sku, entry in best)
            raise ValueError(f"ambiguous price for {key}: products disagree ({listing})")
        prices[key] = {**best[0][1], "source": source_id}
    return prices


# --------------------------------------------------------------------------- update


@dataclass(frozen=True)
class UpdateResult:
    service: str
    region: str
    source_id: str
    publication_date: str
    version: str
    origin: str
    added: int
    changed: int
    unchanged: int
    removed: int
    added_keys: tuple[str, ...] = ()
    changed_keys: tuple[str, ...] = ()
    removed_keys: tuple[str, ...] = ()
    region_file: Path | None = None
    sources_file: Path | None = None

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged


def source_id_for(service: str, region: str) -> str:
    return f"aws-price-list-{service}-{region}"


def _check_service(service: str) -> ServiceMapper:
    mapper = MAPPERS.get(service)
    if mapper is None:
        raise ValueError(
            f"unsupported service {service!r}: supported offer codes are {', '.join(supported_services())}"
        )
    return mapper


def _open_offer(stack: contextlib.ExitStack, file: Path | None, url: str, fetch: Fetch) -> IO[bytes]:
    """The offer file as a seekable binary stream (it is read in passes), closed with `stack`.

    What cannot seek (a download, a pipe) is first copied to a temporary file, a
    chunk at a time; a .gz file is decompressed as it is read.
    """
    raw = stack.enter_context(open(file, "rb") if file is not None else fetch(url))
    if not raw.seekable():
        copy = stack.enter_context(tempfile.TemporaryFile())
        shutil.copyfileobj(raw, copy, _CHUNK)
        copy.seek(0)
        raw = copy
    if file is not None and Path(file).suffix == ".gz":
        raw = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
    return raw


def update(
    service: str,
    region: str,
    data_dir: Path,
    *,
    url: str | None = None,
    file: Path | None = None,
    fetch: Fetch = default_fetch,
) -> UpdateResult:
    """Refresh `service`'s prices for `region` in the catalogue under `data_dir`.

    Reads the offer file from `file` (a local path, optionally .gz), else from
    `url`, else from the documented current-offer URL, through `fetch` (a stream that
    cannot seek is copied to a temporary file first: the file is read in passes). Writes
    `data_dir/regions/<region>.json` and `data_dir/sources.json`. Raises
    ValueError for an unsupported service, a bad region code, an offer file for
    another service, or one that prices nothing for this service and region
    (nothing is written then).
    """
    mapper = _check_service(service)
    if not _REGION_RE.match(region):
        raise ValueError(f"not an AWS region code: {region!r}")
    if url is not None and file is not None:
        raise ValueError("give either url or file, not both")
    data_dir = Path(data_dir)
    public_url = url or offer_url(service, region)
    origin = Path(file).name if file is not None else public_url
    source_id = source_id_for(service, region)

    with contextlib.ExitStack() as stack:
        offer = _read_offer(_open_offer(stack, file, public_url, fetch), service, region, mapper)

    if offer.meta.get("offerCode") != service:
        raise ValueError(f"{origin}: no offerCode {service!r} in the offer file")
    published = str(offer.meta.get("publicationDate") or "")
    if not re.match(r"^\d{4}-\d{2}-\d{2}", published):
        raise ValueError(f"{origin}: the offer file has no publicationDate")
    prices = _prices(offer, source_id)
    if not prices:
        seen = ", ".join(sorted(offer.regions_seen)) or "none named"
        raise ValueError(
            f"{origin}: nothing in this {service} offer file prices a catalogue key in {region} "
            f"(regions in the file: {seen}); the catalogue was left unchanged"
        )

    current = read_region(data_dir, region)
    merged = {key: entry for key, entry in current.items() if entry.get("source") != source_id or key in prices}
    removed = sorted(set(current) - set(merged))
    added, changed, unchanged = [], [], []
    for key, entry in prices.items():
        before = current.get(key)
        (added if before is None else unchanged if before == entry else changed).append(key)
        merged[key] = entry

    version = str(offer.meta.get("version") or "")
    title = f"AWS Price List bulk offer file, {service} {region}"
    if version:
        title += f" (version {version})"
    if mapper.note:
        title += f": {mapper.note}"
    sources = read_sources(data_dir)
    sources[source_id] = {"title": title, "origin": origin, "date": published[:10], "url": public_url}

    region_file = write_region(data_dir, region, merged)
    sources_file = write_sources(data_dir, sources)
    return UpdateResult(
        service=service,
        region=region,
        source_id=source_id,
        publication_date=published[:10],
        version=version,
        origin=origin,
        added=len(added),
        changed=len(changed),
        unchanged=len(unchanged),
        removed=len(removed),
        added_keys=tuple(sorted(added)),
        changed_keys=tuple(sorted(changed)),
        removed_keys=tuple(removed),
        region_file=region_file,
        sources_file=sources_file,
    )
