"""What a check rule is, and what it finds.

Rules live one per file in `stackwright.checks.rules`; each module defines `RULE = Rule(...)`. Ids are
stable: a prefix for the area and a number, never reused.

- NET: network layout (AZs, egress)          - SEC: who can reach what
- AVL: availability against the spec's target - CAP: capacity and shapes AWS accepts
- REG: what exists in the spec's region      - PORT: port numbers
- EDGE: CloudFront, WAF                       - MON: monitoring settings
- BIL: the plan against the bill            - MSG: queues, topics and their workers
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from stackwright.plan.model import Plan
from stackwright.spec.loader import LoadedSpec
from stackwright.spec.model import Spec

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# At or above this availability target, no single AZ or single node may carry a tier.
HIGH_AVAILABILITY = 99.9


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    title: str
    message: str  # what is wrong here, with the numbers
    fix: str  # how to fix it
    path: tuple = ()  # where in the spec, e.g. ("components", "db", "multi_az")

    def sort_key(self) -> tuple:
        return SEVERITY_ORDER[self.severity], self.rule, tuple(str(p) for p in self.path), self.message

    def located(self, loaded: LoadedSpec | None = None) -> str:
        """`file:line:column: severity RULE: message; fix` (without a file when there is no loaded spec)."""
        text = f"{self.severity} {self.rule}: {self.message}; {self.fix}"
        return str(loaded.problem(self.path, text)) if loaded else text


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    why: str  # the risk, in a sentence or two
    fix: str  # the usual fix; a finding may give a more specific one
    check: Callable[[Spec, Plan], Iterable[Finding]]

    def finding(self, path: tuple, message: str, fix: str | None = None) -> Finding:
        return Finding(self.id, self.severity, self.title, message, fix or self.fix, tuple(path))


def components(spec: Spec, *kinds: str) -> Iterator[tuple[str, object]]:
    """(name, component) of the given kinds, in spec order."""
    return ((name, c) for name, c in spec.components.items() if c.kind in kinds)


def hard_dependencies(spec: Spec, *kinds: str) -> Iterator[tuple[str, object]]:
    """(name, component) of the given kinds that the spec does not name a soft dependency: the ones a
    failure takes the service down with."""
    return ((name, c) for name, c in components(spec, *kinds) if name not in spec.soft_dependencies)


def all_rules() -> list[Rule]:
    from stackwright.checks import rules

    found = [importlib.import_module(f"{rules.__name__}.{m.name}").RULE for m in pkgutil.iter_modules(rules.__path__)]
    return sorted(found, key=lambda r: r.id)
