"""Language facts from Babel's CLDR data: names, plural rules, validation."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def check_language(code: str) -> str | None:
    """None when ``code`` is a language Babel knows; else the message saying why not."""
    if not code or not code.replace("_", "").isalnum() or _locale(code) is None:
        return f"unknown language code {code!r}; use an ISO 639 code Babel knows, e.g. 'ru', 'kk', 'tr', 'uz'"
    return None


def plural_forms(code: str) -> str:
    """The gettext Plural-Forms header for ``code``."""
    rule = get_plural(code)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def plural_count(code: str) -> int:
    return int(get_plural(code).num_plurals)


def language_name(code: str, in_lang: str | None = None) -> str:
    """The language's name, by default in its own language ("русский", "қазақ тілі")."""
    locale = _locale(code)
    if locale is None:
        return code
    name = locale.get_display_name(in_lang or code) or code
    return name[:1].upper() + name[1:] if in_lang is None else name


def english_name(code: str) -> str:
    locale = _locale(code)
    return (locale.get_display_name("en") if locale else None) or code
