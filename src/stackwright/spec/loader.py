"""Load a spec from YAML, keeping where every value sits so errors can point at it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from stackwright import collector, limits
from stackwright.errors import Problem, UserError, read_user_file
from stackwright.spec.model import Spec

try:  # libyaml is much faster when present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

Path_ = tuple  # a path into the document: ("components", "api", "cpu")


@dataclass
class Located:
    """A parsed document plus the (line, column) of each key and value, 1-based."""

    file: str
    data: object
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        marks = self.key_marks if at_key else self.value_marks
        probe = tuple(path)
        while probe and probe not in marks:
            probe = probe[:-1]
        line, column = marks.get(probe, self.value_marks.get((), (1, 1)))
        return Problem(self.file, line, column, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


YAML_TAG = "tag:yaml.org,2002:"
# Tags a spec may carry: the plain data types. Anything else (`!Ref`, `!include`, `!!python/...`,
# `!!set`, `!!binary`) is refused where it is written rather than guessed at.
PLAIN_TAGS = {YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
MERGE_TAG = YAML_TAG + "merge"
TIMESTAMP_TAG = YAML_TAG + "timestamp"
STR_TAG = YAML_TAG + "str"


class _TooMuch(Exception):
    """The document expands past the limits: stop building at once."""


class _Builder:
    """Turns a composed YAML node graph into plain data, recording the marks of every key and value.

    Handles merge keys (`<<: *base`), and refuses, with the place: custom tags, aliases that
    contain themselves, expansion beyond `limits.MAX_YAML_VALUES` values, and control characters.
    """

    def __init__(self, located: Located, problems: list[Problem], what: str = "spec"):
        self.located, self.problems, self.what = located, problems, what
        self.constructor = _Loader("")
        self.values = 0
        self.active: set[int] = set()  # nodes being built on the current path: an alias back to one loops
        self.at: tuple[int, int] = (1, 1)  # the node or merge key being built: where Python's stack runs out
        self.trail: list[tuple[int, int]] = []  # marks of the collections on the current path

    def problem(self, node_or_mark, message: str) -> None:
        line, col = node_or_mark if isinstance(node_or_mark, tuple) else _mark(node_or_mark)
        self.problems.append(Problem(self.located.file, line, col, message))

    def build(self, node: yaml.Node, path: Path_, where: tuple[int, int] | None = None):
        self.values += 1
        self.at = where or _mark(node)
        if self.values > limits.MAX_YAML_VALUES:
            self.problem(where or _mark(node), f"the document expands to more than {limits.MAX_YAML_VALUES:,} values "
                         "through aliases; write the values out or use fewer aliases")
            raise _TooMuch
        if len(path) > limits.MAX_YAML_DEPTH:
            self.problem(self.written_at(_mark(node)), f"nested more than {limits.MAX_YAML_DEPTH} levels deep; "
                         "flatten the document")
            raise _TooMuch
        if id(node) in self.active:
            self.problem(where or _mark(node), "this alias refers to a value that contains it (a recursive "
                         "anchor); copy the values instead")
            return None
        self.located.value_marks[path] = _mark(node)
        if node.tag not in PLAIN_TAGS and node.tag != TIMESTAMP_TAG:
            self.problem(node, f"the YAML tag '{node.tag.removeprefix(YAML_TAG)}' is not supported in a {self.what}; "
                         "remove the tag and write a plain value")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.active.add(id(node))
        self.trail.append(_mark(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))
            self.trail.pop()

    def written_at(self, deepest: tuple[int, int]) -> tuple[int, int]:
        """Where the nesting down to `deepest` is written: the deepest node itself, or, when an alias on
        the way leads back to an anchor written earlier, the collection holding that alias."""
        reached = self.trail[0] if self.trail else deepest
        for mark in [*self.trail[1:], deepest]:
            if mark < reached:
                return reached
            reached = mark
        return reached

    def scalar(self, node: yaml.ScalarNode):
        if node.tag == TIMESTAMP_TAG or node.tag == STR_TAG:  # a date is text to a spec; keep what was written
            value = node.value  # what the constructor would make of a string too, without its bookkeeping
        else:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):  # an integer beyond Python's digit limit, a bad float
                self.problem(node, f"'{node.value[:40]}' is not a usable number; write a number of sensible size")
                return None
        if isinstance(value, str):
            bad = limits.control_character(value)
            if bad:
                self.problem(node, f"the text holds the control character {bad[2]}; remove it")
                return None
        return value

    def pairs(self, node: yaml.MappingNode, chain: tuple[int, int] | None = None,
              followed: int = 0) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's own key/value pairs, then those merge keys bring in that it does not set itself
        (earlier merge sources win, as YAML's merge-key type says). `chain`: where the merge key that
        led here is written; `followed`: how many merges deep this is."""
        own, merged = [], []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                own.append((key_node, value_node))
                continue
            self.at = _mark(key_node)
            if followed >= limits.MAX_YAML_DEPTH:
                self.problem(chain, f"this merge key (<<) leads through more than {limits.MAX_YAML_DEPTH} merge keys "
                             "in a chain; merge fewer levels of anchors")
                raise _TooMuch
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.problem(source, "a merge key (<<) takes a mapping or a list of mappings; "
                                 "point it at an anchored mapping")
                elif id(source) in self.active or source is node:
                    self.problem(key_node, "this merge key refers to the mapping that contains it; "
                                 "merge a different mapping")
                else:
                    self.active.add(id(source))
                    try:
                        merged.extend(self.pairs(source, chain or _mark(key_node), followed + 1))
                    finally:
                        self.active.discard(id(source))
        seen = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        for key_node, value_node in merged:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value not in seen:
                seen.add(key_node.value)
                own.append((key_node, value_node))
        return own

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result = {}
        own_keys = sum(1 for k, _ in node.value if k.tag != MERGE_TAG)
        for index, (key_node, value_node) in enumerate(self.pairs(node)):
            plain = isinstance(key_node, yaml.ScalarNode) and key_node.tag in PLAIN_TAGS
            key = self.scalar(key_node) if plain else None
            if not isinstance(key, str):
                if not (plain and limits.control_character(key_node.value)):
                    self.problem(key_node, "keys must be plain names; quote or rename this key")
                continue
            child = (*path, key)
            if key in result and index < own_keys:
                self.problem(key_node, f"'{key}' is given twice; keep one")
            self.located.key_marks[child] = _mark(key_node)
            result[key] = self.build(value_node, child, where=_mark(key_node))
        return result


