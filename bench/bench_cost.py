"""Wall and CPU time of `stackwright cost --format json` per blueprint (interpreter start included), and on
generated specs of 100 to 1,000 services to show the cost grows linearly. Prints a Markdown table for the
README: the best wall time of RUNS (the least disturbed run) and the median CPU seconds (user + system of
the process, which a machine busy with other work inflates far less than wall time)."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(spec: Path) -> str:
    """Best wall time and median CPU seconds of RUNS cold `stackwright cost` processes."""
    walls, cpus = [], []
    for _ in range(RUNS):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-m", "stackwright", "cost", str(spec), "--format", "json"],
                       check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return f"{min(walls):.3f} | {statistics.median(cpus):.3f}"


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
    print("| spec | wall time, best (s) | CPU, median (s) |\n|---|---:|---:|")
    for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
        print(f"| {blueprint.name} | {timed(blueprint)} |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for services in (100, 250, 500, 1000):
            path = Path(tmp) / f"generated-{services}.yaml"
            path.write_text(yaml.safe_dump(generated_spec(services)), encoding="utf-8")
            print(f"| generated, {services:,} services | {timed(path)} |", flush=True)


if __name__ == "__main__":
    main()
