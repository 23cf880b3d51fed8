"""Where a project's memory comes from and goes: reviewed catalog entries and imported TMX files.

- Every reviewed entry (not fuzzy, not empty, not obsolete) of every catalog of a language
  is a memory entry; its origin is the catalog's slug.
- ``workflow memory import FILE.tmx`` keeps the file's units, normalised, in
  ``locales/memory/<name>.tmx``; their origin is that file's name. Review state stays in
  files an editor can see and version, never in a hidden database.
- ``workflow memory export FILE.tmx`` writes both as one TMX 1.4 file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalogs import read_catalog, state_of
from ..config import Config
from ..errors import TmxError
from ..fsutil import safe_join
from ..model import State
from . import Request, Suggestion, Unavailable
from .memory import Memory, MemoryEntry
from .tmx import TranslationUnit, Variant, read_tmx, units_by_source, write_tmx

MEMORY_FOLDER = "memory"


@dataclass(frozen=True)
class MemoryFile:
    path: Path
    units: int
    languages: dict[str, int]  # target language -> translations
    skipped: int = 0  # units without a usable source or translation


def memory_dir(config: Config) -> Path:
    return config.locales_dir / MEMORY_FOLDER


def catalog_paths(config: Config, lang: str) -> list[Path]:
    return sorted((config.locales_dir / lang / "LC_MESSAGES").glob("*.po"))


def reviewed(po: polib.POFile, origin: str) -> list[MemoryEntry]:
    """Reviewed entries as memory; a plural entry gives one per form, as Translate Toolkit's po2tmx
    pairs them: form 0 with the singular source, every other form with the plural source."""
    found: list[MemoryEntry] = []
    for e in po:
        if e.obsolete or state_of(e) is not State.TRANSLATED:
            continue
        if not e.msgid_plural:
            found.append(MemoryEntry(e.msgid, e.msgstr, origin, e.msgctxt))
            continue
        for index in sorted(e.msgstr_plural):
            source = e.msgid if index == 0 else e.msgid_plural
            found.append(MemoryEntry(source, e.msgstr_plural[index], origin, e.msgctxt))
    return found


def imported(config: Config, lang: str) -> list[MemoryEntry]:
    found: list[MemoryEntry] = []
    for path in sorted(memory_dir(config).glob("*.tmx")):
        for unit in read_tmx(path, config.src_lang):
            if unit.source.lang != config.src_lang:
                continue
            for target in unit.targets:
                if target.lang == lang:
                    found.append(MemoryEntry(unit.source.text, target.text, path.name, unit.context or None))
    return found


def memory_entries(config: Config, lang: str, loaded: Mapping[Path, polib.POFile] | None = None) -> list[MemoryEntry]:
    """Reviewed entries of every catalog of ``lang`` (already read ones reused) plus imported TMX."""
    loaded = loaded or {}
    found: list[MemoryEntry] = []
    for path in catalog_paths(config, lang):
        po = loaded.get(path) or read_catalog(path)
        found.extend(reviewed(po, path.stem))
    found.extend(imported(config, lang))
    return found


def load_memory(config: Config, lang: str, loaded: Mapping[Path, polib.POFile] | None = None) -> Memory:
    return Memory(memory_entries(config, lang, loaded))


def export_memory(config: Config, path: Path, langs: Sequence[str]) -> MemoryFile:
    """Write every reviewed translation of ``langs`` (and imported ones) to one TMX file."""
    triples: list[tuple[str, Variant, Variant]] = []
    contexts: list[str] = []
    counts: dict[str, int] = {}
    for lang in langs:
        for entry in memory_entries(config, lang):
            source = Variant(config.src_lang, entry.source)
            triples.append((entry.source, source, Variant(lang, entry.target, entry.origin)))
            contexts.append(entry.context or "")
            counts[lang] = counts.get(lang, 0) + 1
    units = units_by_source(triples, contexts)
    write_tmx(path, units, config.src_lang)
    return MemoryFile(path, len(units), counts)


def import_memory(config: Config, path: Path) -> MemoryFile:
    """Keep a TMX file's units (source language of the project only) in ``locales/memory/``."""
    units = read_tmx(path, config.src_lang)
    name = path.stem if path.suffix.lower() == ".tmx" else path.name
    stored = safe_join(memory_dir(config), f"{name}.tmx")
    kept: list[TranslationUnit] = []
    counts: dict[str, int] = {}
    skipped = 0
    for unit in units:
        if unit.source.lang != config.src_lang:
            skipped += 1
            continue
        targets = tuple(Variant(t.lang, t.text, stored.name) for t in unit.targets)
        kept.append(TranslationUnit(Variant(config.src_lang, unit.source.text), targets, unit.context))
        for target in targets:
            counts[target.lang] = counts.get(target.lang, 0) + 1
    if not kept:
        raise TmxError(
            f"no translation unit with source language {config.src_lang!r}; nothing to import "
            f"(languages found: {', '.join(sorted({u.source.lang for u in units})) or 'none'})",
            path,
        )
    write_tmx(stored, kept, config.src_lang)
    return MemoryFile(stored, len(kept), counts, skipped)


class MemoryTranslator:
    """The chain's memory step: exact matches, then near ones above the project's similarity."""

    def __init__(self, memory: Memory, similarity: float) -> None:
        self.memory = memory
        self.similarity = similarity

    def describe(self) -> str:
        return f"memory ({len(self.memory)} reviewed entries)"

    def suggest(self, texts: Sequence[str]) -> Iterator[tuple[int, Suggestion | None]]:
        for index, match in enumerate(self.memory.match(texts, self.similarity)):
            if match is None:
                yield index, None
            elif match.exact:
                yield index, Suggestion(match.entry.target, f"tm: exact {match.entry.origin}", "exact")
            else:
                yield (
                    index,
                    Suggestion(
                        match.entry.target,
                        f"tm: {match.score}% {match.entry.origin}",
                        "near",
                        previous=match.entry.source,
                    ),
                )


def memory_translator(request: Request) -> MemoryTranslator:
    memory = load_memory(request.config, request.dst_lang, request.catalogs)
    if not len(memory):
        raise Unavailable(f"no reviewed {request.dst_lang} entries yet")
    return MemoryTranslator(memory, request.config.memory_similarity)
