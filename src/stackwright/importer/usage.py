"""The usage file: usage-based quantities the code cannot say, in the spirit of Infracost's usage file.

    version: 0.1                     # optional
    traffic: {dau: 5000, avg_rps: 20}  # the spec's traffic: the defaults for every usage not given below
    spec:                            # spec-wide settings no code holds (all optional)
      free_tier: false
      running_hours_per_week: 168
      components:                    # billing-only components: they describe traffic, not resources
        egress: {kind: data_transfer, inter_az_gb_month: 10}
    resource_type_default_usage:     # per resource type
      aws_lb: {lcu: 2}
    resource_usage:                  # per resource address (Infracost's layout) ...
      aws_nat_gateway.main: {data_processed_gb_month: 200}
    aws_s3_bucket.assets: {storage_gb: 500}   # ... or straight at the top level

Keys are the spec fields of the kind the resource becomes (`stackwright schema` describes them), the
keys of the resource's cost module (stackwright.resources, Infracost's names), or Infracost's keys for
the same thing (importer/infracost_usage.py). Nested sections (`standard: {storage_gb: 10}`, CloudFront
traffic per region) read as dotted keys (`standard.storage_gb`); `[*]` in an address matches any
instance key (`module.app[*].aws_instance.web[*]`). So an Infracost usage file is read as it is. Keys
no resource takes are warned about, with their place in the file, and ignored.
Values are numbers, except `purchase_option` (reserved_1y, ...: a reservation is a billing choice no
code shows) and `geo` (where a distribution's viewers are), which are words. Values are per resource
instance: a block address (`aws_nat_gateway.main`) applies to each instance of a count/for_each block,
an instance address (`aws_nat_gateway.main[0]`) to that one.

`stackwright plan` writes one next to the Terraform and the CloudFormation it generates, so importing
either prices what `stackwright cost` prices for the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from stackwright.errors import Problem, UserError, read_user_file
from stackwright.importer.infracost_usage import accepted_keys, accepts, alias_value
from stackwright.importer.resources import READ, Assumption, IacResource
from stackwright.spec.loader import FIXES, Located, parse_yaml
from stackwright.spec.model import Component, Strict, Traffic

MAX_USAGE = 1e15  # beyond any month's requests, GB or hours: a typo, not usage

RESERVED = {"version", "traffic", "spec", "resource_type_default_usage", "resource_usage"}
TEXT_KEYS = frozenset({"purchase_option", "geo"})  # usage values that are words, not numbers
# what a usage file may state beside the code: traffic, and addresses no code declares (priced as Elastic IPs)
BILLING_ONLY_KINDS = ("data_transfer", "public_ipv4")


class SpecSettings(Strict):
    """Spec-wide settings the code cannot hold."""

    free_tier: bool | None = Field(None, description="As the spec's free_tier.")
    running_hours_per_week: float | None = Field(None, gt=0, le=168, description="As the spec's.")
    components: dict[str, Component] = Field(default_factory=dict, description=(
        f"Billing-only components ({', '.join(BILLING_ONLY_KINDS)}), added to the imported spec as they are."))

    @field_validator("components")
    @classmethod
    def _billing_only(cls, components: dict) -> dict:
        for name, component in components.items():
            if component.kind not in BILLING_ONLY_KINDS:
                raise ValueError(f"{name}: a {component.kind} is a resource the code declares; only "
                                 f"{' and '.join(BILLING_ONLY_KINDS)} components belong here")
        return components


@dataclass
class UsageFile:
    located: Located | None = None
    by_address: dict[str, dict[str, float | str]] = field(default_factory=dict)
    by_type: dict[str, dict[str, float | str]] = field(default_factory=dict)
    traffic: Traffic | None = None
    settings: SpecSettings = field(default_factory=SpecSettings)
    # Where each entry sits in the document, for located errors.
    paths: dict[tuple[str, str], tuple] = field(default_factory=dict)
    # Addresses with `[*]`, as patterns matching any instance key there.
    wildcards: dict[str, re.Pattern] = field(default_factory=dict)

    @property
    def file(self) -> str | None:
        return self.located.file if self.located else None

    def entries(self, resource: IacResource) -> list[tuple[dict, str]]:
        """The usage entries that apply to a resource instance, most specific first: its instance address,
        its block address, wildcard addresses matching it, then its type's defaults."""
        found = [(self.by_address[a], a) for a in dict.fromkeys((resource.address, resource.block))
                 if a in self.by_address]
        found += [(self.by_address[a], a) for a, pattern in self.wildcards.items()
                  if pattern.fullmatch(resource.address) or pattern.fullmatch(resource.block)]
        if resource.type in self.by_type:
            found.append((self.by_type[resource.type], f"resource_type_default_usage.{resource.type}"))
        return found

    def lookup(self, resource: IacResource, key: str) -> tuple[float | str, str] | None:
        """The usage value for one resource instance, and which entry gave it (an Infracost key standing
        for `key` counts)."""
        for entry, label in self.entries(resource):
            if key in entry:
                return entry[key], label
            value = alias_value(resource.type, key, entry)
            if value is not None:
                return value, f"{label}, Infracost keys"
        return None

    def check(self, resources: list[IacResource], usage_keys: dict[str, tuple[str, ...]]) -> list[Assumption]:
        """Keys the resource does not take are warned about with their place in the file (a typo falls back
        to a default, so it must show), and ignored; entries that match no resource are noted, since code
        and usage file often change apart."""
        notes = []
        types_by_address: dict[str, str] = {}
        for resource in resources:
            types_by_address.setdefault(resource.address, resource.type)
            types_by_address.setdefault(resource.block, resource.type)
        for (scope, name), path in self.paths.items():
            if scope == "address" and name in self.wildcards:
                types = {t for a, t in types_by_address.items() if self.wildcards[name].fullmatch(a)}
                type_ = types.pop() if len(types) == 1 else None
            else:
                type_ = types_by_address.get(name) if scope == "address" else name
            if scope == "address" and type_ is None:
                notes.append(Assumption(name, READ, f"the usage file's entry for {name} matches no resource"))
                continue
            allowed = (*usage_keys.get(type_, ()), *accepted_keys(type_))
            for key in (self.by_address if scope == "address" else self.by_type)[name]:
                if not accepts(allowed, key):
                    own = [k for k in allowed if not k.endswith(".*")]
                    hint = f"use one of {', '.join(own)}" if own else f"{type_} takes no usage values"
                    problem = self.located.problem((*path, *key.split(".")),
                                                   f"unknown usage key '{key}' for {type_}, ignored; {hint}",
                                                   at_key=True)
                    notes.append(Assumption(name, READ, str(problem)))
        return notes


