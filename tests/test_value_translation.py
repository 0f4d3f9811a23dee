"""Translating by value looks only at the msgids whose fixed start and end a text has: the shortcut must never
rule out a msgid whose pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
def test_the_one_placeholder_shortcut_agrees_with_each_msgids_pattern(lang):
    """For a msgid of one placeholder the value is the text between its fixed start and end, as the pattern
    reads it."""
    singles = 0
    for msgid, prefix, suffix, lazy in i18n._value_patterns(lang):
        for value in FILLS:
            text = _filled(msgid, value)
            match = i18n.ValueTranslator._pattern(msgid, lazy).fullmatch(text)
            if match is None:
                continue
            name = i18n._only_placeholder(msgid)
            if name is not None:
                singles += 1
                assert match.groupdict() == {name: text[len(prefix):len(text) - len(suffix)]}, (msgid, text)
    assert singles  # the catalogue has msgids of one placeholder


@pytest.mark.parametrize("lang", [lang for lang in i18n.LOCALES if lang != "en"])
def test_the_fixed_parts_check_never_rules_out_a_match(lang):
    """Texts each msgid's pattern matches (its placeholders filled, then the text repeated around a fixed part
    so a part shows up early too) keep the msgid; the check is what spares long texts the regex."""
    for msgid, _, _, lazy in i18n._value_patterns(lang):
        pattern = i18n.ValueTranslator._pattern(msgid, lazy)
        for value in FILLS:
            text = _filled(msgid, value)
            for tried in (text, _filled(msgid, f"{text} {value}")):
                if pattern.fullmatch(tried) is not None:
                    assert i18n._has_middles(msgid, tried), (msgid, tried)


def test_the_fixed_parts_check_rules_out_a_text_without_them():
    msgid = "%(field)s %(value)s is not a multiple of %(step)s"
    long_text = " × ".join(f"svc{i:04} 99.99%" for i in range(1000))
    assert not i18n._has_middles(msgid, long_text)
    assert i18n._has_middles(msgid, "cpu 300 is not a multiple of 256")
    assert not i18n._has_middles(msgid, "cpu 300 is not a multiple of ")  # a placeholder needs a character
    assert not i18n._has_middles("%(a)s, %(b)s", "x, ")
    assert i18n._has_middles("%(a)s%%, %(b)s", "5%, y")


def test_a_long_text_without_the_fixed_parts_translates_as_before():
    translate = i18n.ValueTranslator("ko")
    text = "the request path composes to 54.685% against a 99.9% target: " + " × ".join(
        f"svc{i:04} 99.99%" for i in range(300))
    translated = translate(text)
    assert translated != text and "svc0299 99.99%" in translated


def _regex_split(msgid: str, lazy: bool, text: str):
    match = i18n.ValueTranslator._pattern(msgid, lazy).fullmatch(text)
    return None if match is None else match.groupdict()


PIECES = ("1", " ", "%", "% (", ")", " × ", "; ", "a b", "730 h", "99.99%", "(", ", ", "of ", " of ", "x")


@pytest.mark.parametrize("lang", [lang for lang in i18n.LOCALES if lang != "en"])
def test_the_split_is_the_regular_expressions_for_every_msgid(lang):
    """Texts made from each msgid (its placeholders filled with values holding its own fixed parts, so
    that a placeholder has several ends to choose from) split exactly as the msgid's regular expression splits
    them, or fail to match as it does."""
    for msgid, _, _, lazy in i18n._value_patterns(lang):
        segments = [s for s in i18n._segments(msgid) if s]
        fills = [*FILLS, *(f"{value}{segment}{value}" for segment in segments[:3] for value in ("1", "a b"))]
        for value in fills:
            for text in (_filled(msgid, value), _filled(msgid, value) + " x", "(" + _filled(msgid, value)):
                assert i18n._fullmatch(msgid, lazy, text) == _regex_split(msgid, lazy, text), (msgid, lazy, text)


@given(st.sampled_from(["%(a)s %(b)s%% (%(c)s)", "%(a)s × %(b)s", "%(a)s of %(b)s", "%(a)s, %(a)s and %(b)s",
                        "x %(a)s%(b)s y", "%(a)s", "(%(a)s; %(b)s)", "%(a)s %(b)s is not a multiple of %(c)s"]),
       st.booleans(), st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@settings(max_examples=3000, deadline=None)
def test_the_split_is_the_regular_expressions_on_any_text(msgid, lazy, text):
    assert i18n._fullmatch(msgid, lazy, text) == _regex_split(msgid, lazy, text)
