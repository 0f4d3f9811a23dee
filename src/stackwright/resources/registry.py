"""The cost modules, one per AWS resource type, and the CloudFormation types that map onto them.

A module file in `stackwright.resources.types` calls `register(...)` with:
- `type`: the Terraform resource type; `cloudformation`: the CloudFormation type(s) that are the same thing;
- `terraform(props, read)` / `cloudformation(props, read)`: the cost attributes, AWS defaults filled in
  (`read` is the importer's context, for following references); raise NotPriceable when one is unknowable;
- `usage`: the usage keys it takes (Infracost's names where Infracost has the key), each with a
  documented default and unit;
- `components(resource, usage)`: the cost components (stackwright.cost.component.CostComponent).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class UsageKey:
    default: float
    unit: str
    description: str = ""


@dataclass(frozen=True)
class CostModule:
    type: str
    components: Callable[..., Iterable]
    terraform: Callable[..., dict] | None = None
    cloudformation: Callable[..., dict] | None = None
    cloudformation_types: tuple[str, ...] = ()
    usage: dict[str, UsageKey] = field(default_factory=dict)
    service: str = ""


_MODULES: dict[str, CostModule] = {}


def register(type: str, *, components, terraform=None, cloudformation=None, cloudformation_types=(),
             usage: dict[str, UsageKey] | None = None, service: str = "") -> CostModule:
    if isinstance(cloudformation_types, str):
        cloudformation_types = (cloudformation_types,)
    module = CostModule(type, components, terraform, cloudformation, tuple(cloudformation_types), usage or {},
                        service)
    _MODULES[type] = module
    return module


@cache
def modules() -> dict[str, CostModule]:
    """Every cost module by the types it prices: its Terraform type and its CloudFormation types."""
    from stackwright.resources import types

    for info in pkgutil.iter_modules(types.__path__):
        importlib.import_module(f"{types.__name__}.{info.name}")
    found: dict[str, CostModule] = {}
    for module in _MODULES.values():
        if module.terraform:
            found[module.type] = module
        if module.cloudformation:
            found.update((t, module) for t in module.cloudformation_types)
    return found


def module_for(type_: str) -> CostModule | None:
    return modules().get(type_)


def module_of(type_: str) -> CostModule | None:
    """The cost module of a Terraform type, loading only its own file (`stackwright.resources.types.<type>`)
    where there is one: pricing a plan needs a few modules, not all of them."""
    if type_ not in _MODULES:
        try:
            importlib.import_module(f"stackwright.resources.types.{type_}")
        except ModuleNotFoundError:
            return module_for(type_)
    return _MODULES.get(type_) or module_for(type_)


def usage_keys() -> dict[str, tuple[str, ...]]:
    """The usage keys each type takes, for checking usage files."""
    return {type_: tuple(m.usage) for type_, m in modules().items()}
