"""Offline English sentence splitting, so the MT engine gets sentences and nothing is downloaded.

argostranslate's own splitters (MiniSBD, Stanza) fetch models at run time; this one is
rules over the text:

- a sentence ends at ``.``, ``!``, ``?`` or an ellipsis, together with any closing quotes,
  brackets and placeholders (``⟨3⟩``, e.g. a footnote marker) right after it, when
  whitespace and then something that can start a sentence (not a lower-case letter) follow;
- a period does not end a sentence after an initial or a run of initials ("N.A. Nazarbayev",
  "Sh.M. Mirziyoyev"; "K.K.Tokayev" has no space at all) or after a known abbreviation
  ("Art. 1", "Mr.", "e.g.", "No. 5");
- a period inside a word or number ("87.2%", "29.12.2022", "primeminister.kz") is never an end.

Splitting errs on the side of fewer splits: a missed boundary only gives the engine a longer
sentence, a wrong one cuts a name in two.
"""

from __future__ import annotations

import re

# Lower case, without the final period ("e.g." is "e.g").
ABBREVIATIONS = frozenset(
    [
        *("mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cmdr"),
        *("adm", "maj", "sen", "rep", "gov", "pres", "rev", "hon", "jr", "sr"),
        *("art", "arts", "no", "nos", "vol", "vols", "p", "pp", "para", "paras", "ch", "chap", "sec", "sect"),
        *("fig", "figs", "eq", "tab", "ed", "eds", "cf", "vs", "v", "al", "approx", "ca", "e.g", "i.e", "viz"),
        *("resp", "dept", "univ", "assoc", "inst", "est", "min", "max", "nr", "tel"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("inc", "ltd", "co", "corp", "bros"),
    ]
)

_OPENERS = "“‘\"'([«"
_CLOSERS = r"[”’\"')\]»]"
# Terminal punctuation, then closers and placeholders (protect.py's ⟨n⟩), then whitespace.
_BOUNDARY = re.compile(rf"(\.\.\.|…|[.!?]+)((?:{_CLOSERS}|⟨\d+⟩)*)(\s+)")
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.)*[A-Z][a-z]?")


def _starts_sentence(char: str) -> bool:
    return not char.islower()


def _word_before(text: str, end: int) -> str:
    """The whitespace-delimited word ending at ``end`` (the period excluded), openers stripped."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _period_ends(word: str) -> bool:
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return False
    return _INITIALS.fullmatch(word) is None


def spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; the text between them is whitespace only."""
    found: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _BOUNDARY.finditer(text):
        after = match.end()
        if after >= len(text) or not _starts_sentence(text[after]):
            continue
        if match.group(1) == "." and not _period_ends(_word_before(text, match.start())):
            continue
        end = match.start(3)
        if end > start:
            found.append((start, end))
        start = after
    end = len(text.rstrip())
    if end > start:
        found.append((start, end))
    return found


def split(text: str) -> list[str]:
    """The sentences of ``text``, without the whitespace between them."""
    return [text[a:b] for a, b in spans(text)]
