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
- meta: the version, the key of the last build as a whole, so repeating it with nothing
  changed costs a stat per file, and the key of its frame (all it read but the articles'
  sources and catalogs), so a build where only those changed redoes only their articles.

The state is only an accelerator: without it (or with a damaged one) everything is redone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..stagecache import digest
from ..workers import cpus, forked

STATE_FILE = Path(".state") / "editions.db"
VERSION = "7"
LOOK_AHEAD = 2000  # outputs from which files are looked at in a child process too (see look_ahead)
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (kind TEXT PRIMARY KEY, listing TEXT NOT NULL);
CREATE TABLE inputs (path TEXT PRIMARY KEY, seen TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE outputs (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, key TEXT NOT NULL, last TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE units (
    lang TEXT, slug TEXT, key TEXT, title TEXT, title_fallback INT, date TEXT, ratio REAL, author TEXT,
    lead TEXT, lead_fallback INT, words INT, translators TEXT, PRIMARY KEY (lang, slug)
) WITHOUT ROWID;
CREATE TABLE search (lang TEXT, slug TEXT, keys TEXT, PRIMARY KEY (lang, slug)) WITHOUT ROWID;
CREATE TABLE chapters (lang TEXT, slug TEXT, key TEXT, PRIMARY KEY (lang, slug)) WITHOUT ROWID;
"""
_PUT_UNIT = "INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_PUT_KEYS = "INSERT OR REPLACE INTO search VALUES (?, ?, ?)"  # apart: the summaries are read far more often
_SUMMARY_COLUMNS = "key, title, title_fallback, date, ratio, author, lead, lead_fallback, words, translators"

# The inputs and outputs are read whole by every build, so each is kept as one text (table files)
# rather than a row per file: reading tens of thousands of rows cost more than the rest of a
# rebuild with nothing to do. Fields are separated by NUL, which no path holds. Inputs: path, then
# its identity and digest as "ino:size:mtime:ctime digest". Outputs: path, its size and mtime as
# "size:mtime", the key of its inputs, and "1" if the last build made it. A build that changed a
# few files adds rows for them to the tables inputs and outputs ("" for a file gone) instead of
# writing the texts again; they are written again once those rows are many (COMPACT).
_INPUT_FIELDS = 2
_OUTPUT_FIELDS = 4
COMPACT = 8  # rows of changes are folded into the texts once they are more than 1/COMPACT of them


def _fields(listing: str | None, count: int) -> list[list[str]]:
    parts = listing.split("\0") if listing else []
    if len(parts) % count:
        raise ValueError("a damaged listing")
    return [parts[start::count] for start in range(count)]


class Summary(NamedTuple):
    """What other pages (contents, feeds, the book's metadata) need of one article in one language.

    A named tuple rather than a dataclass: a rebuild of a large archive reads tens of thousands.
    """

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
            self.lead, int(self.lead_fallback), self.words, "\n".join(self.translators),  # header values are one line
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Summary:
        # Tens of thousands per build: the columns' types are the fields' (SQLite gives them back).
        key, title, fallback, date, ratio, author, lead, lead_fallback, words, team = row
        names = tuple(team.split("\n")) if team else ()
        return cls(key, title, bool(fallback), date, ratio, author, lead, bool(lead_fallback), words, names)


def text_key(text: str) -> str:
    """The key of one text: a digest in one call (keys of every article are made on every rebuild)."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _identity(stat: os.stat_result) -> str:
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns} "


def _listing(rows: Iterable[tuple[str, ...]]) -> str:
    return "\0".join(field for row in rows for field in row)


def _rows(changes: dict[str, tuple[str, str, str]]) -> Iterable[tuple[str, str, str, str]]:
    return ((name, *fields) for name, fields in changes.items())


def _stamp(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}"


@dataclass
class BuildState:
    """Mutable on purpose: the build reads and updates it as it goes, then saves it once."""

    path: Path
    db: sqlite3.Connection | None = None
    inputs: dict[str, str] = field(default_factory=dict)  # path -> identity and digest
    outputs: dict[str, str] = field(default_factory=dict)  # path -> size and mtime as written
    last_key: str = ""
    frame: str = ""  # the last build's frame (see build.ArticleKeys.frame)
    last: set[str] = field(default_factory=set)  # the outputs the last build made
    seen: dict[str, str] = field(default_factory=dict)  # inputs looked at in this run, and their digests
    _new_inputs: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # output path -> the key of the inputs it was made from
    _intact: set[str] | None = None  # the last build's outputs still as it wrote them (see repeated)
    _summaries: dict[str, dict[str, Summary]] = field(default_factory=dict)  # languages read whole
    _some: dict[str, dict[str, Summary | None]] = field(default_factory=dict)  # single articles read or recorded
    _kept_keys: dict[tuple[str, str], str] = field(default_factory=dict)  # when the database failed
    _chapters: dict[str, dict[str, str]] = field(default_factory=dict)
    _broken: bool = False  # a write failed: this build's state is not saved
    _new_chapters: dict[str, dict[str, str]] = field(default_factory=dict)  # per book: chapters new or changed
    _old_chapters: dict[str, list[str]] = field(default_factory=dict)  # per book: chapters it no longer has
    _ahead: Callable[[], None] | None = None  # takes in what a child process found (see look_ahead)
    _ahead_names: set[str] = field(default_factory=set)  # the inputs it looks at
    _touched_ahead: list[str] | None = None  # the outputs it found touched
    _changes: int = 0  # rows of changes to the inputs' and outputs' texts (see COMPACT)
    _written: set[str] = field(default_factory=set)  # outputs recorded in this run
    _dropped: set[str] = field(default_factory=set)  # outputs forgotten in this run

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
            state.frame = meta.get("frame", "")
            files = dict(db.execute("SELECT kind, listing FROM files"))
            paths, seen = _fields(files.get("inputs"), _INPUT_FIELDS)
            state.inputs = dict(zip(paths, seen, strict=True))
            for name, value in db.execute("SELECT path, seen FROM inputs"):
                state._changes += 1
                if value:
                    state.inputs[name] = value
                else:
                    state.inputs.pop(name, None)
            paths, stamps, keys, last = _fields(files.get("outputs"), _OUTPUT_FIELDS)
            state.outputs = dict(zip(paths, stamps, strict=True))
            state.keys = dict(zip(paths, keys, strict=True))
            made = {name for name, flag in zip(paths, last, strict=True) if flag == "1"}
            for name, stamp, key, flag in db.execute("SELECT path, stamp, key, last FROM outputs"):
                state._changes += 1
                if stamp:
                    state.outputs[name], state.keys[name] = stamp, key
                    (made.add if flag == "1" else made.discard)(name)
                else:
                    state.outputs.pop(name, None)
                    state.keys.pop(name, None)
                    made.discard(name)
            state.last = made
        except (sqlite3.Error, ValueError, TypeError):
            state.close()
            return cls(path=path)  # a damaged state, or another version's, only costs time
        return state

    # -- inputs --------------------------------------------------------------------------------

    def fingerprint(self, path: Path | str) -> str:
        """The digest of a file's bytes ("-" when it does not exist), rehashed only when it changed."""
        name = str(path)
        self._collect((name,))
        value = self.seen.get(name)
        if value is None:  # once per run: a file edited during the build waits for the next one
            value = self.seen[name] = self._digest(name)
        return value

    def fingerprints(self, names: list[str]) -> list[str]:
        """:meth:`fingerprint` of many files, in one loop (a large archive has tens of thousands)."""
        self._collect(names)
        seen, make, found = self.seen, self._digest, []
        for name in names:
            value = seen.get(name)
            if value is None:
                value = seen[name] = make(name)
            found.append(value)
        return found

    def changed(self) -> set[str]:
        """The inputs looked at in this run whose bytes differ from the last build's, or that appeared or went."""
        inputs = self.inputs
        found = {
            name
            for name, value in self._new_inputs.items()
            if inputs.get(name, " ").rpartition(" ")[2] != value.rpartition(" ")[2]
        }
        found.update(name for name, value in self.seen.items() if value == "-" and name in inputs)
        return found

    def _digest(self, name: str) -> str:
        try:
            identity = _identity(os.stat(name))
        except OSError:
            return "-"
        known = self.inputs.get(name)
        if known is not None and known.startswith(identity):
            return known[len(identity) :]
        try:
            with open(name, "rb") as fh:
                value = digest(fh.read())
        except OSError:
            return "-"
        self._new_inputs[name] = identity + value
        return value

    # -- outputs -------------------------------------------------------------------------------

    def key_of(self, path: Path | str) -> str | None:
        """The key of the inputs ``path`` was last made from."""
        return self.keys.get(str(path))

    def fresh(self, path: Path | str, key: str) -> bool:
        """True when ``path`` was made from inputs with this ``key`` and is as it was written."""
        name = str(path)
        stamp = self.outputs.get(name)
        if stamp is None or self.key_of(name) != key:
            return False
        if self._intact is not None and name in self.last:  # looked at once, with all the others
            return name in self._intact
        try:
            return _stamp(os.stat(name)) == stamp
        except OSError:
            return False

    def look_ahead(self, inputs: list[str]) -> None:
        """Start looking at the last build's outputs, and at these ``inputs``, in a child process.

        Only for a large archive on more than one CPU: a stat per file is most of a rebuild with
        nothing to do, and this process looks at the other inputs meanwhile. What the child
        found is taken in when first asked for.
        """
        if len(self.last) < LOOK_AHEAD or cpus() < 2:
            return
        names = [name for name in inputs if name not in self.seen]
        ahead = forked(lambda: (self._touched(), self.fingerprints(names), self._new_inputs))
        self._ahead_names = set(names)
        self._ahead = lambda: self._take(names, ahead())

    def _take(self, names: list[str], found: tuple[list[str], list[str], dict[str, str]] | None) -> None:
        if found is None:
            return  # the child failed: the files are looked at here instead, as they are asked for
        touched, values, new = found
        self.seen.update(zip(names, values, strict=True))
        self._new_inputs.update(new)
        self._touched_ahead = touched

    def _collect(self, names: Iterable[str] = ()) -> None:
        """Take in what the child found (before any of ``names``, or the outputs, is asked for)."""
        if self._ahead is not None and (not names or not self._ahead_names.isdisjoint(names)):
            ahead, self._ahead = self._ahead, None
            ahead()

    def _touched(self) -> list[str]:
        """The outputs of the last build that are no longer as it wrote them."""
        outputs, stat, touched = self.outputs, os.stat, []
        for name in self.last:
            try:
                st = stat(name)
            except OSError:
                touched.append(name)
                continue
            if f"{st.st_size}:{st.st_mtime_ns}" != outputs.get(name):
                touched.append(name)
        return touched

    def repeated(self, key: str) -> bool:
        """True when the last build had this key and every output it made is as it was written.

        Either way, every output of the last build is looked at here (or by :meth:`look_ahead`),
        once, in one loop: the build's freshness checks then read the answer instead of each
        making a call of its own.
        """
        self._collect()
        touched, self._touched_ahead = self._touched_ahead, None
        self._intact = self.last.difference(self._touched() if touched is None else touched)
        return bool(key) and key == self.last_key and self.untouched()

    def untouched(self) -> bool:
        """True when every output of the last build is as it wrote it (asked after :meth:`repeated`)."""
        return bool(self.last_key) and self._intact is not None and len(self._intact) == len(self.last)

    def made(self, path: Path, key: str) -> None:
        name = str(path)
        self.outputs[name] = _stamp(os.stat(name))
        self.keys[name] = key
        self._written.add(name)
        self._dropped.discard(name)
        if self._intact is not None:
            self._intact.add(name)  # as written now

    def forget(self, path: Path) -> None:
        name = str(path)
        self.outputs.pop(name, None)
        self.keys.pop(name, None)
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
            for slug, one in self._some.pop(lang, {}).items():  # recorded in this run: newer than any row
                if one is not None:
                    found[slug] = one
            self._summaries[lang] = found
        return found

    def summary(self, lang: str, slug: str) -> Summary | None:
        """One article's summary in ``lang``: a row, unless the language's summaries are read already.

        A rebuild that redoes a few articles reads theirs alone, not every article's in every language.
        """
        whole = self._summaries.get(lang)
        if whole is not None:
            return whole.get(slug)
        some = self._some.setdefault(lang, {})
        if slug not in some:
            row = None
            if self.db is not None:
                query = f"SELECT {_SUMMARY_COLUMNS} FROM units WHERE lang = ? AND slug = ?"  # noqa: S608 (constant)
                row = self.db.execute(query, (lang, slug)).fetchone()
            some[slug] = Summary.from_row(row) if row else None
        return some[slug]

    def record(self, lang: str, slug: str, summary: Summary, keys: str) -> None:
        """An article localized again in ``lang``: its summary, and its search keys.

        The keys (the bulk of an archive's state) go to the database as they come, in the
        build's one transaction, rather than being held in memory until the end.
        """
        whole = self._summaries.get(lang)
        if whole is not None:
            whole[slug] = summary
        else:
            self._some.setdefault(lang, {})[slug] = summary
        try:
            db = self._transaction()
            db.execute(_PUT_UNIT, (lang, slug, *summary.row()))
            db.execute(_PUT_KEYS, (lang, slug, keys))
        except sqlite3.Error:
            self._kept_keys[(lang, slug)] = keys  # kept here instead: this build's state is lost anyway
            self._broken = True

    def search_keys(self, lang: str, slugs: Iterable[str]) -> dict[str, str]:
        """The search keys of these articles in ``lang`` (only the search index needs them)."""
        chosen = set(slugs)
        wanted = sorted(chosen)
        found: dict[str, str] = {}
        if self.db is not None:
            for start in range(0, len(wanted), 500):  # SQLite limits the parameters of one statement
                chunk = wanted[start : start + 500]
                query = f"SELECT slug, keys FROM search WHERE lang = ? AND slug IN ({','.join('?' * len(chunk))})"  # noqa: S608
                found.update(self.db.execute(query, (lang, *chunk)))
        for (unit_lang, slug), keys in self._kept_keys.items():
            if unit_lang == lang and slug in chosen:
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
        before = self.chapters(lang)
        self._chapters[lang] = chapters
        self._new_chapters[lang] = {slug: key for slug, key in chapters.items() if before.get(slug) != key}
        self._old_chapters[lang] = [slug for slug in before if slug not in chapters]

    # -- saving --------------------------------------------------------------------------------

    def save(self, whole: str, frame: str, made: set[str], slugs: Iterable[str]) -> None:
        """Record this build (its key ``whole`` and its ``frame``, the outputs it ``made``, the articles that exist now)."""
        current = set(slugs)
        try:
            if self._broken:
                raise sqlite3.OperationalError("the state could not be written during the build")
            db = self._transaction()
            with db:  # one transaction: the state is the old one or the new one, never half of each
                seen = self.seen  # an input not read by this build, or read and found gone, is dropped
                inputs = {name: "" for name in self.inputs if seen.get(name, "-") == "-"}
                inputs.update(self._new_inputs)
                keys, outputs = self.keys, {name: ("", "", "") for name in self._dropped}
                for name in self._written | (self.last ^ made):
                    if name in self.outputs:
                        outputs[name] = (self.outputs[name], keys.get(name, ""), "1" if name in made else "0")
                self._changes += len(inputs) + len(outputs)
                if self._changes * COMPACT > len(self.inputs) + len(self.outputs):
                    self._compact(db, made)
                else:
                    db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?)", inputs.items())
                    db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", _rows(outputs))
                for lang, rows in self._summaries.items():
                    removed = [(lang, slug) for slug in rows if slug not in current]
                    db.executemany("DELETE FROM units WHERE lang = ? AND slug = ?", removed)
                    db.executemany("DELETE FROM search WHERE lang = ? AND slug = ?", removed)
                for lang, book in self._new_chapters.items():  # the chapters that changed
                    db.executemany(
                        "DELETE FROM chapters WHERE lang = ? AND slug = ?",
                        ((lang, s) for s in self._old_chapters[lang]),
                    )
                    db.executemany(
                        "INSERT OR REPLACE INTO chapters VALUES (?, ?, ?)", ((lang, s, k) for s, k in book.items())
                    )
                db.execute("INSERT OR REPLACE INTO meta VALUES ('last', ?)", (whole,))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('frame', ?)", (frame,))
        except sqlite3.Error:
            self.close()  # the state is only an accelerator: without it the next build redoes everything
            with contextlib.suppress(OSError):
                self.path.unlink()
        finally:
            self.close()

    def _compact(self, db: sqlite3.Connection, made: set[str]) -> None:
        """Write the inputs' and outputs' texts again, as they are now, with no rows of changes."""
        seen = self.seen
        inputs = {name: value for name, value in self.inputs.items() if seen.get(name, "-") != "-"}
        inputs.update(self._new_inputs)
        keys = self.keys
        outputs = (
            (name, stamp, keys.get(name, ""), "1" if name in made else "0") for name, stamp in self.outputs.items()
        )
        db.execute("INSERT OR REPLACE INTO files VALUES ('inputs', ?)", (_listing(inputs.items()),))
        db.execute("INSERT OR REPLACE INTO files VALUES ('outputs', ?)", (_listing(outputs),))
        db.execute("DELETE FROM inputs")
        db.execute("DELETE FROM outputs")

    def _transaction(self) -> sqlite3.Connection:
        """The database, in this build's write transaction (begun on the first write)."""
        db = self._writable()
        if not db.in_transaction:
            db.execute("BEGIN IMMEDIATE")
        return db

    def _writable(self) -> sqlite3.Connection:
        if self.db is None:
            old = (self.path, self.path.with_name(self.path.name + "-journal"), self.path.with_name("editions.json"))
            for stale in old:  # a damaged state, another version's, or the JSON state of releases before
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
