"""Checks across fields that a single field's type cannot express, each pointing at the value at fault.

They run on every spec a user gives (`loader.validate`), after the model has checked each field alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import get_args

from pydantic import BaseModel

from stackwright.spec.model import Spec

# Component names become parts of CloudFormation logical ids, Terraform identifiers, tag values and
# AWS resource names (security-group descriptions accept ASCII only): letters, digits and `-_.`, plus
# the `[0]` / `["key"]` of an imported Terraform address.
COMPONENT_NAME = re.compile(r'^[A-Za-z][A-Za-z0-9_.\-\[\]"]*$')
COMPONENT_NAME_CHARS = 100  # logical ids built from it, with the plan's prefixes, stay far below 255

Found = tuple[tuple, str]  # (path into the document, message)


def _identifier_key(name: str) -> str:
    """What a name becomes in generated code, where case, `-` and `_` are lost."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def component_names(spec: Spec) -> Iterator[Found]:
    taken: dict[str, str] = {}
    for name in spec.components:
        where = ("components", name)
        if not COMPONENT_NAME.match(name):
            yield where, (f"component name {ascii(name[:40])} cannot become a CloudFormation or Terraform identifier; "
                          "use ASCII letters, digits, '-', '_' and '.', starting with a letter")
        elif len(name) > COMPONENT_NAME_CHARS:
            yield where, (f"component name is {len(name)} characters; use at most {COMPONENT_NAME_CHARS} "
                          "(CloudFormation ids and AWS names are built from it)")
        elif _identifier_key(name) in taken:
            yield where, (f"component name '{name}' becomes the same identifier as '{taken[_identifier_key(name)]}' "
                          "in generated code (case and punctuation are dropped); rename one")
        else:
            taken[_identifier_key(name)] = name


def _named_components(spec: Spec, names: list[str], where: tuple[str, ...]) -> Iterator[Found]:
    for index, name in enumerate(names):
        if name not in spec.components:
            close = difflib.get_close_matches(name, list(spec.components), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"name one of: {', '.join(spec.components) or 'none'}"
            yield (*where, index), f"{'.'.join(where)} names '{name}', which is no component; {hint}"


def kept_components(spec: Spec) -> Iterator[Found]:
    yield from _named_components(spec, spec.constraints.keep, ("constraints", "keep"))


def soft_dependencies(spec: Spec) -> Iterator[Found]:
    yield from _named_components(spec, spec.soft_dependencies, ("soft_dependencies",))


def scale_in_counts(spec: Spec) -> Iterator[Found]:
    for name, component in spec.components.items():
        scale_in = getattr(component, "scale_in", None)
        counts = getattr(component, "tasks", None) or getattr(component, "instances", None)
        if scale_in is None or isinstance(counts, str) or counts is None:
            continue
        if scale_in.count > counts.max:
            yield (("components", name, "scale_in", "count"),
                   f"scale_in.count {scale_in.count} is above the maximum of {counts.max}; "
                   f"use at most {counts.max} (or raise max)")


def capacity_providers(spec: Spec) -> Iterator[Found]:
    for name, component in spec.components.items():
        strategy = getattr(component, "capacity_providers", None) or []
        seen: set[str] = set()
        with_base = [i for i, cp in enumerate(strategy) if cp.base]
        for index, cp in enumerate(strategy):
            if cp.provider in seen:
                yield (("components", name, "capacity_providers", index, "provider"),
                       f"{cp.provider} appears twice in the strategy; merge the two entries into one")
            seen.add(cp.provider)
        if len(with_base) > 1:
            yield (("components", name, "capacity_providers", with_base[1], "base"),
                   "ECS allows a base on only one capacity provider of a strategy; set base on one of them")


def region(spec: Spec) -> Iterator[Found]:
    from stackwright.pricing import catalogue

    known = catalogue.regions()
    if spec.region not in known:
        close = difflib.get_close_matches(spec.region, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "use a region code such as us-east-1 or ap-northeast-2"
        yield ("region",), f"unknown region '{spec.region}'; {hint}"


def _takes_bool(annotation) -> bool:
    return annotation is bool or any(_takes_bool(a) for a in get_args(annotation))


@cache
def _not_bool_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, field in model.model_fields.items() if not _takes_bool(field.annotation))


def booleans_as_values(data: object, model: object, path: tuple = ()) -> Iterator[Found]:
    """YAML reads yes/no/on/off as true/false, and pydantic takes those as 1 and 0 for a number: refuse a
    boolean wherever the field is not a yes/no one. `data` is the document, `model` what it validated to."""
    if isinstance(model, BaseModel) and isinstance(data, dict):
        for key, value in data.items():
            if (value is True or value is False) and key in _not_bool_fields(type(model)):
                yield (*path, key), (f"'{key}' is {str(value).lower()}, which YAML reads as a boolean; write the "
                                     "value itself (quote yes/no/on/off to mean the words)")
            elif key in type(model).model_fields:
                yield from booleans_as_values(value, getattr(model, key), (*path, key))
    elif isinstance(model, dict) and isinstance(data, dict):
        for key, value in data.items():
            if key in model:
                yield from booleans_as_values(value, model[key], (*path, key))
    elif isinstance(model, list) and isinstance(data, list):
        for index, (value, item) in enumerate(zip(data, model)):
            yield from booleans_as_values(value, item, (*path, index))


# Fields that name other components, and the kinds those may be.
REFERENCES = {("backup_plan", "resources"): ("rds", "aurora_serverless_v2"),
              ("service_discovery", "services"): ("fargate_service",),
              ("nlb", "target"): ("fargate_service", "ec2_asg", "ec2_instance")}


def component_references(spec: Spec) -> Iterator[Found]:
    for name, component in spec.components.items():
        for (kind, field), kinds in REFERENCES.items():
            if component.kind != kind:
                continue
            value = getattr(component, field)
            named = [(index, n) for index, n in enumerate(value)] if isinstance(value, list) else [(None, value)]
            fitting = [n for n, c in spec.components.items() if c.kind in kinds]
            for index, target in named:
                where = ("components", name, field) + (() if index is None else (index,))
                found = spec.components.get(target)
                if found is None or found.kind not in kinds:
                    what = "is no component" if found is None else f"is a {found.kind}"
                    yield where, (f"{field} names '{target}', which {what}; name a {' or '.join(kinds)} component"
                                  f" ({', '.join(fitting) or 'the spec has none'})")


CHECKS = (component_names, kept_components, soft_dependencies, scale_in_counts, capacity_providers, region,
          component_references)


def problems(spec: Spec, data: object = None) -> list[Found]:
    found = [found for check in CHECKS for found in check(spec)]
    return [*booleans_as_values(data, spec), *found] if data is not None else found
