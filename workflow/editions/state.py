"""What the last build made from which inputs (build/.state/editions.json), so a rebuild skips it.

- inputs: a digest per input file, reused while the file's identity (inode, size, mtime,
  ctime) is unchanged, so a no-op rebuild reads the state and stats files, nothing more;
- units: per language and article, the key of what it was localized from and what the
  contents page and the switchers need (title, date, share reviewed), so unchanged articles
  are not localized again;
- outputs: per file written, the key of its inputs and its size and mtime: an output is
  fresh when its key is the same and nobody touched it since;
- chapters: per book, the key of each chapter, so an unchanged chapter is copied from the
  previous book instead of rendered;
- last: the key of the last build as a whole and the outputs it made, so repeating it with
  nothing changed costs a stat per file.

The state is only an accelerator: without it (or with a damaged one) everything is redone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import write_text_atomic
from ..stagecache import digest

STATE_FILE = Path(".state") / "editions.json"
VERSION = 2


@dataclass(frozen=True)
class Summary:
    """What other pages (contents, feeds, search, the book's metadata) need of one article in one language."""

    key: str
    title: str
    title_fallback: bool  # the title is shown in the source language
    date: str  # ISO date, "" when unknown
    ratio: float
    author: str = ""  # as shown in this language
    lead: str = ""  # plain text
    lead_fallback: bool = False  # the lead is a passage shown in the source language
    words: int = 0
    keys: str = ""  # search keys, space-separated
    translators: tuple[str, ...] = ()  # the catalog's Last-Translator and Language-Team, where set

    def row(self) -> list[object]:
        return [
            self.key, self.title, self.title_fallback, self.date, self.ratio,
            self.author, self.lead, self.lead_fallback, self.words, self.keys, list(self.translators),
        ]  # fmt: skip

    @classmethod
    def from_row(cls, row: list[object]) -> Summary:
        key, title, fallback, date, ratio, author, lead, lead_fallback, words, keys, translators = row
        return cls(
            str(key), str(title), bool(fallback), str(date), float(ratio),  # type: ignore[arg-type]
            str(author), str(lead), bool(lead_fallback), int(words), str(keys),  # type: ignore[call-overload]
            tuple(str(t) for t in translators),  # type: ignore[attr-defined]
        )  # fmt: skip


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


@dataclass
class BuildState:
    """Mutable on purpose: the build updates it as it goes, then saves it once."""

    path: Path
    inputs: dict[str, list[object]] = field(default_factory=dict)
    units: dict[str, dict[str, Summary]] = field(default_factory=dict)
    outputs: dict[str, list[object]] = field(default_factory=dict)
    chapters: dict[str, dict[str, str]] = field(default_factory=dict)
    last: tuple[str, tuple[str, ...]] = ("", ())
    seen: set[str] = field(default_factory=set)  # inputs looked at in this run

    @classmethod
    def load(cls, build_dir: Path) -> BuildState:
        path = build_dir / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise ValueError("another version")
            return cls(
                path=path,
                inputs={str(k): list(v) for k, v in data["inputs"].items()},
                units={
                    str(lang): {str(slug): Summary.from_row(row) for slug, row in rows.items()}
                    for lang, rows in data["units"].items()
                },
                outputs={str(k): list(v) for k, v in data["outputs"].items()},
                chapters={str(lang): dict(rows) for lang, rows in data["chapters"].items()},
                last=(str(data["last"][0]), tuple(str(p) for p in data["last"][1])),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path=path)  # a missing or damaged state only costs time

    def save(self) -> None:
        data = {
            "version": VERSION,
            "inputs": {k: v for k, v in sorted(self.inputs.items()) if k in self.seen},
            "units": {
                lang: {slug: s.row() for slug, s in sorted(rows.items())} for lang, rows in sorted(self.units.items())
            },
            "outputs": dict(sorted(self.outputs.items())),
            "chapters": {lang: dict(sorted(rows.items())) for lang, rows in sorted(self.chapters.items())},
            "last": [self.last[0], sorted(self.last[1])],
        }
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def fingerprint(self, path: Path) -> str:
        """The digest of a file's bytes ("-" when it does not exist), rehashed only when it changed."""
        name = str(path)
        self.seen.add(name)
        try:
            identity = _identity(path.stat())
        except OSError:
            self.inputs.pop(name, None)
            return "-"
        known = self.inputs.get(name)
        if known is not None and known[:4] == identity:
            return str(known[4])
        try:
            value = digest(path.read_bytes())
        except OSError:
            return "-"
        self.inputs[name] = [*identity, value]
        return value

    def fresh(self, path: Path, key: str) -> bool:
        """True when ``path`` was made from inputs with this ``key`` and is as it was written."""
        record = self.outputs.get(str(path))
        if record is None or record[0] != key:
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == record[1:]

    def repeated(self, key: str) -> bool:
        """True when the last build had this key and every output it made is as it was written."""
        if not key or key != self.last[0]:
            return False
        for name in self.last[1]:
            record = self.outputs.get(name)
            try:
                stat = os.stat(name)
            except OSError:
                return False
            if record is None or [stat.st_size, stat.st_mtime_ns] != record[1:]:
                return False
        return True

    def made(self, path: Path, key: str) -> None:
        stat = path.stat()
        self.outputs[str(path)] = [key, stat.st_size, stat.st_mtime_ns]

    def forget(self, path: Path) -> None:
        self.outputs.pop(str(path), None)
