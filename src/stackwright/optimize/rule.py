"""What an optimiser rule is: a stable id, a title, and proposals that each turn the spec into a changed spec.

Rules live one per file in `stackwright.optimize.rules`; each module defines `RULE = Rule(...)`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from stackwright.spec.model import Spec


@dataclass(frozen=True)
class Proposal:
    spec: Spec
    summary: str  # what changes, in a sentence
    risk: str  # what could go wrong, in plain words
    components: frozenset[str]  # components the change touches
    details: dict = field(default_factory=dict)  # extra figures, e.g. break-even months
    unpriced: str | None = None  # set when the saving cannot be priced: reported as rejected, never applied


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    propose: Callable[[Spec], Iterator[Proposal]]


def with_component(spec: Spec, name: str, **changes) -> Spec:
    components = dict(spec.components)
    components[name] = components[name].model_copy(update=changes)
    return spec.model_copy(update={"components": components})


def all_rules() -> list[Rule]:
    from stackwright.optimize import rules

    found = [importlib.import_module(f"{rules.__name__}.{m.name}").RULE
             for m in pkgutil.iter_modules(rules.__path__)]
    return sorted(found, key=lambda r: r.id)
