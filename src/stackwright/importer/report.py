"""An import as text: the bill as `cost` shows it, plus what was not priced, what is free, and the
assumptions behind the numbers."""

from __future__ import annotations

from collections import Counter

from stackwright import json_text
from stackwright.cost.bill import Bill
from stackwright.importer import ImportResult

FORMATS = ("table", "json", "spec")


def render(result: ImportResult, bill: Bill, format: str):
    """`json` and `spec` give text; `table` gives a Rich renderable for the terminal."""
    if format == "json":
        return to_json(result, bill)
    if format == "spec":
        return to_spec(result)
    if format == "table":
        return to_table(result, bill)
    raise ValueError(f"unknown import format {format!r}; use one of {', '.join(FORMATS)}")


def to_json(result: ImportResult, bill: Bill) -> str:
    """`stackwright cost --format json`, plus `unsupported` and `free`."""
    data = bill.to_json()
    data["unsupported"] = [
        {"address": u.address, "type": u.type, "reason": u.reason, "location": _where(result, u.address)}
        for u in result.unsupported
    ]
    data["free"] = [{"address": f.address, "type": f.type} for f in result.free]
    return json_text.dumps(data, ensure_ascii=False, end="\n")


def to_spec(result: ImportResult) -> str:
    """A spec `stackwright validate` and `cost` accept; what it leaves out is listed in its header."""
    from stackwright.spec.writer import dump_spec

    lines = [f"Imported by stackwright from {result.source} ({result.format})."]
    if result.unsupported:
        lines.append("Not in this spec (not priced):")
        lines += [f"  {u.address} ({u.type}): {u.reason}" for u in result.unsupported]
    if result.free:
        lines.append(f"Free, so not in this spec: {_free_summary(result)}")
    if result.records:  # priced in the import's bill by their resource cost modules; a spec has no form for them
        lines.append("Priced by the import but not in this spec: "
                     + ", ".join(sorted({record.address for record, _ in result.records})))
    lines.append("Assumptions:")
    lines += [f"  {a.subject}: {a.text} [{a.source}]" for a in result.assumptions]
    spec = result.spec
    if result.records:
        from stackwright.importer.operations import components

        spec = spec.model_copy(update={"components": {**spec.components, **components(result.records, spec)}})
    return dump_spec(_declared_data_out(spec, result.records), header="\n".join(lines))


def _declared_data_out(spec, records: list):
    """`spec` with the internet data out the import prices, so its own bill prices the same rather than what
    its traffic implies: what the resources send (their usage) plus the usage file's billing-only lines, on
    one data_transfer component (added when none; 0 when nothing declares any)."""
    from stackwright.resources.egress import KEY
    from stackwright.spec.model import DataTransfer

    from_resources = sum(float(usage[KEY].value) for _, usage in records if KEY in usage.module.usage)
    lines = {name: c for name, c in spec.components.items() if c.kind == "data_transfer"}
    total = from_resources + sum(c.internet_out_gb_month or 0 for c in lines.values())
    components = dict(spec.components)
    for name, component in lines.items():
        components[name] = component.model_copy(update={"internet_out_gb_month": None})
    first = next(iter(lines), None)
    if first is None:
        first = "internet-data-out"
        while first in components:
            first += "-imported"
        components[first] = DataTransfer(kind="data_transfer", description="internet data out the import declares")
    components[first] = components[first].model_copy(update={"internet_out_gb_month": round(float(total), 6)})
    return spec.model_copy(update={"components": components})


def to_table(result: ImportResult, bill: Bill):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from stackwright.render.cost_report import to_table as bill_table

    parts = [bill_table(bill)]
    if result.unsupported:
        table = Table(title="Not priced: resources the import could not map (not counted as $0)", expand=False)
        for column in ("Resource", "Type", "Why", "Where"):
            table.add_column(column)
        for u in result.unsupported:
            table.add_row(u.address, u.type, u.reason, _where(result, u.address))
        parts.append(table)
    if result.free:
        parts.append(Text(f"Free ({len(result.free)}): {_free_summary(result)}", style="dim"))
    parts.append(Text("Assumptions:", style="bold"))
    parts += [Text(f"  {a.subject}: {a.text} [{a.source}]") for a in result.assumptions]
    return Group(*parts)


def _where(result: ImportResult, address: str) -> str:
    base = address.split(" (", 1)[0]  # a part of a resource ("module.vpc (VPN gateway)") sits where it does
    location = result.locations.get(base)
    return str(location) if location else ""


def _free_summary(result: ImportResult) -> str:
    return ", ".join(f"{t} × {n}" if n > 1 else t for t, n in Counter(f.type for f in result.free).items())
