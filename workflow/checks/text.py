"""The text of a translation on its own terms: language, script, typography, slips.

Every language fact (script, quotation marks, length norm, real reduplications, letters a
language cannot do without) comes from ``langdata``; case is folded the language's way
(Turkish I/ı, İ/i). URLs, code, link targets and footnote markers are not read as prose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..glossary import fold
from .base import MAX_CHECKED, EntryCheck, Pair, Problem
from .langdata import lang_data
from .spans import FOOTNOTE, prose

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ROMAN = re.compile(r"^[IVXLC]+$")  # "XXI век": Latin letters, but a numeral
_SPACES = "[ \t\u00a0\u202f\u2009]"


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script a letter belongs to, as Unicode names it ("LATIN", "CYRILLIC", "GREEK")."""
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


@lru_cache(maxsize=65536)
def scripts_of(word: str) -> frozenset[str]:
    return frozenset(script_of(ch) for ch in word if ch.isalpha())


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text``'s prose (URLs, code, link targets and footnote markers left out)."""
    return tuple(_WORD.findall(prose(text)))


def _parts(word: str) -> list[str]:
    return [p for p in re.split(r"['’\-]", word) if p]


@lru_cache(maxsize=8192)
def _source_words(text: str, lang: str) -> frozenset[str]:
    """The source's words case-folded, and the parts of its hyphenated and apostrophed words."""
    return frozenset(fold(p, lang) for w in words(text) for p in (w, *_parts(w)))


@lru_cache(maxsize=64)
def _term_words(targets: tuple[str, ...], lang: str) -> frozenset[str]:
    return frozenset(fold(w, lang) for target in targets for w in _WORD.findall(target))


def _known(pair: Pair) -> frozenset[str]:
    """Words a translation may write as they are: the source's, and the glossary's for the language."""
    targets = tuple(t.targets.get(pair.lang, "") for t in pair.glossary.terms)
    return _source_words(pair.src, pair.src_lang) | _term_words(targets, pair.lang)


# identical -------------------------------------------------------------------------------


def check_identical(pair: Pair) -> list[str]:
    """An English sentence left as it is (names, titles and figures may stay the same)."""
    if " ".join(pair.dst.split()).casefold() != " ".join(pair.src.split()).casefold():
        return []
    found = words(pair.src)
    # Prose has a lowercase word that is not a particle of a name ("Leonardo da Vinci").
    particles = lang_data(pair.src_lang).name_particles
    if len(found) >= 2 and any(w[0].islower() and len(w) >= 2 and w not in particles for w in found):
        return ["the translation is the source text, untranslated"]
    return []


# script and language ----------------------------------------------------------------------


def check_script(pair: Pair) -> list[str]:
    """Words in another script than the language's, or mixing scripts, that the source does not have."""
    expected = lang_data(pair.lang).script
    if not expected:
        return []
    source = _source_words(pair.src, pair.src_lang)
    foreign: list[str] = []
    mixed: list[str] = []
    for word in words(pair.dst):
        scripts = scripts_of(word)
        if scripts == {expected} or fold(word, pair.lang) in source or _ROMAN.match(word):
            continue
        if all(fold(p, pair.lang) in source for p in _parts(word)):
            continue
        (mixed if len(scripts) > 1 else foreign).append(word)
    problems = []
    if mixed:
        problems.append(f"word(s) mixing scripts: {', '.join(dict.fromkeys(mixed))}")
    if foreign:
        names = sorted({script_of(ch).title() for w in foreign for ch in w if ch.isalpha()} - {expected.title()})
        listed = ", ".join(list(dict.fromkeys(foreign))[:5])
        problems.append(f"{'/'.join(names)} word(s) in {expected.title()} text, not in the source: {listed}")
    return problems


# Quotations and emphasized titles keep their language («Өзбек — өз ағам», *The Astana Times*).
_QUOTED = re.compile(r"«[^«»]*»|„[^„“]*“|“[^“”]*”|\"[^\"]*\"|\*[^*]+\*")
_LONG_UNIT = 8  # words: below that a unit may well do without the language's own letters


