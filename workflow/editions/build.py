"""The build recipe: localize every article per language, then write the site and the books.

Files whose bytes would not change are not rewritten, so a rebuild with nothing changed
touches nothing, and changing one catalog rewrites only the pages and book of that language
(plus the pages that link to them, whose switcher may change).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import Config
from ..errors import ConfigError
from ..fsutil import safe_join, write_many_atomic, write_text_atomic
from ..pipeline import articles
from ..stagecache import digest, file_bytes
from .epub import book
from .html import Edition, site_files
from .localize import localize

FORMATS = ("html", "epub")
Report = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    unchanged: int


def _quiet(_: str) -> None:
    return None


def epub_path(config: Config, lang: str) -> Path:
    return safe_join(config.build_dir, "epub", f"{config.edition}-{lang}.epub")


def build(
    config: Config,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    *,
    draft: bool = False,
    report: Report = _quiet,
) -> BuildResult:
    chosen = tuple(dict.fromkeys(langs)) if langs else config.langs
    for lang in chosen:
        if lang not in config.langs:
            raise ConfigError(f"language {lang!r} has no edition; choose from {', '.join(config.langs)}")
    kinds = tuple(dict.fromkeys(formats)) if formats else FORMATS
    for kind in kinds:
        if kind not in FORMATS:
            raise ConfigError(f"unknown format {kind!r}; choose from {', '.join(FORMATS)}")
    state_path = config.build_dir / f".state-{'-'.join(chosen)}-{'-'.join(kinds)}{'-draft' if draft else ''}.json"
    inputs = _inputs_digest(config, chosen, draft)
    unchanged = _unchanged(state_path, inputs)
    if unchanged is not None:
        report("nothing changed since the last build")
        return BuildResult(written=(), unchanged=unchanged)
    found = sorted(articles(config), key=lambda a: (a.meta.date is None, a.meta.date, a.slug), reverse=False)
    editions: dict[str, Edition] = {}
    for lang in chosen:
        pages = tuple(localize(a, lang, config, draft=draft) for a in found)
        threshold = 0.0 if lang == config.src_lang else config.threshold
        published = frozenset(p.article.slug for p in pages if p.ratio >= threshold)
        editions[lang] = Edition(lang=lang, pages=pages, published=published)
        report(f"{lang}: {len(published)} of {len(pages)} articles in the edition")
    if "html" in kinds and config.src_lang not in editions:
        # Articles below the threshold link to the original, so the source edition is always built.
        pages = tuple(localize(a, config.src_lang, config) for a in found)
        editions = {config.src_lang: Edition(config.src_lang, pages, frozenset(a.slug for a in found)), **editions}
    files: list[tuple[Path, bytes]] = []
    epubs: dict[str, str] = {}
    if "epub" in kinds:
        for lang in chosen:
            edition = editions[lang]
            chapters = tuple(p for p in edition.pages if p.article.slug in edition.published)
            if not chapters:
                report(f"{lang}: no article reaches the threshold; no EPUB")
                continue
            path = epub_path(config, lang)
            files.append((path, book(config, lang, chapters)))
            epubs[lang] = f"../../epub/{path.name}"
    if "html" in kinds:
        files.extend(site_files(config, editions, epubs))
    changed = write_many_atomic(files)
    written = tuple(path for (path, _), did in zip(files, changed, strict=True) if did)
    state = {"inputs": inputs, "outputs": {str(path): digest(data) for path, data in files}}
    write_text_atomic(state_path, json.dumps(state, sort_keys=True))
    return BuildResult(written=written, unchanged=len(files) - len(written))


def _inputs_digest(config: Config, langs: tuple[str, ...], draft: bool) -> str:
    """Everything a build reads: configuration, templates, sources, catalogs, the date setting."""
    paths = [config.root / "workflow.toml"]
    paths += sorted(p for p in config.templates_dir.rglob("*") if p.is_file())
    paths += sorted(config.seeds_dir.glob("*.md"))
    for lang in langs:
        paths += sorted((config.locales_dir / lang / "LC_MESSAGES").glob("*.po"))
    parts = [str(p).encode() + b"\0" + file_bytes(p) for p in paths]
    parts.append(f"{__version__} {draft} {os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    return digest(*parts)


def _unchanged(state_path: Path, inputs: str) -> int | None:
    """The number of outputs when the last build had the same inputs and its outputs are intact."""
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("inputs") != inputs:
        return None
    outputs = state.get("outputs", {})
    for path, recorded in outputs.items():
        if digest(file_bytes(Path(path))) != recorded:
            return None
    return len(outputs)
