"""The bill as a Rich table, Markdown, CSV or JSON text. Same bill -> byte-identical text."""

from __future__ import annotations

import csv
import io

from stackwright.cost.bill import Bill, LineItem

CSV_FIELDS = (
    "resource", "service", "component", "unit", "unit_price_usd", "quantity", "monthly_usd", "usage_based",
    "purchase_option", "price_source", "price_date", "estimate", "assumption", "sku", "note",
)


def _usd(value: float) -> str:
    return f"${value:,.2f}"


def _unit_price(value: float) -> str:
    return f"${value:,.4f}" if value >= 0.01 else f"${value:.6g}"


def _quantity(item: LineItem) -> str:
    return f"{item.quantity:,.2f}".rstrip("0").rstrip(".") if item.quantity % 1 else f"{item.quantity:,.0f}"


def _budget_line(bill: Bill) -> str | None:
    if bill.budget_monthly_usd is None:
        return None
    diff = bill.total - bill.budget_monthly_usd
    pct = f" ({diff / bill.budget_monthly_usd:+.0%})" if bill.budget_monthly_usd else ""
    source = f" — {bill.budget_source}" if bill.budget_source else ""
    return (f"Budget {_usd(bill.budget_monthly_usd)}{source}; computed {_usd(bill.total)}, "
            f"{'over' if diff > 0 else 'under'} by {_usd(abs(diff))}{pct}")


def to_json(bill: Bill) -> str:
    from stackwright import collector, json_text

    with collector.paused():  # a dict per bill line, in no cycles
        return json_text.dumps(bill.to_json(), ensure_ascii=False, end="\n")


def to_csv(bill: Bill) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for item in bill.items:
        writer.writerow(["" if getattr(item, f) is None else getattr(item, f) for f in CSV_FIELDS])
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(bill: Bill) -> str:
    lines = [
        f"# Monthly cost: {bill.name} ({bill.region})",
        "",
        f"**Total: {_usd(bill.total)} / month** (USD, 730 hours)",
        "",
    ]
    budget = _budget_line(bill)
    if budget:
        lines += [budget, ""]
    lines += [
        "| Resource | Service | Component | Unit price | Quantity | Unit | Monthly | Option | Source (date) | Notes |",
        "|---|---|---|---:|---:|---|---:|---|---|---|",
    ]
    for item in bill.items:
        notes = []
        if item.estimate:
            notes.append(f"**estimate:** {item.estimate}")
        if item.assumption:
            notes.append(f"assumes {item.assumption}")
        if item.note:
            notes.append(item.note)
        lines.append("| " + " | ".join(_md_cell(c) for c in (
            item.resource, item.service, item.component, _unit_price(item.unit_price_usd), _quantity(item),
            item.unit, _usd(item.monthly_usd), item.purchase_option.replace("_", "-"),
            f"{item.price_source} ({item.price_date})", "; ".join(notes),
        )) + " |")
    lines += ["", "## By service", "", "| Service | Monthly |", "|---|---:|"]
    lines += [f"| {service} | {_usd(usd)} |" for service, usd in bill.by_service().items()]
    if bill.unknown:
        lines += ["", "## Not priced (unknown, not counted as $0)", "", "| Resource | Component | SKU | Why |",
                  "|---|---|---|---|"]
        lines += [f"| {u.resource} | {_md_cell(u.component)} | `{u.sku}` | {_md_cell(u.reason)} |" for u in bill.unknown]
    estimates = sum(1 for item in bill.items if item.estimate)
    if estimates:
        lines += ["", f"{estimates} line(s) use a price marked as an estimate; the notes say why."]
    return "\n".join(lines) + "\n"


def to_table(bill: Bill):
    """A Rich renderable for the terminal."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{bill.name} ({bill.region}) — monthly cost", show_lines=True, expand=False)
    for column, justify in (("Resource", "left"), ("Component", "left"), ("Unit price", "right"),
                            ("Qty", "right"), ("Unit", "left"), ("Monthly", "right"), ("Option", "left"),
                            ("Source", "left")):
        table.add_column(column, justify=justify)
    estimates: dict[str, int] = {}
    for item in bill.items:
        component = Text(item.component)
        if item.assumption:
            component.append(f"\n{item.assumption}", style="dim")
        if item.note:
            component.append(f"\n{item.note}", style="yellow")
        monthly = Text(_usd(item.monthly_usd))
        if item.estimate:
            mark = estimates.setdefault(item.estimate, len(estimates) + 1)
            monthly.append(f" ≈{mark}", style="yellow")
        # Text, not str: Rich would make each str cell a Text, looking for markup first
        table.add_row(Text(item.resource), component, Text(_unit_price(item.unit_price_usd)), Text(_quantity(item)),
                      Text(item.unit), monthly, Text(item.purchase_option.replace("_", "-")),
                      Text(f"{item.price_source} {item.price_date}"))
    table.add_section()
    table.add_row("[bold]Total[/]", "", "", "", "", f"[bold]{_usd(bill.total)}[/]", "", "")
    parts = [table]
    parts += [Text(f"≈{mark} estimate: {reason}", style="yellow") for reason, mark in estimates.items()]
    budget = _budget_line(bill)
    if budget:
        parts.append(Text(budget))
    for unknown in bill.unknown:
        parts.append(Text(f"NOT PRICED: {unknown.resource} / {unknown.component} ({unknown.sku}): {unknown.reason}",
                          style="bold red"))
    return Group(*parts)


FORMATS = {"json": to_json, "csv": to_csv, "markdown": to_markdown}
