"""Evaluate Terraform expressions over python-hcl2's parse tree, as far as a static read can.

Literals, variables, locals, `count.index`/`each`, arithmetic, comparisons, conditionals, string
templates, `for` expressions, splats and the pure built-in functions are evaluated. What needs a
provider (resource attributes, data sources) becomes an `Unknown` or a `ResourceRef`, and so does a
mistake in the code, marked as an error so `try()` can fall back past it.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import math
import re
from collections.abc import Callable
from typing import Any, Protocol

from hcl2.rules import (
    containers, directives, expressions, for_expressions, functions, indexing, literal_rules, strings,
)
from hcl2.utils import SerializationOptions, process_escape_sequences

from stackwright import limits
from stackwright.importer.resources import ResourceRef, Unknown, first_unknown, is_unknown, refs_in
from stackwright.limits import LimitExceeded

HEREDOC_TEXT = SerializationOptions(preserve_heredocs=False, strip_string_quotes=True)


class TfSet(list):
    """A Terraform set (from toset()): for_each uses its elements as both keys and values."""


class Scope(Protocol):
    """What an expression can name, supplied by the module being read."""

    path_module: str
    path_root: str

    def variable(self, name: str) -> Any: ...
    def local(self, name: str) -> Any: ...
    def resource(self, type_: str, name: str) -> Any: ...
    def data(self, type_: str, name: str) -> Any: ...
    def module(self, name: str) -> Any: ...  # something with .output(name), or a list/dict of them


def error(reason: str, *related: Any) -> Unknown:
    refs = frozenset().union(*(refs_in(r) for r in related)) if related else frozenset()
    return Unknown(reason, refs, error=True)


def unknown_from(*values: Any) -> Unknown | ResourceRef:
    """The unknown that makes a result unknown, keeping every reference the inputs carry."""
    culprit = next(u for u in map(first_unknown, values) if u is not None)
    refs = frozenset().union(*(refs_in(v) for v in values))
    if isinstance(culprit, ResourceRef) and refs == culprit.refs:
        return culprit
    return Unknown(culprit.reason, refs, culprit.error)


def number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def template_text(value: Any) -> str | Unknown:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, str):
        return value
    if value is None:
        return error("a null value cannot be put into a string")
    return error(f"a {type(value).__name__} cannot be put into a string")


def normalise(value: float) -> float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def as_number(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return normalise(float(value))
    raise TypeError(f"{value!r} is not a number")


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise TypeError(f"{value!r} is not a bool")


def key_text(key: Any) -> str:
    """How an instance key appears in a resource address: [0] or ["name"]."""
    return f"[{key}]" if isinstance(key, int) else f'["{key}"]'


class Budget:
    """Work one read may do, shared by every module's evaluator: nested loops and amplifying functions
    multiply, so each value being bounded is not enough."""

    def __init__(self):
        self.steps = 0
        self.allowed_steps = limits.MAX_EVALUATION_STEPS
        self.code_bytes = 0
        self.characters = 0  # characters of strings the evaluation built
        self.elements = 0  # elements of lists and maps the evaluation built

    def read(self, code_bytes: int) -> None:
        """More code read: a larger project may take more steps, in proportion."""
        self.code_bytes += code_bytes
        self.allowed_steps = max(limits.MAX_EVALUATION_STEPS, limits.EVALUATION_STEPS_PER_BYTE * self.code_bytes)

    def spend(self, value: Any) -> None:
        if isinstance(value, str):
            self.characters += len(value)
            if self.characters > limits.MAX_CREATED_CHARACTERS:
                raise LimitExceeded(f"the expressions build more than {limits.MAX_CREATED_CHARACTERS:,} characters "
                                    "of text", "simplify the expressions (repeated doubling or joining grows fast)")
        elif isinstance(value, (list, dict)):
            self.elements += len(value)
            if self.elements > limits.MAX_CREATED_ELEMENTS:
                raise LimitExceeded(f"the expressions build more than {limits.MAX_CREATED_ELEMENTS:,} list and map "
                                    "elements", "simplify the expressions (nested for loops multiply)")


def measure(value: Any, budget: int = limits.MAX_STRING) -> int:
    """Characters plus elements in `value`, counted through nested collections; LimitExceeded past `budget`
    (values may share parts, so a small value can stand for an enormous one)."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            total += len(item)
            stack.extend(item)
        else:
            total += 1
        if total > budget:
            raise LimitExceeded(f"a value of more than {budget:,} characters and elements in all",
                                "stackwright reads configuration, not data; use smaller values")
    return total


