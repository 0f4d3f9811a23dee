"""The usage file: usage-based quantities the code cannot say, in the spirit of Infracost's usage file.

    version: 0.1                     # optional
    traffic: {dau: 5000, avg_rps: 20}  # the spec's traffic: the defaults for every usage not given below
    resource_type_default_usage:     # per resource type
      aws_lb: {lcu: 2}
    resource_usage:                  # per resource address (Infracost's layout) ...
      aws_nat_gateway.main: {data_processed_gb_month: 200}
    aws_s3_bucket.assets: {storage_gb: 500}   # ... or straight at the top level

Keys are the spec fields of the kind the resource becomes (`stackwright schema` describes them).
Values are per resource instance: a block address (`aws_nat_gateway.main`) applies to each instance
of a count/for_each block, an instance address (`aws_nat_gateway.main[0]`) to that one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from stackwright.errors import Problem, UserError
from stackwright.importer.resources import READ, Assumption, IacResource
from stackwright.spec.loader import Located, parse_yaml
from stackwright.spec.model import Traffic

RESERVED = {"version", "traffic", "resource_type_default_usage", "resource_usage"}


@dataclass
class UsageFile:
    located: Located | None = None
    by_address: dict[str, dict[str, float]] = field(default_factory=dict)
    by_type: dict[str, dict[str, float]] = field(default_factory=dict)
    traffic: Traffic | None = None
    # Where each entry sits in the document, for located errors.
    paths: dict[tuple[str, str], tuple] = field(default_factory=dict)

    @property
    def file(self) -> str | None:
        return self.located.file if self.located else None

    def lookup(self, resource: IacResource, key: str) -> tuple[float, str] | None:
        """The usage value for one resource instance, and which entry gave it."""
        for address in dict.fromkeys((resource.address, resource.block)):
            entry = self.by_address.get(address, {})
            if key in entry:
                return entry[key], address
        entry = self.by_type.get(resource.type, {})
        if key in entry:
            return entry[key], f"resource_type_default_usage.{resource.type}"
        return None

    def check(self, resources: list[IacResource], usage_keys: dict[str, tuple[str, ...]]) -> list[Assumption]:
        """Unknown keys are errors (a typo would silently fall back to a default); entries that match no
        resource are noted, since code and usage file often change apart."""
        problems, notes = [], []
        types_by_address: dict[str, str] = {}
        for resource in resources:
            types_by_address.setdefault(resource.address, resource.type)
            types_by_address.setdefault(resource.block, resource.type)
        for (scope, name), path in self.paths.items():
            type_ = types_by_address.get(name) if scope == "address" else name
            if scope == "address" and type_ is None:
                notes.append(Assumption(name, READ, f"the usage file's entry for {name} matches no resource"))
                continue
            allowed = usage_keys.get(type_, ())
            for key in (self.by_address if scope == "address" else self.by_type)[name]:
                if key not in allowed:
                    hint = f"use one of {', '.join(allowed)}" if allowed else f"{type_} takes no usage values"
                    problems.append(self.located.problem((*path, key), f"unknown usage key '{key}' for {type_}; {hint}",
                                                         at_key=True))
        if problems:
            raise UserError(problems)
        return notes


def load_usage(path: str | Path | None) -> UsageFile:
    if path is None:
        return UsageFile()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(Problem(str(path), 1, 1, "no such usage file; check the path")) from None
    located = parse_yaml(text, str(path))
    usage = UsageFile(located=located)
    if not isinstance(located.data, dict):
        raise UserError(located.problem((), "a usage file is a mapping of resource addresses to usage values"))
    problems: list[Problem] = []
    for key, value in located.data.items():
        if key == "traffic":
            usage.traffic = _traffic(located, value, problems)
        elif key == "resource_type_default_usage":
            _entries(located, ("resource_type_default_usage",), value, "type", usage, problems)
        elif key == "resource_usage":
            _entries(located, ("resource_usage",), value, "address", usage, problems)
        elif key != "version":
            _entries(located, (), {key: value}, "address", usage, problems)
    if problems:
        raise UserError(problems)
    return usage


def _traffic(located: Located, value, problems: list[Problem]) -> Traffic | None:
    try:
        return Traffic.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = ("traffic", *error["loc"])
            problems.append(located.problem(where, f"traffic.{'.'.join(map(str, error['loc']))}: {error['msg']}"))
        return None


def _entries(located: Located, base: tuple, entries, scope: str, usage: UsageFile, problems: list[Problem]) -> None:
    if not isinstance(entries, dict):
        problems.append(located.problem(base, "expected a mapping of names to usage values"))
        return
    target = usage.by_address if scope == "address" else usage.by_type
    for name, values in entries.items():
        path = (*base, name)
        if not isinstance(values, dict):
            problems.append(located.problem(path, f"{name}: expected a mapping of usage keys to numbers, "
                                                  f"for example {{storage_gb: 50}}"))
            continue
        for key, number in values.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
                problems.append(located.problem((*path, key), f"{key} is {number!r}; give a number of 0 or more"))
        target[name] = values
        usage.paths[(scope, name)] = path
