"""Numbers, amounts, percentages and dates of the source must survive translation.

Each side is read with its own language's conventions (``langdata``): English writes 2,350
and 87.2%; Russian and Kazakh 2 350 (a space, no-break space or narrow no-break space groups
digits) and 87,2 %; Turkish 2.350 and %87,2. A scale word multiplies ("10.4 billion" equals
"10,4 млрд" and "10,4 milyar"), so "600,000" and "600 тысяч" agree. Dates (29.12.2022) are
compared whole; a range is two numbers whichever dash joins them (14-15, 14–15). Roman
numerals up to XXXIX count as numbers, so "21st century" may become "XXI век", "ХХІ ғасыр"
or "21. yüzyıl". A year range with a short end ("2017-18") is the range written in full
("2017–2018"). Small numbers may be words on either side: "two" for 2 in the source, and
"девяти", "первом", "бірінші", "dokuz" for 9 or 1 in a translation (``langdata.number_stems``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .base import EntryCheck, Pair, Problem
from .langdata import lang_data, number_word_patterns, scale_patterns
from .spans import prose

_DATE = re.compile(r"(?<![\d.,])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d])|(?<![\d.,])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_RUN = re.compile(r"\d+(?:[.,\s\u00a0\u202f\u2009]\d+)*")
# Roman numerals up to XXXIX; Russian and Kazakh texts often type them with the Cyrillic
# look-alikes Х and І ("ХХІ ғасыр"), which read the same.
_ROMAN = re.compile(r"(?<![^\W\d_])(?=[IVXХІ]{2,})([XХ]{0,3})([IІ][XХ]|[IІ]V|V?[IІ]{0,3})(?![^\W\d_])")
# "2017-18": the end of a year range given by its last two digits.
_SHORT_RANGE = re.compile(r"(?<![\d.,])((\d\d)\d\d)([-–—])(\d\d)(?![\d.,]?\d)")
_LOOKALIKE = str.maketrans("ХІ", "XI")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Figure:
    value: str  # canonical: "2350", "87.2", "date 29.12.2022"
    shown: str  # as written in the text
    percent: bool = False


def _roman(token: str) -> int:
    token = token.translate(_LOOKALIKE)
    total = 0
    for ch, nxt in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUE[ch]
        total += -value if nxt and _ROMAN_VALUE[nxt] > value else value
    return total


def _canonical(integer: str, fraction: str | None, factor: int = 1) -> str:
    try:
        value = Decimal(f"{integer}.{fraction}" if fraction else integer) * factor
    except InvalidOperation:
        return integer
    text = format(value.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text


def _split_run(run: str, lang: str) -> list[tuple[str, str | None, int, int]]:
    """The numbers written in one run of digits and separators: (integer, fraction, start, end)."""
    data = lang_data(lang)
    # Russian and Kazakh texts sometimes write a decimal point; it is read as one, never as a group.
    decimals = {data.decimal, "."} if data.decimal == "," and "." not in data.groups else {data.decimal}
    parts = re.split(r"(\D)", run)
    found: list[tuple[str, str | None, int, int]] = []
    integer, fraction, grouped, start, pos = parts[0], None, False, 0, len(parts[0])
    for sep, digits in zip(parts[1::2], parts[2::2], strict=True):
        if fraction is None and sep in data.groups and len(digits) == 3 and (grouped or len(integer) <= 3):
            integer, grouped = integer + digits, True
        elif fraction is None and sep in decimals:
            fraction = digits
        else:
            found.append((integer, fraction, start, pos))
            integer, fraction, grouped, start = digits, None, False, pos + 1
        pos += 1 + len(digits)
    found.append((integer, fraction, start, pos))
    return found


def _is_percent(text: str, start: int, end: int, lang: str) -> bool:
    after, before = text[end : end + 16].lstrip(" \u00a0\u202f").lower(), text[max(0, start - 12) : start].lower()
    words = lang_data(lang).percent_words
    return (
        after.startswith("%")
        or before.rstrip(" \u00a0\u202f").endswith("%")
        or any(after.startswith(w) for w in words)
        or any(before.rstrip().endswith(w) for w in words)
    )


@lru_cache(maxsize=8192)
def figures(text: str, lang: str) -> tuple[Figure, ...]:
    """The numbers, amounts, percentages and dates of ``text`` written the ``lang`` way."""
    text = prose(text)
    found: list[Figure] = []

    def date(match: re.Match[str]) -> str:
        if match.group(1):
            day, month, year = match.group(1), match.group(3), match.group(4)
        else:
            year, month, day = match.group(5), match.group(6), match.group(7)
        found.append(Figure(f"date {int(day)}.{int(month)}.{year}", match.group(0)))
        return " " * len(match.group(0))

    text = _DATE.sub(date, text)
    text = _SHORT_RANGE.sub(lambda m: f"{m[1]}{m[3]}{m[2]}{m[4]}", text)
    for match in _ROMAN.finditer(text):
        if match.group(0):
            found.append(Figure(str(_roman(match.group(0))), match.group(0)))
    for match in _RUN.finditer(text):
        for integer, fraction, start, end in _split_run(match.group(0), lang):
            begin, finish = match.start() + start, match.start() + end
            factor = 1
            for pattern, scale in scale_patterns(lang):
                if pattern.match(text, finish):
                    factor = scale
                    break
            shown = text[begin:finish].strip()
            found.append(Figure(_canonical(integer, fraction, factor), shown, _is_percent(text, begin, finish, lang)))
    return tuple(found)


def _spelled(text: str, lang: str) -> set[str]:
    """Values the source writes as words ("two", "fourth"), which a translation may write in digits."""
    known = lang_data(lang).number_words
    return {str(known[w]) for w in re.findall(r"[^\W\d_]+", text.lower()) if w in known}


def _worded(text: str, lang: str) -> set[str]:
    """Small values a translation writes as words ("девяти", "первом", "dokuz")."""
    return {str(value) for value, pattern in number_word_patterns(lang) if pattern.search(text)}


def check_numbers(pair: Pair) -> list[Problem]:
    src, dst = figures(pair.src, pair.src_lang), figures(pair.dst, pair.lang)
    src_count, dst_count = Counter(f.value for f in src), Counter(f.value for f in dst)
    missing, extra = src_count - dst_count, dst_count - src_count
    if missing:
        worded = _worded(prose(pair.dst), pair.lang)
        missing = Counter({v: n for v, n in missing.items() if v not in worded})
    spelled = _spelled(pair.src, pair.src_lang)
    extra = Counter({v: n for v, n in extra.items() if v not in spelled})
    shown_src = {f.value: f.shown for f in src}
    shown_dst = {f.value: f.shown for f in dst}
    problems: list[Problem] = []
    if len(missing) == 1 and len(extra) == 1:
        (old,), (new,) = missing, extra
        problems.append(Problem(f"{shown_src[old]} of the source became {shown_dst[new]}"))
    else:
        problems += [Problem(f"{shown_src[v]} of the source is missing or changed") for v in sorted(missing)]
        problems += [Problem(f"{shown_dst[v]} is not in the source", "warning") for v in sorted(extra)]
    percents = Counter(f.value for f in src if f.percent) - Counter(f.value for f in dst if f.percent)
    for value in sorted(percents):
        if value not in missing:
            problems.append(Problem(f"{shown_src[value]} is a percentage in the source but not in the translation"))
    return problems


CHECK = EntryCheck(
    "numbers",
    "error",
    "numbers, amounts, percentages and dates of the source missing or changed (locale-aware)",
    check_numbers,
)
