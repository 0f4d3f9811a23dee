"""The Jinja2 environment both documents render in: gettext for wording, Babel for numbers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from stackwright.document.i18n import Formats, ValueTranslator, translations
from stackwright.translatable import N_

TEMPLATES = Path(__file__).parent / "templates"


def md_cell(value) -> str:
    """Text that stays inside one Markdown table cell."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _shown() -> int:
    from stackwright.render.plans import FRONT_CHANGES_SHOWN

    return FRONT_CHANGES_SHOWN


class ChangesCell:
    """A front point's changes in one Markdown table cell, `RULE summary; …`, each summary translated; each
    change's text made once, since a large plan's front repeats its thousands of changes on every row. Past
    the terminal table's FRONT_CHANGES_SHOWN the rest is counted, as there: a thousand services' front listed
    every change of every point (45 MB of design.md), and `optimize --format json` lists them all."""

    def __init__(self, translate: ValueTranslator):
        self.translate = translate
        self.written: dict[str, str] = {}

    def __call__(self, changes: list[str]) -> str:
        written = self.written
        cells = []
        shown = _shown()
        for change in changes[:shown]:
            cell = written.get(change)
            if cell is None:
                rule, summary = change.split(" ", 1)
                cell = written[change] = f"{rule} {md_cell(self.translate(summary))}"
            cells.append(cell)
        if len(changes) > shown:
            cells.append(self.translate(N_("… and %(count)s more (`stackwright optimize --format json` lists every "
                                           "change)") % {"count": f"{len(changes) - shown:,}"}))
        return "; ".join(cells)


class FieldsCell:
    """The written fields a front point changes without consent, the first FRONT_CHANGES_SHOWN of them named,
    as in the terminal table."""

    def __init__(self, translate: ValueTranslator):
        self.translate = translate

    def __call__(self, fields: list[str]) -> str:
        shown = _shown()
        named = ", ".join(fields[:shown])
        if len(fields) <= shown:
            return named
        more = N_("… and %(count)s more") % {"count": f"{len(fields) - shown:,}"}
        return f"{named} {self.translate(more)}"


@cache
def _formats(lang: str) -> Formats:
    return Formats(lang)


@cache
def _translator(lang: str) -> ValueTranslator:
    """One per language for every document: the report translates the design document's texts again (a
    thousand services' Korean report spent 0.7 s on texts the design document had translated)."""
    return ValueTranslator(lang)


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
    formats, translate = _formats(lang), _translator(lang)
    env.filters.update(usd=formats.usd, unit_price=formats.unit_price, num=formats.number, pct=formats.percent,
                       cell=md_cell, tr=translate, changes_cell=ChangesCell(translate),
                       fields_cell=FieldsCell(translate))
    env.globals.update(lang=lang)
    return env

