"""Time build_plan and the CloudFormation renderer per blueprint: in process (plan and render apart),
and as a cold process doing what `stackwright plan` will do (interpreter start, load, plan, write the
template). Target: under 2 s per blueprint for the cold process.

Then `stackwright plan` itself (every output: CloudFormation, Terraform, parameter and usage files, design
document, diagram, report) as a fresh process: CPU seconds (user + system, Graphviz's `dot` included), once
with empty caches (a temp folder of its own: no compiled templates, no Terraform shapes kept from an earlier
run) and the median of PLAN_RUNS after it. Target: under 1 s each. Prints Markdown tables."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
PLAN_RUNS = 3

# What the plan command will run, without the CLI layer (another engineer's part).
COLD = """
import sys
from stackwright.plan import build_plan
from stackwright.render.cloudformation import write_cloudformation
from stackwright.spec.loader import load
loaded = load(sys.argv[1])
write_cloudformation(build_plan(loaded.spec, loaded), sys.argv[2])
"""


def best(measure) -> float:
    """Best of RUNS: the least disturbed measurement."""
    return min(measure() for _ in range(RUNS))


def in_process(spec: Path) -> tuple[float, float]:
    from stackwright.plan import build_plan
    from stackwright.render.cloudformation import render_template
    from stackwright.spec.loader import load

    loaded = load(spec)
    plan = build_plan(loaded.spec, loaded)
    render_template(plan)  # warm imports and caches: the cold column covers start-up

    def plan_time() -> float:
        start = time.perf_counter()
        build_plan(loaded.spec, loaded)
        return time.perf_counter() - start

    def render_time() -> float:
        start = time.perf_counter()
        render_template(plan)
        return time.perf_counter() - start

    return best(plan_time), best(render_time)


def cold(spec: Path, out: str) -> float:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD, str(spec), out], check=True)
        return time.perf_counter() - start

    return best(run)


def plan_cpu(spec: Path, out: str, temp: str) -> float:
    """CPU seconds of one `stackwright plan` process and the processes it waited for (Graphviz)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "stackwright", "plan", str(spec), "--out", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": temp})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    blueprints = sorted((ROOT / "blueprints").glob("*.yaml"))
    print("| spec | build_plan (ms) | render (ms) | cold process (s) |\n|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as out:
        for blueprint in blueprints:
            plan_s, render_s = in_process(blueprint)
            print(f"| {blueprint.name} | {plan_s * 1000:.1f} | {render_s * 1000:.1f} | {cold(blueprint, out):.3f} |",
                  flush=True)
    print(f"\n| spec | `plan` CPU, empty caches (s) | `plan` CPU, median of {PLAN_RUNS} after (s) |\n|---|---:|---:|")
    for blueprint in blueprints:
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as temp:
            first = plan_cpu(blueprint, out, temp)
            after = statistics.median(plan_cpu(blueprint, out, temp) for _ in range(PLAN_RUNS))
            print(f"| {blueprint.name} | {first:.2f} | {after:.2f} |", flush=True)


if __name__ == "__main__":
    main()