def _int_literal(text: str) -> int:
    if len(text.lstrip("-")) > limits.MAX_INTEGER_DIGITS:
        raise LimitExceeded(f"the number {text[:20]}… has more than {limits.MAX_INTEGER_DIGITS} digits",
                            "use a number of sensible size")
    return int(text)


class Evaluator:
    def __init__(self, scope: Scope, budget: Budget | None = None):
        self.scope = scope
        self.budget = budget or Budget()
        self.depth = 0
        self.files: dict[int, str] = {}  # id of an attribute's expression -> the file it is written in
        self._dispatch: dict[type, Callable] = {
            expressions.ExprTermRule: lambda r, env: self.eval(r.expression, env),
            expressions.ConditionalRule: self._conditional,
            expressions.BinaryOpRule: self._binary,
            expressions.UnaryOpRule: self._unary,
            literal_rules.IntLitRule: lambda r, env: _int_literal(str(r.token.value)),
            literal_rules.FloatLitRule: lambda r, env: normalise(float(r.token.value)),
            literal_rules.LiteralValueRule: lambda r, env: {"true": True, "false": False, "null": None}[
                str(r.token.value)],
            literal_rules.IdentifierRule: self._traversal,
            strings.StringRule: self._string,
            strings.HeredocTemplateRule: self._heredoc,
            strings.HeredocTrimTemplateRule: self._heredoc,
            strings.TemplateStringRule: lambda r, env: r.inner_value,
            containers.TupleRule: lambda r, env: [self.eval(e, env) for e in r.elements],
            containers.ObjectRule: self._object,
            indexing.GetAttrExprTermRule: self._traversal,
            indexing.IndexExprTermRule: self._traversal,
            indexing.AttrSplatExprTermRule: self._traversal,
            indexing.FullSplatExprTermRule: self._traversal,
            functions.FunctionCallRule: self._call,
            for_expressions.ForTupleExprRule: self._for_tuple,
            for_expressions.ForObjectExprRule: self._for_object,
            _Literal: lambda r, env: r.value,
        }

    def eval(self, rule, env: dict | None = None) -> Any:
        handler = self._dispatch.get(type(rule))
        if handler is None:
            return error(f"{type(rule).__name__} expressions are not evaluated in a static read")
        self.depth += 1
        self.budget.steps += 1
        try:
            if self.depth > limits.MAX_EXPRESSION_DEPTH:
                raise LimitExceeded(f"expressions nested more than {limits.MAX_EXPRESSION_DEPTH} levels deep",
                                    "split the expression into locals")
            if self.budget.steps > self.budget.allowed_steps:
                raise LimitExceeded(f"evaluating the code takes more than {self.budget.allowed_steps:,} steps",
                                    "simplify the expressions (nested for loops over large collections multiply)")
            value = handler(rule, env or {})
            limits.check_size(value)
            if handler in (self._string, self._call, self._for_tuple, self._for_object):
                self.budget.spend(value)
            return value
        except LimitExceeded as exc:
            self.locate(exc, rule)
            raise
        finally:
            self.depth -= 1

    def locate(self, exc: LimitExceeded, rule) -> None:
        """Point the limit at the innermost expression that has a place, in the file it is written in."""
        line = getattr(getattr(rule, "_meta", None), "line", None)
        if exc.where is None and line is not None:
            exc.where = (None, line, rule._meta.column)
        if exc.where is not None and exc.where[0] is None and id(rule) in self.files:
            exc.where = (self.files[id(rule)], *exc.where[1:])

    # --- operators -------------------------------------------------------------------------------

    def _conditional(self, rule, env):
        condition = self.eval(rule.condition, env)
        if is_unknown(condition):
            return unknown_from(condition)
        try:
            chosen = rule.if_true if as_bool(condition) else rule.if_false
        except TypeError as exc:
            return error(f"condition: {exc}")
        return self.eval(chosen, env)

    def _binary(self, rule, env):
        operator = str(rule.binary_term.binary_operator.token.value).strip()
        left = self.eval(rule.expr_term, env)
        if operator in ("&&", "||") and not is_unknown(left):
            try:
                if as_bool(left) == (operator == "||"):
                    return as_bool(left)  # short circuit: the right side cannot change the result
            except TypeError as exc:
                return error(f"{operator}: {exc}")
        right = self.eval(rule.binary_term.expr_term, env)
        if operator in ("==", "!=") and None in (left, right) and not is_unknown(left) and not is_unknown(right):
            both_null = left is None and right is None  # a map with unknown elements is still known not to be null
            return both_null if operator == "==" else not both_null
        if first_unknown([left, right]) is not None:
            return unknown_from(left, right)
        try:
            return BINARY[operator](left, right)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
            return error(f"{operator}: {exc}")

    def _unary(self, rule, env):
        operand = self.eval(rule.expr_term, env)
        if is_unknown(operand):
            return operand
        try:
            return -as_number(operand) if rule.operator.strip() == "-" else not as_bool(operand)
        except (TypeError, ValueError, OverflowError) as exc:
            return error(str(exc))

    # --- strings and collections -----------------------------------------------------------------

    def _string(self, rule, env):
        pieces: list[Any] = []
        for part in rule.string_parts:
            content = part.content
            if isinstance(content, strings.InterpolationRule):
                pieces.append(template_text_or_unknown(self.eval(content.expression, env)))
            elif isinstance(content, (directives.TemplateIfRule, directives.TemplateForRule)):
                pieces.append(error("template directives (%{...}) are not evaluated in a static read"))
            else:
                text = str(content.value)
                name = content.lark_name()
                if name == "ESCAPED_INTERPOLATION":
                    text = text[1:]  # $${ is a literal ${
                elif name == "ESCAPED_DIRECTIVE":
                    text = text[1:]
                else:
                    text = process_escape_sequences(text)
                pieces.append(text)
        if first_unknown(pieces) is not None:
            return unknown_from(*pieces)
        limits.check_size(limits.Size(sum(map(len, pieces))))
        return "".join(pieces)

    def _heredoc(self, rule, env):
        text = rule.serialize(HEREDOC_TEXT)
        if re.search(r"(?<!\$)\$\{|(?<!%)%\{", text):
            return Unknown("a heredoc with interpolations is not evaluated in a static read")
        return text

    def _object(self, rule, env):
        result = {}
        for element in rule.elements:
            if isinstance(element.key, containers.ObjectElemKeyExpressionRule):
                key = self.eval(element.key.expression, env)
            elif isinstance(element.key.value, literal_rules.IdentifierRule):
                key = str(element.key.value.token.value)
            else:
                key = self.eval(element.key.value, env)
            if is_unknown(key):
                return unknown_from(key)
            result[template_text(key) if not isinstance(key, str) else key] = self.eval(element.expression, env)
        return result

    # --- names and traversals --------------------------------------------------------------------

    def _traversal(self, rule, env):
        root, steps = flatten_traversal(rule)
        if isinstance(root, literal_rules.IdentifierRule):
            name = str(root.token.value)
            if name in env:
                value = env[name]
            else:
                value, steps = self._namespace(name, steps, env)
        else:
            value = self.eval(root, env)
        return self._apply(value, steps, env)

    def _namespace(self, name: str, steps: list, env: dict) -> tuple[Any, list]:
        """Resolve a root name that is not a local binding, consuming the steps the namespace needs."""
        attrs = []
        for kind, arg in steps:
            if kind != "attr":
                break
            attrs.append(arg)
        if name in ("count", "each"):
            meta = "count" if name == "count" else "for_each"
            return error(f"{name}.* is used outside a resource with {meta}"), []
        if name == "terraform":
            return "default", steps[1:]  # terraform.workspace: a static read sees the default workspace
        if name == "self":
            return Unknown("self.* is known only after apply"), []
        wanted = 2 if name == "data" else 1
        if len(attrs) < wanted:
            return error(f"'{name}' is not followed by a name here"), []
        if name == "data":
            return self.scope.data(attrs[0], attrs[1]), steps[2:]
        if name == "path":
            paths = {"module": self.scope.path_module, "root": self.scope.path_root, "cwd": self.scope.path_root}
            return paths.get(attrs[0], error(f"path.{attrs[0]} is not a path")), steps[1:]
        lookup = {"var": self.scope.variable, "local": self.scope.local, "module": self.scope.module}.get(name)
        if lookup:
            return lookup(attrs[0]), steps[1:]
        return self.scope.resource(name, attrs[0]), steps[1:]  # any other root is a resource type

    def _apply(self, value: Any, steps: list, env: dict) -> Any:
        for position, (kind, arg) in enumerate(steps):
            if kind == "attr":
                value = get_attr(value, arg)
            elif kind == "index":
                value = get_index(value, self.eval(arg, env))
            else:  # splat: the remaining accessors apply to each element
                rest = [*arg, *steps[position + 1:]]
                if value is None:
                    return []
                if isinstance(value, ResourceRef):
                    return self._apply(value, [s for s in rest if s[0] == "attr"], env)
                if is_unknown(value):
                    return value
                elements = value if isinstance(value, list) else [value]
                return [self._apply(element, rest, env) for element in elements]
        return value

    # --- functions and for expressions -----------------------------------------------------------

    def _call(self, rule, env):
        names = [str(i.token.value) for i in rule.identifiers]
        name = "::".join(names)
        arguments = rule.arguments.arguments if rule.arguments else []
        if name in ("try", "can"):
            return self._try_or_can(name, arguments, env)
        args = [self.eval(a, env) for a in arguments]
        if rule.arguments and rule.arguments.has_ellipsis and args:
            if is_unknown(args[-1]):
                return unknown_from(args[-1])
            args = [*args[:-1], *args[-1]]
        spec = FUNCTIONS.get(name)
        if spec is None:
            return Unknown(f"{name}() is not evaluated in a static read", frozenset().union(*map(refs_in, args)))
        function, needs_known = spec
        if needs_known and first_unknown(args) is not None:
            return unknown_from(*args)
        if not needs_known and any(is_unknown(a) for a in args):
            return unknown_from(*args)
        if name in AMPLIFYING:
            measure(args)
        try:
            return function(*args)
        # A function given null or a value of the wrong type fails as Terraform's does (AttributeError: a
        # string method on null), so try() and can() see the failure.
        except (AttributeError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError, OverflowError,
                RecursionError) as exc:
            return error(f"{name}(): {exc}", *args)

    def _try_or_can(self, name: str, arguments: list, env: dict):
        """try() returns the first argument that does not fail; can() says whether its argument fails.
        A value unknown until apply is not a failure."""
        for argument in arguments:
            value = self.eval(argument, env)
            failed = isinstance(value, Unknown) and value.error
            if name == "can":
                return False if failed else (unknown_from(value) if first_unknown(value) else True)
            if not failed:
                return value
        return error(f"{name}(): every argument failed")

    def _iterate(self, intro, env):
        collection = self.eval(intro.iterable, env)
        if is_unknown(collection):
            return collection
        if isinstance(collection, dict):
            pairs = sorted(collection.items())
        elif isinstance(collection, TfSet):
            pairs = [(v, v) for v in collection]
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            return error(f"cannot iterate over {collection!r}")
        first = str(intro.first_iterator.token.value)
        second = intro.second_iterator and str(intro.second_iterator.token.value)
        return [({**env, first: key, second: value} if second else {**env, first: value}) for key, value in pairs]

    def _kept(self, condition, scope_env) -> bool | Unknown:
        if condition is None:
            return True
        kept = self.eval(condition.condition_expr, scope_env)
        if is_unknown(kept):
            return kept
        try:
            return as_bool(kept)
        except TypeError as exc:
            return error(f"for ... if: {exc}")

    def _for_tuple(self, rule, env):
        scopes = self._iterate(rule.for_intro, env)
        if is_unknown(scopes):
            return unknown_from(scopes)
        result = []
        for scope_env in scopes:
            kept = self._kept(rule.condition, scope_env)
            if is_unknown(kept):
                return unknown_from(kept)
            if kept:
                result.append(self.eval(rule.value_expr, scope_env))
        return result

    def _for_object(self, rule, env):
        scopes = self._iterate(rule.for_intro, env)
        if is_unknown(scopes):
            return unknown_from(scopes)
        result: dict = {}
        for scope_env in scopes:
            kept = self._kept(rule.condition, scope_env)
            if is_unknown(kept):
                return unknown_from(kept)
            if not kept:
                continue
            key = self.eval(rule.key_expr, scope_env)
            if is_unknown(key):
                return unknown_from(key)
            key = key if isinstance(key, str) else template_text(key)  # map keys are strings
            value = self.eval(rule.value_expr, scope_env)
            if rule.ellipsis:
                result.setdefault(key, []).append(value)
            elif key in result:
                return error(f"duplicate key {key!r} in a for expression (add ... to group)")
            else:
                result[key] = value
        return result


