"""Glossary terms (locales/glossary.tbx) of the source that the translation does not use.

Matching is ``workflow.glossary``'s, forgiving of case endings; URLs, code and footnote
markers are not text and are left out on both sides ("…/kazakhstan-and-uzbekistan…" in a
link is not the country).
"""

from __future__ import annotations

from ..glossary import Glossary
from .base import EntryCheck, Pair
from .spans import prose

# (id of the glossary, source) -> (the glossary, its terms found in the source): a source is
# matched against every term once, not once per language. The glossary is kept in the value
# so that its id cannot be reused while the entry lives.
_PRESENT: dict[tuple[int, str], tuple[Glossary, Glossary]] = {}
_PRESENT_MAX = 16384


def _present(glossary: Glossary, src: str) -> Glossary:
    key = (id(glossary), src)
    hit = _PRESENT.get(key)
    if hit is None or hit[0] is not glossary:
        if len(_PRESENT) >= _PRESENT_MAX:
            _PRESENT.clear()
        hit = (glossary, Glossary(tuple(glossary.in_source(src))))
        _PRESENT[key] = hit
    return hit[1]


def check_terms(pair: Pair) -> list[str]:
    src = prose(pair.src)
    return [
        f"glossary: '{term.src}' should be '{term.targets[pair.lang]}'"
        for term in _present(pair.glossary, src).missing(src, prose(pair.dst), pair.lang)
    ]


CHECK = EntryCheck("glossary", "warning", "glossary terms of the source not used (locales/glossary.tbx)", check_terms)