def refuse_control_characters(text: str, file: str, what: str = "spec") -> None:
    bad = limits.control_character(text)
    if bad:
        line, col, code = bad
        raise UserError(Problem(file, line, col, f"the control character {code} is not allowed in a {what}; "
                                "remove it (save the file as plain UTF-8 text)"))


def _finite_yaml_float(text: str) -> bool:
    text = text.replace("_", "").lower().lstrip("+-")
    if text in (".inf", ".nan"):
        return False
    try:
        return math.isfinite(float(text))
    except ValueError:  # sexagesimal (1:30.5) and other YAML 1.1 forms: small by construction
        return True


def check_node_graph(root: yaml.Node, file: str) -> None:
    """For YAML read by other constructors (CloudFormation's): refuse, with the place, what `_Builder`
    refuses in a spec: aliases into themselves, expansion past the limit, deep nesting, unusable numbers."""
    count = 0

    def fail(node: yaml.Node, message: str):
        line, col = _mark(node)
        raise UserError(Problem(file, line, col, message))

    def visit(node: yaml.Node, depth: int, active: set[int]) -> None:
        nonlocal count
        count += 1
        if count > limits.MAX_YAML_VALUES:
            fail(node, f"the document expands to more than {limits.MAX_YAML_VALUES:,} values through aliases; "
                       "write the values out or use fewer aliases")
        if depth > limits.MAX_YAML_DEPTH:
            fail(node, f"nested more than {limits.MAX_YAML_DEPTH} levels deep; flatten the document")
        if id(node) in active:
            fail(node, "an alias refers to a value that contains it (a recursive anchor); copy the values instead")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == YAML_TAG + "float" and not _finite_yaml_float(node.value):
                fail(node, f"'{node.value}' is not a finite number; write a number")
            if node.tag == YAML_TAG + "int" and len(node.value.lstrip("+-")) > limits.MAX_INTEGER_DIGITS:
                fail(node, f"the number {node.value[:20]}… has more than {limits.MAX_INTEGER_DIGITS} digits; "
                           "write a number of sensible size")
            return
        active.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        for child in children:
            visit(child, depth + 1, active)
        active.discard(id(node))

    visit(root, 0, set())