def template_text_or_unknown(value: Any):
    return value if is_unknown(value) else template_text(value)


def flatten_traversal(rule) -> tuple[Any, list]:
    """`a.b[0].c[*].d` as its root expression and the steps after it, in order."""
    steps: list = []
    while True:
        if isinstance(rule, indexing.GetAttrExprTermRule):
            steps.append(("attr", str(rule.get_attr.identifier.token.value)))
            rule = rule.expr_term
        elif isinstance(rule, indexing.IndexExprTermRule):
            steps.append(("index", index_expression(rule.children[1])))
            rule = rule.children[0]
        elif isinstance(rule, (indexing.AttrSplatExprTermRule, indexing.FullSplatExprTermRule)):
            accessors = [accessor_step(a) for a in rule.attr_splat.get_attrs]
            steps.append(("splat", accessors))
            rule = rule.expr_term
        elif isinstance(rule, expressions.ExprTermRule):
            rule = rule.expression
        else:
            break
    steps.reverse()
    return rule, steps


def index_expression(index_rule):
    if isinstance(index_rule, indexing.ShortIndexRule):
        return _Literal(int(index_rule.index.value))
    return index_rule.index_expression


def accessor_step(accessor) -> tuple:
    if isinstance(accessor, indexing.GetAttrRule):
        return ("attr", str(accessor.identifier.token.value))
    return ("index", index_expression(accessor))


