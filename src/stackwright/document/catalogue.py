"""Keep the translation catalogues whole: extract every message, merge new ones into each language.

    python -m stackwright.document.catalogue

rewrites `locales/stackwright.pot` from the templates, the optimiser's and checks' rule titles and the
messages the code marks with `stackwright.translatable.N_` (findings, bill lines, optimiser steps, flows:
the documents translate these by value), then merges it into every `locales/<lang>/LC_MESSAGES/*.po`:
new messages arrive untranslated, gone ones are dropped. Translate the new entries and run the tests.
"""

from __future__ import annotations

import datetime
import importlib
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from stackwright.document.i18n import DOMAIN, LOCALE_DIR, LOCALES, catalogue_path

SOURCE = Path(__file__).resolve().parents[1]  # src/stackwright
TEMPLATE_DIRS = (SOURCE / "document" / "templates", SOURCE / "report" / "templates", SOURCE / "serve" / "templates")
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n,jinja2.ext.do", "trim_blocks": "true", "lstrip_blocks": "true", "newstyle_gettext": "true"}
FIXED_DATE = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)  # keeps the files' headers stable
# the code whose messages reach the documents, marked with N_
MESSAGE_SOURCES = ("checks", "cost", "document", "optimize", "plan", "pricing/build.py", "pricing/units.py",
                   "resources", "roadmap.py", "sizing", "spec_bill.py")
TEMPLATE_NAME = f"{DOMAIN}.pot"
# Babel stamps its own version into the header; a stable stamp keeps the files identical across Babel releases.
BABEL_STAMP = re.compile(rb'^"Generated-By: Babel [^"\\]*\\n"$', re.MULTILINE)
STABLE_STAMP = b'"Generated-By: stackwright.document.catalogue\\n"'


def _rule_titles() -> list[tuple[str, str]]:
    """(title, which rule) of every optimiser and check rule, and each check's usual fix; the documents
    translate them by value."""
    from stackwright.optimize.rule import all_rules

    titles = [(r.title, f"optimiser rule {r.id}") for r in all_rules()]
    try:
        checks = importlib.import_module("stackwright.checks")
    except ModuleNotFoundError as missing:
        if missing.name != "stackwright.checks":
            raise
        return titles
    rules = checks.all_rules()
    return titles + [(r.title, f"check {r.id}") for r in rules] + [(r.fix, f"fix of check {r.id}") for r in rules]


def _message_sources() -> list[Path]:
    found = []
    for name in MESSAGE_SOURCES:
        path = SOURCE / name
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def extract() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="stackwright", charset="utf-8", creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, fuzzy=False)
    for directory in TEMPLATE_DIRS:
        found = extract_from_dir(str(directory), method_map=[("**.j2", "jinja2.ext:babel_extract")],
                                 options_map={"**.j2": JINJA_OPTIONS})
        for filename, line, message, comments, context in found:
            flags = ("python-format",) if "%" in (message if isinstance(message, str) else message[0]) else ()
            location = (str((directory / filename).relative_to(SOURCE)), line)
            catalog.add(message, locations=[location], auto_comments=comments, flags=flags, context=context)
    for path in _message_sources():
        for line, message, comments, _ in extract_from_file("python", str(path), keywords={"N_": None}):
            flags = ("python-format",) if "%(" in message else ()  # a bare % is text: "99.5% against 99.95%"
            catalog.add(message, locations=[(str(path.relative_to(SOURCE)), line)], auto_comments=comments,
                        flags=flags)
    for title, rule in _rule_titles():
        catalog.add(title, auto_comments=[rule])
    return catalog


def untranslated(lang: str) -> list[str]:
    """Messages the templates use that `lang`'s catalogue lacks, leaves empty or marks fuzzy."""
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[lang])
    missing = []
    for message in extract():
        if not message.id:
            continue
        translated = catalog.get(message.id)
        strings = translated.string if translated else None
        if translated is None or translated.fuzzy or not (all(strings) if isinstance(strings, tuple) else strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Rewrite the template and merge it into each language's catalogue under `locale_dir`."""
    template = extract()
    template_file = locale_dir / TEMPLATE_NAME
    _write(template_file, template)
    written = [template_file]
    for lang in LOCALES:
        if lang == "en":
            continue  # the source language: msgids are the English text
        path = catalogue_path(lang, locale_dir)
        with path.open("rb") as po:
            catalog = read_po(po, locale=LOCALES[lang])
        catalog.update(template, no_fuzzy_matching=True)
        catalog.revision_date = FIXED_DATE
        _write(path, catalog, ignore_obsolete=True)
        written.append(path)
    return written


def _write(path: Path, catalog: Catalog, **options) -> None:
    buffer = io.BytesIO()
    # file names without line numbers: an edit elsewhere in a file must not make the catalogue stale
    write_po(buffer, catalog, width=100, sort_by_file=True, include_lineno=False, **options)
    path.write_bytes(BABEL_STAMP.sub(lambda _: STABLE_STAMP, buffer.getvalue()))


if __name__ == "__main__":
    for path in update():
        print(path)
