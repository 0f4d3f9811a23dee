"""Languages: the gettext catalogue (compiled from its .po at run time, kept compiled in the user cache) and locale
number formats.

English is the source language: its text is the msgid itself. Every other language has
`locales/<lang>/LC_MESSAGES/stackwright.po`; `python -m stackwright.document.catalogue` refreshes the
template and merges new strings into each catalogue.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import re
import struct
from decimal import Decimal
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel.numbers import format_currency, format_decimal, format_percent

from stackwright import user_cache

DOMAIN = "stackwright"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locales"
LOCALES = {"en": "en_US", "ko": "ko_KR"}  # --lang value -> Babel locale
CURRENCY = "USD"  # the bill's currency, in every language


def check_lang(lang: str) -> str:
    if lang not in LOCALES:
        raise ValueError(f"unknown language '{lang}'; use one of {', '.join(LOCALES)}")
    return lang


def catalogue_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's messages; English returns every msgid unchanged."""
    if check_lang(lang) == "en":
        return gettext.NullTranslations()
    po = catalogue_path(lang).read_bytes()
    # compiled once per catalogue text and Babel version, kept in the user cache: reading the .po is most of a
    # Korean document's start
    kept = _compiled_path(lang, po)
    if kept is not None:
        with contextlib.suppress(OSError, ValueError, struct.error):  # missing or damaged: compiled again
            return gettext.GNUTranslations(BytesIO(kept.read_bytes()))
    from babel.messages.mofile import write_mo  # only to compile the catalogue: a kept one needs no Babel reader
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(po), locale=LOCALES[lang], domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    if kept is not None:
        user_cache.write(kept, compiled.getvalue())
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _compiled_path(lang: str, po: bytes) -> Path | None:
    import babel

    folder = user_cache.folder()
    if folder is None:
        return None
    fingerprint = hashlib.sha256(po + babel.__version__.encode()).hexdigest()[:16]
    return folder / f"messages-{lang}-{fingerprint}.mo"


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
_LATIN = re.compile(r"[A-Za-z]")
_WORDS = re.compile(r"\b[a-z]{2,}\s+[a-z]{2,}\b")  # two English words in a row: prose, not a value


class ValueTranslator:
    """Translates finished English text by value: an exact msgid, or the msgid whose literal parts match
    the text with its placeholders' values (themselves translated in turn) put back into the translation.

    Messages made in code (`stackwright.translatable.N_`) reach the documents already formatted; the
    catalogue's msgids are their patterns. Text no msgid matches stays as it is.
    """

    MAX_DEPTH = 6  # placeholders inside placeholders: a bill assumption built of several messages
    SEPARATORS = ("; ", " + ", ", ")  # how the code joins several messages into one text

    def __init__(self, lang: str):
        self.lang = lang
        self.messages = translations(lang)
        self.cache: dict[str, str] = {}

    @staticmethod
    def _pattern(msgid: str, lazy: bool) -> re.Pattern:
        """The msgid as a regular expression: what `_fullmatch` matches, and the tests hold it to."""
        parts, seen, at = [], set(), 0
        for match in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[at:match.start()]))
            at = match.end()
            name = match.group(1)
            if name is None:
                parts.append("%")
            elif name in seen:
                parts.append(f"(?P={name})")
            else:
                seen.add(name)
                parts.append(f"(?P<{name}>.+{'?' if lazy else ''})")
        parts.append(re.escape(msgid[at:]))
        return re.compile("".join(parts), re.DOTALL)

    def _list(self, text: str, depth: int) -> str:
        """Messages the code joins into one text ("2 × 500 h + 1 × 230 h"), translated piece by piece."""
        for separator in self.SEPARATORS:
            if separator in text:
                return separator.join(self(part, depth + 1) for part in text.split(separator))
        return text

    def __call__(self, text, depth: int = 0):
        if not isinstance(text, str) or not text:
            return text
        if text in self.cache:
            return self.cache[text]
        translated = self.messages.gettext(text)
        if translated == text and depth < self.MAX_DEPTH:
            # a text can match several msgids ("1 of 3 tasks × 730 h on FARGATE" splits two ways): the
            # reading that leaves the least English wins, the more specific msgid on a tie
            candidates = []
            for msgid, prefix, suffix, lazy, name in _tries(self.lang, text[0], text[-1]):
                if not (text.startswith(prefix) and text.endswith(suffix)):
                    continue  # the pattern could not match
                if name is not None:  # its pattern is prefix, one value, suffix: the value is what lies between
                    found = ({name: text[len(prefix):len(text) - len(suffix)]}
                             if len(text) > len(prefix) + len(suffix) else None)
                elif _has_middles(msgid, text):
                    found = _fullmatch(msgid, lazy, text)
                else:
                    continue  # its fixed parts are not in the text in order
                if found is not None:
                    values = {k: self(v, depth + 1) for k, v in found.items()}
                    # a placeholder holds a value or a message of its own, never leftover English words:
                    # "70% of tasks on FARGATE_SPOT" is no "%(share)s of %(requests)s"
                    if all(values[k] != v or not _WORDS.search(v) for k, v in found.items()):
                        candidates.append(self.messages.gettext(msgid) % values)
            candidates.append(self._list(text, depth))
            translated = min(candidates, key=lambda c: len(_LATIN.findall(c)))
        self.cache[text] = translated
        return translated