class _Literal:
    """An index already known from the syntax (`.0`)."""

    def __init__(self, value):
        self.value = value


def get_attr(value: Any, name: str) -> Any:
    if isinstance(value, ResourceRef):
        return ResourceRef(value.address, f"{value.attribute}.{name}" if value.attribute else name)
    if is_unknown(value):
        return value
    if isinstance(value, dict):
        return value[name] if name in value else error(f"no attribute '{name}'")
    if hasattr(value, "output"):
        return value.output(name)
    if isinstance(value, list):
        return error(f"cannot take .{name} of a list; use [*].{name}")
    return error(f"cannot take .{name} of {value!r}")


def get_index(value: Any, key: Any) -> Any:
    if isinstance(value, ResourceRef):
        if value.attribute or is_unknown(key):
            return value
        return ResourceRef(f"{value.address}{key_text(key)}")
    if is_unknown(value):
        return value
    if is_unknown(key):
        return unknown_from(key, value)
    try:
        if isinstance(value, list):
            return value[int(as_number(key))]
        if isinstance(value, dict):
            return value[key if isinstance(key, str) else template_text(key)]
    except (IndexError, KeyError, TypeError, ValueError, OverflowError):
        pass
    return error(f"no element {str(key)[:40]!r}")


def _equal(a, b) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: normalise(as_number(a) + as_number(b)),
    "-": lambda a, b: normalise(as_number(a) - as_number(b)),
    "*": lambda a, b: normalise(as_number(a) * as_number(b)),
    "/": lambda a, b: normalise(as_number(a) / as_number(b)),
    "%": lambda a, b: normalise(math.fmod(as_number(a), as_number(b))),
    "==": _equal,
    "!=": lambda a, b: not _equal(a, b),
    "<": lambda a, b: as_number(a) < as_number(b),
    ">": lambda a, b: as_number(a) > as_number(b),
    "<=": lambda a, b: as_number(a) <= as_number(b),
    ">=": lambda a, b: as_number(a) >= as_number(b),
    "&&": lambda a, b: as_bool(a) and as_bool(b),
    "||": lambda a, b: as_bool(a) or as_bool(b),
}


