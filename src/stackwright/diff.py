"""Compare two plans: the monthly cost change per resource and in total, the resources added, removed
and changed (with the spec fields that changed), and the findings that appeared or were resolved.

A and B may each be a spec, Terraform or CloudFormation (`load_any`). Renderers: a Rich table for the
terminal, JSON, and Markdown made to be pasted into a pull-request comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from stackwright import json_text
from stackwright.cost.bill import Bill
from stackwright.spec.model import Spec

Change = Literal["added", "removed", "changed", "unchanged"]
# Free text that says where something came from, not what it is: never reported as a change.
IGNORED_FIELDS = {"description", "budget_source"}
# Spec settings no Terraform or CloudFormation says: an imported side takes them from the spec it is
# compared with (`with_settings_of`).
SPEC_ONLY_SETTINGS = ("name", "description", "environment", "availability_target", "budget_monthly_usd",
                      "budget_source", "savings_already_listed", "constraints", "soft_dependencies")


@dataclass(frozen=True)
class FieldChange:
    path: str  # dotted, e.g. "tasks.desired" or "traffic.dau"
    before: Any
    after: Any


@dataclass(frozen=True)
class ResourceDiff:
    name: str
    change: Change
    kind: str
    monthly_before: float
    monthly_after: float
    fields: tuple[FieldChange, ...] = ()
    name_after: str | None = None  # B's name for the same resource when it differs (a spec's generated IaC)

    @property
    def delta(self) -> float:
        return round(self.monthly_after - self.monthly_before, 2)


@dataclass
class Diff:
    name_before: str
    name_after: str
    region_before: str
    region_after: str
    total_before: float
    total_after: float
    resources: list[ResourceDiff]
    spec_fields: list[FieldChange] = field(default_factory=list)  # spec-wide settings: region, traffic, azs…
    findings_appeared: list = field(default_factory=list)
    findings_resolved: list = field(default_factory=list)
    not_priced_before: int = 0
    not_priced_after: int = 0
    # What each side cannot price, "address: reason" (imported resources not modelled, catalogue gaps):
    # a reviewer must see that something became unpriced, since it adds $0 to neither total.
    unpriced_before: list[str] = field(default_factory=list)
    unpriced_after: list[str] = field(default_factory=list)

    @property
    def unpriced_appeared(self) -> list[str]:
        before = {_unpriced_key(u) for u in self.unpriced_before}
        return [u for u in self.unpriced_after if _unpriced_key(u) not in before]

    @property
    def unpriced_resolved(self) -> list[str]:
        after = {_unpriced_key(u) for u in self.unpriced_after}
        return [u for u in self.unpriced_before if _unpriced_key(u) not in after]

    @property
    def delta(self) -> float:
        return round(self.total_after - self.total_before, 2)

    @property
    def changed(self) -> list[ResourceDiff]:
        """Resources whose spec or cost changed, biggest cost change first."""
        moved = [r for r in self.resources if r.change != "unchanged" or r.delta]
        return sorted(moved, key=lambda r: (-abs(r.delta), r.name))

    def to_json(self) -> dict:
        return {
            "before": {"name": self.name_before, "region": self.region_before, "total_monthly_usd": self.total_before,
                       "not_priced": self.not_priced_before},
            "after": {"name": self.name_after, "region": self.region_after, "total_monthly_usd": self.total_after,
                      "not_priced": self.not_priced_after},
            "delta_monthly_usd": self.delta,
            "spec_fields": [_field_json(f) for f in self.spec_fields],
            "resources": [
                {"name": r.name, "change": r.change, "kind": r.kind, "monthly_before_usd": r.monthly_before,
                 "monthly_after_usd": r.monthly_after, "delta_monthly_usd": r.delta,
                 "fields": [_field_json(f) for f in r.fields], **({"name_after": r.name_after} if r.name_after else {})}
                for r in self.resources
            ],
            "findings": {"appeared": [_finding_json(f) for f in self.findings_appeared],
                         "resolved": [_finding_json(f) for f in self.findings_resolved]},
            "not_priced": {"before": self.unpriced_before, "after": self.unpriced_after,
                           "appeared": self.unpriced_appeared, "resolved": self.unpriced_resolved},
        }


def diff(a_bill: Bill, b_bill: Bill, a_spec: Spec, b_spec: Spec, *, findings_a: list | None = None,
         findings_b: list | None = None, unpriced_a: list[str] | None = None,
         unpriced_b: list[str] | None = None, across_formats: bool = False) -> Diff:
    """What changes from A (before) to B (after). Resources match by name (address); `across_formats`
    (a spec against Terraform or CloudFormation, or the two against each other) also pairs the names the
    formats give one resource (`pair_names`). Findings are objects with `.rule_id` (or `.rule`) and
    `.message`, and optionally `.path`, where in the spec they point."""
    components_a, components_b = a_spec.components, b_spec.components
    cost_a, cost_b = _costs(a_bill, components_a), _costs(b_bill, components_b)
    names_a = list(dict.fromkeys([*components_a, *cost_a]))
    names_b = list(dict.fromkeys([*components_b, *cost_b]))
    kind_a = {name: components_a[name].kind if name in components_a else _bill_kind(name, a_bill) for name in names_a}
    kind_b = {name: components_b[name].kind if name in components_b else _bill_kind(name, b_bill) for name in names_b}
    same = pair_names([n for n in names_a if n not in kind_b], [n for n in names_b if n not in kind_a],
                      kind_a, kind_b) if across_formats else {}
    resources = []
    for name in names_a:
        other = same.get(name, name)
        if other not in kind_b:
            resources.append(ResourceDiff(name, "removed", kind_a[name], cost_a.get(name, 0.0), 0.0))
            continue
        both = name in components_a and other in components_b
        fields = tuple(_changes(_dump(components_a[name]), _dump(components_b[other]))) if both else ()
        resources.append(ResourceDiff(name, "changed" if fields else "unchanged", kind_b[other] or kind_a[name],
                                      cost_a.get(name, 0.0), cost_b.get(other, 0.0), fields,
                                      other if other != name else None))
    paired = set(same.values()) | set(kind_a)
    resources += [ResourceDiff(name, "added", kind_b[name], 0.0, cost_b.get(name, 0.0))
                  for name in names_b if name not in paired]
    spec_a = a_spec.model_dump(mode="json", exclude={"components"})
    spec_b = b_spec.model_dump(mode="json", exclude={"components"})
    appeared, resolved = _findings(findings_a or [], findings_b or [], {b: a for a, b in same.items()})
    return Diff(
        name_before=a_spec.name, name_after=b_spec.name, region_before=a_spec.region, region_after=b_spec.region,
        total_before=a_bill.total, total_after=b_bill.total, resources=resources,
        spec_fields=list(_changes(spec_a, spec_b)), findings_appeared=appeared, findings_resolved=resolved,
        not_priced_before=len(a_bill.unknown), not_priced_after=len(b_bill.unknown),
        unpriced_before=[*(unpriced_a or []), *map(_unknown_text, a_bill.unknown)],
        unpriced_after=[*(unpriced_b or []), *map(_unknown_text, b_bill.unknown)],
    )


def _costs(bill: Bill, components: dict) -> dict[str, float]:
    """Per resource, in cents, as the bill shows; the lines of an instance (`x[0]`) of a block an import
    folded into one component (`x`) count as that component's."""
    totals: dict[str, float] = {}
    for item in bill.items:
        name = item.resource
        block = re.sub(r"\[[^\]]*\]$", "", name)
        name = block if name not in components and block in components else name
        totals[name] = totals.get(name, 0.0) + item.monthly_usd
    return {name: round(usd, 2) for name, usd in totals.items()}


