"""What the checks know about each language, in one table (adding a language is a row here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    pairs: tuple[str, ...]  # opening and closing marks that must balance
    length: tuple[float, float]  # plausible len(translation) / len(source) for a long unit
    letters: str = ""  # letters a long unit of the language cannot do without (Kazakh ә ғ қ …)
    letters_name: str = ""
    foreign_letters: str = ""  # letters of neighbouring languages it does not have (ә, і in Russian)
    foreign_name: str = ""
    foreign_words: frozenset[str] = frozenset()  # a neighbour's function words ("и", "на" in Kazakh)
    foreign_words_name: str = ""
    reduplications: frozenset[str] = frozenset()  # real "word word" forms, case-folded
    # Words for small numbers and their ordinals, any inflection (regex of the whole word, value).
    number_stems: tuple[tuple[str, int], ...] = ()
    # Typography of the press: a no-break space after an initial ("Н.\u00a0А.\u00a0Назарбаев") and
    # before a unit or an abbreviated scale word ("75\u00a0млн", "2350\u00a0км").
    nbsp_units: tuple[str, ...] = ()
    initials_nbsp: bool = False
    # Patronymic initials ("N.A. Nazarbayev") are not the language's way of naming a person.
    no_patronymic_initials: bool = False
    # Forms of address that belong in protocol, not in news text ("Sayın", "уважаемый"): regexes of
    # whole words, matched on case-folded text; ``honorifics_need_name``: only before a capital
    # (a title or a name), where the word is also an ordinary adjective ("değerli", "құрметті атақ").
    honorifics: tuple[str, ...] = ()
    honorifics_need_name: bool = False
    # Letters a house style writes one way throughout (ё/е in Russian): (letter, its plain form).
    optional_letters: tuple[tuple[str, str], ...] = ()
    distinct_yo_words: frozenset[str] = frozenset()  # where ё makes another word: все / всё
    # Words that open a two-word phrase that is not a compound written apart ("так же", "то же").
    open_compound_parts: frozenset[str] = frozenset()
    # Particles written apart after a word ("саясаты мен": "policy and"), never a compound's half.
    enclitics: frozenset[str] = frozenset()
    # Endings of adjectives built from names (casing folded): "казахстанско-узбекский".
    adjective_endings: tuple[str, ...] = ()
    # As a source language:
    number_words: dict[str, int] = field(default_factory=dict)  # "two", "fourth": may become digits
    function_words: frozenset[str] = frozenset()  # left in a translation, they show an untranslated passage
    name_particles: frozenset[str] = frozenset()  # lowercase words inside names ("Leonardo da Vinci")


# Scale words after a number, as regular expressions of the whole word ("10,4 млрд" is 10.4e9).
_EN_SCALES = (("thousands?", 10**3), ("millions?|mln", 10**6), ("billions?|bn", 10**9), ("trillions?", 10**12))
_RU_SCALES = (
    (r"тыс\w*", 10**3),
    (r"млн|миллион\w*", 10**6),
    (r"млрд|миллиард\w*", 10**9),
    (r"трлн|триллион\w*", 10**12),
)
_KK_SCALES = (
    (r"мың\w*", 10**3),
    (r"млн|миллион\w*", 10**6),
    (r"млрд|миллиард\w*", 10**9),
    (r"трлн|триллион\w*", 10**12),
)
# "bin" and its case endings, not "bina" (a building).
_TR_SCALES = (
    (r"bin(?:e|i|in|de|den|le|lerce|lik|ler\w*)?", 10**3),
    (r"milyon\w*|mln", 10**6),
    (r"milyar\w*|mlr", 10**9),
    (r"trilyon\w*", 10**12),
)
_UZ_SCALES = ((r"ming\w*", 10**3), (r"million\w*|mln", 10**6), (r"milliard\w*|mlrd", 10**9))

_EN_NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            "zero",
            "one first once",
            "two second twice double",
            "three third",
            "four fourth",
            "five fifth",
            "six sixth",
            "seven seventh",
            "eight eighth",
            "nine ninth",
            "ten tenth",
            "eleven eleventh",
            "twelve twelfth dozen",
        ]
    )
    for word in words.split()
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "tripled": 3, "quadrupled": 4}

# Small numbers in words, each a regex of whole inflected words: "девяти" and "первом" are 9 and 1.
_RU_NUMBER_STEMS = (
    (r"од(?:ин|на|но|ну|ного|ному|ним|ной|ном)|перв\w+|единствен\w+", 1),
    (r"дв(?:а|е|ух|ум|умя)|втор\w+|дважды", 2),
    (r"тр(?:и|[её]х|[её]м|емя)|трет\w+|трижды", 3),
    (r"четыр(?:е|[её]х|[её]м|ьмя)|четв[её]рт\w+", 4),
    (r"пят(?:ь|и|ью|\w{2,3})", 5),
    (r"шест(?:ь|и|ью|\w{2,3})", 6),
    (r"сем(?:ь|и|ью)|седьм\w+", 7),
    (r"восем(?:ь|и|ью)|восьм\w+", 8),
    (r"девят(?:ь|и|ью|\w{2,3})", 9),
    (r"десят(?:ь|и|ью|\w{2,3})", 10),
)
_KK_NUMBER_STEMS = (
    (r"бір\w*", 1),
    (r"екі\w*", 2),
    (r"үш\w*", 3),
    (r"төрт\w*", 4),
    (r"бес\w*", 5),
    (r"алты\w*", 6),
    (r"жеті\w*", 7),
    (r"сегіз\w*", 8),
    (r"тоғыз\w*", 9),
    (r"он(?:ыншы|\b)\w*", 10),
)
_TR_NUMBER_STEMS = (
    (r"bir(?:inci|er|i)?\w*", 1),
    (r"iki\w*", 2),
    (r"üç\w*", 3),
    (r"dört\w*", 4),
    (r"beş\w*", 5),
    (r"altı\w*", 6),
    (r"yedi\w*", 7),
    (r"sekiz\w*", 8),
    (r"dokuz\w*", 9),
    (r"on(?:uncu|ar)?", 10),
)
# Units and abbreviated scale words a number is not parted from at a line break.
_CYRILLIC_UNITS = (
    "млн",
    "млрд",
    "трлн",
    "тыс",
    "км",
    "м",
    "см",
    "мм",
    "кг",
    "г",
    "т",
    "га",
    "л",
    "%",
    "°C",
    "руб",
    "тг",
    "долл",
)

LANGS: dict[str, LangData] = {
    "en": LangData(
        script="LATIN",
        decimal=".",
        groups=",",
        scales=_EN_SCALES,
        percent_words=("percent", "per cent"),
        quotes='“ ” ‘ ’ "',
        wrong_quotes="«»„",
        openers_need={},
        pairs=("“”",),
        length=(0.5, 2.0),
        number_words=_EN_NUMBER_WORDS,
        function_words=frozenset(["the", "and", "of", "with", "for", "are", "was", "were", "which", "that", "this"]),
        name_particles=frozenset(["da", "de", "di", "del", "der", "van", "von", "la", "le", "al", "bin", "ibn", "y"]),
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
        pairs=("«»", "„“"),
        length=(0.6, 2.0),
        foreign_letters="әғқңөұүһіїєґў",
        foreign_name="Kazakh, Ukrainian or Belarusian",
        foreign_words=frozenset(["мен", "бен", "пен", "жылы", "туралы", "бойынша"]),
        foreign_words_name="Kazakh",
        reduplications=frozenset({"еле еле", "чуть чуть", "нет нет", "да да", "так так", "вот вот"}),
        number_stems=_RU_NUMBER_STEMS,
        nbsp_units=_CYRILLIC_UNITS,
        initials_nbsp=True,
        honorifics=(r"(?:много|глубоко)?уважаем(?:ый|ая|ое|ые|ого|ому|ым|ом|ой|ую|ых|ыми)",),
        optional_letters=(("ё", "е"),),
        distinct_yo_words=frozenset(
            ["всё", "все", "узнаём", "узнаем", "признаём", "признаем", "совершённый", "совершенный", "нёбо", "небо"]
        ),
        open_compound_parts=frozenset(["так", "то", "что", "за", "от", "по", "при", "на", "из", "как", "ни", "не"]),
        adjective_endings=(r"ск(?:ий|ая|ое|ие|ого|ому|им|ом|их|ими|ую|ой|о)",),
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
        pairs=("«»", "„“"),
        length=(0.6, 2.0),
        letters="әғқңөұүһі",
        letters_name="Kazakh",
        # Russian words Kazakh does not have ("не" and "да" it does: "what", "also").
        foreign_words=frozenset(
            [
                "и",
                "в",
                "на",
                "с",
                "по",
                "о",
                "от",
                "до",
                "для",
                "что",
                "это",
                "из",
                "за",
                "к",
                "у",
                "при",
                "или",
                "как",
                "также",
                "был",
                "была",
                "были",
            ]
        ),
        foreign_words_name="Russian",
        reduplications=frozenset({"бірте бірте", "ақырын ақырын", "жай жай", "әр әр"}),
        number_stems=_KK_NUMBER_STEMS,
        nbsp_units=_CYRILLIC_UNITS,
        initials_nbsp=True,
        honorifics=(r"(?:аса\s+)?құрметті", r"мәртебелі"),
        enclitics=frozenset(
            ["мен", "бен", "пен", "ма", "ме", "ба", "бе", "па", "пе", "ғой", "ақ", "да", "де", "та", "те"]
        ),
        honorifics_need_name=True,
    ),
    "tr": LangData(
        script="LATIN",
        decimal=",",
        groups=".",
        scales=_TR_SCALES,
        percent_words=("yüzde",),
        quotes='“ ” (or " ") and ‘ ’ inside',
        wrong_quotes="«»„",
        openers_need={},
        pairs=("“”",),
        length=(0.55, 1.8),
        letters="çğıöşü",
        letters_name="Turkish",
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
        number_stems=_TR_NUMBER_STEMS,
        no_patronymic_initials=True,
        enclitics=frozenset(["mı", "mi", "mu", "mü", "da", "de", "ta", "te", "ki", "ile"]),
        honorifics=(r"sayın", r"muhterem", r"saygıdeğer", r"değerli"),
        honorifics_need_name=True,
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
        pairs=("«»", "“”"),
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
    pairs=(),
    length=(0.3, 3.0),
)


def lang_data(lang: str) -> LangData:
    return LANGS.get(lang.split("_")[0], DEFAULT)


@cache
def scale_patterns(lang: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each scale word of ``lang`` as a pattern anchored right after a number."""
    return tuple(
        (re.compile(rf"[\s{NBSP}{NNBSP}]*(?:{words})(?![^\W\d_])", re.IGNORECASE), factor)
        for words, factor in lang_data(lang).scales
    )


@cache
def number_word_patterns(lang: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Each small-number word of ``lang`` as a pattern of a whole word, case-insensitive."""
    return tuple(
        (value, re.compile(rf"(?<![^\W\d_])(?:{words})(?![^\W\d_])", re.IGNORECASE))
        for words, value in lang_data(lang).number_stems
    )
