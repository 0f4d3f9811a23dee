"""Wall time of the optimiser on every blueprint, in one process (the search, not start-up), with what it
found: the saving keeping every field the document wrote (except changes it planned itself), the saving
once every change is consented (`constraints.may_change: ["*"]`), the composite availability before and
after, and the size of the Pareto front. Times: wall and CPU seconds (time.process_time, which a machine
busy with other work inflates far less) of the search as written, then the median CPU of RUNS searches of
all six blueprints together (warm: imports and the catalogue loaded)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from stackwright.optimize.search import optimize
from stackwright.spec.loader import load

ROOT = Path(__file__).resolve().parents[1]
# What each document's authors reached by hand, as a share of their own baseline.
DOCUMENTS = {"ecommerce": "26.5%", "tiketi": "28.6%", "glimpse": "20.5%"}
RUNS = 5


def _saving(result) -> float:
    return 1 - result.optimized_monthly_usd / result.baseline_monthly_usd


def main() -> None:
    print("| blueprint | baseline USD | optimised USD | saving | with consent | document | availability "
          "(target) | front | steps | seconds | CPU s |\n|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    start = time.perf_counter()
    specs = []
    for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
        spec = load(blueprint).spec
        specs.append(spec)
        began, cpu = time.perf_counter(), time.process_time()
        result = optimize(spec)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        allowed = spec.constraints.model_copy(update={"may_change": ["*"]})
        consented = optimize(spec.model_copy(update={"constraints": allowed}))
        avail = result.availability
        print(f"| {blueprint.stem} | {result.baseline_monthly_usd:,.2f} | {result.optimized_monthly_usd:,.2f} | "
              f"{_saving(result):.1%} | {_saving(consented):.1%} | {DOCUMENTS.get(blueprint.stem, '—')} | "
              f"{avail['baseline']:.3f}% → {avail['optimized']:.3f}% ({spec.availability_target:g}%) | "
              f"{len(result.front)} | {len(result.steps)} | {took:.3f} | {cpu:.3f} |", flush=True)
    print(f"\nall blueprints, both runs: {time.perf_counter() - start:.2f} s")
    together = []
    for _ in range(RUNS):
        cpu = time.process_time()
        for spec in specs:
            optimize(spec)
        together.append(time.process_time() - cpu)
    print(f"all six as written, median of {RUNS}: {statistics.median(together):.3f} s CPU")


if __name__ == "__main__":
    main()
