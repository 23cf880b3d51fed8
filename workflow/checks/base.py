"""What every check shares: the finding, the texts a check reads, and the ``Check`` protocol."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import polib

from ..glossary import Glossary

Severity = Literal["error", "warning", "info"]
# Characters of a translation the checks read: a paragraph is a few thousand. Beyond this only
# `length` looks at it (and says so): markdown-it's link parsing is superlinear on hostile text.
MAX_CHECKED = 20_000
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem: where (file, line, entry), which check, how bad, and why, in one line."""

    path: Path
    line: int
    slug: str
    lang: str
    msgctxt: str | None
    msgid: str
    check: str
    severity: Severity
    message: str

    def excerpt(self, width: int = 60) -> str:
        text = " ".join(self.msgid.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    def line_text(self, root: Path) -> str:
        """``path:line: severity: check: message [msgid excerpt]``, the path relative to ``root``."""
        try:
            where = self.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            where = self.path.as_posix()
        tail = f" [{self.excerpt()}]" if self.msgid else ""
        return f"{where}:{self.line}: {self.severity}: {self.check}: {self.message}{tail}"


@dataclass(frozen=True)
class Pair:
    """A translation against its source, as an entry check reads it."""

    src: str
    dst: str
    lang: str
    kind: str = ""  # what the unit is ("paragraph", "footnote ii"), from the extracted comment
    glossary: Glossary = field(default_factory=Glossary)
    src_lang: str = "en"


@dataclass(frozen=True)
class Problem:
    """What an entry check found; ``severity`` None means the check's own."""

    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class Catalog:
    """One catalog as the checks see it: parsed once, shared by every check."""

    path: Path
    slug: str
    lang: str
    po: polib.POFile
    glossary: Glossary
    lines: tuple[str, ...] = ()  # the file's lines, for checks that point into the header
    src_lang: str = "en"


@dataclass(frozen=True)
class Hit:
    """A check's raw result before acceptance and fuzziness are applied."""

    entry: polib.POEntry | None
    line: int | None  # None: the entry's msgstr line
    message: str
    severity: Severity | None = None


class Check(Protocol):
    """A quality check: a name editors can accept it by, a default severity, and what it finds."""

    @property
    def name(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def summary(self) -> str: ...

    def run(self, catalog: Catalog) -> Iterator[Hit]: ...


def has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def pairs_of(entry: polib.POEntry, catalog: Catalog) -> list[Pair]:
    """The (source, translation) texts of an entry: one, or one per filled plural form."""
    kind, lang, glossary, src_lang = entry.comment or "", catalog.lang, catalog.glossary, catalog.src_lang
    if not entry.msgid_plural:
        return [Pair(entry.msgid, entry.msgstr, lang, kind, glossary, src_lang)] if entry.msgstr else []
    found = []
    for index, text in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0])):
        if text:
            # Form 0 answers the singular, unless the language has a single form for every count.
            src = entry.msgid if int(index) == 0 and len(entry.msgstr_plural) > 1 else entry.msgid_plural
            found.append(Pair(src, text, lang, kind, glossary, src_lang))
    return found


EntryFn = Callable[[Pair], Iterable["Problem | str"]]


@dataclass(frozen=True)
class EntryCheck:
    """A check of each translated entry on its own, from a function over its ``Pair``s."""

    name: str
    severity: Severity
    summary: str
    fn: EntryFn

    def run(self, catalog: Catalog) -> Iterator[Hit]:
        for entry in catalog.po:
            if entry.obsolete or not has_translation(entry):
                continue
            seen: set[str] = set()
            for pair in pairs_of(entry, catalog):
                if self.name != "length" and max(len(pair.dst), len(pair.src)) > MAX_CHECKED:
                    continue
                for found in self.fn(pair):
                    problem = found if isinstance(found, Problem) else Problem(found)
                    if problem.message not in seen:
                        seen.add(problem.message)
                        yield Hit(entry, None, problem.message, problem.severity)
