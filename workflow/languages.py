"""Language facts: names and validation from Babel's CLDR data; plural rules as GNU gettext writes them.

Plural-Forms follow GNU gettext's own table (gettext-tools/src/plural-table.c, what
``msginit`` writes and Translate Toolkit and Weblate agree with) for the languages it
lists; for the others (Kazakh, Uzbek, …) Babel's CLDR-derived rule is used. The two
disagree for some languages, e.g. Turkish: CLDR has 2 categories too, but older Babel
releases wrote ``nplurals=1; plural=0``, which pofilter flags and msginit never writes.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


# A lower-case ISO 639 code, optionally with a region or script as gettext writes them (pt_BR, sr_Latn).
_CODE = re.compile(r"^[a-z]{2,3}(?:_(?:[A-Z]{2}|[A-Z][a-z]{3}))?$")


def check_language(code: str) -> str | None:
    """None when ``code`` is a language Babel knows; else the message saying why not."""
    if not isinstance(code, str) or not _CODE.match(code) or _locale(code) is None:
        return f"unknown language code {code!r}; use an ISO 639 code Babel knows, e.g. 'ru', 'kk', 'tr', 'uz'"
    return None


_ONE = "nplurals=1; plural=0;"
_NOT_ONE = "nplurals=2; plural=(n != 1);"
_ABOVE_ONE = "nplurals=2; plural=(n > 1);"
_SLAVIC = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
_CZECH = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
# GNU gettext 0.21's plural table, verbatim expressions.
GNU_PLURALS: dict[str, str] = {
    **dict.fromkeys(("ja", "vi", "ko", "zh"), _ONE),
    **dict.fromkeys(
        ("en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es", "pt", "it", "bg", "el", "fi", "et", "he", "eo"),
        _NOT_ONE,
    ),
    **dict.fromkeys(("hu", "tr"), _NOT_ONE),
    **dict.fromkeys(("pt_BR", "fr"), _ABOVE_ONE),
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr"), _SLAVIC),
    **dict.fromkeys(("cs", "sk"), _CZECH),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}


def plural_forms(code: str) -> str:
    """The gettext Plural-Forms header for ``code``: GNU gettext's table first, then Babel's."""
    code = code.replace("-", "_")
    known = GNU_PLURALS.get(code) or GNU_PLURALS.get(code.split("_")[0])
    if known:
        return known
    # babel.messages imports Babel's dates and time zones (50 ms); only some languages need it.
    from babel.messages.plurals import get_plural

    rule = get_plural(code)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def plural_count(code: str) -> int:
    return int(plural_forms(code).split(";")[0].split("=")[1])


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
