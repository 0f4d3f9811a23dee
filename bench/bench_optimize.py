"""Wall time of the optimiser on every blueprint, in one process (the search, not start-up)."""

from __future__ import annotations

import time
from pathlib import Path

from stackwright.optimize.search import optimize
from stackwright.spec.loader import load

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    print("| blueprint | baseline USD | optimised USD | saving | steps | seconds |\n|---|---:|---:|---:|---:|---:|")
    start = time.perf_counter()
    for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
        began = time.perf_counter()
        result = optimize(load(blueprint).spec)
        took = time.perf_counter() - began
        saved = 1 - result.optimized_monthly_usd / result.baseline_monthly_usd
        print(f"| {blueprint.stem} | {result.baseline_monthly_usd:,.2f} | {result.optimized_monthly_usd:,.2f} | "
              f"{saved:.1%} | {len(result.steps)} | {took:.3f} |", flush=True)
    print(f"\nall blueprints: {time.perf_counter() - start:.2f} s (target: under 2 s)")


if __name__ == "__main__":
    main()