@cache
def _value_patterns(lang: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(msgid, the fixed text before its first placeholder, after its last, whether its first value is the
    shortest) for each msgid with placeholders, most specific first; made once per language, as both
    documents translate by value."""
    patterns = []
    for msgid in getattr(translations(lang), "_catalog", {}):
        if isinstance(msgid, str) and "%(" in msgid:
            literal = len(_PLACEHOLDER.sub("", msgid))
            named = [match for match in _PLACEHOLDER.finditer(msgid) if match.group(1) is not None]
            prefix = msgid[:named[0].start()] if named else msgid
            suffix = msgid[named[-1].end():] if named else ""
            # both the shortest and the longest first value: "10 avg req/s × 730 h × 1 KB of logs/request"
            # splits after "730 h" for "%(requests)s × %(kb)s KB of logs/request", not after "req/s"
            for lazy in (True, False):
                patterns.append((literal, msgid, prefix.replace("%%", "%"), suffix.replace("%%", "%"), lazy))
    # the most specific pattern (most fixed text) wins when two match
    return tuple(pattern[1:] for pattern in sorted(patterns, key=lambda p: (-p[0], p[1])))


@cache
def _by_ends(lang: str) -> dict[tuple[str, str], list[int]]:
    """The value patterns' places in `_value_patterns(lang)` by the first character of their fixed start and
    the last of their fixed end ("" where there is none)."""
    index: dict[tuple[str, str], list[int]] = {}
    for place, (_, prefix, suffix, _) in enumerate(_value_patterns(lang)):
        index.setdefault((prefix[:1], suffix[-1:]), []).append(place)
    return index


@lru_cache(maxsize=4096)
def _value_patterns_for(lang: str, first: str, last: str) -> tuple[tuple[str, str, str, bool], ...]:
    """The patterns a text starting with `first` and ending with `last` could match, in the same order."""
    patterns, index = _value_patterns(lang), _by_ends(lang)
    places = sorted(place for ends in {(first, last), ("", last), (first, ""), ("", "")}
                    for place in index.get(ends, ()))
    return tuple(patterns[place] for place in places)


@lru_cache(maxsize=4096)
def _tries(lang: str, first: str, last: str) -> tuple[tuple[str, str, str, bool, str | None], ...]:
    """`_value_patterns_for` with each msgid's only placeholder (or None); a msgid of one placeholder once, as
    its shortest and longest value are the same."""
    return tuple((msgid, prefix, suffix, lazy, name)
                 for msgid, prefix, suffix, lazy in _value_patterns_for(lang, first, last)
                 for name in (_only_placeholder(msgid),) if name is None or lazy)


@cache
def _only_placeholder(msgid: str) -> str | None:
    """The name of a msgid's placeholder when it has exactly one (and any number of `%%`), else None."""
    names = [match.group(1) for match in _PLACEHOLDER.finditer(msgid) if match.group(1) is not None]
    return names[0] if len(names) == 1 else None


@lru_cache(maxsize=4096)
def _segments(msgid: str) -> tuple[str, ...]:
    """A msgid's fixed text between its placeholders, in order (`%%` as the `%` it stands for), the text before
    the first and after the last included."""
    segments, current = [], ""
    at = 0
    for match in _PLACEHOLDER.finditer(msgid):
        current += msgid[at:match.start()]
        at = match.end()
        if match.group(1) is None:
            current += "%"
        else:
            segments.append(current)
            current = ""
    segments.append(current + msgid[at:])
    return tuple(segments)


def _has_middles(msgid: str, text: str) -> bool:
    """Whether `text` holds the msgid's fixed parts in order, a character at least for each placeholder between:
    a pattern's regular expression backtracks over every split of a long text (a finding naming a thousand
    services) before failing, where looking for its fixed parts takes one pass."""
    segments = _segments(msgid)
    at = len(segments[0])
    for middle in segments[1:-1]:
        found = text.find(middle, at + 1)
        if found < 0:
            return False
        at = found + len(middle)
    return len(text) - len(segments[-1]) > at


@lru_cache(maxsize=4096)
def _placeholders(msgid: str) -> tuple[tuple[str, bool], ...]:
    """Each placeholder of a msgid in order: its name, and whether an earlier one has the same name."""
    seen: set[str] = set()
    found = []
    for match in _PLACEHOLDER.finditer(msgid):
        name = match.group(1)
        if name is not None:
            found.append((name, name in seen))
            seen.add(name)
    return tuple(found)


def _fullmatch(msgid: str, lazy: bool, text: str) -> dict[str, str] | None:
    """The placeholders' values where `ValueTranslator._pattern(msgid, lazy).fullmatch(text)` matches, the
    same split (None where it does not). Each placeholder is `.+?` (`lazy`) or `.+`, so the expression's
    backtracking tries each placeholder's ends in turn, shortest (longest) first; here only the ends where the
    next fixed part follows are tried, and a placeholder's end that failed once is not tried again. The
    expression, trying every end, took seconds on a long text (the request path's formula at 1,000 services)."""
    segments, placeholders = _segments(msgid), _placeholders(msgid)
    if not text.startswith(segments[0]):
        return None
    values: dict[str, str] = {}
    failed: set[tuple[int, int]] = set()
    remembers = not any(again for _, again in placeholders)  # with a repeated name, a split depends on the values

    def ends(at: int, after: str, last: bool):
        if last:  # a full match: the last fixed part ends the text
            end = len(text) - len(after)
            if end > at and text.endswith(after):
                yield end
            return
        if not after:
            yield from (range(at + 1, len(text) + 1) if lazy else range(len(text), at, -1))
            return
        if lazy:
            end = text.find(after, at + 1)
            while end >= 0:
                yield end
                end = text.find(after, end + 1)
        else:
            end = text.rfind(after, at + 1)
            while end > at:
                yield end
                end = text.rfind(after, at + 1, end + len(after) - 1)

    def rest(index: int, at: int) -> bool:
        """Placeholders from `index` on, and the text after, match from `at`."""
        if index == len(placeholders):
            return at == len(text)
        if (index, at) in failed:
            return False
        name, again = placeholders[index]
        after = segments[index + 1]
        if again:
            value = values[name]
            end = at + len(value)
            matched = text.startswith(value, at) and text.startswith(after, end) and rest(index + 1, end + len(after))
        else:
            matched = False
            for end in ends(at, after, index == len(placeholders) - 1):
                values[name] = text[at:end]
                if rest(index + 1, end + len(after)):
                    matched = True
                    break
        if not matched and remembers:
            failed.add((index, at))
        return matched

    return values if rest(0, len(segments[0])) else None


def cents(usd: float) -> Decimal:
    """USD rounded to the cent exactly as the cost report rounds it, so every figure matches `cost`."""
    return Decimal(f"{usd:.2f}")


class Formats:
    """Numbers, money and percentages in the language's locale."""

    def __init__(self, lang: str):
        from babel import Locale

        self.locale = Locale.parse(LOCALES[check_lang(lang)])  # parsed once, not on every figure
        self.written: dict[tuple, str] = {}  # a plan of many alike services shows the same figures again and again

    def usd(self, value: float) -> str:
        amount = cents(value)
        found = self.written.get(("usd", str(amount)))  # by text: -0.00 and 0.00 are equal Decimals
        if found is None:
            found = self.written["usd", str(amount)] = format_currency(amount, CURRENCY, locale=self.locale)
        return found

    def unit_price(self, value: float) -> str:
        found = self.written.get(("unit", repr(value)))
        if found is None:
            found = self.written["unit", repr(value)] = self._unit_price(value)
        return found

    def _unit_price(self, value: float) -> str:
        """Prices per unit keep enough digits to mean something (a GB-month can cost $0.000x)."""
        if value >= 0.01:
            return format_currency(Decimal(f"{value:.4f}"), CURRENCY, format="¤#,##0.00##", locale=self.locale,
                                   currency_digits=False)
        digits = Decimal(f"{value:.6g}")
        return format_currency(digits, CURRENCY, format="¤0.00########", locale=self.locale, currency_digits=False)

    def number(self, value: float, digits: int = 2) -> str:
        """Up to `digits` decimals, trailing zeros dropped."""
        rounded = f"{value:.{digits}f}"
        found = self.written.get(("number", rounded, digits))
        if found is None:
            pattern = "#,##0" + ("." + "#" * digits if digits else "")
            found = self.written["number", rounded, digits] = format_decimal(Decimal(rounded), format=pattern,
                                                                             locale=self.locale)
        return found

    def percent(self, share: float, digits: int = 1) -> str:
        pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
        return format_percent(share, format=pattern, locale=self.locale)
