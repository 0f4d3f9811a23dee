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
    if not result.sized:
        table.caption = "nothing is `auto`; serverless kinds scale by use, billed from traffic"
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
        history.add_row(str(i), step.id + new, step.summary, _saving(step.monthly_saving_usd),
                        f"${step.running_total_usd:,.2f}", f"{availability['after']:.4g}%", step.risk)
    saved = result.baseline_monthly_usd - result.optimized_monthly_usd
    pct = saved / result.baseline_monthly_usd if result.baseline_monthly_usd else 0
    avail = result.availability
    kept = "keeping" if avail.get("optimized", 0) >= result.baseline.availability_target else "not reaching"
    parts = [Text(f"warning: {w}", style="yellow") for w in result.warnings]
    parts += [history, Text(f"{result.baseline_monthly_usd:,.2f} → {result.optimized_monthly_usd:,.2f} USD/month "
                           f"(−{saved:,.2f}, −{pct:.1%}) {kept} availability ≥ {result.baseline.availability_target:g}%"
                           f" and Spot share ≤ {result.baseline.constraints.max_spot_share:.0%}", style="bold")]
    if avail:
        parts.append(Text(f"Composite availability (AWS SLAs, serial parts multiply, redundant parts in parallel): "
                          f"{avail['optimized_formula']}"))
        parts.append(Text("SLAs: " + "; ".join(f"{s['name']} {s['percent']:g}% ({s['url']})"
                                               for s in avail["sources"]), style="dim"))
    if result.needs_consent:
        consent = Table(title="Needs your consent: these change fields you wrote")
        for column, justify in (("Rule", "left"), ("Change", "left"), ("Fields", "left"), ("Saves / month", "right"),
                                ("Allow with constraints.may_change", "left")):
            consent.add_column(column, justify=justify, overflow="fold")
        for c in result.needs_consent:
            consent.add_row(c.id, c.summary, ", ".join(c.fields), _saving(c.monthly_saving_usd), c.allow_with)
        parts.append(consent)
    if result.front:
        front = Table(title="Pareto front: cost against composite availability and Spot share")
        for column, justify in (("USD/month", "right"), ("Availability", "right"), ("Spot share", "right"),
                                ("Changes", "left"), ("Needs consent", "left")):
            front.add_column(column, justify=justify, overflow="fold")
        for point in result.front:
            mark = " [bold green]← chosen[/]" if point.chosen else ""
            front.add_row(f"${point.monthly_usd:,.2f}{mark}", f"{point.availability:.4g}%", f"{point.spot_share:.0%}",
                          _front_changes(point.changes), _front_fields(point.needs_consent))
        parts.append(front)
    if result.rejected:
        rejected = Table(title="Considered and rejected")
        for column in ("Rule", "Change", "Why not"):
            rejected.add_column(column, overflow="fold")
        for r in result.rejected:
            rejected.add_row(r.id, r.summary, r.reason)
        parts.append(rejected)
    return Group(*parts)


FRONT_CHANGES_SHOWN = 20  # a front point's changes (and fields) listed in the terminal; blueprints' points have up to 14 (11)


def _front_changes(changes: list[str]) -> str:
    """A front point's changes, one a line: at a thousand services a point has thousands (the front's table
    was half a million lines that took a minute and a gigabyte to lay out), so past FRONT_CHANGES_SHOWN the
    rest is counted, and the JSON lists every one."""
    if not changes:
        return "(as is)"
    shown = list(changes[:FRONT_CHANGES_SHOWN])
    if len(changes) > len(shown):
        shown.append(f"… and {len(changes) - len(shown):,} more (--format json lists every change)")
    return "\n".join(shown)


def _front_fields(fields: list[str]) -> str:
    """The written fields a front point changes without consent, the first FRONT_CHANGES_SHOWN of them named."""
    if not fields:
        return "—"
    named = ", ".join(fields[:FRONT_CHANGES_SHOWN])
    return named if len(fields) <= FRONT_CHANGES_SHOWN else f"{named} … and {len(fields) - FRONT_CHANGES_SHOWN:,} more"


def _saving(usd: float) -> str:
    """A saving as "$8.94"; a change that costs money as "costs $21.60"."""
    return f"${usd:,.2f}" if usd >= 0 else f"costs ${-usd:,.2f}"


def _sized(phase: Phase, name: str, size: str) -> str:
    bound = phase.bound_by.get(name)
    return f"{name}: {size}" + (f" (bound by: {bound})" if bound else "")


def roadmap_table(name: str, phases: list[Phase]):
    from rich.table import Table

    table = Table(title=f"{name}: growth roadmap", show_lines=True)
    for column, justify in (("Phase", "left"), ("Peak req/s", "right"), ("USD/month", "right"),
                            ("Sizes", "left"), ("Move on when", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for phase in phases:
        cost = "—" if phase.monthly_usd is None else f"${phase.monthly_usd:,.2f}"
        table.add_row(phase.name, f"{phase.peak_rps:,.1f}", cost, "\n".join(_sized(phase, k, v) for k, v in
                                                                         phase.sizes.items()),
                      "\n".join(phase.move_on_when))
    return table


def roadmap_markdown(name: str, phases: list[Phase]) -> str:
    lines = [f"# Growth roadmap: {name}", "", "| Phase | Peak req/s | USD/month | Sizes | Move on when |",
             "|---|---:|---:|---|---|"]
    for phase in phases:
        cost = "—" if phase.monthly_usd is None else f"${phase.monthly_usd:,.2f}"
        sizes = "<br>".join(_sized(phase, k, v) for k, v in phase.sizes.items())
        lines.append(f"| {phase.name} | {phase.peak_rps:,.1f} | {cost} | {sizes} | {'<br>'.join(phase.move_on_when)} |")
    return "\n".join(lines) + "\n"