@lru_cache(maxsize=64)
def _letters_re(letters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(letters)}]")


def check_language(pair: Pair) -> list[str]:
    """Signs of another language: no letter of the language's own in a long unit, or a
    neighbour's letters or function words outside quotations and emphasized titles."""
    data = lang_data(pair.lang)
    native = [w for w in words(pair.dst) if script_of(w[0]) == data.script]
    problems = []
    long_unit = data.letters and len(native) >= _LONG_UNIT
    if long_unit and not _letters_re(data.letters).search(fold(" ".join(native), pair.lang)):
        letters = " ".join(data.letters)
        problems.append(f"no {data.letters_name} letter ({letters}) in {len(native)} words: another language?")
    # Names the source or the glossary writes that way ("Рухани жаңғыру") are not slips.
    known = _known(pair)
    outside = _WORD.findall(_QUOTED.sub(" ", prose(pair.dst)))
    unquoted = [w for w in outside if fold(w, pair.lang) not in known]
    if data.foreign_letters:
        odd = [w for w in unquoted if _letters_re(data.foreign_letters).search(fold(w, pair.lang))]
        if odd:
            problems.append(f"{data.foreign_name} letters in {pair.lang} text: {', '.join(dict.fromkeys(odd))}")
    foreign = [w for w in unquoted if w in data.foreign_words]
    if foreign:
        problems.append(f"{data.foreign_words_name} words in {pair.lang} text: {', '.join(dict.fromkeys(foreign))}")
    source_words = lang_data(pair.src_lang).function_words
    left = [w for w in outside if w in source_words]
    if left:
        problems.append(f"source-language words left in: {', '.join(dict.fromkeys(left))}")
    return problems


# punctuation and whitespace --------------------------------------------------------------

_CLOSERS = set("\"'»”’“)]}*_") | {" ", "\u00a0", "\t", "\n"}
_MARKS = set(".!?…:;")


def final_mark(text: str) -> str:
    """The last sentence mark of ``text`` beyond closing quotes and brackets: '.', '?', '…' or ''."""
    text = FOOTNOTE.sub("", text)
    index = len(text) - 1
    while index >= 0 and text[index] in _CLOSERS:
        index -= 1
    if index < 0 or text[index] not in _MARKS:
        return ""
    return "…" if text.endswith("...", 0, index + 1) else text[index]


def check_punctuation(pair: Pair) -> list[str]:
    src, dst = final_mark(pair.src), final_mark(pair.dst)
    if src == dst:
        return []
    if not dst:
        return [f"the source ends with '{src}', the translation with no final punctuation"]
    if not src:
        return [f"the translation ends with '{dst}', the source with no final punctuation"]
    return [f"the source ends with '{src}', the translation with '{dst}'"]


_DOUBLE = re.compile(f"{_SPACES}{{2,}}")
_BEFORE_PUNCT = re.compile(rf"(?<=[^\W\d_]){_SPACES}+([,.;:!?])(?=\s|$)")


def check_whitespace(pair: Pair) -> list[str]:
    src, dst = pair.src, pair.dst
    problems = []
    if (dst[:1].isspace(), dst[-1:].isspace()) != (src[:1].isspace(), src[-1:].isspace()):
        problems.append("leading or trailing whitespace differs from the source")
    if len(_DOUBLE.findall(dst)) > len(_DOUBLE.findall(src)):
        problems.append("doubled space")
    if dst.count("\n") != src.count("\n"):
        problems.append(f"{dst.count(chr(10))} line break(s), {src.count(chr(10))} in the source")
    if len(_BEFORE_PUNCT.findall(dst)) > len(_BEFORE_PUNCT.findall(src)):
        problems.append(f"space before '{_BEFORE_PUNCT.findall(dst)[0]}'")
    return problems


# quotation marks -------------------------------------------------------------------------


