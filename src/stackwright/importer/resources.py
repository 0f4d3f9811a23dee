"""What a static read of infrastructure code yields: resources with evaluated properties.

A value the read cannot know (a resource attribute known only after apply, a variable without a
default, a data source) is an `Unknown` that says why and remembers which resources it refers to,
so mappers can still follow references: a service to its task definition, a NAT gateway to its
Elastic IP.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Unknown:
    reason: str
    refs: frozenset[str] = frozenset()
    # True when the code itself is at fault (undeclared name, type error): `try()` skips these.
    error: bool = False

    def __str__(self) -> str:
        return f"<unknown: {self.reason}>"


@dataclass(frozen=True)
class ResourceRef:
    """A reference to a resource (or its attribute); its value exists only after apply."""

    address: str
    attribute: str = ""

    @property
    def reason(self) -> str:
        target = f"{self.address}.{self.attribute}" if self.attribute else self.address
        if self.address.startswith("data.") or ".data." in self.address:
            return f"{target} is read at apply time"
        return f"{target} is known only after apply"

    @property
    def refs(self) -> frozenset[str]:
        return frozenset({self.address})

    error = False


def is_unknown(value: Any) -> bool:
    return isinstance(value, (Unknown, ResourceRef))


def first_unknown(value: Any) -> Unknown | ResourceRef | None:
    """The first unknown anywhere inside `value`, or None when all of it is known."""
    if is_unknown(value):
        return value
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return None
    for item in value:
        found = first_unknown(item)
        if found is not None:
            return found
    return None


def refs_in(value: Any) -> set[str]:
    """Every resource address `value` refers to, however deep."""
    if is_unknown(value):
        return set(value.refs)
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return set()
    found: set[str] = set()
    for item in value:
        found |= refs_in(item)
    return found


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class IacResource:
    """One resource instance as the code declares it, properties evaluated as far as a static read can."""

    address: str  # instance address: aws_instance.web[0], module.app.aws_lb.main, or a CloudFormation logical id
    block: str  # the address without its count/for_each key
    type: str
    props: dict = field(default_factory=dict)
    location: Location | None = None
    # A region other than the spec's, from a provider alias (Terraform).
    region: str | None = None
    # Set when the read itself could not take the resource in (e.g. a module whose source is absent).
    problem: str | None = None

    def get(self, *path, default=None):
        return dig(self.props, path, default)


class NotPriceable(Exception):
    """A resource the importer cannot turn into a priced component; the reason goes to `unsupported`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_MISSING = object()


def dig(value: Any, path: tuple, default=None):
    """The value at `path`: keys into mappings, indexes into lists, and the first of a list of nested
    Terraform blocks when a key is asked of a list. Absent or null gives `default`; a value the read
    cannot know raises NotPriceable naming the property."""
    for step in path:
        if isinstance(value, list) and isinstance(step, str):
            value = value[0] if value else _MISSING
        if value is _MISSING:
            return default
        if is_unknown(value):
            break
        if isinstance(value, dict):
            value = value.get(step, _MISSING)
        elif isinstance(value, list) and isinstance(step, int):
            value = value[step] if -len(value) <= step < len(value) else _MISSING
        else:
            return default
        if value is _MISSING:
            return default
    if is_unknown(value):
        raise NotPriceable(f"{'.'.join(map(str, path))}: {value.reason}")
    return default if value is None else value


def items(value: Any, what: str) -> list:
    """A list property (Terraform blocks, CloudFormation lists) that must be known as a whole."""
    if value is None:
        return []
    if is_unknown(value):
        raise NotPriceable(f"{what}: {value.reason}")
    if isinstance(value, dict):
        return [value]
    return list(value)


def to_number(value: Any, what: str) -> float:
    if isinstance(value, bool) or value is None:
        raise NotPriceable(f"{what} is {value!r}, not a number")
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).strip())
    except ValueError:
        raise NotPriceable(f"{what} is {value!r}, not a number") from None


def to_int(value: Any, what: str) -> int:
    number = to_number(value, what)
    if not math.isfinite(number):
        raise NotPriceable(f"{what} is {value!r}, not a finite number")
    if number != int(number):
        raise NotPriceable(f"{what} is {value!r}, not a whole number")
    return int(number)


def to_bool(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    raise NotPriceable(f"{what} is {value!r}, not true or false")


class Assumption(NamedTuple):
    """Where a value in the imported spec came from, when the code did not say it outright."""

    subject: str  # a resource address, a component name, or "region"
    source: str  # one of the sources below
    text: str


USAGE_FILE = "usage file"
TRAFFIC_DEFAULT = "traffic default"
ASSUMED = "assumed"  # a documented default the importer chose
READ = "read"  # read from the code, stated because it is not obvious (the region, a skipped file)


@dataclass
class IacRead:
    """Everything a source reader hands to the mapping."""

    format: str  # "terraform" or "cloudformation"
    name: str  # a spec name derived from the path
    resources: list[IacResource]
    region: str
    notes: list[Assumption] = field(default_factory=list)
    azs: int | None = None
    region_location: Location | None = None  # where the code names the region, when it does
