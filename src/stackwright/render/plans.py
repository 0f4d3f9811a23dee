"""Terminal tables for sizing, the optimiser's history and the roadmap (Rich renderables)."""

from __future__ import annotations

from stackwright.optimize.search import Result
from stackwright.roadmap import Phase
from stackwright.sizing.sizer import SizingResult


def sizing_table(result: SizingResult):
    from rich.table import Table

    table = Table(title=f"{result.spec.name}: sized from traffic", show_lines=True)
    for column in ("Component", "Field", "Value", "Why"):
        table.add_column(column, overflow="fold")
    for sized in result.sized:
        _, component, *field = sized.path
        table.add_row(component, ".".join(map(str, field)), sized.value, sized.why)
    return table


def optimize_renderable(result: Result):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    history = Table(title=f"{result.baseline.name}: optimisation, step by step")
    for column, justify in (("#", "right"), ("Rule", "left"), ("Change", "left"), ("Saves / month", "right"),
                            ("Running total", "right"), ("Availability", "right"), ("Risk", "left")):
        history.add_column(column, justify=justify, overflow="fold")
    history.add_row("", "", "[bold]baseline[/]", "", f"${result.baseline_monthly_usd:,.2f}", "", "")
    for i, step in enumerate(result.steps, start=1):
        availability = step.constraints["availability"]
        new = " [green](new)[/]" if step.new else ""
        history.add_row(str(i), step.id + new, step.summary, f"${step.monthly_saving_usd:,.2f}",
                        f"${step.running_total_usd:,.2f}", f"{availability['after']:g}%", step.risk)
    saved = result.baseline_monthly_usd - result.optimized_monthly_usd
    pct = saved / result.baseline_monthly_usd if result.baseline_monthly_usd else 0
    parts = [Text(f"warning: {w}", style="yellow") for w in result.warnings]
    parts += [history, Text(f"{result.baseline_monthly_usd:,.2f} → {result.optimized_monthly_usd:,.2f} USD/month "
                           f"(−{saved:,.2f}, −{pct:.1%}) keeping availability ≥ {result.baseline.availability_target:g}%"
                           f" and Spot share ≤ {result.baseline.constraints.max_spot_share:.0%}", style="bold")]
    if result.rejected:
        rejected = Table(title="Considered and rejected")
        for column in ("Rule", "Change", "Why not"):
            rejected.add_column(column, overflow="fold")
        for r in result.rejected:
            rejected.add_row(r.id, r.summary, r.reason)
        parts.append(rejected)
    return Group(*parts)


def roadmap_table(name: str, phases: list[Phase]):
    from rich.table import Table

    table = Table(title=f"{name}: growth roadmap", show_lines=True)
    for column, justify in (("Phase", "left"), ("Peak req/s", "right"), ("USD/month", "right"),
                            ("Sizes", "left"), ("Move on when", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for phase in phases:
        cost = "—" if phase.monthly_usd is None else f"${phase.monthly_usd:,.2f}"
        table.add_row(phase.name, f"{phase.peak_rps:,.1f}", cost,
                      "\n".join(f"{k}: {v}" for k, v in phase.sizes.items()), "\n".join(phase.move_on_when))
    return table


def roadmap_markdown(name: str, phases: list[Phase]) -> str:
    lines = [f"# Growth roadmap: {name}", "", "| Phase | Peak req/s | USD/month | Sizes | Move on when |",
             "|---|---:|---:|---|---|"]
    for phase in phases:
        cost = "—" if phase.monthly_usd is None else f"${phase.monthly_usd:,.2f}"
        sizes = "<br>".join(f"{k}: {v}" for k, v in phase.sizes.items())
        lines.append(f"| {phase.name} | {phase.peak_rps:,.1f} | {cost} | {sizes} | {'<br>'.join(phase.move_on_when)} |")
    return "\n".join(lines) + "\n"