def check_quotes(pair: Pair) -> list[str]:
    data = lang_data(pair.lang)
    text, src = prose(pair.dst), prose(pair.src)
    wrong = [q for q in dict.fromkeys(data.wrong_quotes) if q in text]
    wrong += [q for q, opener in data.openers_need.items() if text.count(q) > text.count(opener)]
    problems = []
    if wrong:
        problems.append(f"quotation mark(s) {' '.join(dict.fromkeys(wrong))}: {pair.lang} uses {data.quotes}")
    # A quotation may span paragraphs; balance is only asked of a unit whose source is balanced.
    src_balanced = src.count('"') % 2 == 0 and src.count("“") == src.count("”") and src.count("«") == src.count("»")
    for opening, closing in (tuple(pair) for pair in data.pairs):
        if src_balanced and text.count(opening) != text.count(closing):
            problems.append(
                f"unbalanced {opening}{closing}: {text.count(opening)} opening, {text.count(closing)} closing"
            )
    return problems


# repeated words --------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def repeats(text: str, lang: str) -> tuple[str, ...]:
    """Words or phrases (up to three words) said twice in a row, with nothing but space between."""
    text = prose(text)
    matches = list(_WORD.finditer(text))
    folded = [fold(m.group(0), lang) for m in matches]
    redup = lang_data(lang).reduplications
    found: list[str] = []
    for size in (1, 2, 3):
        for i in range(len(folded) - 2 * size + 1):
            if folded[i] != folded[i + size] or folded[i : i + size] != folded[i + size : i + 2 * size]:
                continue
            span = matches[i : i + 2 * size]
            if any(text[a.end() : b.start()].strip() for a, b in zip(span, span[1:], strict=False)):
                continue  # punctuation between: "Evet, evet" is speech, not a slip
            if " ".join(folded[i : i + 2 * size]) not in redup:
                found.append(text[span[0].start() : span[-1].end()])
    return tuple(found)


def check_repeated(pair: Pair) -> list[str]:
    """A word or phrase said twice in a row ("Merhaba Merhaba"), unless the language or the source means it."""
    found = repeats(pair.dst, pair.lang)
    # "very very" in the source may well become "çok çok": as many repetitions as the source has are fine.
    allowed = len(repeats(pair.src, pair.src_lang))
    return [f"repeated: '{phrase}'" for phrase in found[allowed:]]


# length ----------------------------------------------------------------------------------

_MIN_LENGTH = 40  # characters of source: shorter units vary too much to judge


def check_length(pair: Pair) -> list[str | Problem]:
    longest = max(len(pair.src), len(pair.dst))
    if longest > MAX_CHECKED:
        return [
            Problem(
                f"{longest:,} characters: too long for the other checks (at most {MAX_CHECKED:,}); split the unit",
                "error",
            )
        ]
    if len(pair.src) < _MIN_LENGTH:
        return []
    low, high = lang_data(pair.lang).length
    ratio = len(pair.dst) / len(pair.src)
    if low <= ratio <= high:
        return []
    return [f"{ratio:.2f}× the source's length; {pair.lang} is usually {low}–{high}×: something missing or added?"]


IDENTICAL = EntryCheck("identical", "error", "translation identical to the English source", check_identical)
SCRIPT = EntryCheck("script", "error", "words in the wrong script for the language, or mixing scripts", check_script)
LANGUAGE = EntryCheck(
    "language",
    "error",
    "another language: no Kazakh letter (ә ғ қ ң ө ұ ү і) in a long unit, a neighbour's letters or words",
    check_language,
)
PUNCTUATION = EntryCheck("punctuation", "warning", "sentence-final punctuation differs", check_punctuation)
WHITESPACE = EntryCheck(
    "whitespace", "warning", "leading/trailing whitespace, doubled spaces, line breaks", check_whitespace
)
QUOTES = EntryCheck("quotes", "warning", "quotation marks not of the language, or unbalanced", check_quotes)
REPEATED = EntryCheck("repeated-words", "warning", "a word or phrase repeated ('Merhaba Merhaba')", check_repeated)
LENGTH = EntryCheck("length", "warning", "length far off the language's norm", check_length)
