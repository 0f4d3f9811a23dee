"""The architecture diagram: diagram.png and a self-contained diagram.svg, with AWS icons (Graphviz)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path

from stackwright import memo
from stackwright.spec.model import Spec

log = logging.getLogger(__name__)

FILE_STEM = "diagram"
NO_GRAPHVIZ = ("Graphviz is not installed (no `dot` on PATH): diagram.png and diagram.svg are not drawn; "
               "design.md still holds the ASCII drawing. Install it with `apt-get install graphviz`.")


def _layout(spec: Spec):
    from stackwright.diagram.layout import build_layout
    from stackwright.plan import build_plan
    from stackwright.sizing.sizer import resolve

    spec = resolve(spec)
    return build_layout(spec, build_plan(spec))


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def write_diagram(spec: Spec, out_dir: Path) -> list[Path]:
    """Write diagram.png and diagram.svg into `out_dir`; [] (and a logged warning) without Graphviz."""
    from stackwright.diagram.graph import draw, inlined_pieces

    if not graphviz_available():
        log.warning(NO_GRAPHVIZ)
        return []
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / FILE_STEM
    draw(_layout(spec), base, ("png", "svg"))
    svg = base.with_suffix(".svg")
    drawn = svg.read_text(encoding="utf-8")
    with svg.open("w", encoding="utf-8") as file:
        for piece in inlined_pieces(drawn):
            file.write(piece)
    memo.keep(_drawn, spec.model_dump_json(), drawn, SVGS_KEPT)  # the report embeds this picture: no second Graphviz run
    return [base.with_suffix(".png"), svg]


def diagram_svg(spec: Spec) -> str | None:
    """The self-contained SVG text, drawn in a scratch folder; None (and a logged warning) without Graphviz."""
    from stackwright.diagram.graph import inline_icons

    drawn = drawn_svg(spec)
    return None if drawn is None else inline_icons(drawn)


def drawn_svg(spec: Spec) -> str | None:
    """The SVG as Graphviz drew it, its icons still file paths (graph.inlined_pieces makes it self-contained);
    None (and a logged warning) without Graphviz."""
    if not graphviz_available():
        log.warning(NO_GRAPHVIZ)
        return None
    key = spec.model_dump_json()
    svg = _drawn.get(key)
    if svg is None:
        svg = memo.keep(_drawn, key, _draw_svg(spec), SVGS_KEPT)
    return svg


SVGS_KEPT = 8
_drawn: OrderedDict[str, str] = OrderedDict()  # spec JSON -> its SVG as drawn: drawn once per distinct spec



def _draw_svg(spec: Spec) -> str:
    from stackwright.diagram.graph import draw

    with tempfile.TemporaryDirectory(prefix="stackwright-diagram-") as scratch:
        base = Path(scratch) / FILE_STEM
        draw(_layout(spec), base, ("svg",))
        return base.with_suffix(".svg").read_text(encoding="utf-8")
