"""The Jinja2 environment both documents render in: gettext for wording, Babel for numbers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from stackwright.document.i18n import Formats, ValueTranslator, translations

TEMPLATES = Path(__file__).parent / "templates"


def md_cell(value) -> str:
    """Text that stays inside one Markdown table cell."""
    return str(value).replace("|", "\\|").replace("\n", " ")


class ChangesCell:
    """A front point's changes in one Markdown table cell, `RULE summary; …`, each summary translated; each
    change's text made once, since a large plan's front repeats its thousands of changes on every row."""

    def __init__(self, translate: ValueTranslator):
        self.translate = translate
        self.written: dict[str, str] = {}

    def __call__(self, changes: list[str]) -> str:
        written = self.written
        cells = []
        for change in changes:
            cell = written.get(change)
            if cell is None:
                rule, summary = change.split(" ", 1)
                cell = written[change] = f"{rule} {md_cell(self.translate(summary))}"
            cells.append(cell)
        return "; ".join(cells)


@cache
def environment(lang: str, *, html: bool = False, templates: tuple[Path, ...] = ()) -> Environment:
    """Templates from `templates` first, then the shared ones here (common.j2 macros); made once, so
    each template compiles once per process."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(t)) for t in (*templates, TEMPLATES)]),
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        # compiled templates kept in the user's temp folder (checked against the source): compiling the
        # design document's template is most of a small plan's start-up; HTML and Markdown apart, since the
        # cache's key is the template's name and source, not the escaping it was compiled with (common.j2)
        bytecode_cache=FileSystemBytecodeCache(pattern=f"__stackwright_{'html' if html else 'text'}_%s.cache"),
    )
    env.install_gettext_translations(translations(lang), newstyle=True)
    formats, translate = _per_language(lang)
    env.filters.update(usd=formats.usd, unit_price=formats.unit_price, num=formats.number, pct=formats.percent,
                       cell=md_cell, tr=translate, changes_cell=ChangesCell(translate))
    env.globals.update(lang=lang)
    return env


@cache
def _per_language(lang: str) -> tuple[Formats, ValueTranslator]:
    """One set of formats and one value translator per language for all templates: the design document and
    the report show many of the same figures and texts, each then formatted and translated once."""
    return Formats(lang), ValueTranslator(lang)