EMPTY = {"spec": "a spec needs at least name, region and components",
         "usage file": "a usage file needs resource_usage, traffic or spec"}


def parse_yaml(text: str, file: str, what: str = "spec") -> Located:
    """Parse YAML into plain data with marks; YAML syntax errors become located problems."""
    text = text.removeprefix("\ufeff")
    if len(text) > limits.MAX_FILE_BYTES:
        raise UserError(Problem(file, 1, 1, f"the file is larger than {limits.MAX_FILE_BYTES:,} characters; "
                                "split it or remove what it does not need"))
    refuse_control_characters(text, file, what)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        raise UserError(Problem(file, line, col, f"malformed YAML: {what}; check indentation and quoting here"))
    except yaml.YAMLError as exc:  # a reader error the scan above did not foresee
        raise UserError(Problem(file, 1, 1, f"unreadable YAML: {exc}; save the file as plain UTF-8 text"))
    located = Located(file=file, data=None)
    if root is None:
        raise UserError(Problem(file, 1, 1, f"the file is empty; {EMPTY.get(what, 'write its contents')}"))
    problems: list[Problem] = []
    builder = _Builder(located, problems, what)
    try:
        located.data = builder.build(root, ())
    except (_TooMuch, RecursionError):
        if not problems:  # Python's stack ran out before a limit: say where the builder was
            problems.append(Problem(file, *builder.at, "the document is nested too deeply here; flatten it"))
    if problems:
        raise UserError(problems)
    return located


