"""Search for the cheapest spec that keeps every constraint.

Each round prices every rule's proposals against the current spec and applies the one that saves
most while keeping the constraints; rounds repeat until nothing saves more. Savings are measured
against the spec as it stands after the previous steps, so none is counted twice, and a later
proposal can build on an earlier one (a Graviton class, then a reservation of that class).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stackwright.cost.engine import price
from stackwright.optimize.constraints import availability, capacity_shortfalls, compare
from stackwright.optimize.rule import Proposal, Rule, all_rules
from stackwright.sizing import sizer
from stackwright.spec.model import Spec

MIN_SAVING_USD = 0.01


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    summary: str
    components: list[str]
    monthly_saving_usd: float
    running_total_usd: float
    constraints: dict
    risk: str
    new: bool  # not among the spec's savings_already_listed
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    id: str
    summary: str
    reason: str


@dataclass
class Result:
    baseline: Spec
    baseline_monthly_usd: float
    optimized: Spec
    optimized_monthly_usd: float
    steps: list[Step]
    rejected: list[Rejected]
    warnings: list[str]  # what the baseline already breaks; steps may not make it worse

    def to_json(self) -> dict:
        from dataclasses import asdict

        return {
            "name": self.baseline.name,
            "baseline_monthly_usd": self.baseline_monthly_usd,
            "optimized_monthly_usd": self.optimized_monthly_usd,
            "saving_percent": round(100 * (1 - self.optimized_monthly_usd / self.baseline_monthly_usd), 1)
            if self.baseline_monthly_usd else 0.0,
            "warnings": self.warnings,
            "steps": [asdict(s) for s in self.steps],
            "rejected": [asdict(r) for r in self.rejected],
        }


def _total(spec: Spec, cache: dict[str, float]) -> float:
    key = spec.model_dump_json()
    if key not in cache:
        cache[key] = price(spec).total
    return cache[key]


def optimize(spec: Spec, rules: list[Rule] | None = None) -> Result:
    rules = all_rules() if rules is None else rules
    spec = sizer.resolve(spec)
    totals: dict[str, float] = {}
    baseline_total = current_total = _total(spec, totals)
    current, steps = spec, []
    while True:
        best: tuple[float, Rule, Proposal, dict] | None = None
        rejected: list[Rejected] = []
        for rule in rules:
            for proposal in rule.propose(current):
                if proposal.unpriced:
                    rejected.append(Rejected(rule.id, proposal.summary, proposal.unpriced))
                    continue
                saving = round(current_total - _total(proposal.spec, totals), 2)
                if saving < MIN_SAVING_USD:
                    rejected.append(Rejected(rule.id, proposal.summary,
                                             f"does not pay here: {-saving:+.2f} USD/month"))
                    continue
                check = compare(current, proposal.spec, set(proposal.components))
                if check.broken:
                    rejected.append(Rejected(rule.id, proposal.summary,
                                             "; ".join(check.broken) + f" (would save {saving:.2f} USD/month)"))
                    continue
                if best is None or saving > best[0]:
                    best = (saving, rule, proposal, check.report)
        if best is None:
            break
        saving, rule, proposal, report = best
        current, current_total = proposal.spec, round(current_total - saving, 2)
        steps.append(Step(rule.id, rule.title, proposal.summary, sorted(proposal.components), saving,
                          current_total, report, proposal.risk, _is_new(rule.id, proposal, spec), proposal.details))
    return Result(spec, baseline_total, current, current_total, steps, _dedupe(rejected), baseline_warnings(spec))


def baseline_warnings(spec: Spec) -> list[str]:
    warnings = [f"capacity: {name}: {detail}" for name, detail in capacity_shortfalls(spec).items()]
    level, weakest = availability(spec)
    if level < spec.availability_target:
        warnings.append(f"availability {level:g}% is already below the {spec.availability_target:g}% target "
                        f"(weakest: {weakest})")
    return warnings


def _is_new(rule_id: str, proposal: Proposal, spec: Spec) -> bool:
    """Not listed by the team, either as the whole rule (`OPT002`) or for these components (`OPT002:db`)."""
    listed = set(spec.savings_already_listed)
    return rule_id not in listed and not any(f"{rule_id}:{c}" in listed for c in proposal.components)


def _dedupe(rejected: list[Rejected]) -> list[Rejected]:
    seen, unique = set(), []
    for r in rejected:
        if (r.id, r.summary) not in seen:
            seen.add((r.id, r.summary))
            unique.append(r)
    return unique