def pair_names(only_a: list[str], only_b: list[str], kind_a: dict[str, str],
               kind_b: dict[str, str]) -> dict[str, str]:
    """A's names paired with B's for the resources that are one thing named two ways — a spec component
    (`api`) and the address its generated Terraform or CloudFormation gives it (`module.service["api"]
    .aws_ecs_service.this`, `Api`, `NatA`). Always the same kind, and, in this order of trust: a name that
    is a part of the other's address; a name that is two adjacent parts of it joined (`RegistryApi` and
    `aws_ecr_repository.registry["api"]`); a part that starts with the name; the only one of its kind left
    on each side. A pass pairs only what it pairs unambiguously."""
    pairs: dict[str, str] = {}
    tests = (lambda a, b: bool(_identity(a) & _parts(b) or _identity(b) & _parts(a)),
             lambda a, b: bool(_identity(a) & _joined(b) or _identity(b) & _joined(a)),
             lambda a, b: any(p.startswith(i) for i in _identity(a) for p in _parts(b)) or
                          any(p.startswith(i) for i in _identity(b) for p in _parts(a)),
             # a name that starts with a module's key: GatewayLogs, module.service["gateway"]...log_group.this
             lambda a, b: any(i.startswith(p) for i in _identity(a) for p in _keys(b)) or
                          any(i.startswith(p) for i in _identity(b) for p in _keys(a)),
             lambda a, b: True)
    for matches in tests:
        left_b = [b for b in only_b if b not in pairs.values()]
        for a in [a for a in only_a if a not in pairs]:
            candidates = [b for b in left_b if kind_b[b] == kind_a[a] and matches(a, b)]
            rivals = [other for other in only_a if other not in pairs and kind_a[other] == kind_a[a]
                      and any(matches(other, b) for b in candidates)]
            if len(candidates) == 1 and rivals == [a]:
                pairs[a] = candidates[0]
                left_b.remove(candidates[0])
    return pairs


