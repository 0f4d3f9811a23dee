"""Read access to the generated price catalogue (see docs/price-catalogue.md).

Only the region a spec names is loaded: one small JSON file, so `cost` stays fast.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    origin: str
    date: str
    url: str = ""
    commit: str = ""
    license: str = ""


@dataclass(frozen=True)
class Price:
    key: str
    usd: float
    unit: str
    source: Source
    estimate: str | None = None
    # [(upper bound in units per month, or None for no bound, usd), ...]
    tiers: tuple[tuple[float | None, float], ...] | None = None
    # The older figure a newer source replaced: {"usd", "source", "date"[, "tiers"]}.
    replaces: dict | None = None

    def cost(self, quantity: float) -> float:
        """Monthly cost of `quantity` units, walking the tiers when there are any."""
        if not self.tiers:
            return self.usd * quantity
        total, lower = 0.0, 0.0
        for upper, usd in self.tiers:
            if quantity <= lower:
                break
            in_tier = quantity - lower if upper is None else min(quantity, upper) - lower
            total += in_tier * usd
            if upper is None:
                break
            lower = upper
        return total


class MissingPrice(LookupError):
    def __init__(self, key: str, region: str):
        self.key, self.region = key, region
        super().__init__(f"no price for SKU '{key}' in region {region}")


class UnknownRegion(LookupError):
    def __init__(self, region: str):
        self.region = region
        super().__init__(f"unknown region '{region}'")


@cache
def sources() -> dict[str, Source]:
    raw = json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))["sources"]
    return {sid: Source(id=sid, **fields) for sid, fields in raw.items()}


@cache
def newest_date() -> str:
    """The date of the catalogue's newest source: how old every other price is, is measured from it."""
    return max(source.date for source in sources().values())


STALE_AFTER_MONTHS = 12


def months_between(older: str, newer: str) -> int:
    """Whole months from one ISO date to a later one (2024-07-18 -> 2026-05-03: 21)."""
    (y0, m0, d0), (y1, m1, d1) = ((int(x) for x in d.split("-")) for d in (older, newer))
    return (y1 - y0) * 12 + (m1 - m0) - (d1 < d0)


def staleness(source: Source) -> str | None:
    """A note when a source is more than 12 months older than the catalogue's newest, else None."""
    return _staleness(source.date, newest_date())


@cache
def _staleness(date: str, newest: str) -> str | None:  # every bill line asks: one answer per source date
    months = months_between(date, newest)
    if months < STALE_AFTER_MONTHS or (months == STALE_AFTER_MONTHS and date[5:] == newest[5:]):
        return None
    return (f"price dated {date}, {months} months older than the catalogue's newest source ({newest}); "
            "refresh it with `stackwright prices update`")


def regions() -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / "regions").glob("*.json"))


class RegionPrices:
    def __init__(self, region: str, raw: dict[str, dict]):
        self.region = region
        self._raw = raw
        self._prices: dict[str, Price] = {}  # built once per key: the optimiser prices the same SKUs many times

    def __contains__(self, key: str) -> bool:
        return key in self._raw

    def keys(self) -> list[str]:
        return sorted(self._raw)

    def get(self, key: str) -> Price:
        price = self._prices.get(key)
        if price is None:
            price = self._prices[key] = self._build(key)
        return price

    def _build(self, key: str) -> Price:
        entry = self._raw.get(key)
        if entry is None:
            raise MissingPrice(key, self.region)
        tiers = entry.get("tiers")
        return Price(
            key=key,
            usd=entry["usd"],
            unit=entry["unit"],
            source=sources()[entry["source"]],
            estimate=entry.get("estimate"),
            tiers=tuple((upper, usd) for upper, usd in tiers) if tiers else None,
            replaces=entry.get("replaces"),
        )


@dataclass(frozen=True)
class InstanceSize:
    vcpu: int
    memory_gib: float


@cache
def _sizes() -> dict[str, dict[str, dict]]:
    return json.loads((DATA_DIR / "instance_sizes.json").read_text(encoding="utf-8"))


def instance_size(family: str, instance_type: str) -> InstanceSize | None:
    """vCPU and memory of an EC2 type, RDS class or ElastiCache node type, as AWS's price list states."""
    entry = _sizes().get(family, {}).get(instance_type)
    return InstanceSize(**entry) if entry else None


def instance_types(family: str) -> dict[str, InstanceSize]:
    return {t: InstanceSize(**e) for t, e in _sizes().get(family, {}).items()}


REGION_CODE = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")


@cache
def load(region: str) -> RegionPrices:
    path = DATA_DIR / "regions" / f"{region}.json"
    if not REGION_CODE.match(region) or not path.is_file():  # a region code, never a path to any JSON
        raise UnknownRegion(region)
    raw = json.loads(path.read_text(encoding="utf-8"))
    return RegionPrices(region, raw["prices"])
