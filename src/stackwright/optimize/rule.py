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
    propose: Callable[..., Iterator[Proposal]]
    per_component: bool = False  # `propose(spec, only=name)` proposes for that one component alone

    def proposals(self, spec: Spec, only: str | None = None) -> Iterator[Proposal]:
        """The rule's proposals for `spec`; with `only`, those for that component (and, from a rule that
        cannot tell them apart, the others too): the search asks for one component's changes at a time, and
        a rule that changes every component of a large spec would copy the spec once per component."""
        return self.propose(spec, only=only) if only is not None and self.per_component else self.propose(spec)


def components(spec: Spec, only: str | None = None):
    """The (name, component) pairs a rule proposes for: all the spec's, or the one named `only`."""
    if only is None:
        return spec.components.items()
    return [(only, spec.components[only])] if only in spec.components else []


def with_component(spec: Spec, name: str, **changes) -> Spec:
    components = dict(spec.components)
    components[name] = components[name].model_copy(update=changes)
    return spec.model_copy(update={"components": components})


def all_rules() -> list[Rule]:
    from stackwright.optimize import rules

    found = [importlib.import_module(f"{rules.__name__}.{m.name}").RULE
             for m in pkgutil.iter_modules(rules.__path__)]
    return sorted(found, key=lambda r: r.id)
