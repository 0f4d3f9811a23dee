"""Inline SVG charts, drawn here so the report needs no script library and no network.

Every chart is horizontal bars on one money scale: one row per label, the value written at the bar's
end, a <title> on each bar for a tooltip. Labels and value texts arrive already translated and
formatted; this module only places them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_WIDTH = 230
BAR_WIDTH = 460
VALUE_WIDTH = 110
PAD = 8
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
COLOURS = {"cost": "#1E88E5", "saving": "#43A047", "start": "#546E7A", "end": "#00897B", "missing": "#E53935"}


@dataclass(frozen=True)
class Row:
    label: str
    start: float  # the bar spans start..end on the money scale
    end: float
    text: str  # the value as the reader sees it
    colour: str = "cost"


def _svg(kind: str, title: str, rows: list[Row]) -> Markup:
    scale_max = max([r.end for r in rows] + [r.start for r in rows] + [0.01])
    height = len(rows) * ROW_HEIGHT + 2 * PAD
    parts = [f'<svg class="chart chart-{kind}" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">']
    for index, row in enumerate(rows):
        y = PAD + index * ROW_HEIGHT
        left = LABEL_WIDTH + BAR_WIDTH * min(row.start, row.end) / scale_max
        width = max(1.0, BAR_WIDTH * abs(row.end - row.start) / scale_max)
        middle = y + ROW_HEIGHT / 2
        parts.append(f'<text class="label" x="{LABEL_WIDTH - PAD}" y="{middle:.1f}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape(row.label)}</text>')
        parts.append(f'<rect class="bar" x="{left:.1f}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) / 2:.1f}" width="{width:.1f}" '
                     f'height="{BAR_HEIGHT}" fill="{COLOURS[row.colour]}"><title>{escape(row.label)}: '
                     f'{escape(row.text)}</title></rect>')
        parts.append(f'<text class="value" x="{left + width + 4:.1f}" y="{middle:.1f}" '
                     f'dominant-baseline="middle">{escape(row.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(title: str, items: list[tuple[str, float, str]]) -> Markup:
    """One bar per (label, value, text), from zero."""
    return _svg("bars", title, [Row(label, 0.0, value, text) for label, value, text in items])


def phases(title: str, items: list[tuple[str, float | None, str]]) -> Markup:
    """One bar per phase; a phase without a price (None) shows its text in red at zero."""
    return _svg("phases", title, [Row(label, 0.0, value or 0.0, text, "cost" if value is not None else "missing")
                                  for label, value, text in items])


def waterfall(title: str, start: tuple[str, float, str], steps: list[tuple[str, float, str]],
              end: tuple[str, float, str]) -> Markup:
    """The baseline, each step's saving (or cost) as a bar hanging from the running total, and the result."""
    rows = [Row(start[0], 0.0, start[1], start[2], "start")]
    running = start[1]
    for label, saving, text in steps:  # a step that buys availability costs money: drawn as a cost
        rows.append(Row(label, running, running - saving, text, "saving" if saving >= 0 else "cost"))
        running -= saving
    rows.append(Row(end[0], 0.0, end[1], end[2], "end"))
    return _svg("waterfall", title, rows)


PLOT_HEIGHT = 260


def pareto(title: str, points: list[tuple[float, float, str, bool, bool]], target: float) -> Markup:
    """The Pareto front: monthly cost (up) against composite availability (right), one dot per
    (availability %, USD, text, chosen, needs consent), joined in a step line, the target dashed.
    The chosen point is filled in the result colour; points that need consent are hollow."""
    if not points:
        return Markup("")
    ordered = sorted(points, key=lambda p: (p[0], p[1]))
    low = min(min(p[0] for p in ordered), target)
    high = max(max(p[0] for p in ordered), target)
    span = (high - low) or 0.01
    low, high = low - span * 0.05, min(100.0, high + span * 0.05)
    top = max(p[1] for p in ordered) * 1.1 or 1.0
    left, right, bottom = PAD + 60, WIDTH - VALUE_WIDTH - PAD, PLOT_HEIGHT - 30

    def x(avail: float) -> float:
        return left + (right - left) * (avail - low) / (high - low)

    def y(usd: float) -> float:
        return bottom - (bottom - PAD) * usd / top

    parts = [f'<svg class="chart chart-pareto" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {WIDTH} {PLOT_HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#90A4AE"/>',
             f'<line class="axis" x1="{left}" y1="{PAD}" x2="{left}" y2="{bottom}" stroke="#90A4AE"/>',
             f'<text class="label" x="{left}" y="{bottom + 18}" text-anchor="middle">{low:.3f}%</text>',
             f'<text class="label" x="{right}" y="{bottom + 18}" text-anchor="middle">{high:.3f}%</text>',
             f'<text class="label" x="{left - 4}" y="{PAD + 10}" text-anchor="end">${top:,.0f}</text>',
             f'<text class="label" x="{left - 4}" y="{bottom}" text-anchor="end">$0</text>',
             f'<line class="target" x1="{x(target):.1f}" y1="{PAD}" x2="{x(target):.1f}" y2="{bottom}" '
             f'stroke="{COLOURS["missing"]}" stroke-dasharray="4 3"><title>target {target:g}%</title></line>']
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(a):.1f},{y(c):.1f}" for i, (a, c, *_) in enumerate(ordered))
    parts.append(f'<path class="front" d="{path}" fill="none" stroke="{COLOURS["cost"]}" stroke-width="1.5"/>')
    for avail, usd, text, chosen, consent in ordered:
        colour = COLOURS["end"] if chosen else COLOURS["cost"]
        fill = "white" if consent and not chosen else colour
        radius = 6 if chosen else 4
        parts.append(f'<circle class="point{" chosen" if chosen else ""}" cx="{x(avail):.1f}" cy="{y(usd):.1f}" '
                     f'r="{radius}" fill="{fill}" stroke="{colour}" stroke-width="1.5"><title>{escape(text)}'
                     f'</title></circle>')
        parts.append(f'<text class="value" x="{x(avail) + 8:.1f}" y="{y(usd) - 6:.1f}">{escape(text.split(" · ")[0])}'
                     f'</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
