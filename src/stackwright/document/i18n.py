"""Languages: the gettext catalogue (compiled from its .po at run time) and locale number formats.

English is the source language: its text is the msgid itself. Every other language has
`locales/<lang>/LC_MESSAGES/stackwright.po`; `python -m stackwright.document.catalogue` refreshes the
template and merges new strings into each catalogue.
"""

from __future__ import annotations

import gettext
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.numbers import format_currency, format_decimal, format_percent

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
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    if check_lang(lang) == "en":
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[lang], domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def cents(usd: float) -> Decimal:
    """USD rounded to the cent exactly as the cost report rounds it, so every figure matches `cost`."""
    return Decimal(f"{usd:.2f}")


class Formats:
    """Numbers, money and percentages in the language's locale."""

    def __init__(self, lang: str):
        from babel import Locale

        self.locale = Locale.parse(LOCALES[check_lang(lang)])  # parsed once, not on every figure

    def usd(self, value: float) -> str:
        return format_currency(cents(value), CURRENCY, locale=self.locale)

    def unit_price(self, value: float) -> str:
        """Prices per unit keep enough digits to mean something (a GB-month can cost $0.000x)."""
        if value >= 0.01:
            return format_currency(Decimal(f"{value:.4f}"), CURRENCY, format="¤#,##0.00##", locale=self.locale,
                                   currency_digits=False)
        digits = Decimal(f"{value:.6g}")
        return format_currency(digits, CURRENCY, format="¤0.00########", locale=self.locale, currency_digits=False)

    def number(self, value: float, digits: int = 2) -> str:
        """Up to `digits` decimals, trailing zeros dropped."""
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(Decimal(f"{value:.{digits}f}"), format=pattern, locale=self.locale)

    def percent(self, share: float, digits: int = 1) -> str:
        pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
        return format_percent(share, format=pattern, locale=self.locale)
