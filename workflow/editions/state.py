"""What the last build made from which inputs (build/.state/editions.db), so a rebuild redoes only what changed.

An SQLite database, read as the build needs it and updated in one transaction at its end, so a
rebuild costs what changed rather than the size of the archive:

- inputs: a digest per input file, reused while the file's identity (inode, size, mtime,
  ctime) is unchanged, so a no-op rebuild stats files and reads nothing else;
- outputs: per file written, the key of its inputs, its size and mtime, and whether the last
  build made it: an output is fresh when its key is the same and nobody touched it since;
- units: per language and article, the key of what it was localized from and what the
  contents page, the feed and the book need (title, date, share reviewed...), and apart from
  them its search keys, read only when that language's search index is rebuilt;
- chapters: per book, the key of each chapter, so an unchanged chapter is copied from the
  previous book instead of rendered;
- meta: the version, and the key of the last build as a whole, so repeating it with nothing
  changed costs a stat per file.

The state is only an accelerator: without it (or with a damaged one) everything is redone.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..stagecache import digest

STATE_FILE = Path(".state") / "editions.db"
VERSION = "3"
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE inputs (path TEXT PRIMARY KEY, ino INT, size INT, mtime INT, ctime INT, digest TEXT) WITHOUT ROWID;
CREATE TABLE outputs (path TEXT PRIMARY KEY, key TEXT, size INT, mtime INT, last INT) WITHOUT ROWID;
CREATE TABLE units (
    lang TEXT, slug TEXT, key TEXT, title TEXT, title_fallback INT, date TEXT, ratio REAL, author TEXT,
    lead TEXT, lead_fallback INT, words INT, translators TEXT, keys TEXT, PRIMARY KEY (lang, slug)
) WITHOUT ROWID;
CREATE TABLE chapters (lang TEXT, slug TEXT, key TEXT, PRIMARY KEY (lang, slug)) WITHOUT ROWID;
"""
_SUMMARY_COLUMNS = "key, title, title_fallback, date, ratio, author, lead, lead_fallback, words, translators"

Identity = tuple[int, int, int, int]
Record = tuple[str, int, int]  # an output's key, size and mtime


@dataclass(frozen=True)
class Summary:
    """What other pages (contents, feeds, the book's metadata) need of one article in one language."""

    key: str
    title: str
    title_fallback: bool  # the title is shown in the source language
    date: str  # ISO date, "" when unknown
    ratio: float
    author: str = ""  # as shown in this language
    lead: str = ""  # plain text
    lead_fallback: bool = False  # the lead is a passage shown in the source language
    words: int = 0
    translators: tuple[str, ...] = ()  # the catalog's Last-Translator and Language-Team, where set

    def row(self) -> tuple[object, ...]:
        return (
            self.key, self.title, int(self.title_fallback), self.date, self.ratio, self.author,
            self.lead, int(self.lead_fallback), self.words, json.dumps(list(self.translators), ensure_ascii=False),
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple[object, ...]) -> Summary:
        key, title, fallback, date, ratio, author, lead, lead_fallback, words, translators = row
        return cls(
            str(key), str(title), bool(fallback), str(date), float(ratio),  # type: ignore[arg-type]
            str(author), str(lead), bool(lead_fallback), int(words),  # type: ignore[call-overload]
            tuple(str(t) for t in json.loads(str(translators))),
        )  # fmt: skip