def _describe(error: dict) -> tuple[str, bool]:
    """Turn one pydantic error into (message with a fix, whether to point at the key)."""
    kind, loc, msg = error["type"], error["loc"], error["msg"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "extra_forbidden":
        return f"unknown field '{name}'; remove it or check the spelling (`stackwright schema` lists the fields)", True
    if kind == "missing":
        return f"missing required field '{name}'; add it here", False
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return f"unknown kind '{ctx.get('tag')}'; use one of {ctx.get('expected_tags', '')}", False
    if kind == "union_tag_not_found":
        return "a component needs a 'kind'; add one, for example fargate_service, rds or alb", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{name}' is {error['input']!r}; it must be {expected}", False
    if kind == "auto_or_mapping":
        return (f"'{name}' must be auto or a mapping of min, desired and max (got {_shown(error['input'])}); "
                "write auto or, for example, {min: 1, desired: 2, max: 4}"), False
    if kind == "value_error":
        return msg.removeprefix("Value error, "), False
    if kind == "string_pattern_mismatch" and loc[:1] == ("environments",) and loc[-1] == "[key]":
        return (f"environment name {_shown(error.get('input'))}: use lower-case letters, digits and '-', "
                "starting with a letter, at most 16 characters (for example prod, staging, dev)"), True
    if kind == "string_pattern_mismatch" and name in PATTERN_FIXES:
        return f"'{name}' is {_shown(error.get('input'))}; {PATTERN_FIXES[name]}", False
    fix = FIXES.get(kind, "correct the value")
    return f"'{name}': {msg[0].lower()}{msg[1:]} (got {_shown(error.get('input'))}); {fix}", False


def _shown(value: object) -> str:
    """A value as the message quotes it: short, whatever the user wrote."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# How to fix what pydantic reports, by its error type.
FIXES = {
    "finite_number": "write a finite number (.inf and .nan are not values AWS can bill)",
    "greater_than": "raise it", "greater_than_equal": "raise it",
    "less_than": "lower it (that is AWS's limit or beyond any real service)",
    "less_than_equal": "lower it (that is AWS's limit or beyond any real service)",
    "string_too_long": "shorten it", "string_too_short": "write a value",
    "int_parsing": "write a whole number", "int_from_float": "write a whole number",
    "int_type": "write a whole number", "float_parsing": "write a number", "float_type": "write a number",
    "string_type": "write text (quote it)", "bool_parsing": "write true or false", "bool_type": "write true or false",
    "dict_type": "write a mapping of fields", "list_type": "write a list", "model_type": "write a mapping of fields",
    "model_attributes_type": "write a mapping of fields", "string_pattern_mismatch": "correct the text",
    "extra_forbidden": "remove it or check the spelling",
}
PATTERN_FIXES = {
    "region": "give an AWS region code such as us-east-1 or ap-northeast-2",
    "name": "use letters, digits, '.', '-' and '_', starting with a letter or digit",
}


def _data_path(loc: tuple, data: object) -> Path_:
    """Drop pydantic's union segments (a kind tag, a branch name such as `TaskCounts` or
    `literal['auto']`) so the location matches the document."""
    path, node = [], data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and not last:
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


AUTO_BRANCH = "literal['auto']"


def _value_at(path: Path_, data: object) -> object:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _drop_union_noise(errors: list[dict], data: object) -> list[dict]:
    """A `mapping | auto` field fails in both branches; keep the errors of the branch the user meant:
    the mapping's own errors when a mapping was written, else one 'auto or a mapping' error."""
    kept, merged = [], set()
    for error in errors:
        if AUTO_BRANCH not in error["loc"]:
            kept.append(error)
            continue
        site = _data_path(error["loc"][: error["loc"].index(AUTO_BRANCH)], data)
        if not isinstance(_value_at(site, data), dict) and site not in merged:
            merged.add(site)
            kept.append(error | {"type": "auto_or_mapping", "loc": site})
    return [e for e in kept if e["type"] == "auto_or_mapping"
            or not any(_data_path(e["loc"], data)[: len(site)] == site for site in merged)]


def validate(located: Located) -> Spec:
    from stackwright.spec import boundary

    if not isinstance(located.data, dict):
        raise UserError(located.problem((), "a spec is a mapping of fields (name, region, components); "
                                            "write it as one"))
    try:
        spec = Spec.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for error in _drop_union_noise(exc.errors(include_url=False), located.data):
            message, at_key = _describe(error)
            path = _data_path(error["loc"], located.data)
            if error["type"] == "union_tag_invalid":
                path = (*path, "kind")
            problems.append(located.problem(path, message, at_key=at_key))
        raise UserError(problems) from None
    found = boundary.problems(spec, located.data)
    if found:  # a component's own name is pointed at where it is written, as a key
        raise UserError([located.problem(path, message, at_key=path[:1] == ("components",) and len(path) == 2)
                         for path, message in found])
    return spec


@dataclass
class LoadedSpec:
    spec: Spec
    located: Located

    def problem(self, path: Path_, message: str) -> Problem:
        return self.located.problem(path, message)


def load(path: str | Path) -> LoadedSpec:
    # the YAML nodes, the located data and the spec are tens of thousands of objects at 1,000 services, in
    # no cycles: the collector would walk them again and again for nothing
    with collector.paused():
        located = parse_yaml(read_user_file(path, "spec"), str(path))
        loaded = LoadedSpec(validate(located), located)
    if loaded.spec.environments:
        from stackwright.spec.environments import check_all

        check_all(loaded)
    return loaded
