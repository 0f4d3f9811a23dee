"""What the deployer knows about one resource type: how to find a resource with describe calls, check
it against the template, read its Fn::GetAtt attributes, and, for resources moto's CloudFormation
cannot make, create and delete it through the service's own API."""

from __future__ import annotations

import re
from contextlib import contextmanager, suppress
from typing import Any, Callable, ClassVar, Iterator, NamedTuple

from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from stackwright.deploy.aws import Clients

PLACEHOLDER = "stackwright-not-emulated-{}"  # stands for a value the emulator cannot give
SERVICE_ERRORS = (ClientError, ResponseParserError)  # moto answers an exception inside it with an HTML page
# Error codes that mean "no such resource" across the services stackwright describes.
_NOT_FOUND = re.compile(r"NotFound|NoSuch|Nonexistent")


class UnknownAttribute(KeyError):
    pass


class Resource:
    """One resource of a template. Properties are evaluated on first use and kept, so a resource can
    still be found by them after the resources they came from are gone."""

    def __init__(self, logical_id: str, definition: dict, evaluate: Callable[[Any], Any], name: str,
                 tags: dict[str, str]):
        self.logical_id = logical_id
        self.type: str = definition["Type"]
        self.definition = definition
        self.name = name  # what stackwright names it when it creates it through a service API
        self.tags = tags  # the stack's tags, for resources created through a service API
        self.physical_id: str | None = None
        self._evaluate = evaluate
        self._properties: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(f"{self.logical_id} has no {key}")
        return value

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._properties:
            raw = self.definition.get("Properties", {})
            self._properties[key] = self._evaluate(raw[key]) if key in raw else None
        value = self._properties[key]
        return default if value is None else value

    @property
    def keys(self) -> set[str]:
        return set(self.definition.get("Properties", {}))


class Kind:
    type: ClassVar[str]
    # For resources created outside CloudFormation: the call that creates them, and the template
    # properties that call passes on (the others are reported as gaps).
    service_api: ClassVar[str | None] = None
    emulates: ClassVar[frozenset[str]] = frozenset()

    def find(self, aws: Clients, r: Resource) -> dict | None:
        """The resource's state from describe calls, or None when it does not exist."""
        raise NotImplementedError

    def check(self, state: dict, r: Resource) -> list[Difference]:
        """How the resource differs from its template, in the properties that matter."""
        return []

    def attribute(self, state: dict, r: Resource, name: str) -> Any:
        raise UnknownAttribute(f"stackwright cannot read {r.type} attribute {name}")

    def create(self, aws: Clients, r: Resource) -> str:
        """Create it through the service API; returns what CloudFormation's Ref would."""
        raise NotImplementedError

    def delete(self, aws: Clients, r: Resource, state: dict) -> None:
        """What stackwright made outside the stack, what moto's stack delete left behind, and what carries
        the stack's tags but is in no stack (on either target)."""
        raise NotImplementedError(f"stackwright does not delete {self.type} itself: moto's stack delete does")

    def inventory(self, aws: Clients) -> set[str]:
        """The physical ids of every resource of this type in the region, to find what a failed stack
        operation left behind; empty for types that go with their parents (routes, rules, records)."""
        return set()

    def gaps(self, r: Resource) -> list[str]:
        return sorted(r.keys - self.emulates) if self.service_api else []


def brief(error: Exception) -> str:
    """An error as one line: the service's message, not moto's HTML page for its own exceptions."""
    if isinstance(error, ResponseParserError):
        return "the service failed with an internal error (HTTP 500)"
    if isinstance(error, ClientError):
        return f"{error.operation_name}: {error.response.get('Error', {}).get('Message') or error}"
    return str(error).strip("'\"")


def absent_if_missing(call: Callable, *args, missing: tuple[str, ...] = (), **kwargs) -> Any:
    """The call's result, or None when the service says the resource does not exist (a not-found
    error code, or one of `missing`)."""
    try:
        return call(*args, **kwargs)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if _NOT_FOUND.search(code) or code in missing:
            return None
        raise


class Difference(NamedTuple):
    prop: str  # the template property that differs
    text: str

    def __str__(self) -> str:
        return self.text


@contextmanager
def undone_on_error(undo: Callable[[], None]) -> Iterator[None]:
    """For creates of several calls: when a later call fails, undo the first so nothing is half made."""
    try:
        yield
    except SERVICE_ERRORS:
        with suppress(*SERVICE_ERRORS):
            undo()
        raise


def differences(*checks: tuple[str, Any, Any]) -> list[Difference]:
    """(property, actual, expected) triples that disagree; an expected None is not checked. Lists
    compare as sets, booleans and numbers by value whatever their type."""
    return [Difference(prop, f"{prop} is {actual!r}, the template says {expected!r}")
            for prop, actual, expected in checks if expected is not None and _same(actual) != _same(expected)]


def _same(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return sorted(str(_same(item)) for item in value)
    if isinstance(value, bool) or str(value).lower() in ("true", "false"):
        return str(value).lower()
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def camel(value: Any, keep: frozenset[str] = frozenset()) -> Any:
    """CloudFormation's PascalCase keys as an API's camelCase ones; maps under a key in `keep` (free-form
    names such as log driver options) are left as they are."""
    if isinstance(value, list):
        return [camel(item, keep) for item in value]
    if not isinstance(value, dict):
        return value
    return {key[:1].lower() + key[1:]: item if key in keep else camel(item, keep) for key, item in value.items()}


def tag_list(tags: dict[str, str], key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
    return [{key: k, value: v} for k, v in tags.items()]
