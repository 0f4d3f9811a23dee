"""The user's explicit choices: fields written in the spec, which the optimiser keeps unless consented.

A field counts as written when the loaded YAML gave it (pydantic's fields-set), except `auto`, which
asks for sizing. Consent comes from `constraints.may_change` (a component, `component.field`, a rule
id, `rule:component` or `*`) or from the rule ids the team listed in `savings_already_listed`: a
change the team itself planned.
"""

from __future__ import annotations

import functools
import itertools
import operator

from stackwright.spec.model import AUTO, Spec

# Spec-level fields a rule may change; identity, budget and traffic are not choices a rule revisits.
SPEC_FIELDS = ("running_hours_per_week",)
NOT_CHOICES = ("kind", "description")


def explicit_fields(spec: Spec) -> frozenset[tuple[str, ...]]:
    """(component, field) for every written component field, (field,) for written spec-level fields."""
    written = {(f,) for f in SPEC_FIELDS if f in spec.model_fields_set}
    for name, component in spec.components.items():
        for field in component.model_fields_set - set(NOT_CHOICES):
            if getattr(component, field) != AUTO:
                written.add((name, field))
    return frozenset(written)


def changed_fields(explicit: frozenset[tuple[str, ...]], before: Spec, after: Spec) -> list[str]:
    """Written fields whose value differs between `before` and `after` ("db.multi_az"; "db" when removed)."""
    changed = []
    for path in _touched(explicit, before, after):
        if len(path) == 1:
            if getattr(before, path[0]) != getattr(after, path[0]):
                changed.append(path[0])
            continue
        name, field = path
        if name not in before.components:
            continue
        if name not in after.components:
            if name not in changed:
                changed.append(name)
            continue
        was, now = before.components[name], after.components[name]
        if was is not now and getattr(was, field) != getattr(now, field):  # a proposal keeps the others' objects
            changed.append(f"{name}.{field}")
    return changed


def _touched(explicit: frozenset[tuple[str, ...]], before: Spec, after: Spec) -> list[tuple[str, ...]]:
    """The written fields, sorted, less those of components `after` keeps as the same object: a change
    replaces the objects of the components it changes, so in a large spec these are a handful."""
    spec_level, by_component = _by_component(explicit)
    paths = list(spec_level)
    for name in replaced(before, after):
        paths += by_component.get(name, ())
    return sorted(paths)


def replaced(before: Spec, after: Spec) -> list[str]:
    """`before`'s components that `after` does not keep as the same object (or has not)."""
    names = list(before.components)
    if names == list(after.components):  # the usual case: compared pairwise without a loop in Python
        return list(itertools.compress(names, map(operator.is_not, before.components.values(),
                                                   after.components.values())))
    return [n for n, c in before.components.items() if after.components.get(n) is not c]


@functools.lru_cache(maxsize=16)
def _by_component(explicit: frozenset[tuple[str, ...]]) -> tuple[list, dict[str, list]]:
    spec_level, by_component = [], {}
    for path in explicit:
        if len(path) == 1:
            spec_level.append(path)
        else:
            by_component.setdefault(path[0], []).append(path)
    return spec_level, by_component


def consented(spec: Spec, rule_id: str, field: str) -> bool:
    component = field.split(".", 1)[0]
    allowed = set(spec.constraints.may_change)
    planned = set(spec.savings_already_listed)
    return bool({"*", rule_id, f"{rule_id}:{component}", component, field} & allowed
                or {rule_id, f"{rule_id}:{component}"} & planned)


def needing_consent(spec: Spec, explicit: frozenset, rule_id: str, before: Spec, after: Spec) -> list[str]:
    """Written fields the change touches without consent (empty when it may go ahead)."""
    return [f for f in changed_fields(explicit, before, after) if not consented(spec, rule_id, f)]
