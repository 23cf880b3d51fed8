"""The project glossary: a terminology base in TBX, with preferred, admitted and avoided terms.

TBX (ISO 30042) is what CAT tools (Weblate, OmegaT, Trados, memoQ) import. A concept is a
``termEntry`` with a definition (``descrip type="definition"``); each ``langSet`` holds its
terms in one language. A term's ``termNote type="administrativeStatus"`` says how it may be
used, in TBX-Basic's values (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``,
``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``) and Weblate's (``forbidden``,
``obsolete``). Without a status the first term of a language is the preferred one and any
further ones are admitted. Deprecated and forbidden terms are kept so that checks can find
them: a deprecated source spelling is a slip in a source; a deprecated or forbidden target
term is a rendering editors decided against (a ``note`` on the term says why).

Matching is deliberately forgiving of inflection: Russian, Kazakh and Turkish add endings
to names ("Ассамблеи", "Ассамблеясының", "Asamblesi'nin"), so a target term counts as used
when every word of it appears as a word *prefix* of at least most of its length.

The file is read with lxml and a parser that loads no DTD, expands no entity and reaches no
network (the defusedxml protections): a glossary comes from other people's tools. Translate
Toolkit's ``translate.storage.tbx`` reads the same files (a test checks that it agrees); it is
not used here because it is GPL-3.0 (this package is MIT) and reads one language pair per store.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree

from .errors import WorkflowError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

Status = Literal["preferred", "admitted", "deprecated", "forbidden"]
# administrativeStatus values of TBX-Basic and Weblate, by what they mean for a check.
_STATUSES: dict[str, Status] = {
    "preferredterm-admn-sts": "preferred",
    "preferred": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admitted": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "deprecated": "deprecated",
    "obsolete": "deprecated",
    "forbidden": "forbidden",
}
_TBX_STATUS: dict[Status, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "forbidden",
}


class GlossaryError(WorkflowError):
    """The glossary file cannot be read."""


@dataclass(frozen=True)
class Avoid:
    """A term editors decided against: deprecated (a warning) or forbidden (an error), and why."""

    text: str
    status: Status
    note: str = ""


@dataclass(frozen=True)
class Term:
    """One concept: its source terms, its preferred term per language, and the terms to avoid."""

    src: str
    targets: dict[str, str] = field(default_factory=dict)
    note: str = ""  # the definition
    variants: tuple[str, ...] = ()  # other admitted source spellings of the same concept
    avoid: dict[str, tuple[Avoid, ...]] = field(default_factory=dict)  # by language, the source's too
    id: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source spelling that names the concept, deprecated ones included."""
        return (self.src, *self.variants, *(a.text for a in self.avoid.get("en", ())))

    def avoided(self, lang: str) -> tuple[Avoid, ...]:
        return self.avoid.get(lang, ())


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


@lru_cache(maxsize=4096)
def _standalone_pattern(term: str) -> re.Pattern[str]:
    """The source term not inside a hyphenated compound ("Kazakhstan-Uzbekistan ties")."""
    words = [re.escape(w) for w in term.split()]
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w]|-\w)", flags)


def _target_words(term: str, lang: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in re.findall(r"[\w'’-]+", fold(term, lang)) if w.strip("'-"))


@lru_cache(maxsize=4096)
def _phrase_pattern(term: str, lang: str) -> re.Pattern[str]:
    """A target phrase with endings on each word, its words adjacent: "этникалық азшылықтардың"."""
    stems = [re.escape(s) for s in _target_words(term, lang)]
    return re.compile(r"(?<![\w-])" + r"[\w'’]*[\s\u00a0]+".join(stems) + r"[\w'’]*(?![\w-])")


def uses_phrase(text: str, term: str, lang: str) -> bool:
    """Whether ``text`` holds ``term`` as a phrase, in any inflected form."""
    return bool(_phrase_pattern(term, lang).search(fold(text, lang)))


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def in_source(self, src_text: str) -> list[Term]:
        return [t for t in self.terms if any(_source_pattern(s).search(src_text) for s in t.sources)]

    def deprecated_in_source(self, src_text: str, src_lang: str = "en") -> list[tuple[Term, Avoid]]:
        """Source spellings the term base marks deprecated or forbidden ("ANC" for "APK")."""
        return [
            (term, avoid)
            for term in self.terms
            for avoid in term.avoided(src_lang)
            if _source_pattern(avoid.text).search(src_text)
        ]

    def avoided_in(self, src_text: str, dst_text: str, dst_lang: str) -> list[tuple[Term, Avoid]]:
        """Deprecated or forbidden target terms in ``dst_text`` of the concepts named in ``src_text``."""
        return [
            (term, avoid)
            for term in self.in_source(src_text)
            for avoid in term.avoided(dst_lang)
            if uses_phrase(dst_text, avoid.text, dst_lang)
        ]

    def missing(self, src_text: str, dst_text: str, dst_lang: str) -> list[Term]:
        """Terms whose source occurs in ``src_text`` but whose target is absent from ``dst_text``.

        A name inside a hyphenated compound ("Kazakhstan-Uzbekistan relations") becomes an
        adjective in a translation ("казахстанско-узбекские"), so only standalone uses count.
        """
        folded = fold(dst_text, dst_lang)
        words = re.findall(r"[\w'’-]+", folded)
        words += [part for word in words if "-" in word for part in word.split("-")]  # "Kazakistan-Özbekistan"
        missing = []
        for term in self.in_source(src_text):
            target = term.targets.get(dst_lang)
            if not target or not any(_standalone_pattern(s).search(src_text) for s in term.sources):
                continue
            stems = _target_words(target, dst_lang)
            if not all(any(w.startswith(s) for w in words) for s in stems):
                missing.append(term)
        return missing


