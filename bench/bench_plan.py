"""Time build_plan and the CloudFormation renderer per blueprint: in process (plan and render apart),
and as a cold process doing what `stackwright plan` will do (interpreter start, load, plan, write the
template). Target: under 2 s per blueprint for the cold process. Prints a Markdown table."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

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


def main() -> None:
    print("| spec | build_plan (ms) | render (ms) | cold process (s) |\n|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as out:
        for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
            plan_s, render_s = in_process(blueprint)
            print(f"| {blueprint.name} | {plan_s * 1000:.1f} | {render_s * 1000:.1f} | {cold(blueprint, out):.3f} |",
                  flush=True)


if __name__ == "__main__":
    main()
