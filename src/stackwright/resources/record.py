"""One AWS resource as the code declares it, and the usage values that apply to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the importer package imports this module
    from stackwright.importer.resources import Location


@dataclass(frozen=True)
class Resource:
    type: str  # the Terraform type name; CloudFormation types are mapped onto it
    address: str  # as written: module.db.aws_db_instance.this[0], or a CloudFormation logical id
    region: str
    attrs: dict[str, Any] = field(default_factory=dict)  # cost attributes, AWS defaults filled in
    location: Location | None = None


@dataclass(frozen=True)
class UsageValue:
    value: float | str
    assumption: str  # which applied: the usage file's entry, or the documented default


def no_usage_file(key: str) -> None:
    """The lookup of a resource no usage file speaks for (a planned resource: its usage is all derived)."""
    return None


class UsageValues:
    """The usage of one resource: the usage file's value for a key, else the module's documented default."""

    def __init__(self, module, lookup: Callable[[str], tuple[float | str, str] | None],
                 derived: dict[str, UsageValue] | None = None):
        self.module = module
        self._lookup = lookup
        self._derived = derived or {}  # what a spec's traffic says, with its own assumption

    def __getitem__(self, key: str) -> UsageValue:
        declared = self.module.usage[key]
        found = self._lookup(key)
        if found is not None:
            value, entry = found
            return UsageValue(value, f"{key} = {shown(value)} {declared.unit} (usage file: {entry})")
        if key in self._derived:
            return self._derived[key]
        return _documented_default(key, declared)


@lru_cache(maxsize=1024)  # every bill asks again for the same few keys' defaults
def _documented_default(key: str, declared) -> UsageValue:
    return UsageValue(declared.default, f"{key} not in the usage file: {shown(declared.default)} {declared.unit} "
                                        f"(documented default; set it in the usage file)")


def shown(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"
