"""What the checks know about each language, in one table (adding a language is a row here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


@dataclass(frozen=True)
class LangData:
    script: str  # the script its letters are written in, as Unicode names it: "CYRILLIC", "LATIN"
    decimal: str  # decimal separator of its numbers ("87,2")
    groups: str  # digit-group separators ("2 350", "2.350")
    scales: tuple[tuple[str, int], ...]  # words after a number that multiply it (regex, factor)
    percent_words: tuple[str, ...]  # words that make a number a percentage besides "%"
    quotes: str  # the quotation marks it uses, for the message
    wrong_quotes: str  # marks that betray another language's convention
    openers_need: dict[str, str]  # a mark that is only right after its opener: "“" closes "„" in ru
    length: tuple[float, float]  # plausible len(translation) / len(source) for a long unit
    letters: str = ""  # letters a long unit of the language cannot do without (Kazakh ә ғ қ …)
    letters_name: str = ""
    reduplications: frozenset[str] = frozenset()  # real "word word" forms, case-folded


# Scale words after a number, as regular expressions of the whole word ("10,4 млрд" is 10.4e9).
_EN_SCALES = (("thousands?", 10**3), ("millions?|mln", 10**6), ("billions?|bn", 10**9), ("trillions?", 10**12))
_RU_SCALES = ((r"тыс\w*", 10**3), (r"млн|миллион\w*", 10**6), (r"млрд|миллиард\w*", 10**9), (r"трлн|триллион\w*", 10**12))
_KK_SCALES = ((r"мың\w*", 10**3), (r"млн|миллион\w*", 10**6), (r"млрд|миллиард\w*", 10**9), (r"трлн|триллион\w*", 10**12))
# "bin" and its case endings, not "bina" (a building).
_TR_SCALES = (
    (r"bin(?:e|i|in|de|den|le|lerce|lik|ler\w*)?", 10**3),
    (r"milyon\w*|mln", 10**6),
    (r"milyar\w*|mlr", 10**9),
    (r"trilyon\w*", 10**12),
)
_UZ_SCALES = ((r"ming\w*", 10**3), (r"million\w*|mln", 10**6), (r"milliard\w*|mlrd", 10**9))

LANGS: dict[str, LangData] = {
    "en": LangData(
        script="LATIN",
        decimal=".",
        groups=",",
        scales=_EN_SCALES,
        percent_words=("percent", "per cent"),
        quotes="“ ” ‘ ’ \"",
        wrong_quotes="«»„",
        openers_need={},
        length=(0.5, 2.0),
    ),
    "ru": LangData(
        script="CYRILLIC",
        decimal=",",
        groups=f" {NBSP}{NNBSP}{THIN}",
        scales=_RU_SCALES,
        percent_words=("процент",),
        quotes="« » and „ “ inside",
        wrong_quotes='"”',
        openers_need={"“": "„"},
        length=(0.6, 2.0),
        reduplications=frozenset({"еле еле", "чуть чуть", "нет нет", "да да", "так так", "вот вот"}),
    ),
    "kk": LangData(
        script="CYRILLIC",
        decimal=",",
        groups=f" {NBSP}{NNBSP}{THIN}",
        scales=_KK_SCALES,
        percent_words=("пайыз", "процент"),
        quotes="« » and „ “ inside",
        wrong_quotes='"”',
        openers_need={"“": "„"},
        length=(0.6, 2.0),
        letters="әғқңөұүһі",
        letters_name="Kazakh",
        reduplications=frozenset({"бірте бірте", "ақырын ақырын", "жай жай", "әр әр"}),
    ),
    "tr": LangData(
        script="LATIN",
        decimal=",",
        groups=".",
        scales=_TR_SCALES,
        percent_words=("yüzde",),
        quotes="“ ” (or \" \") and ‘ ’ inside",
        wrong_quotes="«»„",
        openers_need={},
        length=(0.55, 1.8),
        reduplications=frozenset(
            {
                "teker teker",
                "yavaş yavaş",
                "ara ara",
                "adım adım",
                "sık sık",
                "zaman zaman",
                "yer yer",
                "tek tek",
                "birer birer",
                "ikişer ikişer",
                "azar azar",
                "parça parça",
                "damla damla",
                "kat kat",
                "sıra sıra",
                "uzun uzun",
                "derin derin",
                "güle güle",
                "koşa koşa",
                "bile bile",
                "kapı kapı",
                "köşe köşe",
                "çeşit çeşit",
                "renk renk",
                "türlü türlü",
                "gün gün",
                "ayrı ayrı",
                "bol bol",
                "iyice iyice",
            }
        ),
    ),
    "uz": LangData(
        script="LATIN",
        decimal=",",
        groups=f" {NBSP}{NNBSP}",
        scales=_UZ_SCALES,
        percent_words=("foiz",),
        quotes="« » or “ ”",
        wrong_quotes="„",
        openers_need={},
        length=(0.55, 1.9),
    ),
}
# A language without a row gets the checks that need no knowledge of it.
DEFAULT = LangData(
    script="",
    decimal=".",
    groups=",",
    scales=(),
    percent_words=(),
    quotes="",
    wrong_quotes="",
    openers_need={},
    length=(0.3, 3.0),
)


def lang_data(lang: str) -> LangData:
    return LANGS.get(lang.split("_")[0], DEFAULT)


@cache
def scale_patterns(lang: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each scale word of ``lang`` as a pattern anchored right after a number."""
    return tuple(
        (re.compile(rf"^[\s{NBSP}{NNBSP}]*(?:{words})(?![^\W\d_])", re.IGNORECASE), factor)
        for words, factor in lang_data(lang).scales
    )
