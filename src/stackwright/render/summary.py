"""Cost reports for several specs: one set of files per spec plus a summary against the documents' figures."""

from __future__ import annotations

from pathlib import Path

from stackwright.cost.bill import Bill
from stackwright.render import cost_report


def _row(bill: Bill) -> tuple[str, ...]:
    budget = bill.budget_monthly_usd
    if budget is None:
        gap = "—"
    else:
        diff = bill.total - budget
        gap = f"{diff:+,.2f}" + (f" ({diff / budget:+.0%})" if budget else "")
    estimates = sum(1 for item in bill.items if item.estimate)
    dated = sum(1 for item in bill.items if item.note and "months older than the catalogue's newest" in item.note)
    return (bill.name, bill.region, f"{bill.total:,.2f}", "—" if budget is None else f"{budget:,.2f}", gap,
            str(estimates), str(dated), str(len(bill.unknown)))


HEADERS = ("Spec", "Region", "Computed USD/month", "Document's figure", "Gap", "Estimated lines",
           "Prices > 12 months old", "Not priced")


def summary_markdown(bills: list[tuple[Path, Bill]]) -> str:
    lines = ["# Cost summary", "", "| " + " | ".join(HEADERS) + " |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for path, bill in bills:
        name, *rest = _row(bill)
        lines.append(f"| [{name}]({path.stem}.md) | " + " | ".join(rest) + " |")
    sources = {(b.name, b.budget_source) for _, b in bills if b.budget_source}
    if sources:
        lines += ["", "Document figures:"] + [f"- {name}: {source}" for name, source in sorted(sources)]
    lines += ["", CATALOGUE_NOTE]
    return "\n".join(lines) + "\n"


# What the last catalogue rebuild changed in these totals (README, "Prices"); keep it with the catalogue.
CATALOGUE_NOTE = (
    "Catalogue rebuilt from the late-2025 per-region AWS pricing-page files (aws-price-watcher). Totals since the "
    "first rebuild: glimpse $99.64 to $101.51, of which $0.35 is a price: its API Gateway HTTP API requests, "
    "added at the us-east-1 $1.00 per million carried over, are now Seoul's own $1.23. The other moves are lines "
    "the specs now declare, not prices: bowwow $175.49 to $183.29 (Cloud Map, Route 53 queries), ecommerce "
    "$326.24 to $335.98 (AWS Backup RDS snapshots), tiketi $674.87 to $689.53 (X-Ray, flow logs); homu-ec2 and "
    "homu-fargate unchanged. Seoul's own ALB, Secrets Manager, ECR, X-Ray, CloudTrail and RDS snapshot prices "
    "equal the us-east-1 figures those lines carried, so they lost the estimate mark, not cents. Lines whose "
    "price is more than 12 months older than the catalogue's newest source (ElastiCache 2025-03, EBS 2024-07, "
    "Fargate Spot 2021) are counted above and flagged in their notes.")


def write_reports(bills: list[tuple[Path, Bill]], out: Path, shown_as: Path | None = None):
    """Write <stem>.json/.md/.csv per bill and summary.md; return a Rich table of the summary, titled with
    `shown_as` (the folder the reports end up in) when `out` is a staging folder."""
    from rich.table import Table

    out.mkdir(parents=True, exist_ok=True)
    for path, bill in bills:
        (out / f"{path.stem}.json").write_text(cost_report.to_json(bill), encoding="utf-8")
        (out / f"{path.stem}.md").write_text(cost_report.to_markdown(bill), encoding="utf-8")
        (out / f"{path.stem}.csv").write_text(cost_report.to_csv(bill), encoding="utf-8")
    (out / "summary.md").write_text(summary_markdown(bills), encoding="utf-8")
    table = Table(title=f"Monthly cost (reports in {shown_as or out}/)")
    for header in HEADERS:
        table.add_column(header, justify="right" if header not in ("Spec", "Region") else "left")
    for _, bill in bills:
        table.add_row(*_row(bill))
    return table
