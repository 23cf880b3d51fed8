"""Search keys for words: the same word forms a reader types lead to the same key.

- Russian, Turkish, English and the other languages Snowball knows: its stemmer
  (``snowballstemmer``), after lower-casing the way the language does (Turkish I → ı, İ → i)
  and, for Russian, ё → е.
- Kazakh has no Snowball stemmer. :func:`kazakh_stem` strips the language's inflectional
  endings from the end of the word, one of each group in the order Kazakh stacks them (case,
  then possessive, then plural, then abstract noun), longest first, never below
  :data:`KK_MIN_STEM` letters: plural (-лар/-лер/-дар/-дер/-тар/-тер), possessive
  (-ым/-ім/-ың/-ің/-ы/-і/-сы/-сі/-мыз/-міз/-ңыз/-ңіз …), the seven cases (genitive -ның/-нің/-дың/-дің/-тың/-тің,
  dative -ға/-ге/-қа/-ке/-на/-не, accusative -ны/-ні/-ды/-ді/-ты/-ті, locative -да/-де/-та/-те/-нда/-нде,
  ablative -дан/-ден/-тан/-тен/-нан/-нен, instrumental -мен/-бен/-пен, equative -ша/-ше),
  the relative -дағы/-дегі/-тағы/-тегі and abstract nouns in -лық/-лік/-дық/-дік/-тық/-тік.
  Vowel harmony makes each ending come in back and front forms; all are listed.

A key is always a prefix of its word (where a stemmer changes a final consonant, as Turkish
kitabı → kitap, the common prefix is kept: "kitab"), so a reader's browser can find the key
of a typed word without a stemmer of its own: the longest key that begins the word
(``templates/static/search.js``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

import snowballstemmer

SNOWBALL = {
    "ru": "russian",
    "tr": "turkish",
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "no": "norwegian",
    "nb": "norwegian",
    "da": "danish",
    "fi": "finnish",
    "hu": "hungarian",
    "ro": "romanian",
    "uk": "ukrainian",
    "hy": "armenian",
    "el": "greek",
    "ar": "arabic",
    "ca": "catalan",
    "eu": "basque",
    "ga": "irish",
    "id": "indonesian",
    "lt": "lithuanian",
    "ne": "nepali",
    "sr": "serbian",
    "ta": "tamil",
    "yi": "yiddish",
    "hi": "hindi",
    "et": "estonian",
    "eo": "esperanto",
}
WORD = re.compile(r"\w+")
MIN_KEY = 2

KK_MIN_STEM = 3
# Endings in the order Kazakh stacks them after the stem (stem + plural + possessive + case),
# read from the end: at most one of each group is stripped, the longest that fits first.
_KK_GROUPS: tuple[tuple[str, ...], ...] = (
    # cases, and the relative -дағы
    ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді",
     "ты", "ті", "нда", "нде", "да", "де", "та", "те", "нан", "нен", "дан", "ден", "тан", "тен", "мен", "бен",
     "пен", "ша", "ше", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),
    # possessive
    ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ым", "ім", "ың", "ің", "ы", "і"),
    # plural
    ("лар", "лер", "дар", "дер", "тар", "тер"),
    # abstract nouns
    ("лық", "лік", "дық", "дік", "тық", "тік"),
)  # fmt: skip
KK_ENDINGS = tuple(tuple(sorted(group, key=lambda e: (-len(e), e))) for group in _KK_GROUPS)
_KK_VOWELS = frozenset("аәеиоөұүыіэюяу")


def kazakh_stem(word: str) -> str:
    """``word`` (lower case) without its inflectional endings; a stem keeps a vowel and 3 letters."""
    for group in KK_ENDINGS:
        for ending in group:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= KK_MIN_STEM and _KK_VOWELS.intersection(stem):
                word = stem
                break
    return word


def lower(text: str, lang: str) -> str:
    """Lower case as ``lang`` writes it: Turkish and Azerbaijani dotted and dotless i."""
    if lang.split("-")[0] in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    text = unicodedata.normalize("NFC", text).lower()
    if lang.split("-")[0] in ("ru", "uk", "be"):
        text = text.replace("ё", "е")
    return text


@cache
def _stemmer(lang: str) -> Callable[[str], str]:
    base = lang.split("-")[0]
    if base == "kk":
        return kazakh_stem
    name = SNOWBALL.get(base)
    if name is None or name not in snowballstemmer.algorithms():
        return str
    return snowballstemmer.stemmer(name).stemWord  # type: ignore[no-any-return]


def words(text: str, lang: str) -> Iterator[str]:
    """The words of ``text``, lower-cased for ``lang`` (digits count as words too)."""
    for match in WORD.finditer(lower(text, lang)):
        yield match.group()


@lru_cache(maxsize=1 << 16)  # Snowball is pure Python; an archive repeats the same words endlessly
def key(word: str, lang: str) -> str:
    """The search key of a lower-cased word: its stem, as a prefix of the word."""
    stem = _stemmer(lang)(word)
    if word.startswith(stem):
        return stem
    common = 0
    for a, b in zip(word, stem, strict=False):
        if a != b:
            break
        common += 1
    return word[: max(common, MIN_KEY)]


def keys(text: str, lang: str) -> list[str]:
    """The distinct search keys of ``text``, sorted (a key shorter than two letters is left out)."""
    found = {key(word, lang) for word in set(words(text, lang)) if len(word) >= MIN_KEY}
    return sorted(k for k in found if len(k) >= MIN_KEY)
