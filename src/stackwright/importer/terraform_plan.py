"""Read a Terraform plan in JSON (`terraform show -json PLANFILE`) into resources; a state as
`terraform show -json` prints it (what is deployed) reads the same way from its `values`.

A plan holds the values, counts and module expansions Terraform itself computed, so nothing is
evaluated here: `planned_values` gives every managed resource instance that will exist after apply,
with its full address (`module.db.aws_db_instance.this[0]`). A value Terraform knows only after apply
is absent from `planned_values` and flagged in the resource change's `after_unknown`; it becomes an
`Unknown` that keeps the references the configuration's expression names, so mappers still follow a
service to its task definition. For `diff`, the same plan read on its "before" side gives the
resources of `resource_changes` as they are before apply.

Format: https://developer.hashicorp.com/terraform/internals/json-format
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from stackwright import limits
from stackwright.errors import Problem, UserError, read_user_file
from stackwright.importer.resources import ASSUMED, READ, Assumption, IacRead, IacResource, Location, Unknown
from stackwright.importer.terraform import AVAILABILITY_ZONE, DEFAULT_REGION, spec_name

Side = Literal["before", "after"]
MAX_MODULE_DEPTH = 64  # module calls nested in module calls; Terraform has no limit, real plans stay far below
MODULE_STEP = re.compile(r'module\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.')


def is_plan(text: str) -> bool:
    """Whether a JSON text is a Terraform plan, or a state as `terraform show -json` prints it."""
    head = text[:4096]
    return '"format_version"' in head and ('"planned_values"' in text or '"resource_changes"' in text
                                           or ('"values"' in text and '"root_module"' in text))


def read_terraform_plan(path: Path, *, region: str | None = None, side: Side = "after") -> IacRead:
    path = Path(path)
    text = read_user_file(path, "plan")
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(Problem(str(path), exc.lineno, exc.colno, f"malformed JSON: {exc.msg}")) from None
    except RecursionError:
        raise UserError(Problem(str(path), *limits.deepest_json_bracket(text),
                                "JSON nested too deeply to be a Terraform plan; write the plan with "
                                "`terraform show -json PLANFILE`")) from None
    if not isinstance(plan, dict) or not isinstance(plan.get("format_version"), str):
        raise UserError(Problem(str(path), 1, 1, "not a Terraform plan: it needs format_version; "
                                                 "write one with `terraform show -json PLANFILE > plan.json`"))
    if not str(plan["format_version"]).startswith("1."):
        raise UserError(Problem(str(path), 1, 1, f"plan format_version {plan['format_version']} is not supported "
                                                 "(1.x is); write it with Terraform 0.12 or later"))
    reader = _PlanReader(plan, path, text)
    resources = reader.after() if side == "after" else reader.before()
    notes = [Assumption("plan", READ, f"{path.name}: Terraform {plan.get('terraform_version', '?')} plan, "
                                      f"{'planned values after apply' if side == 'after' else 'values before apply'}")]
    chosen = reader.region(region, resources, notes)
    zones = {r.props.get("availability_zone") for r in resources}
    zones = {z for z in zones if isinstance(z, str) and AVAILABILITY_ZONE.match(z)}
    name = spec_name(path.parent if path.stem in ("plan", "tfplan") else path.with_name(path.stem))
    return IacRead("terraform", name, resources, chosen, notes, min(len(zones), 6) if zones else None)


class _PlanReader:
    def __init__(self, plan: dict, path: Path, text: str):
        self.plan, self.path, self.text = plan, path, text
        self.changes = {c["address"]: c for c in _list(plan.get("resource_changes"))
                        if isinstance(c, dict) and isinstance(c.get("address"), str)}
        self._lines: dict[str, int] = {}

    # --- the two sides -----------------------------------------------------------------------------

    def after(self) -> list[IacResource]:
        planned = self.plan.get("planned_values")
        if planned is None and "resource_changes" not in self.plan:
            planned = self.plan.get("values")  # a state (`terraform show -json` without a plan file)
        if planned is None:  # a plan that failed, or a plan JSON trimmed to resource_changes
            return self._from_changes("after")
        root = planned.get("root_module") if isinstance(planned, dict) else None
        return [self._resource(r, r.get("values") or {}, "after") for r in self._module_resources(root or {}, 0)
                if r.get("mode", "managed") == "managed"]

    def _module_resources(self, module: Any, depth: int):
        if not isinstance(module, dict) or depth > MAX_MODULE_DEPTH:
            raise self._malformed(str(module.get("address", "root_module")) if isinstance(module, dict) else "",
                                  "a module in planned_values is not an object, or is nested too deeply")
        for resource in _list(module.get("resources")):
            if not isinstance(resource, dict) or not isinstance(resource.get("address"), str):
                raise self._malformed(str(module.get("address", "")), "a resource has no address")
            yield resource
        for child in _list(module.get("child_modules")):
            yield from self._module_resources(child, depth + 1)

    def _malformed(self, address: str, what: str) -> UserError:
        return UserError(Problem(str(self.path), self._line(address) if address else 1, 1,
                                 f"malformed plan: {what}; write it with `terraform show -json PLANFILE`"))

    def before(self) -> list[IacResource]:
        return self._from_changes("before")

    def _from_changes(self, side: Side) -> list[IacResource]:
        found = []
        for change in self.changes.values():
            detail = change.get("change")
            values = detail.get(side) if isinstance(detail, dict) else None
            if change.get("mode", "managed") != "managed" or values is None:
                continue
            found.append(self._resource(change, values, side))
        return found

    def _resource(self, entry: dict, values: Any, side: Side) -> IacResource:
        address, type_ = entry["address"], entry.get("type")
        if not isinstance(values, dict) or not isinstance(type_, str):
            raise self._malformed(address, f"{address} has no type or its values are not an object")
        props = dict(values)
        change = (self.changes.get(address) or {}).get("change")
        change = change if isinstance(change, dict) else {}
        unknown = change.get("after_unknown")
        if side == "after" and isinstance(unknown, dict):
            expressions = self._expressions(address)
            for name, flag in unknown.items():
                if name not in props or props[name] is None:
                    props[name] = _unknown(address, name, flag, expressions.get(name), _module_prefix(address))
        block = re.sub(r"\[[^\]]*\]$", "", address)
        return IacResource(address, block, type_, props, Location(str(self.path), self._line(address), 1))

    # --- configuration: what an unknown value refers to ---------------------------------------------

    def _expressions(self, address: str) -> dict:
        """The configuration's expressions of a resource: module instance keys dropped, as the
        configuration has one entry per module call."""
        module = _dict(_dict(self.plan.get("configuration")).get("root_module"))
        steps = re.findall(r'module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.', address)
        for call in steps:
            module = _dict(_dict(_dict(module.get("module_calls")).get(call)).get("module"))
        local = re.sub(r"\[[^\]]*\]$", "", MODULE_STEP.sub("", address))
        for resource in _list(module.get("resources")):
            if isinstance(resource, dict) and resource.get("address") == local:
                return _dict(resource.get("expressions"))
        return {}

    def _line(self, address: str) -> int:
        if not self._lines:
            for match in re.finditer(r'"address"\s*:\s*"((?:[^"\\]|\\.)*)"', self.text):
                try:
                    key = json.loads(f'"{match.group(1)}"')
                except json.JSONDecodeError:  # an escape JSON refuses: the plan failed to load before this
                    continue
                self._lines.setdefault(key, self.text.count("\n", 0, match.start()) + 1)
        return self._lines.get(address, 1)

    # --- region ------------------------------------------------------------------------------------

    def region(self, given: str | None, resources: list[IacResource], notes: list[Assumption]) -> str:
        if given:
            notes.append(Assumption("region", READ, f"{given}, as given"))
            return given
        provider = _dict(_dict(_dict(self.plan.get("configuration")).get("provider_config")).get("aws"))
        expression = _dict(_dict(provider.get("expressions")).get("region"))
        region = expression.get("constant_value")
        for reference in _list(expression.get("references")):
            if isinstance(reference, str) and reference.startswith("var."):
                region = _dict(_dict(self.plan.get("variables")).get(reference[4:])).get("value", region)
        if isinstance(region, str) and region:
            notes.append(Assumption("region", READ, f"{region}, from the plan's aws provider configuration"))
            return region
        for resource in resources:
            for value in (resource.props.get("region"), resource.props.get("availability_zone")):
                match = AVAILABILITY_ZONE.match(value) if isinstance(value, str) else None
                if isinstance(value, str) and (match or re.fullmatch(r"[a-z]{2}(-gov)?-[a-z]+-\d+", value)):
                    found = match.group(1) if match else value
                    notes.append(Assumption("region", ASSUMED, f"{found}, from {resource.address}"))
                    return found
        notes.append(Assumption("region", ASSUMED, f"the plan names no region; {DEFAULT_REGION} assumed "
                                                   "(pass the region to import)"))
        return DEFAULT_REGION


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _module_prefix(address: str) -> str:
    """`module.app["a"].module.db.` of `module.app["a"].module.db.aws_db_instance.this[0]`."""
    prefix = ""
    while match := MODULE_STEP.match(address, len(prefix)):
        prefix = address[:match.end()]
    return prefix


def _unknown(address: str, name: str, flag: Any, expression: Any, prefix: str) -> Unknown:
    """An attribute known only after apply, with the resources its expression refers to."""
    refs: set[str] = set()
    references = _list(_dict(expression).get("references"))
    for reference in references:
        head = str(reference).split(".")
        if len(head) < 2 or head[0] in ("var", "local", "each", "count", "path", "terraform", "self", "data", "module"):
            continue  # only resources are priced; a module output or data source is not one
        refs.add(prefix + re.sub(r"\[[^\]]*\]$", "", ".".join(head[:2])))
    what = "a value" if flag is True else "part of its value"
    return Unknown(f"{address}.{name} is {what} known only after apply", frozenset(refs))
