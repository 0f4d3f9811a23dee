"""Wall time of the optimiser on every blueprint, in one process (the search, not start-up), with what it
found: the saving keeping every field the document wrote (except changes it planned itself), the saving
once every change is consented (`constraints.may_change: ["*"]`), the composite availability before and
after, and the size of the Pareto front. Times: wall and CPU seconds (time.process_time, which a machine
busy with other work inflates far less) of the search as written, then the median CPU of RUNS searches of
all six blueprints together (warm: imports and the catalogue loaded).

Where a saving stays below the document's own, the notes under the table measure why: the lines the
document prices far below list that none of its savings touch (the same steps' saving with those lines at
the document's figure), and the moves the document makes that the constraints refuse (the saving they would
add and the availability they leave)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from stackwright.optimize.search import optimize
from stackwright.spec.loader import load
from stackwright.spec.model import ScaleIn

ROOT = Path(__file__).resolve().parents[1]
# What each document's authors reached by hand, as a share of their own baseline.
DOCUMENTS = {"ecommerce": "26.5%", "tiketi": "28.6%", "glimpse": "20.5%"}
RUNS = 5
# Lines a document prices far below list that no saving it lists touches: component -> its USD/month.
DOCUMENT_PRICED = {"tiketi": {"cdn": (5.0, "비용 분석 table: \"CloudFront | 1TB 전송 | $5\"")}}
# Moves in a document's own saving that its constraints refuse: component -> fields it changes.
DOCUMENT_MOVES = {"tiketi": {"backend": ({"scale_in": ScaleIn(off_hours_per_week=49, count=1)},
                                         "비용 최적화 방안 4. \"심야: 1 Task\", below its own minimum of 2 "
                                         "(\"Desired Count: 2 (최소 가용성)\")")}}


def _saving(result) -> float:
    return 1 - result.optimized_monthly_usd / result.baseline_monthly_usd


def _why_short(name: str, spec, result) -> list[str]:
    """What keeps `result` below the document's saving, measured on the optimised spec."""
    from stackwright.optimize.availability import composite, meets
    from stackwright.optimize.rule import with_component
    from stackwright.spec_bill import price

    notes, saved = [], result.baseline_monthly_usd - result.optimized_monthly_usd
    lines = price(result.baseline).by_resource()
    for component, (usd, where) in DOCUMENT_PRICED.get(name, {}).items():
        baseline = result.baseline_monthly_usd - lines[component] + usd
        notes.append(f"{name}: the document prices {component} at ${usd:,.2f} ({where}); list prices give "
                     f"${lines[component]:,.2f}, which none of its savings touch: with that line at the document's "
                     f"figure, the same steps save {saved / baseline:.1%}")
    for component, (changes, where) in DOCUMENT_MOVES.get(name, {}).items():
        moved = with_component(result.optimized, component, **changes)
        total, level = price(moved).total, composite(moved).percent
        kept = "keeps" if meets(level, spec.availability_target) else "breaks"
        further = result.optimized_monthly_usd - total
        notes.append(f"{name}: the document's {where} would save a further ${further:,.2f} "
                     f"({1 - total / result.baseline_monthly_usd:.1%} in all) but composes to {level:.3f}%, which "
                     f"{kept} the {spec.availability_target:g}% target (availability constraint)")
    return notes


def main() -> None:
    print("| blueprint | baseline USD | optimised USD | saving | with consent | document | availability "
          "(target) | front | steps | seconds | CPU s |\n|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    start = time.perf_counter()
    specs, notes = [], []
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
        document = DOCUMENTS.get(blueprint.stem)
        if document and _saving(result) < float(document.rstrip("%")) / 100:
            notes += _why_short(blueprint.stem, spec, result)
    print("".join(f"\n- {note}" for note in notes))
    print(f"\nall blueprints, both runs: {time.perf_counter() - start:.2f} s")
    together = []
    for _ in range(RUNS):
        cpu = time.process_time()
        for spec in specs:
            optimize(spec)
        together.append(time.process_time() - cpu)
    print(f"all six as written, median of {RUNS}: {statistics.median(together):.3f} s CPU "
          "(the same specs again: every variant's sum is remembered)")
    afresh = []
    for _ in range(RUNS):
        _forget_prices()
        cpu = time.process_time()
        for spec in specs:
            optimize(spec)
        afresh.append(time.process_time() - cpu)
    print(f"all six as written, pricing memos emptied before each run, median of {RUNS}: "
          f"{statistics.median(afresh):.3f} s CPU (what a first search of each pays)")


def _forget_prices() -> None:
    """Empty the memos of whole-spec sums, bill lines and cost components, so every variant is priced afresh."""
    from stackwright import spec_bill
    from stackwright.cost import engine
    from stackwright.resources import price

    spec_bill._sums.clear()
    engine._line.cache_clear()
    price._components_made.clear()


if __name__ == "__main__":
    main()
