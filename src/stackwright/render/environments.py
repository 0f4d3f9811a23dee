"""A spec's environments side by side: monthly cost per service in each environment, and the total.

Same bills -> byte-identical text.
"""

from __future__ import annotations

import csv
import io

from stackwright.cost.bill import Bill
from stackwright.render import cost_report

EnvBills = list[tuple[str, Bill]]


def services(bills: EnvBills) -> list[str]:
    """Every service any environment bills, the costliest (over all environments) first."""
    totals: dict[str, float] = {}
    for _, bill in bills:
        for service, usd in bill.by_service().items():
            totals[service] = totals.get(service, 0.0) + usd
    return [service for service, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def rows(bills: EnvBills) -> list[tuple[str, list[float], float]]:
    """(service, USD per environment, USD over all environments), then a Total row."""
    table = []
    for service in services(bills):
        figures = [b.by_service().get(service, 0.0) for _, b in bills]
        table.append((service, figures, round(sum(figures), 2)))
    totals = [b.total for _, b in bills]
    table.append(("Total", totals, round(sum(totals), 2)))
    return table


def grand_total(bills: EnvBills) -> float:
    return round(sum(b.total for _, b in bills), 2)


def to_table(spec_name: str, bills: EnvBills):
    from rich.table import Table

    table = Table(title=f"{spec_name} — environments side by side (USD/month)", expand=False)
    table.add_column("Service")
    for env, _ in bills:
        table.add_column(env, justify="right")
    table.add_column("All environments", justify="right")
    body = rows(bills)
    for service, figures, total in body[:-1]:
        table.add_row(service, *(f"{f:,.2f}" for f in figures), f"{total:,.2f}")
    table.add_section()
    service, figures, total = body[-1]
    table.add_row(f"[bold]{service}[/]", *(f"[bold]{f:,.2f}[/]" for f in figures), f"[bold]{total:,.2f}[/]")
    return table


def to_markdown(spec_name: str, bills: EnvBills) -> str:
    """The first environment's bill as a spec without environments prints it, then the environments side by
    side, then the other environments' bills."""
    (_, first), rest = bills[0], bills[1:]
    lines = ["", f"## Environments side by side: {spec_name}", "", "USD per month, 730 hours.", "",
             "| Service | " + " | ".join(env for env, _ in bills) + " | All environments |",
             "|---|" + "---:|" * (len(bills) + 1)]
    body = rows(bills)
    for service, figures, total in body[:-1]:
        lines.append(f"| {service} | " + " | ".join(f"{f:,.2f}" for f in figures) + f" | {total:,.2f} |")
    service, figures, total = body[-1]
    lines.append(f"| **{service}** | " + " | ".join(f"**{f:,.2f}**" for f in figures) + f" | **{total:,.2f}** |")
    budgets = [(env, b) for env, b in bills if b.budget_monthly_usd is not None]
    if budgets:
        lines += ["", "Budgets: " + "; ".join(f"{env} {b.budget_monthly_usd:,.2f} ({b.total - b.budget_monthly_usd:+,.2f})"
                                               for env, b in budgets) + "."]
    out = cost_report.to_markdown(first) + "\n".join(lines) + "\n"
    for env, bill in rest:
        out += "\n" + cost_report.to_markdown(bill).replace("# Monthly cost:", f"## {env}: monthly cost:", 1)
    return out


def to_json(spec_name: str, bills: EnvBills) -> str:
    """The first environment's bill as a spec without environments gives it, plus `environment`, the other
    environments' bills and the total over all of them."""
    from stackwright import json_text

    (env, first), rest = bills[0], bills[1:]
    data = first.to_json() | {"environment": env, "environments": {e: bill.to_json() for e, bill in rest},
                              "all_environments_monthly_usd": grand_total(bills)}
    return json_text.dumps(data, ensure_ascii=False, end="\n")


def to_csv(spec_name: str, bills: EnvBills) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("environment", *cost_report.CSV_FIELDS))
    for env, bill in bills:
        for item in bill.items:
            writer.writerow([env, *("" if getattr(item, f) is None else getattr(item, f)
                                    for f in cost_report.CSV_FIELDS)])
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv, "markdown": to_markdown}