def _parser() -> etree.XMLParser:
    # No DTD, no entity expansion, no network, no huge trees: what defusedxml guards against.
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True
    )


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in node if _local(child.tag) == name]


def _terms_of(lang_set: etree._Element) -> list[tuple[str, Status | None, str]]:
    """Each term of a langSet (TBX ``tig`` or ``ntig``) with its status and its note."""
    found = []
    for group in lang_set.iter():
        if _local(group.tag) not in ("tig", "ntig"):
            continue
        term = next((n for n in group.iter() if _local(n.tag) == "term"), None)
        if term is None or not _text(term):
            continue
        status: Status | None = None
        notes = []
        for node in group.iter():
            kind = _local(node.tag)
            if kind == "termNote" and node.get("type") == "administrativeStatus":
                value = _text(node).lower()
                if value not in _STATUSES:
                    raise GlossaryError(
                        f"unknown administrativeStatus {value!r} of term {_text(term)!r}; "
                        f"use one of: {', '.join(sorted(set(_TBX_STATUS.values())))}",
                        None,
                        node.sourceline,
                    )
                status = _STATUSES[value]
            elif kind == "note" or (kind == "termNote" and node.get("type") == "usageNote"):
                notes.append(_text(node))
        found.append((_text(term), status, " ".join(notes)))
    return found


def _term_of(entry: etree._Element, src_lang: str) -> Term | None:
    definition = " ".join(
        _text(n) for n in entry if _local(n.tag) in ("descrip", "note") and n.get("type") in (None, "definition")
    )
    preferred: dict[str, list[str]] = {}
    avoid: dict[str, tuple[Avoid, ...]] = {}
    for lang_set in _children(entry, "langSet"):
        lang = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
        terms = _terms_of(lang_set)
        if not lang or not terms:
            continue
        usable = [t for t in terms if t[1] not in ("deprecated", "forbidden")]
        usable.sort(key=lambda t: t[1] != "preferred")  # an explicit preferred term comes first
        preferred[lang] = [text for text, _, _ in usable]
        bad = tuple(Avoid(text, status, note) for text, status, note in terms if status in ("deprecated", "forbidden"))
        if bad:
            avoid[lang] = bad
    source = preferred.pop(src_lang, None)
    if not source:
        return None
    return Term(
        src=source[0],
        variants=tuple(source[1:]),
        targets={k: v[0] for k, v in preferred.items() if v},
        note=definition,
        avoid=avoid,
        id=entry.get("id") or "",
    )


def read_glossary(path: Path, src_lang: str = "en") -> Glossary:
    """Read a TBX glossary; a missing file is an empty glossary."""
    if not path.is_file():
        return Glossary()
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"not well-formed TBX: {exc.msg}", path, exc.lineno) from exc
    if tree.docinfo.internalDTD is not None and tree.docinfo.internalDTD.iterentities():
        raise GlossaryError("a glossary may not declare XML entities (refused: entity expansion attacks)", path, 1)
    terms = []
    try:
        for entry in tree.getroot().iter("{*}termEntry"):
            term = _term_of(entry, src_lang)
            if term is not None:
                terms.append(term)
    except GlossaryError as exc:
        raise GlossaryError(exc.message, path, exc.line) from exc
    return Glossary(tuple(terms))


def _add_term(lang_set: ET.Element, text: str, status: Status | None, note: str = "") -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    if status is not None:
        ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = _TBX_STATUS[status]
    if note:
        ET.SubElement(tig, "note").text = note


def write_glossary(path: Path, glossary: Glossary, src_lang: str = "en") -> str:
    """TBX text for ``glossary`` (used to regenerate the file after editing terms in code or CSV)."""
    martif = ET.Element("martif", {"type": "TBX", _XML_LANG: src_lang})
    header = ET.SubElement(martif, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "workflow glossary: names and terms of the project"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for index, term in enumerate(glossary.terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": term.id or f"t{index}"})
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        langs = [src_lang, *(k for k in term.targets if k != src_lang)]
        langs += [k for k in term.avoid if k not in langs]
        for lang in langs:
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
            good = (
                (term.src, *term.variants)
                if lang == src_lang
                else ((term.targets[lang],) if lang in term.targets else ())
            )
            marked = bool(term.avoided(lang))
            for position, word in enumerate(good):
                _add_term(lang_set, word, ("preferred" if position == 0 else "admitted") if marked else None)
            for avoid in term.avoided(lang):
                _add_term(lang_set, avoid.text, avoid.status, avoid.note)
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
