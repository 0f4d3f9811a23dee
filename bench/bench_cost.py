"""Wall time of `stackwright cost` per blueprint (interpreter start included), and on generated specs of
100 to 1,000 services to show the cost grows linearly. Prints a Markdown table for the README."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def wall_time(spec: Path) -> float:
    """Best of RUNS: the least disturbed measurement of one cold `stackwright cost` process."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stackwright", "cost", str(spec), "--format", "json"],
                       check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def generated_spec(services: int) -> dict:
    components = {
        f"svc{i:04d}": {
            "kind": "fargate_service", "cpu": 0.5, "memory_gb": 1,
            "tasks": {"min": 2, "desired": 2 + i % 3, "max": 10},
            "capacity_providers": [{"provider": "FARGATE", "base": 1, "weight": 1},
                                   {"provider": "FARGATE_SPOT", "weight": 3}],
        }
        for i in range(services)
    }
    components.update({"lb": {"kind": "alb"}, "nat": {"kind": "nat", "count": 2},
                       "db": {"kind": "rds", "engine": "postgresql", "instance_class": "db.m6g.large"}})
    return {"name": f"generated-{services}", "region": "us-east-1", "components": components}


def main() -> None:
    print("| spec | wall time (s) |\n|---|---:|")
    for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
        print(f"| {blueprint.name} | {wall_time(blueprint):.3f} |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for services in (100, 250, 500, 1000):
            path = Path(tmp) / f"generated-{services}.yaml"
            path.write_text(yaml.safe_dump(generated_spec(services)), encoding="utf-8")
            print(f"| generated, {services:,} services | {wall_time(path):.3f} |", flush=True)


if __name__ == "__main__":
    main()
