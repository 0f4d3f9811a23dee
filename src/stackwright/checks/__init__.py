"""Plan-level checks: what cfn-lint cannot see (capacity, region, ports, WAF scope) and what a
reviewer would flag (open databases, single points of failure). `run_checks(spec, plan)`."""

from __future__ import annotations

from stackwright.checks.rule import Finding, Rule, all_rules
from stackwright.sizing.sizer import resolve
from stackwright.plan.model import Plan
from stackwright.spec.model import Spec

__all__ = ["Finding", "Rule", "all_rules", "run_checks"]


def run_checks(spec: Spec, plan: Plan) -> list[Finding]:
    """Every rule's findings for `spec` and the plan built from it, errors first, in a stable order."""
    sized = resolve(spec)  # rules read concrete counts and classes, as the plan and the bill do
    findings = [finding for rule in all_rules() for finding in rule.check(sized, plan)]
    return sorted(findings, key=Finding.sort_key)
