"""CloudFormation parameter values given on the command line, as `aws cloudformation` takes them:
a JSON file holding a list of {"ParameterKey", "ParameterValue"} (or `UsePreviousValue`, which a static
read cannot honour), or the `Key=Value` form of `deploy --parameter-overrides`. Later values win."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from stackwright.errors import Problem, UserError, read_user_file


def load_parameters(file: str | Path | None = None, pairs: Sequence[str] = ()) -> dict[str, str]:
    values: dict[str, str] = {}
    if file is not None:
        values.update(_from_file(Path(file)))
    values.update(parse_pairs(pairs, "--parameter"))
    return values


def parse_pairs(pairs: Sequence[str], option: str) -> dict[str, str]:
    """`Key=Value` texts as a mapping; a text without `=` is a user error naming the option."""
    values = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise UserError(f"{option} {pair!r}: not KEY=VALUE; write it as {option} KEY=VALUE")
        values[key.strip()] = value
    return values


def _from_file(path: Path) -> dict[str, str]:
    text = read_user_file(path, "parameters file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(Problem(str(path), exc.lineno, exc.colno, f"malformed JSON: {exc.msg}")) from None
    if isinstance(data, dict) and isinstance(data.get("Parameters"), (list, dict)):
        data = data["Parameters"]  # a CodePipeline template configuration, or a CLI input skeleton
    if isinstance(data, dict):  # {"Key": "Value"}: the form SAM and CodePipeline accept
        return {str(k): _text(v) for k, v in data.items()}
    if not isinstance(data, list):
        raise UserError(Problem(str(path), 1, 1, 'a parameters file is a list of {"ParameterKey": ..., '
                                                 '"ParameterValue": ...}'))
    values = {}
    for position, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("ParameterKey"), str):
            raise UserError(Problem(str(path), _line(text, position), 1,
                                    f"entry {position} has no ParameterKey; write "
                                    '{"ParameterKey": "Name", "ParameterValue": "value"}'))
        if "ParameterValue" in entry:
            values[entry["ParameterKey"]] = _text(entry["ParameterValue"])
    return values


def _text(value) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value))
    return "true" if value is True else "false" if value is False else str(value)


def _line(text: str, position: int) -> int:
    """The line of the position-th object in a JSON list (good enough for a pointer)."""
    index = -1
    for _ in range(position):
        index = text.find('{', index + 1)
        if index < 0:
            return 1
    return text.count("\n", 0, index) + 1
