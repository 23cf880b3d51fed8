"""Segmentation: one walk over the Markdown tokens both extracts units and re-assembles text.

Rules:
- a unit is a block's inline text: a heading, a paragraph, a paragraph of a list item,
  of a quote or of a footnote; inline Markdown (emphasis, links, ``[^i]``) stays in it;
- soft line breaks inside a block become single spaces, so a unit is one line and
  re-assembly never re-wraps it (a wrapped line starting with "- " would become a list);
- non-breaking spaces and every other character are kept as they are;
- the translatable front-matter fields are units with their field name as context.

Extraction and re-assembly share :func:`blocks`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize
from mdit_py_plugins.footnote import footnote_plugin

from .model import TRANSLATABLE_FIELDS, Article, Block, Unit


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The one Markdown dialect of the project: CommonMark, footnotes, no raw HTML."""
    return MarkdownIt("commonmark", {"html": False}).use(footnote_plugin)


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """:func:`markdown` for finding blocks: inline text is parsed only where it may cite a footnote.

    Blocks need each inline token's text and lines, never its parsed children. But the footnote
    plugin keeps only the footnotes that are cited, in the order of their first citation, and
    citations are found by the inline parser: so text holding "[^" (a citation) or "^[" (an inline
    footnote) is still parsed, and the rest is not. The inline parser was a third of extraction's
    Markdown time; the blocks found are the same (a test compares them over the seeds and fixtures).
    """
    md = markdown.__wrapped__()
    md.core.ruler.at("normalize", _normalize_if_needed)
    md.core.ruler.at("inline", _parse_citing_inlines)
    return md


def _normalize_if_needed(state: StateCore) -> None:
    # The rule rewrites line ends and NULs with two substitutions over the whole body, a tenth of
    # the parser's time; a body without CR or NUL (every source: they are refused) is left as is.
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _parse_citing_inlines(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            if "[^" in token.content or "^[" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def _kind(stack: list[str], tag: str) -> str:
    if tag.startswith("h") and tag[1:].isdigit():
        return f"heading {tag[1:]}"
    for frame in reversed(stack):
        if frame.startswith("footnote"):
            return frame
    if "quote" in stack:
        return "quote" if "list item" not in stack else "quote list item"
    if "list item" in stack:
        return "list item"
    return "paragraph"


@lru_cache(maxsize=64)  # an edition re-assembles each article once per language
def blocks(body: str) -> tuple[Block, ...]:
    """The translatable blocks of a Markdown body, in source order."""
    return find_blocks(body, _block_parser())


def find_blocks(body: str, parser: MarkdownIt) -> tuple[Block, ...]:
    lines = body.split("\n")
    found: list[Block] = []
    stack: list[str] = []
    tag = ""
    for token in parser.parse(body):
        if token.type == "blockquote_open":
            stack.append("quote")
        elif token.type == "list_item_open":
            stack.append("list item")
        elif token.type == "footnote_open":
            stack.append(f"footnote {token.meta.get('label', '')}")
        elif token.type in ("blockquote_close", "list_item_close", "footnote_close"):
            stack.pop()
        elif token.type in ("paragraph_open", "heading_open"):
            tag = token.tag
        elif token.type == "inline" and token.map and tag:
            start, end = token.map
            text = " ".join(part.strip() for part in token.content.split("\n")).strip()
            if not text:
                continue
            first = token.content.split("\n", 1)[0]
            at = lines[start].find(first) if first else -1
            prefix = lines[start][:at] if at >= 0 else ""
            if tag.startswith("h") and at < 0:
                prefix = "#" * int(tag[1:]) + " "
            found.append(Block(kind=_kind(stack, tag), text=text, start=start, end=end, prefix=prefix))
            tag = ""
    return tuple(found)


def units(article: Article) -> list[Unit]:
    """Front-matter fields first (as readers see them), then the body's blocks."""
    found: list[Unit] = []
    for name in TRANSLATABLE_FIELDS:
        text = article.meta.field_text(name)
        if text:
            line = article.field_lines.get(name, 1)
            found.append(Unit(text=text, kind=f"front matter: {name}", line=line, context=name))
    for block in blocks(article.body):
        found.append(Unit(text=block.text, kind=block.kind, line=article.body_line + block.start))
    return found


def reassemble(body: str, translate: Callable[[str], str]) -> str:
    """The body with each block's text replaced by ``translate(text)``; the rest kept as is."""
    lines = body.split("\n")
    out: list[str] = []
    cursor = 0
    for block in blocks(body):
        out.extend(lines[cursor : block.start])
        first = lines[block.start]
        suffix = ""
        if block.kind.startswith("heading") and block.prefix.lstrip().startswith("#"):
            # keep a closing "##" sequence of an ATX heading
            rest = first[len(block.prefix) :].rstrip()
            if rest.endswith("#") and not rest.endswith("\\#"):
                suffix = rest[len(rest.rstrip("#")) :]
                suffix = " " + suffix if suffix else ""
        out.append(block.prefix + translate(block.text) + suffix)
        if block.kind.startswith("heading") and not block.prefix.lstrip().startswith("#"):
            out.extend(lines[block.start + 1 : block.end])  # setext underline
        cursor = block.end
    out.extend(lines[cursor:])
    return "\n".join(out)
