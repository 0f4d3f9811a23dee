"""report.html: one self-contained page (inline CSS and SVG, no script, no network) with the diagram,
the bill, cost by service, the roadmap's cost by phase and the optimiser's waterfall."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from stackwright.spec.model import Spec

FILE_NAME = "report.html"
TEMPLATES = Path(__file__).parent / "templates"
_SVG_PREAMBLE = re.compile(r"^.*?(?=<svg\b)", re.S)
_SVG_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _inline_diagram(svg: str) -> str:
    """The diagram's <svg> element for embedding: no XML prolog or doctype, scaled by CSS."""
    svg = _COMMENT.sub("", _SVG_PREAMBLE.sub("", svg, count=1))
    return _SVG_SIZE.sub('<svg class="diagram"', svg, count=1)


def _inline_diagram_pieces(svg: str) -> Iterator[str]:
    """`_inline_diagram(svg)` in pieces, the text between comments one at a time: a large plan's SVG is tens of
    megabytes, and the substitutions' copies of it hundreds."""
    preamble = _SVG_PREAMBLE.match(svg)
    start = preamble.end() if preamble else 0
    first = _COMMENT.search(svg, start)
    head = svg[start:first.start() if first else len(svg)]
    if svg.count("<!--", 0, start) != svg.count("-->", 0, start) or not _SVG_SIZE.search(head):
        yield _inline_diagram(svg)  # the <svg> tag is not where Graphviz puts it: as a whole
        return
    yield _SVG_SIZE.sub('<svg class="diagram"', head, count=1)
    position = first.end() if first else len(svg)
    for comment in _COMMENT.finditer(svg, position):
        yield svg[position:comment.start()]
        position = comment.end()
    yield svg[position:]


def report_html(spec: Spec, lang: str = "en", environments: dict | None = None) -> str:
    """`environments`: as design_markdown's, for the environments side by side."""
    return "".join(_report_pieces(spec, lang, environments))


# Where the diagram goes in the rendered page: a large plan's inline SVG is tens of megabytes, written to
# the file as it is rather than copied through the template, the page's text and its encoding.
_DIAGRAM_MARK = "<!--stackwright:diagram-->"


def _report_pieces(spec: Spec, lang: str, environments: dict | None) -> Iterator[str]:
    """The page's text in pieces: before the diagram, the diagram's <svg> piece by piece, after it."""
    from markupsafe import Markup

    from stackwright.diagram import drawn_svg
    from stackwright.diagram.graph import inlined_pieces
    from stackwright.document import template_context
    from stackwright.document.facts import gather
    from stackwright.document.render import environment
    from stackwright.report import charts

    facts = gather(spec)
    env = environment(lang, html=True, templates=(TEMPLATES,))
    svg = drawn_svg(spec)  # its icons inlined piece by piece below: inlined whole, it is tens of megabytes
    context = template_context(facts) | {
        "diagram": Markup(_DIAGRAM_MARK) if svg else None,
        "bars": charts.bars, "phases": charts.phases, "waterfall": charts.waterfall, "pareto": charts.pareto,
        "environments": environments,
    }
    page = env.get_template("report.html.j2").render(context)
    if not svg:
        yield page
        return
    before, after = page.split(_DIAGRAM_MARK)  # the template shows the diagram once
    yield before
    for piece in _inline_diagram_pieces(svg):
        yield from inlined_pieces(piece)
    yield after


def write_report(spec: Spec, out_dir: Path, lang: str = "en", environments: dict | None = None) -> Path:
    """Write report.html into `out_dir` in `lang` (en or ko)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    from stackwright.output import write_pieces

    write_pieces(path, _report_pieces(spec, lang, environments))
    return path
