"""The block model every importer produces and the Markdown writer consumes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Meta

# paragraph, subheading, list item, quote, image caption, footnote text
BlockKind = Literal["paragraph", "heading", "item", "quote", "caption", "note"]


@dataclass(frozen=True)
class Block:
    """One block of an imported body; ``text`` is inline Markdown, already escaped."""

    kind: BlockKind
    text: str
    level: int = 2  # heading level
    ordered: bool = False  # list items: numbered or bulleted
    label: str = ""  # footnote label ("1", "ii")


@dataclass(frozen=True)
class Removed:
    """A block of the input that import dropped, and why, for the editor to check."""

    reason: str
    text: str


@dataclass(frozen=True)
class Extract:
    """An imported article: front matter, body blocks, what was dropped and what to tell the editor."""

    meta: Meta
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    prose_words: int = 0  # words in the input's densest run of prose: a kept body far shorter is a failure
    page_prose_words: int = 0  # words of running text anywhere in the input

    @property
    def body(self) -> str:
        from .markdown import render_blocks

        return render_blocks(self.blocks)

    @property
    def body_words(self) -> int:
        from .boilerplate import words

        return sum(words(b.text) for b in self.blocks if b.kind != "note")

    @property
    def has_prose(self) -> bool:
        """Whether the body holds running text, not only headings, menu items or captions."""
        from .boilerplate import is_prose

        return any(is_prose(b.text) for b in self.blocks if b.kind in ("paragraph", "quote", "item"))
