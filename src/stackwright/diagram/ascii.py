"""The layout as a plain-text drawing for design.md: the same boxes and flows as the diagram.

Only ASCII frames and Latin text go inside the frames, so columns stay aligned in any monospace font
(Hangul is double width).
"""

from __future__ import annotations

from stackwright.diagram.layout import Box, Layout

TIER_NAMES = {"public": "public subnet", "app": "private app subnet", "data": "private data subnet"}
GAP = "  "


def _text(box: Box) -> str:
    return f"[{box.label}] {' '.join(box.detail)}".rstrip()


def _framed(title: str, lines: list[str], width: int) -> list[str]:
    top = f"+-- {title} " + "-" * max(0, width - len(title) - 4) + "+"
    return [top] + [f"| {line.ljust(width - 1)}|" for line in lines] + ["+" + "-" * width + "+"]


def _zone_columns(layout: Layout) -> list[str]:
    """The AZs side by side, each a frame of subnet bands; band rows line up across AZs."""
    columns = []
    for zone in layout.zones:
        bands = []
        for band in zone.bands:
            heading = f"{TIER_NAMES[band.subnet.tier]} {band.subnet.cidr}"
            bands.append([heading] + ([f"  {_text(b)}" for b in band.boxes] or ["  (empty)"]))
        columns.append((zone.az, bands))
    if not any(bands for _, bands in columns):
        return []  # no subnets: nothing of the spec runs inside the VPC
    band_count = max(len(bands) for _, bands in columns)
    heights = [max(len(bands[i]) for _, bands in columns if i < len(bands)) for i in range(band_count)]
    width = max(len(line) for _, bands in columns for band in bands for line in band) + 2
    framed = []
    for az, bands in columns:
        lines = []
        for i, height in enumerate(heights):
            band = bands[i] if i < len(bands) else []
            if i:
                lines.append("- " * (width // 2 - 1))
            lines += band + [""] * (height - len(band))
        framed.append(_framed(f"AZ {az}", lines, max(width, len(az) + 8)))
    return [GAP.join(parts) for parts in zip(*framed)]


def _flows(layout: Layout) -> list[str]:
    """One line per distinct flow between named things (an element in several AZs is named once)."""
    names = {b.id: b.label for b in layout.boxes()}
    flows = list(dict.fromkeys((names[link.source], link.label, names[link.target]) for link in layout.links))
    source_width = max((len(s) for s, _, _ in flows), default=0)
    arrow_width = max((len(label) for _, label, _ in flows), default=0) + 6
    return [f"  {s.ljust(source_width)} {('--' + label + '-->').ljust(arrow_width)} {t}" for s, label, t in flows]


def draw_ascii(layout: Layout) -> str:
    lines = [_text(b) for b in layout.internet_side]
    lines += ["    |", "    v"]
    inner = [_text(b) for b in layout.vpc_wide] + _zone_columns(layout)
    vpc_width = max((len(line) for line in inner), default=0) + 2
    vpc = _framed(f"VPC {layout.vpc_cidr}", inner, vpc_width)
    regional = [_text(b) for b in layout.regional]
    body = vpc + ([""] + ["regional services (outside the VPC):"] + [f"  {line}" for line in regional] if regional else [])
    lines += _framed(f"Region {layout.region}", body, max(len(line) for line in body) + 2)
    lines += ["", "flows (security group rules and routes, with ports):"] + _flows(layout)
    return "\n".join(line.rstrip() for line in lines) + "\n"
