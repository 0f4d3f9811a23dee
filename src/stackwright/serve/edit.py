"""Change values in the user's own YAML text, keeping its comments, order and style (ruamel.yaml round trip).

The page's form and its "apply" buttons both end here: the form sets a few paths; applying optimiser steps
sets exactly the fields the steps changed, so `auto` values and comments elsewhere stay as written.
"""

from __future__ import annotations

import io

DELETE = object()


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # the blueprints' layout: their round trip is byte-identical
    return yaml


def set_values(text: str, changes: list[tuple[tuple, object]]) -> str:
    """`text` with each (path, value) set (DELETE removes the key); missing mappings on the way are created,
    and a scalar in the way (say `tasks: auto`) is replaced by a mapping."""
    yaml = _yaml()
    document = yaml.load(text)
    for path, value in changes:
        node = document
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        _set(node, path[-1], value)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _set(mapping, key, value) -> None:
    """Set one key; a mapping written over a mapping is merged key by key, so comments on its lines stay."""
    if value is DELETE:
        mapping.pop(key, None)
    elif isinstance(value, dict) and isinstance(mapping.get(key), dict):
        for gone in [k for k in mapping[key] if k not in value]:
            del mapping[key][gone]
        for inner, inner_value in value.items():
            _set(mapping[key], inner, inner_value)
    elif key not in mapping:
        _append(mapping, key, value)
    elif mapping[key] != value or isinstance(mapping[key], bool) != isinstance(value, bool):
        mapping[key] = value


def _append(mapping, key, value) -> None:
    """Add `key` at the end of `mapping`, before the blank lines and comments that end the mapping's text
    (ruamel keeps them on the last key, which would put the new key after a blank line)."""
    last = next(reversed(mapping), None)
    mapping[key] = value
    entry = getattr(mapping, "ca", None) and mapping.ca.items.get(last)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or not isinstance(getattr(token, "value", None), str):
        return
    own, newline, rest = token.value.partition("\n")
    if rest:
        token.value = own + newline
        mapping.ca.items[key] = [None, None, type(token)(newline + rest, token.start_mark, None), None]


def _changes(before: dict, after: dict, shown: dict, path: tuple = ()) -> list[tuple[tuple, object]]:
    """Paths whose value differs; a new or replaced mapping is written as `shown` has it (defaults left out)."""
    found = []
    for key, value in after.items():
        if isinstance(value, dict) and isinstance(before.get(key), dict):
            found += _changes(before[key], value, shown.get(key) or {}, (*path, key))
        elif key not in before or before[key] != value:
            found.append(((*path, key), shown.get(key, value) if isinstance(value, dict) else value))
    found += [((*path, key), DELETE) for key in before if key not in after]
    return found


def spec_changes(before, after) -> list[tuple[tuple, object]]:
    """What turns spec `before` into spec `after`, as paths and values."""
    return _changes(before.model_dump(mode="json"), after.model_dump(mode="json"),
                    after.model_dump(mode="json", exclude_defaults=True))


def apply_steps(text: str, loaded, count: int) -> str:
    """`text` with the optimiser's first `count` steps applied: each step is found again among its rule's
    proposals for the spec as the steps before it left it, as the search found it."""
    from stackwright.errors import UserError
    from stackwright.optimize.rule import all_rules
    from stackwright.optimize.search import optimize
    from stackwright.sizing.sizer import resolve

    steps = optimize(loaded.spec).steps
    if not 1 <= count <= len(steps):
        raise UserError(f"there is no optimiser step {count}; the optimiser proposes {len(steps)}")
    rules = {rule.id: rule for rule in all_rules()}
    before = current = resolve(loaded.spec, loaded)
    for step in steps[:count]:
        current = next(p.spec for p in rules[step.id].propose(current) if p.summary == step.summary)
    return set_values(text, spec_changes(before, current))
