"""Marks English messages made outside the templates (findings, bill lines, optimiser steps, flows) for the
translation catalogue.

`N_("%(count)s address(es) × 730 h") % {"count": n}` is plain English everywhere (the CLI, JSON, CSV);
`python -m stackwright.document.catalogue` extracts every `N_` message, and the documents translate the
finished text by value: the catalogue's msgid that matches it, its placeholders filled from the text
(see stackwright.document.i18n.ValueTranslator). Kept import-free so `stackwright cost` stays fast.
"""


def N_(message: str) -> str:
    """The message itself: a marker for extraction."""
    return message