def _parts(name: str) -> set[str]:
    """The words of an address (modules, keys, resource names), lower case, letters and digits only."""
    return {_plain(p) for p in re.findall(r"[A-Za-z0-9_-]+", name)} - {"", "module", "this", "data"}


def _joined(name: str) -> set[str]:
    """Each two adjacent words of an address joined: a resource's name and its for_each key, a module's key
    and its resource's (`BackendCpuHigh`: module.service["backend"].aws_cloudwatch_metric_alarm.this["cpu-high"])."""
    words = [_plain(p) for p in re.findall(r"[A-Za-z0-9_-]+", name)
             if p not in ("module", "this", "data") and not p.startswith("aws_")]
    return {first + second for first, second in zip(words, words[1:]) if first and second}


def _keys(name: str) -> set[str]:
    """The for_each keys of an address (`["gateway"]`), plain."""
    return {_plain(k) for k in re.findall(r'\["([^"]+)"\]', name)}


def _identity(name: str) -> set[str]:
    """A plain name (a spec component, a CloudFormation logical id) as a whole; an address has none."""
    return {_plain(name)} if re.fullmatch(r"[A-Za-z0-9_-]+", name) else set()


def _plain(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", word.lower())


def _unknown_text(unknown) -> str:
    return f"{unknown.resource}: {unknown.component} ({unknown.reason})"


def _unpriced_key(text: str) -> str:
    """An unpriced entry is the same on both sides when its address matches (its reason may quote values)."""
    return text.split(": ", 1)[0]


# Terraform types CloudFormation has as one (an Aurora instance is an AWS::RDS::DBInstance).
SAME_TYPE = {"aws_rds_cluster_instance": "aws_db_instance"}


def _bill_kind(name: str, *bills: Bill) -> str:
    """Resources only in the bill: priced by their cost modules (their AWS resource type) or the engine's
    implicit ones (internet data out)."""
    for bill in bills:
        for item in bill.items:
            if item.resource == name:
                if item.resource_type and item.address == name:
                    return SAME_TYPE.get(item.resource_type, item.resource_type)
                return item.service
    return ""


def _dump(component) -> dict:
    return component.model_dump(mode="json") if component is not None else {}


def _changes(before: Any, after: Any, path: str = "") -> list[FieldChange]:
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in dict.fromkeys([*before, *after]):
            if key in IGNORED_FIELDS:
                continue
            changes += _changes(before.get(key), after.get(key), f"{path}.{key}" if path else key)
        return changes
    return [] if before == after else [FieldChange(path, before, after)]


def rule_id(finding) -> str:
    """The finding's rule: `.rule_id`, or `.rule` as stackwright.checks names it."""
    return getattr(finding, "rule_id", None) or finding.rule


def _findings(before: list, after: list, renamed: dict[str, str] | None = None) -> tuple[list, list]:
    """A finding is the same in A and B when its rule and place match (its message may quote numbers that
    changed); without a place, when its rule and message match. `renamed`: B's names of A's resources."""
    def key(finding, names: dict[str, str]) -> tuple:
        place = tuple(names.get(p, p) if isinstance(p, str) else p for p in getattr(finding, "path", ()) or ())
        return (rule_id(finding), place) if place else (rule_id(finding), finding.message)

    keys_before = {key(f, {}) for f in before}
    keys_after = {key(f, renamed or {}) for f in after}
    return ([f for f in after if key(f, renamed or {}) not in keys_before],
            [f for f in before if key(f, {}) not in keys_after])


def with_settings_of(imported: Spec, spec: Spec) -> Spec:
    """An imported spec with the settings Terraform and CloudFormation cannot carry taken from `spec`
    (its name, availability target, budget, …), so comparing a spec with its own generated IaC compares
    what the code declares, and the checks judge both sides against the same target."""
    return imported.model_copy(update={name: getattr(spec, name) for name in SPEC_ONLY_SETTINGS})




def _field_json(change: FieldChange) -> dict:
    return {"path": change.path, "before": change.before, "after": change.after}


def _finding_json(finding) -> dict:
    return {"rule_id": rule_id(finding), "message": finding.message}


# --- loading either side --------------------------------------------------------------------------

def load_any(path: str | Path, *, usage_file: str | Path | None = None, region: str | None = None) -> tuple[Spec, Bill]:
    """A spec YAML (priced as `stackwright cost` does), a Terraform directory or .tf file, or a
    CloudFormation template (imported and priced as `stackwright import` does)."""
    spec, bill, _ = load_side(path, usage_file=usage_file, region=region)
    return spec, bill


def load_side(path: str | Path, *, usage_file: str | Path | None = None, region: str | None = None,
              **inputs) -> tuple[Spec, Bill, list[str]]:
    """As load_any, plus what the import could not price ("address: reason"). `inputs` go to
    import_path: variables, var_files, parameters, plan_side (a Terraform plan's "before" or "after")."""
    from stackwright.importer import import_path, price_import, source_format

    if source_format(path) == "spec":
        from stackwright.spec.loader import load
        from stackwright.spec_bill import price

        loaded = load(path)
        return loaded.spec, price(loaded.spec, loaded), []
    result = import_path(path, usage_file, region=region, **inputs)
    return result.spec, price_import(result), [f"{u.address}: {u.reason}" for u in result.unsupported]


def load_spec_as_code(path: str | Path, dialect: str, *, region: str | None = None) -> tuple[Spec, Bill, list[str]]:
    """A spec as the Terraform (`dialect` "terraform" or "terraform-plan") or CloudFormation that
    `stackwright plan` writes for it, with its usage file, imported back: compared with code, a spec is
    compared as the code it stands for, resource by resource at the same addresses, so a spec against its
    own generated code shows no change. Settings code cannot carry come from the spec (`with_settings_of`)."""
    import tempfile

    from stackwright.plan import build_plan
    from stackwright.render.cloudformation import write_cloudformation
    from stackwright.render.parameter_files import write_terraform_example
    from stackwright.render.terraform import write_terraform
    from stackwright.render.usage_file import write_usage_files
    from stackwright.spec.loader import load

    spec = load(path).spec
    plan = build_plan(spec)
    with tempfile.TemporaryDirectory(prefix="stackwright-diff-") as folder:
        out = Path(folder)
        write_usage_files(spec, plan, out)
        if dialect == "cloudformation":
            code, usage = write_cloudformation(plan, out), out / "cloudformation" / "usage.yml"
        else:
            write_terraform(plan, out)
            write_terraform_example(plan, out)  # the running system's values, as `plan` writes them
            code, usage = out / "terraform", out / "terraform" / "usage.yml"
        imported, bill, unpriced = load_side(code, usage_file=usage, region=region)
    return with_settings_of(imported, spec), bill, unpriced


# --- rendering ----------------------------------------------------------------------------------------

def _usd(value: float) -> str:
    return f"${value:,.2f}"


def _signed(value: float) -> str:
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    return f"{sign}${abs(value):,.2f}"


def _percent(d: Diff) -> str:
    return f" ({d.delta / d.total_before:+.1%})" if d.total_before else ""


def _value(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(", ", ": "))
    return "—" if value is None else str(value)


def _field_text(change: FieldChange) -> str:
    return f"{change.path}: {_value(change.before)} → {_value(change.after)}"


def _title(d: Diff) -> str:
    name = d.name_before if d.name_before == d.name_after else f"{d.name_before} → {d.name_after}"
    region = d.region_before if d.region_before == d.region_after else f"{d.region_before} → {d.region_after}"
    return f"{name} ({region})"


def to_json(d: Diff) -> str:
    return json_text.dumps(d.to_json(), ensure_ascii=False, end="\n")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(d: Diff) -> str:
    """A pull-request comment: the headline change, then the resources that moved, then findings."""
    lines = [
        f"### Monthly cost: {_title(d)}",
        "",
        f"**{_usd(d.total_before)} → {_usd(d.total_after)} per month: {_signed(d.delta)}{_percent(d)}**",
        "",
    ]
    if d.spec_fields:
        lines += ["Spec-wide changes: " + "; ".join(f"`{_md(_field_text(f))}`" for f in d.spec_fields), ""]
    moved = d.changed
    if moved:
        lines += ["| Resource | Change | Before | After | Δ / month | What changed |", "|---|---|---:|---:|---:|---|"]
        for r in moved:
            what = "<br>".join(f"`{_md(_field_text(f))}`" for f in r.fields) or (
                "cost only (usage or spec-wide settings)" if r.change == "unchanged" else "")
            lines.append(f"| `{_md(r.name)}` ({r.kind}) | {r.change} | {_usd(r.monthly_before)} | "
                         f"{_usd(r.monthly_after)} | {_signed(r.delta)} | {what} |")
        lines.append("")
    else:
        lines += ["No resource changed.", ""]
    unchanged = len(d.resources) - len(moved)
    if unchanged:
        lines += [f"{unchanged} other resource(s) unchanged.", ""]
    if d.findings_appeared or d.findings_resolved:
        lines += [f"**Findings:** {len(d.findings_appeared)} new, {len(d.findings_resolved)} resolved", ""]
        lines += [f"- new: `{rule_id(f)}` {_md(f.message)}" for f in d.findings_appeared]
        lines += [f"- resolved: `{rule_id(f)}` {_md(f.message)}" for f in d.findings_resolved]
        lines.append("")
    if d.unpriced_before or d.unpriced_after:
        lines += [f"**Not priced** (not counted as $0): {len(d.unpriced_before)} before, "
                  f"{len(d.unpriced_after)} after.", ""]
        lines += [f"- newly not priced: `{_md(u)}`" for u in d.unpriced_appeared]
        lines += [f"- now priced or gone: `{_md(u)}`" for u in d.unpriced_resolved]
        kept = [u for u in d.unpriced_after if u not in d.unpriced_appeared]
        lines += [f"- still not priced: `{_md(u)}`" for u in kept]
        lines.append("")
    lines.append("<sub>stackwright diff: list prices, 730 hours a month, USD</sub>")
    return "\n".join(lines) + "\n"


def to_table(d: Diff):
    """A Rich renderable for the terminal."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{_title(d)} — monthly cost change", expand=False)
    for column, justify in (("Resource", "left"), ("Kind", "left"), ("Change", "left"), ("Before", "right"),
                            ("After", "right"), ("Δ / month", "right"), ("What changed", "left")):
        table.add_column(column, justify=justify)
    for r in d.changed:
        colour = "red" if r.delta > 0 else "green" if r.delta < 0 else ""
        delta = f"[{colour}]{_signed(r.delta)}[/]" if colour else _signed(r.delta)
        table.add_row(r.name, r.kind, r.change, _usd(r.monthly_before), _usd(r.monthly_after), delta,
                      "\n".join(_field_text(f) for f in r.fields))
    table.add_section()
    table.add_row("[bold]Total[/]", "", "", _usd(d.total_before), _usd(d.total_after),
                  f"[bold]{_signed(d.delta)}[/]{_percent(d)}", "")
    parts: list = [table]
    if d.spec_fields:
        parts.append(Text("Spec-wide: " + "; ".join(_field_text(f) for f in d.spec_fields)))
    for finding in d.findings_appeared:
        parts.append(Text(f"new finding {rule_id(finding)}: {finding.message}", style="yellow"))
    for finding in d.findings_resolved:
        parts.append(Text(f"resolved {rule_id(finding)}: {finding.message}", style="green"))
    if d.unpriced_before or d.unpriced_after:
        parts.append(Text(f"Not priced (not counted as $0): {len(d.unpriced_before)} before, "
                          f"{len(d.unpriced_after)} after", style="bold red"))
        parts += [Text(f"  newly not priced: {u}", style="red") for u in d.unpriced_appeared]
        parts += [Text(f"  now priced or gone: {u}", style="green") for u in d.unpriced_resolved]
        parts += [Text(f"  still not priced: {u}") for u in d.unpriced_after if u not in d.unpriced_appeared]
    return Group(*parts)


FORMATS = {"json": to_json, "markdown": to_markdown}


def render(d: Diff, format: str):
    """`json` and `markdown` give text; `table` gives a Rich renderable."""
    if format == "table":
        return to_table(d)
    if format not in FORMATS:
        raise ValueError(f"unknown diff format {format!r}; use table, json or markdown")
    return FORMATS[format](d)
