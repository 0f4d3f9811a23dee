"""The spec's components of given kinds, in the spec's order, from one walk of the spec: a plan's builders and
the bill's readers ask for the same kinds many times, and the optimiser plans hundreds of thousand-component
specs, so each one is walked once, not at each question."""

from __future__ import annotations

import threading

from stackwright.spec.model import Spec

_last = threading.local()  # (spec, its components dict, {kinds: [(name, component)]}) of the spec last asked about


def components_of(spec: Spec, *kinds: type) -> list[tuple[str, object]]:
    """(name, component) of each of `spec`'s components that is one of `kinds`, in the spec's order (a new list)."""
    found = getattr(_last, "index", None)
    if found is None or found[0] is not spec or found[1] is not spec.components:
        found = _last.index = (spec, spec.components, {})
    by_kinds = found[2]
    matching = by_kinds.get(kinds)
    if matching is None:
        by_type = by_kinds.get(None)
        if by_type is None:
            by_type = by_kinds[None] = {}
            for position, (name, component) in enumerate(spec.components.items()):
                by_type.setdefault(type(component), []).append((position, name, component))
        lists = [found for kind, found in by_type.items() if issubclass(kind, kinds)]
        ordered = lists[0] if len(lists) == 1 else sorted(entry for found in lists for entry in found)
        matching = by_kinds[kinds] = [(name, component) for _, name, component in ordered]
    return list(matching)
