"""The registry of resource mappers and what they return.

A mapper is one function for one resource type (Terraform or CloudFormation), registered with
`@maps(type, usage=(...))`. It receives one resource instance and the `MapContext`, and returns an
outcome or a list of them, or raises `NotPriceable` with the reason:

- `Priced(fields)`: a spec component (fields include `kind`), named by the resource's address;
- `Contribution(aggregate, values)`: a share of an account-wide component (all alarms, dashboards
  and log groups become one `cloudwatch` component), built by the aggregate's `@aggregate` builder;
- `FREE`: the resource costs nothing;
- `PART_OF`: priced inside the component of a resource that uses it (a task definition inside its
  service, an Elastic IP inside its NAT gateway); that component lists it in `covers`;
- `Unpriced(part, reason)`: a part of the resource that is not priced, beside a priced part;
- `Creates(type, address, attrs)`: an AWS resource a module call creates (terraform-aws-modules/vpc's NAT
  gateways), priced by its cost module at its address inside the module, with the call's usage entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FREE = "free"
PART_OF = "part of"


@dataclass
class Priced:
    fields: dict
    covers: tuple[str, ...] = ()  # addresses of other resources priced inside this component
    # Fields that add up when the instances of one count/for_each block fold into one component.
    summed: tuple[str, ...] = ()


@dataclass
class Contribution:
    aggregate: str  # the aggregate component's name, also its kind
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Unpriced:
    part: str
    reason: str


@dataclass
class Creates:
    type: str
    address: str
    attrs: dict


Outcome = Priced | Contribution | Unpriced | Creates | str
Mapper = Callable[..., Outcome | list[Outcome]]

MAPPERS: dict[str, Mapper] = {}
USAGE_KEYS: dict[str, tuple[str, ...]] = {}
# The kind of the component that prices a type's PART_OF resources (a read replica in its database's rds
# component): once that kind is priced from the plan, such a resource is priced by its own cost module.
PART_KINDS: dict[str, str] = {}
AGGREGATES: dict[str, Callable] = {}


def maps(*types: str, usage: tuple[str, ...] = (), part_of: str | None = None):
    """Register a mapper for resource types; `usage` lists the usage-file keys it reads; `part_of` the kind
    whose component prices what it returns as PART_OF."""

    def register(mapper: Mapper) -> Mapper:
        for type_ in types:
            MAPPERS[type_] = mapper
            USAGE_KEYS[type_] = usage
            if part_of:
                PART_KINDS[type_] = part_of
        return mapper

    return register


def free(*types: str) -> None:
    """Register resource types that cost nothing (networking plumbing, IAM, configuration)."""
    for type_ in types:
        MAPPERS[type_] = _free


def _free(resource, ctx) -> str:
    return FREE


def aggregate(name: str):
    """Register the builder of an account-wide component from its contributions."""

    def register(builder: Callable) -> Callable:
        AGGREGATES[name] = builder
        return builder

    return register
