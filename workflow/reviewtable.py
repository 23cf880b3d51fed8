"""A review round with an outside reviewer: a bilingual table out, the annotated table back in.

``export_table`` writes the entries of one language (every article's catalog and the UI's) as
a CSV table that opens in a spreadsheet (UTF-8 with a byte-order mark, so Excel and
LibreOffice read the Cyrillic and Turkish letters right): language, article, context, source,
translation, state and the check findings, then empty columns for the reviewer: a
``correction``, an MQM ``severity`` and ``category``, and a ``comment``.

``import_table`` reads it back. A correction is never written over a translation: it becomes
the entry's msgstr as a *fuzzy* suggestion, with a translator comment that names the
reviewer, carries the comment, and keeps the translation it replaces, so an editor sees
both in Poedit, Weblate or the review dashboard and decides. A comment without a correction
is added as a translator comment only. A row whose source no longer matches a catalog entry
(the source changed since the export) is skipped and reported, never guessed. Importing the
same table twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .catalogs import read_catalog, state_of, write_catalog
from .checks import CHECKS, catalog_paths, check_catalogs
from .config import Config
from .errors import ReviewError
from .fsutil import write_text_atomic
from .glossary import read_glossary
from .pipeline import choose_langs

COLUMNS = (
    "language",
    "article",
    "context",
    "source",
    "translation",
    "state",
    "findings",
    "correction",
    "severity",
    "category",
    "comment",
)
REVIEWER_COLUMNS = ("correction", "severity", "category", "comment")
PREFIX = "review:"


@dataclass
class ImportResult:
    """What an import did: suggestions made, comments added, rows skipped and why."""

    suggested: int = 0
    commented: int = 0
    unchanged: int = 0
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: why"


def _text(entry: polib.POEntry) -> str:
    return entry.msgstr or "\n".join(v for _, v in sorted(entry.msgstr_plural.items()))


def export_table(config: Config, lang: str, slugs: Sequence[str] | None = None, out: Path | None = None) -> Path:
    """Write the bilingual table of ``lang`` (build/review/<lang>.csv by default) and return its path."""
    (lang,) = choose_langs(config, [lang])
    paths = catalog_paths(config, [lang], slugs)
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    findings: dict[tuple[str, str | None, str], list[str]] = {}
    for finding in check_catalogs(paths, glossary, CHECKS, tuple(CHECKS), src_lang=config.src_lang):
        key = (finding.slug, finding.msgctxt, finding.msgid)
        findings.setdefault(key, []).append(f"{finding.severity}: {finding.check}: {finding.message}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for path, _ in paths:
        for entry in read_catalog(path):
            if entry.obsolete:
                continue
            key = (path.stem, entry.msgctxt, entry.msgid)
            source = entry.msgid if not entry.msgid_plural else f"{entry.msgid}\n{entry.msgid_plural}"
            writer.writerow(
                [lang, path.stem, entry.msgctxt or "", source, _text(entry), state_of(entry).value]
                + ["\n".join(findings.get(key, []))]
                + [""] * len(REVIEWER_COLUMNS)
            )
    target = out or config.build_dir / "review" / f"{lang}.csv"
    write_text_atomic(target, "\ufeff" + buffer.getvalue())
    return target


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewError("not UTF-8: save the table as CSV UTF-8", path) from exc
    except OSError as exc:
        raise ReviewError(f"cannot read: {exc.strerror}", path) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [
        c
        for c in ("language", "article", "context", "source", "correction", "comment")
        if c not in (reader.fieldnames or [])
    ]
    if missing:
        raise ReviewError(f"the table has no column {missing[0]!r}; export one with 'workflow review-export'", path, 1)
    rows = []
    for row in reader:
        rows.append((reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}))
    return rows


def _note(row: dict[str, str], reviewer: str) -> str:
    labels = [x for x in (reviewer, row.get("severity", "").strip(), row.get("category", "").strip()) if x]
    comment = " ".join(row.get("comment", "").split())
    head = f"{PREFIX} {' · '.join(labels)}" if labels else PREFIX
    return f"{head}: {comment}" if comment else head


def _apply(entry: polib.POEntry, row: dict[str, str], reviewer: str, result: ImportResult) -> bool:
    """Apply one annotated row to its entry; whether the entry changed."""
    correction = row.get("correction", "").strip()
    note = _note(row, reviewer)
    comments = (entry.tcomment or "").splitlines()
    has_comment = bool(row.get("comment", "").strip())
    if correction and correction != _text(entry) and not entry.msgid_plural:
        was = " ".join(_text(entry).split())
        comments += [note, f"{PREFIX} replaced: {was}" if was else f"{PREFIX} was untranslated"]
        entry.msgstr = correction
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        entry.tcomment = "\n".join(comments)
        result.suggested += 1
        return True
    if has_comment and note not in comments:
        entry.tcomment = "\n".join([*comments, note])
        result.commented += 1
        return True
    result.unchanged += 1
    return False


def import_table(config: Config, table: Path, reviewer: str = "") -> ImportResult:
    """Turn an annotated table's corrections into fuzzy suggestions and its comments into notes."""
    result = ImportResult()
    by_catalog: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    for line, row in _rows(table):
        if not any(row.get(c, "").strip() for c in ("correction", "comment")):
            continue
        lang, slug = row["language"].strip(), row["article"].strip()
        if not lang or not slug:
            raise ReviewError("a row without its language or article", table, line)
        by_catalog.setdefault((lang, slug), []).append((line, row))
    for (lang, slug), rows in sorted(by_catalog.items()):
        (lang,) = choose_langs(config, [lang])
        ((path, _),) = catalog_paths(config, [lang], [slug])
        po = read_catalog(path)
        entries = {(e.msgctxt or "", e.msgid): e for e in po if not e.obsolete}
        changed = False
        for line, row in rows:
            source = row["source"].split("\n", 1)[0] if "\n" in row["source"] else row["source"]
            entry = entries.get((row["context"], source))
            if entry is None:
                result.skipped.append(
                    f"{table}:{line}: the source is no longer in {config.relative(path)}; not applied"
                )
                continue
            changed = _apply(entry, row, reviewer, result) or changed
        if changed and write_catalog(path, po):
            result.written.append(path)
    return result
