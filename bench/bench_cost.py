"""Wall and CPU time of a cold `stackwright cost` per blueprint (a fresh interpreter each run, start-up
included), as the table a terminal shows and as JSON, and as JSON on generated specs of 100 to 1,000
services to show the cost grows linearly. Fresh processes may write and read bytecode (in a scratch
PYTHONPYCACHEPREFIX), as an installed package has it, whatever the environment says; one run first writes
it. Prints a Markdown table for the README: the median wall time and the median CPU seconds (user + system
of the process, which a machine busy with other work inflates far less than wall time) of RUNS runs, and
the load average before and after."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(spec: Path, output: str, environment: dict[str, str]) -> str:
    """Median wall time and median CPU seconds of RUNS cold `stackwright cost` processes."""
    command = [sys.executable, "-m", "stackwright", "cost", str(spec), "--format", output]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)  # writes the bytecode
    walls, cpus = [], []
    for _ in range(RUNS):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return f"{statistics.median(walls):.3f} | {statistics.median(cpus):.3f}"


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


def _load() -> str:
    return " / ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    print(f"load average before: {_load()}\n")
    print("| spec | table: wall, median (s) | table: CPU, median (s) | JSON: wall, median (s) "
          "| JSON: CPU, median (s) |\n|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        environment["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
            print(f"| {blueprint.name} | {timed(blueprint, 'table', environment)} "
                  f"| {timed(blueprint, 'json', environment)} |", flush=True)
        for services in (100, 250, 500, 1000):
            path = Path(tmp) / f"generated-{services}.yaml"
            path.write_text(yaml.safe_dump(generated_spec(services)), encoding="utf-8")
            print(f"| generated, {services:,} services | | | {timed(path, 'json', environment)} |", flush=True)
    print(f"\nload average after: {_load()}")


if __name__ == "__main__":
    main()
