"""How `cost`, `plan`, `optimize` and `import` grow with the size of a spec: generated specs of 10, 100 and
1,000 services, each command run as a fresh `stackwright` process (interpreter start included, as a
user or CI sees it). Prints wall time (median of RUNS where one run is cheap), the process's peak
memory (maximum resident set), CPU seconds (user + system, which a busy machine inflates far less than
wall time) and the growth exponent from 100 to 1,000 services.

The growth exponent is fitted on CPU seconds beyond a fixed floor: k = log(t(1000) - t(1)) - log(t(100) - t(1))
over log(999 / 99), where t(1) is the same command on a one-service spec (interpreter start, imports,
catalogue load). A linear command has k = 1, a quadratic one k = 2.

`plan` writes every output (CloudFormation, Terraform, usage files, design document, diagram, report)
into a temporary folder; its per-output seconds are printed as well, the diagram apart since Graphviz's
layout is outside stackwright. `import` reads the Terraform that `plan` wrote.

    python bench/bench_scale.py [--sizes 10,100,1000] [--timeout 600] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

RUNS = 3
CHEAP_SECONDS = 20  # a first run under this is repeated for a median
FLOOR_SIZE = 1

# Runs one CLI command in-process, timing each `plan` output step, and writes the timings to a file.
DRIVER = """
import json, sys, time
from stackwright import cli, planner

timings, original = {}, planner.steps

def timed_steps(*args, **kwargs):
    for step in original(*args, **kwargs):
        def write(step=step):
            start = time.perf_counter()
            written = step.write()
            timings[step.name] = time.perf_counter() - start
            return written
        yield planner.Step(step.name, write)

planner.steps = timed_steps
try:
    cli.app(sys.argv[2:], prog_name="stackwright")
finally:
    with open(sys.argv[1], "w") as out:
        json.dump(timings, out)
