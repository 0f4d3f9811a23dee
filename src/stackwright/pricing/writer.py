"""Deterministic writing of the catalogue files (docs/price-catalogue.md).

Shared by `prices build` (public snapshots) and `prices update` (AWS Price List
offer files): same inputs give byte-identical files, one price per line.
"""

from __future__ import annotations

import json
from pathlib import Path


def _entry_json(entry: dict) -> str:
    return json.dumps(entry, sort_keys=True, separators=(", ", ": "), ensure_ascii=False)


def dump_region(region: str, prices: dict[str, dict]) -> str:
    lines = [f"{json.dumps(key)}: {_entry_json(prices[key])}" for key in sorted(prices)]
    body = ",\n".join(lines)
    return f'{{"region": {json.dumps(region)}, "prices": {{\n{body}\n}}}}\n'


def write_region(data_dir: Path, region: str, prices: dict[str, dict]) -> Path:
    path = Path(data_dir) / "regions" / f"{region}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_region(region, prices), encoding="utf-8")
    return path


def read_region(data_dir: Path, region: str) -> dict[str, dict]:
    path = Path(data_dir) / "regions" / f"{region}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["prices"]


def dump_sources(sources: dict[str, dict]) -> str:
    lines = [f"{json.dumps(sid)}: {_entry_json(sources[sid])}" for sid in sorted(sources)]
    return '{"sources": {\n' + ",\n".join(lines) + "\n}}\n"


def write_sources(data_dir: Path, sources: dict[str, dict]) -> Path:
    path = Path(data_dir) / "sources.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_sources(sources), encoding="utf-8")
    return path


def read_sources(data_dir: Path) -> dict[str, dict]:
    path = Path(data_dir) / "sources.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["sources"]


def write_instance_sizes(data_dir: Path, sizes: dict[str, dict[str, dict]]) -> Path:
    """vCPU and memory per instance type, by family; one type per line."""
    path = Path(data_dir) / "instance_sizes.json"
    blocks = []
    for family in sorted(sizes):
        lines = [f"{json.dumps(t)}: {_entry_json(sizes[family][t])}" for t in sorted(sizes[family])]
        blocks.append(f"{json.dumps(family)}: {{\n" + ",\n".join(lines) + "\n}")
    path.write_text("{\n" + ",\n".join(blocks) + "\n}\n", encoding="utf-8")
    return path
