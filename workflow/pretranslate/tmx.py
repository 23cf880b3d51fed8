"""TMX 1.4 export and import, so OmegaT, Trados or Weblate can use the memory and feed it.

Written files follow the TMX 1.4b structure: ``<tmx version="1.4">`` with a ``<header>``
carrying the required attributes (creationtool, creationtoolversion, segtype, o-tmf,
adminlang, srclang, datatype) and a ``<body>`` of ``<tu>`` elements, each with one
``<tuv xml:lang=…><seg>…</seg></tuv>`` per language. Where a translation came from is a
``<prop type="x-origin">`` of its ``<tuv>``; a catalog entry's msgctxt is a
``<prop type="x-context">`` of its ``<tu>``, as Translate Toolkit's po2tmx writes and reads it. Output is deterministic (sorted, no dates).

Reading accepts what other tools write: language codes in any case and with regions
("ru-RU" is "ru"), inline codes inside ``<seg>`` (their text is kept), ``srclang="*all*"``.
Files declaring entities are refused: nothing in a memory needs them, and they are the
way to make an XML parser explode.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .. import __version__
from ..errors import TmxError
from ..fsutil import write_bytes_atomic

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADER_ATTRIBUTES = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
_BAD_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Variant:
    lang: str
    text: str
    origin: str = ""


@dataclass(frozen=True)
class TranslationUnit:
    """One source text and its translations: a TMX ``<tu>``."""

    source: Variant
    targets: tuple[Variant, ...]
    context: str = ""  # the catalog's msgctxt; units with different contexts stay apart


def primary_lang(code: str) -> str:
    """The primary language subtag: ru-RU, RU and ru_RU are all "ru"."""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


def _clean(text: str, where: str) -> str:
    if _BAD_XML_CHARS.search(text):
        raise TmxError(f"{where}: holds a control character that XML cannot carry; remove it from the catalog")
    return text


def format_tmx(units: Iterable[TranslationUnit], src_lang: str) -> bytes:
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "workflow",
            "creationtoolversion": __version__,
            "segtype": "paragraph",
            "o-tmf": "gettext PO",
            "adminlang": "en",
            "srclang": src_lang,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    ordered = sorted(
        units, key=lambda u: (u.source.text, u.context, tuple((t.lang, t.text, t.origin) for t in u.targets))
    )
    for unit in ordered:
        parts = [unit.source.text, *(f"{t.lang}\x01{t.text}" for t in unit.targets)]
        if unit.context:  # without one, the id stays what earlier exports gave
            parts.append(f"\x02{unit.context}")
        tuid = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).hexdigest()
        tu = ET.SubElement(body, "tu", {"tuid": tuid, "srclang": unit.source.lang})
        if unit.context:
            prop = ET.SubElement(tu, "prop", {"type": "x-context"})
            prop.text = _clean(unit.context, f"context {unit.context[:40]!r}")
        for variant in (unit.source, *sorted(unit.targets, key=lambda t: (t.lang, t.text))):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: variant.lang})
            if variant.origin:
                prop = ET.SubElement(tuv, "prop", {"type": "x-origin"})
                prop.text = variant.origin
            seg = ET.SubElement(tuv, "seg")
            seg.text = _clean(variant.text, f"{variant.origin or variant.lang}: {variant.text[:40]!r}")
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_tmx(path: Path, units: Iterable[TranslationUnit], src_lang: str) -> bool:
    return write_bytes_atomic(path, format_tmx(units, src_lang))


def _seg_text(seg: ET.Element) -> str:
    # Inline codes (<bpt>, <ph>, <hi>, …) hold the original markup or text: keep it all.
    return "".join(seg.itertext())


class _NoEntities:
    """A binary file read in chunks, refusing an entity declaration before the parser sees it."""

    def __init__(self, fh: BinaryIO, path: Path) -> None:
        self._fh, self._path, self._tail = fh, path, b""

    def read(self, size: int = -1) -> bytes:
        chunk = self._fh.read(1 << 16 if size is None or size < 0 else size)
        if b"<!ENTITY" in self._tail + chunk:
            raise TmxError("declares XML entities, which a TMX file does not need; refusing to read it", self._path)
        self._tail = chunk[-8:]
        return chunk


def _unit(tu: ET.Element, file_src: str, default_src: str) -> TranslationUnit | None:
    src = tu.get("srclang", file_src)
    src = primary_lang(default_src if not src or src == "*all*" else src)
    variants: list[Variant] = []
    for tuv in tu.findall("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("seg")
        if not lang or seg is None:
            continue
        origin = next((p.text or "" for p in tuv.findall("prop") if p.get("type") == "x-origin"), "")
        variants.append(Variant(primary_lang(lang), _seg_text(seg), origin))
    source = next((v for v in variants if v.lang == src), None)
    if source is None or not source.text.strip():
        return None
    targets = tuple(v for v in variants if v is not source and v.lang != src and v.text.strip())
    context = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-context"), "")
    return TranslationUnit(source, targets, context) if targets else None


def read_tmx(path: Path, default_src: str) -> list[TranslationUnit]:
    """The units of a TMX file; ``default_src`` stands in for a missing or ``*all*`` srclang.

    Streamed: each ``<tu>`` is read and dropped, so a 100 MB memory never becomes a 1 GB tree.
    """
    units: list[TranslationUnit] = []
    seen: set[str] = set()
    file_src = ""
    try:
        with open(path, "rb") as fh:
            stack: list[ET.Element] = []
            for event, elem in ET.iterparse(_NoEntities(fh, path), events=("start", "end")):
                if event == "start":
                    if not stack and elem.tag != "tmx":
                        raise TmxError(f"not a TMX file (root element <{elem.tag}>, expected <tmx>)", path)
                    stack.append(elem)
                    continue
                stack.pop()
                if elem.tag in ("header", "body") and len(stack) == 1:
                    seen.add(elem.tag)
                if elem.tag == "header" and len(stack) == 1:
                    file_src = elem.get("srclang", "")
                elif elem.tag == "tu" and "body" in (e.tag for e in stack):
                    unit = _unit(elem, file_src, default_src)
                    if unit is not None:
                        units.append(unit)
                    for parent in stack[1:]:
                        parent.clear()  # what was read is dropped: memory stays flat
    except OSError as exc:
        raise TmxError(f"cannot read: {exc.strerror}", path) from exc
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise TmxError(f"not well-formed XML: {str(exc).split(':')[0]}", path, line) from exc
    if seen != {"header", "body"}:
        raise TmxError("a TMX file needs a <header> and a <body>", path)
    return units


def units_by_source(
    pairs: Sequence[tuple[str, Variant, Variant]], contexts: Sequence[str] = ()
) -> list[TranslationUnit]:
    """Group (key, source, target) triples into units: one per source text (and context) with all its languages.

    Two different reviewed translations of one source in one language become two units,
    so nothing an editor reviewed is dropped. ``contexts`` gives each triple's msgctxt.
    """
    grouped: dict[tuple[str, str], list[Variant]] = {}
    sources: dict[tuple[str, str], Variant] = {}
    for index, (key, source, target) in enumerate(pairs):
        group = (key, contexts[index] if index < len(contexts) else "")
        sources.setdefault(group, Variant(source.lang, source.text))
        bucket = grouped.setdefault(group, [])
        if all((t.lang, t.text) != (target.lang, target.text) for t in bucket):
            bucket.append(target)
    units: list[TranslationUnit] = []
    for group, targets in grouped.items():
        by_lang: dict[str, list[Variant]] = {}
        for target in targets:
            by_lang.setdefault(target.lang, []).append(target)
        rounds = max(len(v) for v in by_lang.values())
        for i in range(rounds):
            chosen = tuple(v[i] for v in by_lang.values() if i < len(v))
            units.append(TranslationUnit(sources[group], chosen, group[1]))
    return units