# --- built-in functions ----------------------------------------------------------------------------

_FORMAT_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def tf_format(spec: str, *args) -> str:
    position = iter(range(len(args)))
    written = [0]

    def verb(match: re.Match) -> str:
        explicit, flags, width, precision, letter = match.groups()
        if letter == "%":
            return "%"
        value = args[int(explicit) - 1 if explicit else next(position)]
        if letter in "sv":
            text = str(template_text(value)) if not isinstance(value, (list, dict)) else json.dumps(value)
        elif letter == "d":
            text = str(int(as_number(value)))
        elif letter in "fFeg":
            text = f"{as_number(value):.{precision or 6}{letter}}"
        elif letter == "q":
            text = json.dumps(str(value))
        elif letter == "t":
            text = "true" if as_bool(value) else "false"
        else:
            raise ValueError(f"format verb %{letter} is not supported")
        width_n = int(width or 0)
        if width_n > limits.MAX_FORMAT_WIDTH or int(precision or 0) > limits.MAX_FORMAT_WIDTH:
            raise ValueError(f"a width or precision above {limits.MAX_FORMAT_WIDTH:,}")
        written[0] += max(len(text), width_n)
        limits.check_size(limits.Size(written[0]))
        return text.ljust(width_n) if "-" in flags else text.rjust(width_n, "0" if "0" in flags else " ")

    return _FORMAT_VERB.sub(verb, spec)


