"""Terraform's type constraints applied to a variable's value, as `terraform plan` does: primitive
conversion ("2" → 2, "true" → true, 2 → "2"), `optional(type, default)` attributes of object types
filled in, and the same through list/set/map/tuple/object nesting.

A type constraint is read from python-hcl2's parse tree of the `type` argument; a value that does not
convert is an error naming the variable, never a silent pass-through.
"""

from __future__ import annotations

from typing import Any

from hcl2.rules import containers, expressions, functions, literal_rules

from stackwright.importer.hcl_eval import as_bool, as_number, error, template_text, tf_toset
from stackwright.importer.resources import first_unknown, is_unknown

COLLECTIONS = ("list", "set", "map")


def convert(type_rule, value: Any, evaluator, what: str) -> Any:
    """`value` converted to the type `type_rule` declares (None, `any` or an unreadable type: as is)."""
    if type_rule is None or value is None or is_unknown(value):
        return value
    try:
        return _convert(_unwrap(type_rule), value, evaluator, what)
    except (TypeError, ValueError) as exc:
        return error(f"{what}: {exc}")


def _unwrap(rule):
    while isinstance(rule, expressions.ExprTermRule):
        rule = rule.expression
    return rule


def _name(rule) -> str | None:
    if isinstance(rule, literal_rules.IdentifierRule):
        return str(rule.token.value)
    return None


def _call(rule) -> tuple[str, list] | None:
    if isinstance(rule, functions.FunctionCallRule):
        name = "::".join(str(i.token.value) for i in rule.identifiers)
        return name, [_unwrap(a) for a in (rule.arguments.arguments if rule.arguments else [])]
    return None


def _convert(rule, value: Any, evaluator, what: str) -> Any:
    if value is None or is_unknown(value):
        return value
    name = _name(rule)
    if name == "string":
        if isinstance(value, (list, dict)):
            raise TypeError(f"{_short(value)} is not a string")
        return template_text(value)
    if name in ("number", "bool"):
        try:
            return as_number(value) if name == "number" else as_bool(value)
        except (TypeError, ValueError):
            raise ValueError(f"{_short(value)} is not a {name}") from None
    call = _call(rule)
    if call is None:
        return value  # `any`, or a type this read does not model
    function, arguments = call
    if function in COLLECTIONS and len(arguments) == 1:
        if function == "map":
            if not isinstance(value, dict):
                raise TypeError(f"{_short(value)} is not a map")
            return {k: _convert(arguments[0], v, evaluator, f"{what}[{k!r}]") for k, v in value.items()}
        if not isinstance(value, list):
            raise TypeError(f"{_short(value)} is not a {function}")
        converted = [_convert(arguments[0], v, evaluator, f"{what}[{i}]") for i, v in enumerate(value)]
        return tf_toset(converted) if function == "set" and first_unknown(converted) is None else converted
    if function == "tuple" and len(arguments) == 1 and isinstance(arguments[0], containers.TupleRule):
        if not isinstance(value, list) or len(value) != len(arguments[0].elements):
            raise TypeError(f"{_short(value)} does not have {len(arguments[0].elements)} elements")
        return [_convert(_unwrap(t), v, evaluator, f"{what}[{i}]") for i, (t, v) in
                enumerate(zip(arguments[0].elements, value))]
    if function == "object" and len(arguments) == 1 and isinstance(arguments[0], containers.ObjectRule):
        if not isinstance(value, dict):
            raise TypeError(f"{_short(value)} is not an object")
        return _object(arguments[0], value, evaluator, what)
    return value


def _object(rule, value: dict, evaluator, what: str) -> dict:
    result = dict(value)
    for element in rule.elements:
        if isinstance(element.key, containers.ObjectElemKeyExpressionRule):
            key = evaluator.eval(element.key.expression)
        else:
            key = _name(element.key.value) or evaluator.eval(element.key.value)
        if not isinstance(key, str):
            continue
        attribute = _unwrap(element.expression)
        call = _call(attribute)
        if call and call[0] == "optional" and call[1]:
            attribute_type, default = call[1][0], (call[1][1] if len(call[1]) > 1 else None)
            if result.get(key) is None:
                result[key] = evaluator.eval(default) if default is not None else None
                if result[key] is None:
                    continue
        elif key not in result:
            raise TypeError(f"attribute {key!r} is required")
        else:
            attribute_type = attribute
        result[key] = _convert(attribute_type, result[key], evaluator, f"{what}.{key}")
    return result


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
