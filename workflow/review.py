"""The review dashboard: build/review/index.html, one static page that opens from file://.

Per language and article: a progress bar (translated / fuzzy / untranslated), the check
findings, and each fuzzy entry with its source, its suggestion, where the suggestion came
from (the ``mt:`` / ``tm:`` comment pre-translation left), and a word-level diff against the
previous source when ``update`` kept one. Translations are untrusted: the page is rendered
with autoescape on, and the diff is plain data that the template escapes like the rest.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .catalogs import progress, read_catalog, state_of
from .checks import CHECKS, Finding, catalog_paths, check_catalogs
from .config import BUILTIN_TEMPLATES, Config
from .errors import CatalogError
from .fsutil import write_text_atomic
from .glossary import read_glossary
from .languages import language_name
from .model import Progress, State
from .pipeline import choose_langs

TEMPLATE = "review/index.html"


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "del" (only in the previous source), "ins" (only in the new one)
    text: str


@dataclass(frozen=True)
class FuzzyEntry:
    line: int
    msgctxt: str | None
    source: str
    suggestion: str
    origin: str
    diff: tuple[Segment, ...]  # empty when there is no previous source
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CatalogReview:
    slug: str
    lang: str
    path: str
    progress: Progress
    findings: tuple[Finding, ...]
    fuzzy: tuple[FuzzyEntry, ...]

    def share(self, state: State) -> float:
        """Percentage of units in ``state``, for the bar."""
        total = self.progress.total
        return round(100 * self.progress.counts.get(state, 0) / total, 2) if total else 0.0

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The change from ``old`` to ``new``, word by word (spaces kept with their words)."""
    a, b = re.findall(r"\s*\S+\s*", old), re.findall(r"\s*\S+\s*", new)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return tuple(segments)


def origin_of(entry: polib.POEntry) -> str:
    """Where a suggestion came from: the provenance comment pre-translation wrote, if any."""
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(("mt:", "tm:")):
            return line.strip()
    if entry.previous_msgid:
        return "the source changed (workflow update kept the old translation)"
    return "not recorded"


def _fuzzy(po: polib.POFile, findings: Sequence[Finding]) -> tuple[FuzzyEntry, ...]:
    by_entry: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault((finding.msgctxt, finding.msgid), []).append(finding)
    items = []
    for entry in po:
        if entry.obsolete or state_of(entry) is not State.FUZZY:
            continue
        found = by_entry.get((entry.msgctxt, entry.msgid), [])
        items.append(
            FuzzyEntry(
                line=found[0].line if found else entry.linenum or 1,
                msgctxt=entry.msgctxt,
                source=entry.msgid,
                suggestion=entry.msgstr or "\n".join(v for _, v in sorted(entry.msgstr_plural.items())),
                origin=origin_of(entry),
                diff=word_diff(entry.previous_msgid, entry.msgid) if entry.previous_msgid else (),
                findings=tuple(found),
            )
        )
    return tuple(items)


def collect(
    config: Config, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None
) -> list[CatalogReview]:
    """What the dashboard shows, for each catalog of the chosen languages and articles."""
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    paths = catalog_paths(config, choose_langs(config, langs), slugs)
    findings = check_catalogs(paths, glossary, CHECKS, tuple(CHECKS), src_lang=config.src_lang)
    found: list[CatalogReview] = []
    for path, lang in paths:
        mine = tuple(f for f in findings if f.path == path)
        try:
            po = read_catalog(path)
        except CatalogError:  # an unreadable catalog is shown by its msgfmt finding alone
            po = polib.POFile()
        found.append(
            CatalogReview(
                slug=path.stem,
                lang=lang,
                path=config.relative(path),
                progress=progress(po, path.stem, lang),
                findings=mine,
                fuzzy=_fuzzy(po, mine),
            )
        )
    return found


def _environment(config: Config) -> Environment:
    loaders = [FileSystemLoader(str(config.templates_dir)), FileSystemLoader(str(BUILTIN_TEMPLATES))]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # translations are untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_review(config: Config, catalogs: Sequence[CatalogReview]) -> str:
    by_lang: dict[str, list[CatalogReview]] = {}
    for item in catalogs:
        by_lang.setdefault(item.lang, []).append(item)
    sections = [(lang, language_name(lang, "en"), items) for lang, items in by_lang.items()]
    return (
        _environment(config)
        .get_template(TEMPLATE)
        .render(title=config.project, sections=sections, State=State, checks=CHECKS)
    )


def write_review(config: Config, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None) -> Path:
    """Write build/review/index.html and return its path."""
    out = config.build_dir / "review" / "index.html"
    write_text_atomic(out, render_review(config, collect(config, langs, slugs)))
    return out