def tf_lookup(mapping: dict, key: str, *default):
    if is_unknown(mapping):
        return mapping
    if key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise KeyError(f"no key {key!r}")


def tf_coalesce(*values):
    for value in values:
        if is_unknown(value):
            return value
        if value is not None and value != "":
            return value
    raise ValueError("no non-null, non-empty argument")


def tf_flatten(value: list) -> list:
    result = []
    for item in value:
        result.extend(tf_flatten(item) if isinstance(item, list) else [item])
    return result


def tf_merge(*maps):
    result: dict = {}
    for mapping in maps:
        if mapping is None:
            continue
        if is_unknown(mapping):
            return mapping
        result.update(mapping)
    return result


def tf_range(*bounds):
    start, stop, step = (0, bounds[0], 1) if len(bounds) == 1 else (*bounds, 1)[:3]
    numbers = range(int(as_number(start)), int(as_number(stop)), int(as_number(step)))
    limits.check_size(limits.Size(len(numbers), collection=True))  # before building it
    return list(numbers)


def tf_element(values: list, index):
    if not values:
        raise IndexError("element() of an empty list")
    return values[int(as_number(index)) % len(values)]


def tf_distinct(values: list) -> list:
    result, seen = [], set()
    for value in values:  # by a canonical text, so 10,000 elements take linear time, not quadratic
        key = json.dumps(value, sort_keys=True, default=repr) if not isinstance(value, str) else "s" + value
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result


def tf_toset(values) -> TfSet:
    return TfSet(sorted(tf_distinct(list(values)), key=lambda v: (str(type(v)), v)))


def tf_one(values):
    if len(values) > 1:
        raise ValueError("one() of a list with more than one element")
    return values[0] if values else None


