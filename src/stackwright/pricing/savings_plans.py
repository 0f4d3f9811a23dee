"""Savings Plans rates from AWS's savings-plan offer files, and rebuilding a region from a folder of
downloaded Price List files (`stackwright prices update --region R --from DIR`).

The savings-plan offer file is the documented one,
``https://pricing.us-east-1.amazonaws.com/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/<region>/index.json``::

    {"version", "publicationDate", "regionCode",
     "products": [{"sku", "productFamily": "ComputeSavingsPlans" | "EC2InstanceSavingsPlans",
                   "usageType": "ComputeSP:1yrNoUpfront", "attributes": {"purchaseOption", "purchaseTerm", ...}}],
     "terms": {"savingsPlan": [{"sku", "description", "leaseContractLength": {"duration": 1},
                                "rates": [{"discountedServiceCode": "AmazonEC2",
                                           "discountedUsageType": "USE1-BoxUsage:t3.small",
                                           "discountedOperation": "RunInstances", "unit": "Hrs",
                                           "discountedRate": {"price": "0.0151"}, "discountedRegionCode": ...}]}]}}

Only No Upfront plans are read: their rate is the whole hourly price (no upfront fee to spread).
Compute Savings Plans price `<service>/savings-plan-<1y|3y>/...`; EC2 Instance Savings Plans
`ec2/instance-savings-plan-<1y|3y>/<type>`. Linux, shared tenancy only.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import ijson

from stackwright.pricing import update as offers
from stackwright.pricing.writer import read_region, read_sources, write_region, write_sources

SAVINGS_PLAN_OFFER = "AWSComputeSavingsPlan"
PRICE_LIST_BASE = offers.PRICE_LIST_BASE


def offer_url(region: str) -> str:
    return f"{PRICE_LIST_BASE}/savingsPlan/v1.0/aws/{SAVINGS_PLAN_OFFER}/current/{region}/index.json"


_FARGATE = {"Fargate-vCPU-Hours:perCPU": "x86/vcpu", "Fargate-GB-Hours": "x86/memory",
            "Fargate-ARM-vCPU-Hours:perCPU": "arm/vcpu", "Fargate-ARM-GB-Hours": "arm/memory"}
_LAMBDA = {"Lambda-GB-Second": "x86/duration", "Lambda-GB-Second-ARM": "arm/duration",
           "Lambda-Provisioned-GB-Second": "x86/provisioned-duration",
           "Lambda-Provisioned-Concurrency": "x86/provisioned-concurrency"}
_UNITS = {"hrs": "hour", "hours": "hour", "lambda-gb-second": "GB-second"}


def _key(plan: str, years: int, rate: dict) -> tuple[str, str] | None:
    """The catalogue key and unit a savings-plan rate prices, or None."""
    usage = offers._usage({"usagetype": rate.get("discountedUsageType", "")})
    service = rate.get("discountedServiceCode")
    unit = _UNITS.get(str(rate.get("unit", "Hrs")).lower())
    term = f"{years}y"
    if service == "AmazonEC2":
        m = re.fullmatch(r"BoxUsage:(?P<type>[a-z0-9-]+\.[a-z0-9-]+)", usage)
        if not m or rate.get("discountedOperation") != "RunInstances" or unit != "hour":
            return None  # other operating systems, dedicated tenancy, unused reservations
        family = "savings-plan" if plan == "ComputeSavingsPlans" else "instance-savings-plan"
        return f"ec2/{family}-{term}/{m['type']}", "hour"
    if plan != "ComputeSavingsPlans":
        return None
    if service == "AmazonECS" and usage in _FARGATE and unit == "hour":
        return f"fargate/savings-plan-{term}/{_FARGATE[usage]}", "vCPU-hour" if "vcpu" in _FARGATE[usage] else "GB-hour"
    if service == "AWSLambda" and usage in _LAMBDA and unit == "GB-second":
        return f"lambda/savings-plan-{term}/{_LAMBDA[usage]}", "GB-second"
    return None


def _read(path: Path) -> tuple[dict[str, Any], dict[str, dict], list[dict]]:
    meta: dict[str, Any] = {}
    with (gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")) as fp:
        for prefix, event, value in ijson.parse(fp):
            if prefix in ("version", "publicationDate", "regionCode") and event == "string":
                meta[prefix] = value
        fp.seek(0)
        products = {p["sku"]: p for p in ijson.items(fp, "products.item") if isinstance(p, dict) and "sku" in p}
        fp.seek(0)
        terms = [t for t in ijson.items(fp, "terms.savingsPlan.item") if isinstance(t, dict)]
    return meta, products, terms


def update(region: str, data_dir: Path, file: Path) -> offers.UpdateResult:
    """Price Savings Plans for `region` from a savings-plan offer file; same merge rules as `update.update`."""
    if not offers._REGION_RE.match(region):
        raise ValueError(f"not an AWS region code: {region!r}")
    try:
        meta, products, terms = _read(Path(file))
    except ijson.JSONError as err:
        raise ValueError(f"{Path(file).name}: not a valid savings-plan offer file: {err}") from None
    published = str(meta.get("publicationDate", ""))
    if not re.match(r"^\d{4}-\d{2}-\d{2}", published):
        raise ValueError(f"{Path(file).name}: the savings-plan offer file has no publicationDate")
    if meta.get("regionCode") not in (None, region):
        raise ValueError(f"{Path(file).name}: the savings-plan offer file is for {meta['regionCode']}, not {region}")
    source_id = f"aws-savings-plans-{region}"
    found: dict[str, dict] = {}
    for term in terms:
        product = products.get(term.get("sku"), {})
        attrs = product.get("attributes") or {}
        plan = product.get("productFamily")
        years = int(float((term.get("leaseContractLength") or {}).get("duration", 0)))
        if attrs.get("purchaseOption") != "No Upfront" or plan not in ("ComputeSavingsPlans", "EC2InstanceSavingsPlans"):
            continue
        for rate in term.get("rates") or []:
            if rate.get("discountedRegionCode", region) != region:
                continue
            hit = _key(plan, years, rate)
            if hit is None:
                continue
            key, unit = hit
            entry = {"usd": offers._num(float(rate["discountedRate"]["price"])), "unit": unit, "source": source_id}
            if key in found and found[key] != entry:
                raise ValueError(f"ambiguous savings-plan rate for {key}: {found[key]['usd']} and {entry['usd']}")
            found[key] = entry
    if not found:
        raise ValueError(f"{Path(file).name}: no No Upfront Linux Savings Plans rate for {region}; "
                         "the catalogue was left unchanged")
    current = read_region(data_dir, region)
    merged = {k: e for k, e in current.items() if e.get("source") != source_id or k in found}
    removed = sorted(set(current) - set(merged))
    added = sorted(k for k in found if k not in current)
    changed = sorted(k for k in found if k in current and current[k] != found[k])
    merged.update(found)
    sources = read_sources(data_dir)
    sources[source_id] = {
        "title": f"AWS Price List savings-plan offer file, {region} (version {meta.get('version', '')}): Compute and "
                 "EC2 Instance Savings Plans, No Upfront, Linux shared tenancy, Fargate and Lambda; hourly rate",
        "origin": Path(file).name, "date": published[:10], "url": offer_url(region)}
    region_file = write_region(data_dir, region, merged)
    sources_file = write_sources(data_dir, sources)
    return offers.UpdateResult(
        service=SAVINGS_PLAN_OFFER, region=region, source_id=source_id, publication_date=published[:10],
        version=str(meta.get("version", "")), origin=Path(file).name, added=len(added), changed=len(changed),
        unchanged=len(found) - len(added) - len(changed), removed=len(removed), added_keys=tuple(added),
        changed_keys=tuple(changed), removed_keys=tuple(removed), region_file=region_file, sources_file=sources_file)


def offer_files(folder: Path, region: str) -> dict[str, Path]:
    """The downloaded offer files for `region` under `folder`, by offer code.

    `folder` mirrors the Price List URLs (`offers/v1.0/aws/<code>/current/<region>/index.json`,
    `savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/<region>/index.json`), from any level down to
    `<code>/current/<region>/index.json`; `<code>-<region>.json` files are accepted too.
    """
    folder = Path(folder)
    found: dict[str, Path] = {}
    codes = [*offers.supported_services(), SAVINGS_PLAN_OFFER]
    for code in codes:
        candidates = [*folder.glob(f"**/{code}/current/{region}/index.json"),
                      *folder.glob(f"**/{code}/current/{region}/index.json.gz"), folder / f"{code}-{region}.json"]
        existing = sorted(p for p in candidates if p.is_file())
        if existing:
            found[code] = existing[0]
    return found


def update_from(folder: Path, region: str, data_dir: Path) -> list[offers.UpdateResult]:
    """Rebuild `region`'s prices from every offer file downloaded under `folder` (see `offer_files`)."""
    files = offer_files(folder, region)
    if not files:
        raise ValueError(f"{folder}: no offer files for {region} (expected e.g. "
                         f"offers/v1.0/aws/AmazonEC2/current/{region}/index.json)")
    results = []
    for code, path in files.items():
        if code == SAVINGS_PLAN_OFFER:
            results.append(update(region, data_dir, path))
        else:
            results.append(offers.update(code, region, data_dir, file=path))
    return results