"""


def generated_spec(services: int) -> dict:
    """`services` workloads in a mix like the blueprints': in every ten, nine Fargate services (some
    sized from traffic, some on Spot, some on Graviton) and one EC2 Auto Scaling group; then the shared
    platform they use, as in every blueprint: two RDS databases, two caches (one sized from traffic),
    two buckets, a load balancer, NAT, CDN, DNS, WAF, registry, monitoring and secrets.

    The data stores stay a handful on purpose: the spec says nothing about which service uses which
    store, so the plan gives every workload the address, credentials and IAM access of every store; a
    spec with a store per service would make the plan itself grow as services × stores."""
    components: dict[str, dict] = {}
    for i in range(services):
        if i % 10 == 9:
            components[f"workers{i:04d}"] = {"kind": "ec2_asg", "instance_type": "m6i.large",
                                             "instances": {"min": 1, "desired": 2, "max": 4}}
            continue
        service: dict = {"kind": "fargate_service", "cpu": (0.25, 0.5, 1)[i % 3],
                         "memory_gb": (0.5, 1, 2)[i % 3], "runtime": ("node", "go", "fastapi")[i % 3]}
        if i % 4:
            service["tasks"] = {"min": 2, "desired": 2 + i % 3, "max": 10}
        if i % 5 == 1:
            service["capacity_providers"] = [{"provider": "FARGATE", "base": 1, "weight": 1},
                                             {"provider": "FARGATE_SPOT", "weight": 3}]
        elif i % 5 == 2:
            service["arch"] = "arm"
        components[f"svc{i:04d}"] = service
    components.update({
        "orders-db": {"kind": "rds", "engine": "postgresql", "instance_class": "db.r6g.xlarge", "multi_az": True,
                      "storage": {"gb": 100}},
        "users-db": {"kind": "rds", "engine": "mysql", "instance_class": "db.t4g.medium", "storage": {"gb": 50}},
        "sessions": {"kind": "elasticache", "replicas_per_shard": 1},
        "catalog-cache": {"kind": "elasticache", "node_type": "cache.t4g.micro"},
        "assets": {"kind": "s3", "storage_gb": 500},
        "uploads": {"kind": "s3", "storage_gb": 100, "infrequent_access_share": 0.3},
        "lb": {"kind": "alb"},
        "nat": {"kind": "nat", "count": 2},
        "cdn": {"kind": "cloudfront"},
        "dns": {"kind": "route53"},
        "firewall": {"kind": "waf"},
        "registry": {"kind": "ecr", "storage_gb": 20},
        "monitoring": {"kind": "cloudwatch", "alarms": 10, "dashboards": 1},
        "secrets": {"kind": "secrets_manager", "secrets": 5},
    })
    return {"name": f"generated-{services}", "region": "us-east-1", "availability_target": 99.9,
            "traffic": {"dau": 100 * services, "peak_rps": 5 * services}, "components": components}


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system, Graphviz included
    peak_mb: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    timed_out: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)


def run_once(args: list[str], timeout: float, measure: Measure) -> None:
    """One fresh process: wall time, peak resident memory (wait4's ru_maxrss, KiB on Linux), step times."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as timings:
        timings_path = timings.name
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", DRIVER, timings_path, *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            measure.timed_out = True
            return
        time.sleep(0.01)
    took = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode()
    if process.returncode not in (0, 1):  # check findings may exit 1; anything else is a failure
        raise SystemExit(f"stackwright {' '.join(args)} failed ({process.returncode}):\n{error[-2000:]}")
    measure.seconds.append(took)
    measure.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
    measure.peak_mb = max(measure.peak_mb, usage.ru_maxrss / 1024)
    measure.steps = json.loads(Path(timings_path).read_text() or "{}")
    os.unlink(timings_path)


def measure(args: list[str], timeout: float, runs: int) -> Measure:
    result = Measure()
    run_once(args, timeout, result)
    if not result.timed_out and result.seconds[0] < CHEAP_SECONDS:
        result.seconds.clear()  # the first run warmed the file cache; repeat for a median
        result.cpu_seconds.clear()
        while len(result.seconds) < runs:
            run_once(args, timeout, result)
    return result


def exponent(floor: Measure, small: Measure, large: Measure, sizes: tuple[int, int]) -> str:
    if any(m.timed_out for m in (floor, small, large)):
        return "—"
    grown, base = large.cpu_median - floor.cpu_median, small.cpu_median - floor.cpu_median
    if base <= 0 or grown <= 0:
        return "—"
    return f"{math.log(grown / base) / math.log((sizes[1] - FLOOR_SIZE) / (sizes[0] - FLOOR_SIZE)):.2f}"


def commands(spec: Path, out: Path) -> dict[str, list[str]]:
    return {
        "cost": ["cost", str(spec), "--format", "json"],
        "plan": ["plan", str(spec), "--out", str(out)],
        "optimize": ["optimize", str(spec), "--format", "json"],
        "import": ["import", str(out / "terraform"), "--format", "json"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="service counts, comma-separated")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one run is given up")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per cheap measurement (median)")
    parser.add_argument("--only", default="cost,plan,optimize,import", help="commands to measure")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    wanted = options.only.split(",")
    results: dict[tuple[str, int], Measure] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted({FLOOR_SIZE, *sizes}):
            spec = Path(tmp) / f"generated-{size}.yaml"
            spec.write_text(yaml.safe_dump(generated_spec(size), sort_keys=False), encoding="utf-8")
            out = Path(tmp) / f"plan-{size}"
            for name, args in commands(spec, out).items():
                if name not in wanted or (name == "import" and not (out / "terraform").is_dir()):
                    continue
                results[name, size] = m = measure(args, options.timeout, options.runs)
                shown = (f"> {options.timeout:g} s" if m.timed_out else
                         f"{m.median:.2f} s, {m.cpu_median:.2f} s CPU, {m.peak_mb:.0f} MB")
                print(f"{name} {size}: {shown}", file=sys.stderr, flush=True)
    header = " | ".join(f"{s:,} wall (CPU) s" for s in sizes)
    growth = f"growth {sizes[-2]:,}→{sizes[-1]:,}" if len(sizes) > 1 else "growth"
    print(f"| command | {header} | peak MB at {sizes[-1]:,} | {growth} |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    for name in wanted:
        row = [results.get((name, s)) for s in sizes]
        cells = ["—" if m is None else f"> {options.timeout:g}" if m.timed_out else
                 f"{m.median:.2f} ({m.cpu_median:.2f})" for m in row]
        last = row[-1]
        peak = "—" if last is None or last.timed_out else f"{last.peak_mb:.0f}"
        pieces = (results.get((name, FLOOR_SIZE)), row[-2], last) if len(sizes) > 1 else ()
        growth = exponent(*pieces, sizes=(sizes[-2], sizes[-1])) if pieces and all(pieces) else "—"
        print(f"| `{name}` | {' | '.join(cells)} | {peak} | {growth} |")
    plans = [(s, results.get(("plan", s))) for s in sizes]
    plans = [(s, m) for s, m in plans if m and not m.timed_out and m.steps]
    if plans:
        names = list(plans[0][1].steps)
        print(f"\n| `plan` output (s) | {' | '.join(f'{s:,}' for s, _ in plans)} |")
        print("|---|" + "---:|" * len(plans))
        for step in names:
            print(f"| {step} | {' | '.join(f'{m.steps.get(step, 0):.2f}' for _, m in plans)} |")


if __name__ == "__main__":
    main()
