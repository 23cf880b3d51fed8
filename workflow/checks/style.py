"""House style of the press, entry by entry: terms the term base rules out, no-break spaces,
the way a language names people, and forms of address the source does not have.

- ``terminology``: a deprecated or forbidden term of ``locales/glossary.tbx`` in a translation
  whose source names the concept (forbidden: an error; deprecated: a warning), and a source
  that still writes a deprecated spelling (a note for the editor of the source).
- ``nbsp``: Russian and Kazakh typesetting keeps initials with the surname and a number with
  its unit or abbreviated scale word ("Н.\u00a0А.\u00a0Назарбаев", "75\u00a0млн", "2350\u00a0км").
- ``initials``: name-and-patronymic initials ("N.A. Nazarbayev") where the language's press
  writes the given name (Turkish).
- ``honorifics``: "Sayın", «уважаемый», «Құрметті» with no form of address in the source. A
  source "Dear" counts only where it addresses someone ("Dear colleagues,"), not in a
  third-person calque ("the Dear President of Kazakhstan visited…").

Language facts (units, which rules apply, honorific words) live in ``langdata``.
"""

from __future__ import annotations

import re
from functools import cache

from ..glossary import fold
from .base import EntryCheck, Pair, Problem, Severity
from .langdata import NBSP, NNBSP, lang_data
from .spans import prose

_UPPER = r"[^\W\d_a-zа-яёәғқңөұүһіçğıöşü]"  # a capital letter of any script
_LOWER = r"[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІÇĞİÖŞÜ]"
_NB = f"{NBSP}{NNBSP}"
# Initials before a surname: "Н.А. Назарбаев", "Н. А. Назарбаев", "А. Назарбаев".
_INITIALS = re.compile(rf"(?<![^\W\d_])({_UPPER}\.)(?:([ {_NB}]?)({_UPPER}\.))?([ {_NB}]?)({_UPPER}{_LOWER}+)")
# Two initials (given name and patronymic) before a surname.
_PATRONYMIC = re.compile(rf"(?<![^\W\d_]){_UPPER}\.[ {_NB}]?{_UPPER}\.[ {_NB}]?{_UPPER}{_LOWER}+")
# A form of address in English: at the start of a sentence or clause ("Dear colleagues,"),
# or a title before a name ("Mr Smith").
_ADDRESS = re.compile(
    r"(?:^|[.!?:;,(«“\"]\s*)(?:[Dd]ear|[Hh]onou?rable|[Ee]steemed|[Rr]espected|[Dd]istinguished)\b"
    r"|\b(?:Mr|Mrs|Ms|Sir|Madam|Excellenc(?:y|ies)|Majesty|Highness)\b"
)


def check_terminology(pair: Pair) -> list[Problem]:
    src, dst = prose(pair.src), prose(pair.dst)
    problems = []
    for term, avoid in pair.glossary.avoided_in(src, dst, pair.lang):
        preferred = term.targets.get(pair.lang)
        use = f"; use '{preferred}'" if preferred else ""
        why = f" ({avoid.note})" if avoid.note else ""
        severity: Severity = "error" if avoid.status == "forbidden" else "warning"
        problems.append(Problem(f"'{avoid.text}' is {avoid.status} for '{term.src}'{why}{use}", severity))
    for term, avoid in pair.glossary.deprecated_in_source(src, pair.src_lang):
        problems.append(
            Problem(f"the source writes the {avoid.status} '{avoid.text}' for '{term.src}': correct the source", "info")
        )
    return problems


@cache
def _unit_pattern(lang: str) -> re.Pattern[str] | None:
    units = lang_data(lang).nbsp_units
    if not units:
        return None
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    number = rf"\d{{1,3}}(?:[{_NB}]\d{{3}})+|\d+(?:[.,]\d+)?"
    return re.compile(rf"(?<![\d.,{_NB}])({number})( )({alternatives})(?![^\W\d_])")


def check_nbsp(pair: Pair) -> list[str]:
    data = lang_data(pair.lang)
    text = prose(pair.dst)
    problems = []
    if data.initials_nbsp:
        for match in _INITIALS.finditer(text):
            first, gap, second, before, surname = match.groups()
            gaps = (gap, before) if second else (before,)
            if any(g not in _NB or not g for g in gaps):
                shown = f"{first}{NBSP}{second}{NBSP}{surname}" if second else f"{first}{NBSP}{surname}"
                problems.append(f"'{match.group(0)}': initials take no-break spaces: '{shown}'")
    pattern = _unit_pattern(pair.lang)
    if pattern is not None:
        for match in pattern.finditer(text):
            number, _, unit = match.groups()
            problems.append(
                f"'{match.group(0)}': a no-break space between a number and '{unit}': '{number}{NBSP}{unit}'"
            )
    return problems


def check_initials(pair: Pair) -> list[str]:
    if not lang_data(pair.lang).no_patronymic_initials:
        return []
    return [
        f"'{m.group(0)}': name-and-patronymic initials are not how this language names a person; write the given name"
        for m in _PATRONYMIC.finditer(prose(pair.dst))
    ]


@cache
def _honorific_pattern(lang: str) -> re.Pattern[str] | None:
    words = lang_data(lang).honorifics
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(words)})(?![^\W\d_])") if words else None


def check_honorifics(pair: Pair) -> list[str]:
    pattern = _honorific_pattern(pair.lang)
    if pattern is None or _ADDRESS.search(prose(pair.src)):
        return []
    text = prose(pair.dst)
    folded = fold(text, pair.lang)  # same length: Turkish "SAYIN" and "Sayın" both read "sayın"
    found = []
    for match in pattern.finditer(folded):
        after = text[match.end() :]
        if lang_data(pair.lang).honorifics_need_name and not re.match(rf"\s+{_UPPER}", after):
            continue  # "değerli", "құрметті атақ": an adjective, not an address
        found.append(
            f"'{text[match.start() : match.end()]}': a form of address the source does not have "
            "(protocol, not news style); leave it out"
        )
    return found


TERMINOLOGY = EntryCheck(
    "terminology",
    "warning",
    "deprecated or forbidden terms of locales/glossary.tbx in a translation or a source",
    check_terminology,
)
NBSP_CHECK = EntryCheck(
    "nbsp", "warning", "no-break spaces after initials and between a number and its unit (ru, kk)", check_nbsp
)
INITIALS = EntryCheck(
    "initials", "warning", "name-and-patronymic initials where the language writes the given name (tr)", check_initials
)
HONORIFICS = EntryCheck(
    "honorifics", "warning", "forms of address ('Sayın', «уважаемый») the source does not have", check_honorifics
)