def tf_cidrsubnet(prefix: str, newbits, netnum) -> str:
    network = ipaddress.ip_network(prefix, strict=False)
    newbits, netnum = int(as_number(newbits)), int(as_number(netnum))
    length = network.prefixlen + newbits
    if newbits < 0 or length > network.max_prefixlen:
        raise ValueError(f"{newbits} new bits do not fit in {prefix}")
    if not 0 <= netnum < 2 ** newbits:
        raise ValueError(f"netnum {netnum} is out of range")
    address = network.network_address + (netnum << (network.max_prefixlen - length))  # computed, not searched
    return str(ipaddress.ip_network(f"{address}/{length}"))


def tf_cidrhost(prefix: str, hostnum) -> str:
    network = ipaddress.ip_network(prefix, strict=False)
    hostnum = int(as_number(hostnum))
    if not 0 <= hostnum < network.num_addresses:
        raise ValueError(f"host number {hostnum} is out of range for {prefix}")
    return str(network.network_address + hostnum)


def tf_pow(base, exponent):
    """As a float first: an integer power such as pow(10, 100000000) would take minutes to compute."""
    base, exponent = as_number(base), as_number(exponent)
    try:
        result = float(base) ** float(exponent)
    except OverflowError:
        raise ValueError("the result is beyond the largest number (about 1e308)") from None
    if isinstance(base, int) and isinstance(exponent, int) and exponent >= 0 and abs(result) < 1e15:
        return base ** exponent
    return normalise(result)


def tf_jsonencode(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def tf_substr(text: str, offset, length) -> str:
    offset, length = int(offset), int(length)
    return text[offset:] if length == -1 else text[offset:offset + length]


def _regex(pattern: str):
    """A pattern compiled by RE2, the engine Terraform itself uses: linear time on any input, so a
    backtracking pattern such as (a+)+$ cannot hang the read."""
    import re2

    if len(pattern) > limits.MAX_REGEX_PATTERN:
        raise ValueError(f"a pattern longer than {limits.MAX_REGEX_PATTERN:,} characters")
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        message = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"invalid regular expression: {message}") from None


def tf_replace(text: str, search: str, replacement: str) -> str:
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        pattern = _regex(search[1:-1])
        if len(replacement) > 1:  # bound the result before building it
            matches = sum(1 for _ in zip(pattern.finditer(text), range(limits.MAX_STRING + 1)))
            limits.check_size(limits.Size(len(text) + matches * len(replacement)))
        template = re.sub(r"\$\{?(\w+)\}?", r"\\g<\1>", replacement.replace("\\", "\\\\"))  # $1 -> \g<1>
        return pattern.sub(template, text)
    matches = text.count(search) if search else len(text) + 1
    limits.check_size(limits.Size(len(text) + matches * max(len(replacement) - len(search), 0)))
    return text.replace(search, replacement)


def _regex_match(pattern, match):
    """What Terraform's regex() gives for one match: the text, the list of groups, or the named groups."""
    if pattern.groupindex:
        return {name: match.group(name) for name in pattern.groupindex}
    if pattern.groups:
        return list(match.groups())
    return match.group(0)


def tf_regex(pattern_text: str, text: str):
    pattern = _regex(pattern_text)
    match = pattern.search(text)
    if match is None:
        raise ValueError("the pattern does not match")
    return _regex_match(pattern, match)


def tf_regexall(pattern_text: str, text: str) -> list:
    pattern = _regex(pattern_text)
    found = []
    for match in pattern.finditer(text):
        found.append(_regex_match(pattern, match))
        limits.check_size(limits.Size(len(found), collection=True))
    return found


def tf_tonumber(value):
    return None if value is None else as_number(value)


def tf_tostring(value):
    if isinstance(value, (list, dict)):
        raise TypeError("tostring() of a collection")
    return None if value is None else template_text(value)


