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
    """The baseline, each step's saving as a bar hanging from the running total, and the result."""
    rows = [Row(start[0], 0.0, start[1], start[2], "start")]
    running = start[1]
    for label, saving, text in steps:
        rows.append(Row(label, running, running - saving, text, "saving"))
        running -= saving
    rows.append(Row(end[0], 0.0, end[1], end[2], "end"))
    return _svg("waterfall", title, rows)
