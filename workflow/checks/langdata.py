"""What the checks know about each language, in one table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LangData:
    script: str  # "cyrillic" | "latin"
    quotes: str  # the quotation marks a translation should use
    wrong_quotes: str  # marks that betray the wrong convention
    length: tuple[float, float]  # acceptable msgstr/msgid length ratio for long units
    reduplications: frozenset[str] = frozenset()  # real "word word" forms


LANGS: dict[str, LangData] = {
    "ru": LangData("cyrillic", "«»„“", '"', (0.7, 1.8)),
    "kk": LangData("cyrillic", "«»„“", '"', (0.7, 1.8)),
    "tr": LangData(
        "latin",
        "“”‘’",
        "«»„",
        (0.6, 1.6),
        frozenset(
            {
                "teker teker",
                "adım adım",
                "yavaş yavaş",
                "gün gün",
                "kapı kapı",
                "ara ara",
                "sık sık",
                "zaman zaman",
                "yer yer",
                "tek tek",
                "bir bir",
                "çeşit çeşit",
                "renk renk",
                "iki iki",
                "kat kat",
                "sıra sıra",
                "derin derin",
                "uzun uzun",
                "güle güle",
            }
        ),
    ),
    "uz": LangData("latin", "“”«»", "", (0.6, 1.7)),
}
DEFAULT = LangData("latin", "", "", (0.4, 2.5))
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
