"""Load a spec from YAML, keeping where every value sits so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

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


def _build(node: yaml.Node, path: Path_, located: Located, problems: list[Problem], constructor):
    located.value_marks[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                line, col = _mark(key_node)
                problems.append(Problem(located.file, line, col, "keys must be plain names; quote or rename this key"))
                continue
            child = (*path, key)
            if key in result:
                line, col = _mark(key_node)
                problems.append(Problem(located.file, line, col, f"'{key}' is given twice; keep one"))
            located.key_marks[child] = _mark(key_node)
            result[key] = _build(value_node, child, located, problems, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), located, problems, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML into plain data with marks; YAML syntax errors become located problems."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        raise UserError(Problem(file, line, col, f"malformed YAML: {what}; check indentation and quoting here"))
    located = Located(file=file, data=None)
    if root is None:
        raise UserError(Problem(file, 1, 1, "the file is empty; a spec needs at least name, region and components"))
    problems: list[Problem] = []
    located.data = _build(root, (), located, problems, _Loader(""))
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
        return "a component needs a 'kind' (for example fargate_service, rds, alb)", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{name}' is {error['input']!r}; it must be {expected}", False
    if kind == "auto_or_mapping":
        return f"'{name}' must be auto or a mapping of min, desired and max (got {error['input']!r})", False
    if kind == "value_error":
        return msg.removeprefix("Value error, "), False
    return f"'{name}': {msg[0].lower()}{msg[1:]} (got {error.get('input')!r})", False


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
    try:
        return Spec.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for error in _drop_union_noise(exc.errors(include_url=False), located.data):
            message, at_key = _describe(error)
            path = _data_path(error["loc"], located.data)
            if error["type"] == "union_tag_invalid":
                path = (*path, "kind")
            problems.append(located.problem(path, message, at_key=at_key))
        raise UserError(problems) from None


@dataclass
class LoadedSpec:
    spec: Spec
    located: Located

    def problem(self, path: Path_, message: str) -> Problem:
        return self.located.problem(path, message)


def load(path: str | Path) -> LoadedSpec:
    located = parse_yaml(read_user_file(path, "spec"), str(path))
    return LoadedSpec(validate(located), located)
