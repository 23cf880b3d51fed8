"""The vocabulary every stage speaks: plain frozen dataclasses, no behaviour beyond small helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# Front-matter fields an edition shows to readers, so they are translated like blocks.
TRANSLATABLE_FIELDS: tuple[str, ...] = ("title", "author", "author_role", "author_bio")


@dataclass(frozen=True)
class Meta:
    """An article's front matter."""

    title: str
    date: dt.date | None = None
    author: str | None = None
    author_role: str | None = None
    author_bio: str | None = None
    views: int | None = None
    section: str | None = None
    source_url: str | None = None
    original: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def field_text(self, name: str) -> str | None:
        value = getattr(self, name)
        return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class Article:
    slug: str
    path: Path
    meta: Meta
    body: str  # the CommonMark body, as in the file
    body_line: int  # 1-based line number of the body's first line in the file
    field_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> 1-based line


@dataclass(frozen=True)
class Block:
    """A translatable block of the body: where it stands and what surrounds its text."""

    kind: str  # e.g. "heading 2", "paragraph", "list item", "quote", "footnote ii"
    text: str  # unwrapped inline Markdown, the msgid
    start: int  # 0-based first line in the body
    end: int  # 0-based line after the block
    prefix: str  # what precedes the text on its first line ("## ", "> ", "[^i]: ")


@dataclass(frozen=True)
class Unit:
    """A translatable string of an article: a block or a front-matter field."""

    text: str
    kind: str
    line: int  # 1-based line in the source file
    context: str | None = None  # msgctxt, only for front-matter fields


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    TRANSLATED = "translated"


@dataclass(frozen=True)
class Entry:
    """One unit's translation in one language, as an edition needs it."""

    text: str
    state: State
    suggestion: str = ""


@dataclass(frozen=True)
class Progress:
    """Counts and source words of one catalog, by state."""

    slug: str
    lang: str
    counts: dict[State, int] = field(default_factory=dict)
    words: dict[State, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    @property
    def ratio(self) -> float:
        return self.counts.get(State.TRANSLATED, 0) / self.total if self.total else 1.0