def load_usage(path: str | Path | None) -> UsageFile:
    if path is None:
        return UsageFile()
    path = Path(path)
    located = parse_yaml(read_user_file(path, "usage file"), str(path), what="usage file")
    usage = UsageFile(located=located)
    if not isinstance(located.data, dict):
        raise UserError(located.problem((), "a usage file is a mapping of resource addresses to usage values; "
                                            "write, for example, resource_usage: {aws_nat_gateway.main: "
                                            "{data_processed_gb_month: 100}}"))
    problems: list[Problem] = []
    for key, value in located.data.items():
        if key == "traffic":
            usage.traffic = _traffic(located, value, problems)
        elif key == "spec":
            usage.settings = _settings(located, value, problems)
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
    return _validated(located, "traffic", Traffic, value, problems)


def _settings(located: Located, value, problems: list[Problem]) -> SpecSettings:
    return _validated(located, "spec", SpecSettings, value, problems) or SpecSettings()


def _validated(located: Located, section: str, model, value, problems: list[Problem]):
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = (section, *error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            fix = FIXES.get(error["type"], "correct the value")
            field = ".".join([section, *map(str, error["loc"])])
            problems.append(located.problem(where, f"{field}: {message}; {fix}"))
        return None


_TEXT_EXAMPLES = {"purchase_option": "reserved_1y", "geo": "united-states"}


def _entries(located: Located, base: tuple, entries, scope: str, usage: UsageFile, problems: list[Problem]) -> None:
    if not isinstance(entries, dict):
        problems.append(located.problem(base, "expected a mapping of names to usage values; write NAME: "
                                              "{usage_key: number}"))
        return
    target = usage.by_address if scope == "address" else usage.by_type
    for name, values in entries.items():
        path = (*base, name)
        if not isinstance(values, dict):
            problems.append(located.problem(path, f"{name}: expected a mapping of usage keys to numbers; "
                                                  f"write, for example, {{storage_gb: 50}}"))
            continue
        values = _flatten(values)
        for key, number in values.items():
            if key in TEXT_KEYS:
                if not isinstance(number, str):
                    problems.append(located.problem((*path, key), f"{key} is {number!r}; give a word, "
                                                                  f"for example {key}: {_TEXT_EXAMPLES[key]}"))
            elif (isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 <= number <= MAX_USAGE
                  or number != number):
                problems.append(located.problem((*path, *key.split(".")), f"{key} is {str(number)[:40]!r}; give a "
                                                                          f"number from 0 to {MAX_USAGE:g}"))
        target[name] = values
        usage.paths[(scope, name)] = path
        if scope == "address" and "[*]" in name:
            usage.wildcards[name] = re.compile(r"\[[^]]*\]".join(map(re.escape, name.split("[*]"))))


def _flatten(values: dict, prefix: str = "") -> dict:
    """Nested sections as dotted keys: {standard: {storage_gb: 10}} -> {"standard.storage_gb": 10}."""
    flat = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
