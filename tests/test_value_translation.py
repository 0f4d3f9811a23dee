"""Translating by value looks only at the msgids whose fixed start and end a text has: the shortcut must never
rule out a msgid whose pattern matches."""

from __future__ import annotations

import re

import pytest

from stackwright.document import i18n

FILLS = ("1", "730 h", "50%", "a b", "%")  # placeholder values, a % among them as a value may hold


def _filled(msgid: str, value: str) -> str:
    """The msgid with every placeholder set to `value` and `%%` written as the `%` it stands for."""
    return re.sub(r"%\((\w+)\)[sd]|%%", lambda m: value if m.group(1) else "%", msgid)


@pytest.mark.parametrize("lang", [lang for lang in i18n.LOCALES if lang != "en"])
def test_every_msgid_a_text_matches_stays_a_candidate(lang):
    patterns = i18n._value_patterns(lang)
    assert patterns  # the catalogue has msgids with placeholders
    for msgid, _, _, lazy in patterns:
        for value in FILLS:
            text = _filled(msgid, value)
            if i18n.ValueTranslator._pattern(msgid, lazy).fullmatch(text) is None:
                continue
            candidates = i18n._value_patterns_for(lang, text[0], text[-1])
            found = [(m, p, s) for m, p, s, lz in candidates if m == msgid and lz == lazy]
            assert found, (msgid, text)
            _, prefix, suffix = found[0]
            assert text.startswith(prefix) and text.endswith(suffix), (msgid, text)



@pytest.mark.parametrize("lang", [lang for lang in i18n.LOCALES if lang != "en"])
def test_the_shortcuts_agree_with_each_msgids_pattern(lang):
    """A text a msgid's pattern matches holds the fixed text between its placeholders, and for a msgid of one
    placeholder the value is the text between its fixed start and end, as the pattern reads it."""
    singles = 0
    for msgid, prefix, suffix, lazy in i18n._value_patterns(lang):
        for value in FILLS:
            text = _filled(msgid, value)
            match = i18n.ValueTranslator._pattern(msgid, lazy).fullmatch(text)
            if match is None:
                continue
            assert all(part in text for part in i18n._middles(msgid)), (msgid, text)
            name = i18n._only_placeholder(msgid)
            if name is not None:
                singles += 1
                assert match.groupdict() == {name: text[len(prefix):len(text) - len(suffix)]}, (msgid, text)
    assert singles  # the catalogue has msgids of one placeholder