# name -> (function, whether every argument must be fully known). Structural functions work on
# containers whose elements may be unknown (length of a list of subnet ids is still known).
FUNCTIONS: dict[str, tuple[Callable, bool]] = {
    "abs": (lambda n: abs(as_number(n)), True),
    "ceil": (lambda n: math.ceil(as_number(n)), True),
    "floor": (lambda n: math.floor(as_number(n)), True),
    "max": (lambda *n: max(map(as_number, n)), True),
    "min": (lambda *n: min(map(as_number, n)), True),
    "pow": (tf_pow, True),
    "signum": (lambda n: (as_number(n) > 0) - (as_number(n) < 0), True),
    "parseint": (lambda s, b: int(str(s), int(b)), True),
    "sum": (lambda values: normalise(sum(map(as_number, values))), True),
    "format": (tf_format, True),
    "join": (lambda sep, *lists: sep.join(str(template_text(v)) for lst in lists for v in lst), True),
    "split": (lambda sep, text: text.split(sep), True),
    "lower": (lambda s: s.lower(), True),
    "upper": (lambda s: s.upper(), True),
    "title": (lambda s: s.title(), True),
    "chomp": (lambda s: s.rstrip("\r\n"), True),
    "trim": (lambda s, chars: s.strip(chars), True),
    "trimspace": (lambda s: s.strip(), True),
    "trimprefix": (lambda s, p: s.removeprefix(p), True),
    "trimsuffix": (lambda s, p: s.removesuffix(p), True),
    "strrev": (lambda s: s[::-1], True),
    "substr": (tf_substr, True),
    "replace": (tf_replace, True),
    "regex": (tf_regex, True),
    "regexall": (tf_regexall, True),
    "startswith": (lambda s, p: s.startswith(p), True),
    "endswith": (lambda s, p: s.endswith(p), True),
    "alltrue": (lambda values: all(as_bool(v) for v in values), True),
    "anytrue": (lambda values: any(as_bool(v) for v in values), True),
    "contains": (lambda values, v: v in values, True),
    "distinct": (tf_distinct, True),
    "sort": (lambda values: sorted(values), True),
    "toset": (tf_toset, True),
    "setunion": (lambda *sets: tf_toset([v for s in sets for v in s]), True),
    "compact": (lambda values: [v for v in values if v not in (None, "")], True),
    "index": (lambda values, v: values.index(v), True),
    "coalesce": (tf_coalesce, False),
    "coalescelist": (lambda *lists: next(lst for lst in lists if lst), False),
    "concat": (lambda *lists: [v for lst in lists for v in lst], False),
    "element": (tf_element, False),
    "flatten": (tf_flatten, False),
    "keys": (lambda mapping: sorted(mapping), False),
    "values": (lambda mapping: [mapping[k] for k in sorted(mapping)], False),
    "length": (lambda value: len(value), False),
    "lookup": (tf_lookup, False),
    "merge": (tf_merge, False),
    "one": (tf_one, False),
    "range": (tf_range, True),
    "reverse": (lambda values: list(reversed(values)), False),
    "slice": (lambda values, start, end: values[int(start):int(end)], False),
    "zipmap": (lambda keys, vals: dict(zip(keys, vals)), False),
    "tolist": (lambda values: list(values), False),
    "tomap": (lambda mapping: dict(mapping), False),
    "tonumber": (tf_tonumber, True),
    "tostring": (tf_tostring, True),
    "tobool": (lambda v: None if v is None else as_bool(v), True),
    "jsonencode": (tf_jsonencode, True),
    "jsondecode": (lambda text: json.loads(text), True),
    "base64encode": (lambda s: base64.b64encode(s.encode()).decode(), True),
    "base64decode": (lambda s: base64.b64decode(s, validate=True).decode(), True),
    "cidrsubnet": (tf_cidrsubnet, True),
    "cidrhost": (tf_cidrhost, True),
}

# Functions whose result can be far larger than their arguments look: their arguments are measured first.
AMPLIFYING = {"join", "jsonencode", "flatten", "concat", "merge", "setunion", "format", "tostring", "distinct",
              "toset", "sort", "zipmap", "values", "keys", "tolist", "tomap", "base64encode"}
