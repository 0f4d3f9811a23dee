"""The plan as one more reader: the AWS resources `stackwright plan` creates for a spec component.

One module per spec kind, `stackwright.resources.from_plan.<kind>`, exports
`records(name, component, ctx) -> Iterable[Planned]`: each resource the plan makes for the component,
with the attributes its cost module in `stackwright.resources.types` reads (the same ones the Terraform
and CloudFormation readers fill in) and the usage the spec's traffic implies. The bill prices these
records with the same cost modules as an import, so a spec's bill and the import of its generated code
agree by construction.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from stackwright.resources.record import Resource, UsageValue, UsageValues, no_usage_file
from stackwright.resources.registry import module_of


@dataclass(frozen=True)
class Planned:
    resource: Resource
    usage: dict[str, UsageValue] = field(default_factory=dict)  # usage key → value the spec implies
    # The plan element the resource stands for: the usage files `stackwright plan` writes key its usage by
    # the element's name in each format, so an import of the generated code reads the same values.
    element: str | None = None


def address(ctx, element_id: str, type_: str | None = None) -> str:
    """The address the generated Terraform gives the resource standing for a plan element (ctx.addresses);
    with `type_`, that of the resource of this type the renderer writes beside it under the same name (a
    Lambda function's provisioned concurrency, a NAT gateway's Elastic IP)."""
    found = ctx.addresses[element_id]
    if type_ is None:
        return found
    start = found.rindex(".aws_") + 1
    return found[:start] + type_ + found[found.index(".", start):]


def planned(ctx, type_: str, element_id: str, attrs: dict, usage: dict[str, UsageValue] | None = None) -> Planned:
    """A planned resource at its generated Terraform address, in the spec's region."""
    resource = Resource(type_, address(ctx, element_id), ctx.spec.region, attrs)
    return Planned(resource, usage or {}, element_id)


@cache  # a failed import is not cached by Python: every bill line would search the path again
def reader(kind: str):
    """The plan reader of `kind`, or None while the kind is still priced by `stackwright.cost.resources`."""
    try:
        return importlib.import_module(f"{__name__}.{kind}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{kind}":
            raise
        return None


def depends_on(name: str, component, ctx) -> tuple | None:
    """What the component's planned resources are made of besides the component itself, its name and the
    region, as its reader's `depends_on` says (a reader shows it next to its `records`, so the two change
    together); None for a kind whose reader does not say (its resources are read afresh for every bill)."""
    module = reader(component.kind)
    found = getattr(module, "depends_on", None)
    return None if found is None else found(name, component, ctx)


def priced(name: str, component, ctx) -> Iterator[tuple[Resource, UsageValues]]:
    """The component's planned resources, each with its cost module's usage values."""
    for planned in reader(component.kind).records(name, component, ctx):
        module = module_of(planned.resource.type)
        if module is None:
            raise LookupError(f"no cost module for {planned.resource.type} (planned for {name})")
        yield planned.resource, UsageValues(module, no_usage_file, planned.usage)
