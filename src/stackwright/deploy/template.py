"""A CloudFormation template as data: what each resource refers to, an order that creates every
resource after the ones it needs, intrinsic functions evaluated the way CloudFormation evaluates them,
and references to resources made outside the stack replaced by their values."""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Callable

NO_VALUE = object()  # `Ref: AWS::NoValue`: the property or list item is left out
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_SECRET_REFERENCE = re.compile(r"\{\{resolve:secretsmanager:([^}]*)\}\}")
_ARN_PARTS = 7  # arn:partition:service:region:account:secret:name


class UnsupportedIntrinsic(ValueError):
    pass


def references(value: Any, attributes_only: bool = False) -> set[str]:
    """Every name `value` refers to through Ref, Fn::GetAtt or Fn::Sub (resources, parameters, pseudo
    parameters alike); with `attributes_only`, the names whose attributes it reads."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and not attributes_only:
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item[0] if isinstance(item, list) else item.split(".")[0])
            elif key == "Fn::Sub":
                text, variables = (item, {}) if isinstance(item, str) else item
                found |= {name.split(".")[0] for name in _SUB_VARIABLE.findall(text)
                          if not name.startswith("!") and ("." in name or not attributes_only)} - set(variables)
                found |= references(variables, attributes_only)
            elif key != "Ref":
                found |= references(item, attributes_only)
    elif isinstance(value, list):
        for item in value:
            found |= references(item, attributes_only)
    return found


def depends_on(resource: dict) -> list[str]:
    names = resource.get("DependsOn", [])
    return [names] if isinstance(names, str) else list(names)


def dependencies(resources: dict[str, dict]) -> dict[str, set[str]]:
    """For each resource, the resources it refers to or names in DependsOn."""
    return {logical: (references(resource.get("Properties", {})) | set(depends_on(resource))) & resources.keys()
            for logical, resource in resources.items()}


def creation_order(needs: dict[str, set[str]]) -> list[str]:
    """Every resource after the ones it needs; otherwise in template order."""
    position = {logical: i for i, logical in enumerate(needs)}
    order: list[str] = []
    placed: set[str] = set()

    def place(logical: str, path: frozenset[str]) -> None:
        if logical in placed:
            return
        if logical in path:
            raise ValueError(f"the template's resources depend on each other in a circle through {logical}")
        for needed in sorted(needs[logical], key=position.__getitem__):
            place(needed, path | {logical})
        placed.add(logical)
        order.append(logical)

    for logical in needs:
        place(logical, frozenset())
    return order


class Evaluator:
    """Evaluates intrinsic functions. `ref(name)` and `get_att(name, attribute)` look resources up;
    `secret_value(secret_id)`, when given, resolves `{{resolve:secretsmanager:...}}` references."""

    def __init__(self, document: dict, *, parameters: dict[str, Any], pseudo: dict[str, str],
                 ref: Callable[[str], Any], get_att: Callable[[str, str], Any],
                 secret_value: Callable[[str], str] | None = None):
        self.document = document
        self.parameters = parameters
        self.pseudo = pseudo
        self.ref = ref
        self.get_att = get_att
        self.secret_value = secret_value

    def __call__(self, value: Any) -> Any:
        result = self._evaluate(value)
        return None if result is NO_VALUE else result

    def condition(self, name: str) -> bool:
        return self._truth(self.document["Conditions"][name])

    def _evaluate(self, value: Any) -> Any:
        if isinstance(value, list):
            return [item for item in map(self._evaluate, value) if item is not NO_VALUE]
        if isinstance(value, str):
            return self._resolve_secrets(value) if self.secret_value else value
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (function, argument), = value.items()
            if function == "Ref":
                return self._ref(argument)
            if function == "Fn::GetAtt":
                name, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
                return self.get_att(name, attribute)
            if function == "Fn::Sub":
                return self._evaluate(self._sub(argument))
            if function == "Fn::Join":
                separator, items = argument
                return separator.join(str(item) for item in self._evaluate(items))
            if function == "Fn::If":
                condition, when_true, when_false = argument
                return self._evaluate(when_true if self.condition(condition) else when_false)
            if function == "Fn::FindInMap":
                mapping, key, name = (self._evaluate(part) for part in argument)
                return self.document["Mappings"][mapping][key][name]
            if function == "Fn::Base64":
                return base64.b64encode(self._evaluate(argument).encode()).decode()
            if function.startswith("Fn::"):
                raise UnsupportedIntrinsic(f"stackwright does not evaluate {function}")
        evaluated = {key: self._evaluate(item) for key, item in value.items()}
        return {key: item for key, item in evaluated.items() if item is not NO_VALUE}

    def _ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        return self.ref(name)

    def _sub(self, argument: str | list) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument

        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(self._evaluate(variables[name]))
            if "." in name and name not in self.pseudo:
                return str(self.get_att(*name.split(".", 1)))
            return str(self._ref(name))

        return _SUB_VARIABLE.sub(replace, text)

    def _truth(self, condition: Any) -> bool:
        (function, argument), = condition.items()
        if function == "Condition":
            return self.condition(argument)
        if function == "Fn::Equals":
            left, right = (self._evaluate(part) for part in argument)
            return str(left) == str(right)
        if function == "Fn::Not":
            return not self._truth(argument[0])
        if function == "Fn::And":
            return all(self._truth(part) for part in argument)
        if function == "Fn::Or":
            return any(self._truth(part) for part in argument)
        raise UnsupportedIntrinsic(f"stackwright does not evaluate the condition function {function}")

    def _resolve_secrets(self, text: str) -> str:
        def resolve(match: re.Match) -> str:
            reference = match.group(1)
            parts = reference.split(":")
            count = _ARN_PARTS if reference.startswith("arn:") else 1
            secret_id, rest = ":".join(parts[:count]), parts[count:]  # rest: SecretString, key, stage, version
            value = self.secret_value(secret_id)
            return str(json.loads(value)[rest[1]]) if len(rest) > 1 and rest[1] else value

        return _SECRET_REFERENCE.sub(resolve, text)


def substitute(value: Any, refs: set[str], attributes: set[str], lookup: Callable[[str, str | None], Any]) -> Any:
    """`value` with every Ref to a name in `refs` replaced by `lookup(name, None)`, and every Fn::GetAtt
    or `${name.attribute}` of a name in `attributes` by `lookup(name, attribute)`."""
    if isinstance(value, list):
        return [substitute(item, refs, attributes, lookup) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (function, argument), = value.items()
        if function == "Ref" and argument in refs:
            return lookup(argument, None)
        if function == "Fn::GetAtt":
            name, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
            if name in attributes:
                return lookup(name, attribute)
        if function == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else argument

            def replace(match: re.Match) -> str:
                name, _, attribute = match.group(1).partition(".")
                if name not in variables and (name in attributes if attribute else name in refs):
                    return str(lookup(name, attribute or None)).replace("${", "${!")
                return match.group(0)

            text = _SUB_VARIABLE.sub(replace, text)
            variables = substitute(variables, refs, attributes, lookup)
            return {"Fn::Sub": [text, variables] if variables else text}
    return {key: substitute(item, refs, attributes, lookup) for key, item in value.items()}
