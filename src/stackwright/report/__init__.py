"""report.html: one self-contained page (inline CSS and SVG, no script, no network) with the diagram,
the bill, cost by service, the roadmap's cost by phase and the optimiser's waterfall."""

from __future__ import annotations

import re
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


def report_html(spec: Spec, lang: str = "en", environments: dict | None = None) -> str:
    """`environments`: as design_markdown's, for the environments side by side."""
    from markupsafe import Markup

    from stackwright.diagram import diagram_svg
    from stackwright.document import template_context
    from stackwright.document.facts import gather
    from stackwright.document.render import environment
    from stackwright.report import charts

    facts = gather(spec)
    env = environment(lang, html=True, templates=(TEMPLATES,))
    svg = diagram_svg(spec)
    context = template_context(facts) | {
        "diagram": Markup(_inline_diagram(svg)) if svg else None,
        "bars": charts.bars, "phases": charts.phases, "waterfall": charts.waterfall, "pareto": charts.pareto,
        "environments": environments,
    }
    return env.get_template("report.html.j2").render(context)


def write_report(spec: Spec, out_dir: Path, lang: str = "en", environments: dict | None = None) -> Path:
    """Write report.html into `out_dir` in `lang` (en or ko)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    path.write_text(report_html(spec, lang, environments), encoding="utf-8")
    return path
