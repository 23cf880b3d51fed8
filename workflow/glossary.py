"""The project glossary: names and terms in every language, read from a TBX file.

TBX (ISO 30042) is what CAT tools (Weblate, OmegaT, Trados, memoQ) import. A concept is a
``termEntry``; each ``langSet`` holds its terms in one language, the first being the
preferred one and any further ones (source side only) accepted variants.

Matching is deliberately forgiving of inflection: Russian, Kazakh and Turkish add endings
to names ("Ассамблеи", "Ассамблеясының", "Asamblesi'nin"), so a target term counts as used
when every word of it appears as a word *prefix* of at least most of its length.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import WorkflowError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class GlossaryError(WorkflowError):
    """The glossary file cannot be read."""


@dataclass(frozen=True)
class Term:
    src: str
    targets: dict[str, str] = field(default_factory=dict)
    note: str = ""
    variants: tuple[str, ...] = ()  # other source spellings of the same concept

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.src, *self.variants)


def fold(text: str, lang: str) -> str:
    """Lower-case with the language's rules (Turkish İ->i, I->ı) and typographic apostrophes unified."""
    if lang in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower().replace("’", "'").replace("ʼ", "'")


def _stem(word: str) -> str:
    # Keep most of the word: endings vary with case, number and possession ("Азия" -> "Азии").
    if len(word) <= 3:
        return word
    return word[:-1] if len(word) <= 5 else word[: max(4, len(word) - 2)]


@lru_cache(maxsize=4096)
def _source_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    # Abbreviations (OSCE, UN) match in capitals only; other terms in any case.
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def _target_words(term: str, lang: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in re.findall(r"[\w'’-]+", fold(term, lang)) if w.strip("'-"))


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def in_source(self, src_text: str) -> list[Term]:
        return [t for t in self.terms if any(_source_pattern(s).search(src_text) for s in t.sources)]

    def missing(self, src_text: str, dst_text: str, dst_lang: str) -> list[Term]:
        """Terms whose source occurs in ``src_text`` but whose target is absent from ``dst_text``."""
        folded = fold(dst_text, dst_lang)
        words = re.findall(r"[\w'’-]+", folded)
        words += [part for word in words if "-" in word for part in word.split("-")]  # "Kazakistan-Özbekistan"
        missing = []
        for term in self.in_source(src_text):
            target = term.targets.get(dst_lang)
            if not target:
                continue
            stems = _target_words(target, dst_lang)
            if not all(any(w.startswith(s) for w in words) for s in stems):
                missing.append(term)
        return missing


def read_glossary(path: Path) -> Glossary:
    """Read a TBX glossary; a missing file is an empty glossary."""
    if not path.is_file():
        return Glossary()
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise GlossaryError(f"not well-formed TBX: {exc}", path, line) from exc
    terms = []
    for entry in root.iter("termEntry"):
        note = " ".join((n.text or "").strip() for n in entry.findall("descrip") + entry.findall("note")).strip()
        by_lang: dict[str, list[str]] = {}
        for lang_set in entry.findall("langSet"):
            lang = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
            words = [(t.text or "").strip() for t in lang_set.iter("term") if (t.text or "").strip()]
            if lang and words:
                by_lang[lang] = words
        source = by_lang.pop("en", None)
        if not source:
            continue
        terms.append(
            Term(src=source[0], variants=tuple(source[1:]), targets={k: v[0] for k, v in by_lang.items()}, note=note)
        )
    return Glossary(tuple(terms))


def write_glossary(path: Path, glossary: Glossary, src_lang: str = "en") -> str:
    """TBX text for ``glossary`` (used to regenerate the file after editing terms in code or CSV)."""
    martif = ET.Element("martif", {"type": "TBX", _XML_LANG: src_lang})
    header = ET.SubElement(martif, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "workflow glossary: names and terms of the project"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for index, term in enumerate(glossary.terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{index}"})
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        for lang, words in ((src_lang, term.sources), *((k, (v,)) for k, v in term.targets.items())):
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
            for word in words:
                ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = word
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