def _identity(stat: os.stat_result) -> Identity:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class BuildState:
    """Mutable on purpose: the build reads and updates it as it goes, then saves it once."""

    path: Path
    db: sqlite3.Connection | None = None
    inputs: dict[str, tuple[Identity, str]] = field(default_factory=dict)
    outputs: dict[str, Record] = field(default_factory=dict)
    last_key: str = ""
    last: set[str] = field(default_factory=set)  # the outputs the last build made
    seen: dict[str, str] = field(default_factory=dict)  # inputs looked at in this run, and their digests
    _new_inputs: dict[str, tuple[Identity, str]] = field(default_factory=dict)
    _dropped: set[str] = field(default_factory=set)  # outputs forgotten in this run
    _written: set[str] = field(default_factory=set)  # outputs recorded in this run
    _summaries: dict[str, dict[str, Summary]] = field(default_factory=dict)
    _new_units: dict[tuple[str, str], tuple[Summary, str]] = field(default_factory=dict)
    _chapters: dict[str, dict[str, str]] = field(default_factory=dict)
    _new_chapters: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, build_dir: Path) -> BuildState:
        path = build_dir / STATE_FILE
        state = cls(path=path)
        if not path.is_file():
            return state
        try:
            db = sqlite3.connect(path, isolation_level=None)
            state.db = db
            meta = dict(db.execute("SELECT name, value FROM meta"))
            if meta.get("version") != VERSION:
                raise ValueError("another version")
            state.last_key = meta.get("last", "")
            state.inputs = {
                str(p): ((ino, size, mtime, ctime), str(d))
                for p, ino, size, mtime, ctime, d in db.execute("SELECT * FROM inputs")
            }
            for name, key, size, mtime, last in db.execute("SELECT * FROM outputs"):
                state.outputs[name] = (key, size, mtime)
                if last:
                    state.last.add(name)
        except (sqlite3.Error, ValueError, TypeError):
            state.close()
            return cls(path=path)  # a damaged state, or another version's, only costs time
        return state

    # -- inputs --------------------------------------------------------------------------------

    def fingerprint(self, path: Path | str) -> str:
        """The digest of a file's bytes ("-" when it does not exist), rehashed only when it changed."""
        name = str(path)
        value = self.seen.get(name)
        if value is None:  # once per run: a file edited during the build waits for the next one
            value = self.seen[name] = self._digest(name)
        return value

    def _digest(self, name: str) -> str:
        try:
            identity = _identity(os.stat(name))
        except OSError:
            return "-"
        known = self.inputs.get(name)
        if known is not None and known[0] == identity:
            return known[1]
        try:
            with open(name, "rb") as fh:
                value = digest(fh.read())
        except OSError:
            return "-"
        self._new_inputs[name] = (identity, value)
        return value

    # -- outputs -------------------------------------------------------------------------------

    def fresh(self, path: Path, key: str) -> bool:
        """True when ``path`` was made from inputs with this ``key`` and is as it was written."""
        record = self.outputs.get(str(path))
        if record is None or record[0] != key:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == record[1:]

    def repeated(self, key: str) -> bool:
        """True when the last build had this key and every output it made is as it was written."""
        if not key or key != self.last_key:
            return False
        for name in self.last:
            record = self.outputs.get(name)
            try:
                stat = os.stat(name)
            except OSError:
                return False
            if record is None or (stat.st_size, stat.st_mtime_ns) != record[1:]:
                return False
        return True

    def made(self, path: Path, key: str) -> None:
        stat = path.stat()
        name = str(path)
        self.outputs[name] = (key, stat.st_size, stat.st_mtime_ns)
        self._written.add(name)
        self._dropped.discard(name)

    def forget(self, path: Path) -> None:
        name = str(path)
        self.outputs.pop(name, None)
        self._written.discard(name)
        self._dropped.add(name)

    # -- articles ------------------------------------------------------------------------------

    def summaries(self, lang: str) -> dict[str, Summary]:
        """Every article's summary in ``lang``, as last recorded (read once per build)."""
        found = self._summaries.get(lang)
        if found is None:
            found = {}
            if self.db is not None:
                query = f"SELECT slug, {_SUMMARY_COLUMNS} FROM units WHERE lang = ?"  # noqa: S608 (constant)
                found = {str(row[0]): Summary.from_row(row[1:]) for row in self.db.execute(query, (lang,))}
            self._summaries[lang] = found
        return found

    def record(self, lang: str, slug: str, summary: Summary, keys: str) -> None:
        """An article localized again in ``lang``: its summary and its search keys."""
        self.summaries(lang)[slug] = summary
        self._new_units[(lang, slug)] = (summary, keys)

    def search_keys(self, lang: str, slugs: Iterable[str]) -> dict[str, str]:
        """The search keys of these articles in ``lang`` (only the search index needs them)."""
        wanted = set(slugs)
        found: dict[str, str] = {}
        if self.db is not None:
            for slug, keys in self.db.execute("SELECT slug, keys FROM units WHERE lang = ?", (lang,)):
                if slug in wanted:
                    found[slug] = keys
        for (unit_lang, slug), (_, keys) in self._new_units.items():
            if unit_lang == lang and slug in wanted:
                found[slug] = keys
        return found

    def chapters(self, lang: str) -> dict[str, str]:
        """The key of each chapter of the book in ``lang`` as last written."""
        found = self._chapters.get(lang)
        if found is None:
            found = {}
            if self.db is not None:
                rows = self.db.execute("SELECT slug, key FROM chapters WHERE lang = ?", (lang,))
                found = {str(slug): str(key) for slug, key in rows}
            self._chapters[lang] = found
        return found

    def set_chapters(self, lang: str, chapters: dict[str, str]) -> None:
        self._chapters[lang] = chapters
        self._new_chapters[lang] = chapters

    # -- saving --------------------------------------------------------------------------------

    def save(self, whole: str, made: set[str], slugs: Iterable[str]) -> None:
        """Record this build (its key ``whole``, the outputs it ``made``, the articles that exist now)."""
        current = set(slugs)
        try:
            db = self._writable()
            with db:  # one transaction: the state is the old one or the new one, never half of each
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
                    ((name, *identity, value) for name, (identity, value) in self._new_inputs.items()),
                )
                gone = [(name,) for name in self.inputs if name not in self.seen and name not in self._new_inputs]
                db.executemany("DELETE FROM inputs WHERE path = ?", gone)
                db.executemany("DELETE FROM outputs WHERE path = ?", ((name,) for name in self._dropped))
                changed = self._written | (self.last ^ made)
                db.executemany(
                    "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
                    ((name, *self.outputs[name], int(name in made)) for name in changed if name in self.outputs),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ((lang, slug, *summary.row(), keys) for (lang, slug), (summary, keys) in self._new_units.items()),
                )
                for lang, rows in self._summaries.items():
                    removed = [(lang, slug) for slug in rows if slug not in current]
                    db.executemany("DELETE FROM units WHERE lang = ? AND slug = ?", removed)
                for lang, book in self._new_chapters.items():
                    db.execute("DELETE FROM chapters WHERE lang = ?", (lang,))
                    db.executemany("INSERT INTO chapters VALUES (?, ?, ?)", ((lang, s, k) for s, k in book.items()))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('last', ?)", (whole,))
        except sqlite3.Error:
            self.close()  # the state is only an accelerator: without it the next build redoes everything
            with contextlib.suppress(OSError):
                self.path.unlink()
        finally:
            self.close()

    def _writable(self) -> sqlite3.Connection:
        if self.db is None:
            for stale in (self.path, self.path.with_name(self.path.name + "-journal")):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
        return self.db

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
