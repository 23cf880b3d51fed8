"""Blocks -> the CommonMark body of a source; escaping so scraped prose never becomes markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Block

_URL_RE = re.compile(r"(?<![<(])\bhttps?://[^\s<>()\"”]+[^\s<>()\"”.,;:]")
# A note at the end of an article: "[1] text" (escaped as "\[1] text" by escape_markdown).
_NOTE_RE = re.compile(r"^\\\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]\s*(?P<text>.+)$", re.I)
_MARKER_RE = re.compile(r"\\\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]", re.I)


def escape_markdown(text: str) -> str:
    """Escape what CommonMark would read as markup in plain scraped prose."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`<>|])", r"\\\1", text)
    text = re.sub(r"\[(?!\^)", r"\\[", text)
    text = re.sub(r"^([#+=~-])", r"\\\1", text)
    text = re.sub(r"^(\d{1,9})([.)])(\s|$)", r"\1\\\2\3", text)
    return text


def linkify(text: str) -> str:
    """Bare URLs in escaped text become autolinks."""
    return _URL_RE.sub(lambda m: "<" + m.group(0).replace("\\_", "_") + ">", text)


def attach_notes(blocks: Sequence[Block]) -> tuple[list[Block], list[str]]:
    """Trailing ``[1] text`` paragraphs become footnotes when the body carries their markers.

    Returns the blocks and warnings for notes whose marker is missing (kept, marked at the end).
    """
    body = list(blocks)
    notes: list[Block] = []
    while body and body[-1].kind == "paragraph" and (m := _NOTE_RE.match(body[-1].text)):
        notes.insert(0, Block("note", linkify(m.group("text")), label=m.group("label").lower()))
        body.pop()
    if not notes:
        return body, []
    labels = {n.label for n in notes}
    used: set[str] = set()

    def marker(match: re.Match[str]) -> str:
        label = match.group("label").lower()
        if label in labels:
            used.add(label)
            return f"[^{label}]"
        return match.group(0)

    body = [Block(b.kind, _MARKER_RE.sub(marker, b.text), b.level, b.ordered, b.label) for b in body]
    unused = [n.label for n in notes if n.label not in used]
    warnings = [f"note [{label}] has no marker in the text; kept as a footnote at the end" for label in unused]
    if unused:
        body.append(Block("paragraph", " ".join(f"[^{label}]" for label in unused)))
    return body + notes, warnings


def render_blocks(blocks: Sequence[Block]) -> str:
    """CommonMark for ``blocks``: one block a line (never re-wrapped), blank lines between."""
    parts: list[str] = []
    number = 0
    for index, block in enumerate(blocks):
        prev = blocks[index - 1] if index else None
        in_list = prev is not None and prev.kind == "item" and block.kind == "item" and prev.ordered == block.ordered
        if block.kind == "item":
            number = number + 1 if in_list else 1
            line = f"{number}. {block.text}" if block.ordered else f"- {block.text}"
            if in_list:
                parts[-1] += "\n" + line
                continue
            parts.append(line)
        elif block.kind == "heading":
            parts.append("#" * max(2, min(block.level, 6)) + " " + block.text)
        elif block.kind == "quote":
            parts.append("> " + block.text)
        elif block.kind == "caption":
            parts.append(f"*{block.text}*")
        elif block.kind == "note":
            parts.append(f"[^{block.label}]: {block.text}")
        else:
            parts.append(block.text)
    return "\n\n".join(parts)
