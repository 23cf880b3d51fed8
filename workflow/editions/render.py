"""Markdown -> safe XHTML-compatible HTML, marking each block shown in the source language.

Translations are untrusted. The project's one Markdown dialect (:func:`workflow.segment.markdown`)
does not pass raw HTML through (it is shown as text); on top of that, links keep only
http(s), mailto and relative targets (``javascript:``, ``data:`` and the like become plain
text), and images become their alt text (no remote loads from a msgstr). Every attribute and
label written here is escaped. The output is well-formed XML, so one rendering serves both
the HTML page and the EPUB chapter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import cast
from urllib.parse import urlsplit

from markdown_it.token import Token
from markdown_it.utils import OptionsDict, OptionsType

from ..catalogs import Key
from ..model import Article, Entry
from ..segment import markdown
from .localize import LocalArticle, Shown, localize, one_line, structure_breakers

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def N_(message: str) -> str:
    """Marks a UI string for extraction into locales/ui.pot; translated where it is used."""
    return message


# Words this module writes into a page; the caller passes them translated.
# Translators: a label on a passage showing a machine or memory suggestion no editor has checked (draft builds).
UNREVIEWED = N_("unreviewed")
# Translators: the label (for screen readers) of the arrow that leads from a footnote back to the text.
BACK_TO_TEXT = N_("Back to text")


@dataclass(frozen=True)
class Labels:
    unreviewed: str = UNREVIEWED
    back_to_text: str = BACK_TO_TEXT


@dataclass(frozen=True)
class Rendered:
    body: str  # the article's blocks
    notes: str  # the footnotes as <li> items ("" when there are none)


class StructureChanged(Exception):
    """The rendered blocks are not the ones localize put in: a translation changed the structure."""


def safe_href(href: str) -> bool:
    """A link target a reader can follow without running anything."""
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    target = "".join(ch for ch in href if ch.isprintable() and not ch.isspace()).lower()
    try:
        scheme = urlsplit(target).scheme
    except ValueError:
        return False
    return scheme == "" or scheme in SAFE_SCHEMES


def _plain(text: str) -> Token:
    return Token("text", "", 0, content=text)


def _raw(html: str) -> Token:
    # html_inline tokens are written as they are: only markup built here, with escaped values.
    return Token("html_inline", "", 0, content=html)


def _clean_inline(children: list[Token], labels: Labels) -> list[Token]:
    """Unsafe links unwrapped, images as their alt text, footnote links with roles and labels."""
    out: list[Token] = []
    kept: list[bool] = []  # per open link: whether it stays a link (its close must match)
    for token in children:
        if token.type == "link_open":
            kept.append(safe_href(str(token.attrGet("href") or "")))
            if kept[-1]:
                if token.markup in ("autolink", "linkify"):
                    token.attrSet("class", "url")  # its text is its address (print leaves it at that)
                out.append(token)
        elif token.type == "link_close":
            if kept.pop() if kept else True:
                out.append(token)
        elif token.type == "image":
            out.append(_plain(token.content))
        elif token.type == "footnote_ref":
            number = token.meta["id"] + 1
            sub = token.meta.get("subId", -1)
            ref = f"fnref{number}" + (f":{sub}" if sub > 0 else "")
            out.append(
                _raw(
                    f'<sup class="footnote-ref"><a href="#fn{number}" id="{ref}" role="doc-noteref">[{number}]</a></sup>'
                )
            )
        else:
            out.append(token)
    return out


def _backlink(token: Token, labels: Labels) -> Token:
    """The arrow from a footnote back to its reference, labelled for screen readers."""
    number = token.meta["id"] + 1
    sub = token.meta.get("subId", -1)
    ref = f"fnref{number}" + (f":{sub}" if sub > 0 else "")
    label = escape(labels.back_to_text)
    return Token(
        "html_block",
        "",
        0,
        content=f' <a href="#{ref}" class="footnote-backref" role="doc-backlink" aria-label="{label}">\u21a9\ufe0e</a>',
    )


def _mark(opener: Token, inline: Token, shown: Shown, src_lang: str, labels: Labels) -> None:
    """Put the block's state where a reader (and a screen reader) sees it."""
    if shown is Shown.TRANSLATION:
        return
    css = "fallback" if shown is Shown.FALLBACK else "draft"
    lang = f' lang="{escape(src_lang)}"' if shown is Shown.FALLBACK else ""
    children = list(inline.children or [])
    if shown is Shown.DRAFT:
        children.insert(0, _raw(f'<span class="watermark">{escape(labels.unreviewed)}</span> '))
    if opener.hidden:
        # A tight list's paragraph has no element of its own: wrap its text in one.
        children = [_raw(f'<span class="{css}"{lang}>'), *children, _raw("</span>")]
    else:
        opener.attrSet("class", css)
        if shown is Shown.FALLBACK:
            opener.attrSet("lang", src_lang)
    inline.children = children


def render(page: LocalArticle, src_lang: str, labels: Labels = Labels()) -> Rendered:
    """The body of ``page`` as HTML; raises :class:`StructureChanged` if a block moved."""
    md = markdown()
    env: dict[str, object] = {}
    tokens = md.parse(page.body, env)
    opener: Token | None = None
    index = 0
    # The same walk as segment.blocks: paragraph or heading, then its non-empty inline text.
    for token in tokens:
        if token.type in ("paragraph_open", "heading_open"):
            opener = token
        elif token.type == "inline" and opener is not None and token.map:
            text = one_line(token.content)
            if text:
                if index >= len(page.blocks) or text != one_line(page.blocks[index].text):
                    raise StructureChanged(f"{page.article.slug} [{page.lang}] block {index + 1}")
                _mark(opener, token, page.blocks[index].shown, src_lang, labels)
                index += 1
            opener = None
        if token.type == "inline":
            token.children = _clean_inline(list(token.children or []), labels)
    tokens = [_backlink(t, labels) if t.type == "footnote_anchor" else t for t in tokens]
    if index != len(page.blocks):
        raise StructureChanged(f"{page.article.slug} [{page.lang}] has {index} blocks, not {len(page.blocks)}")
    body, notes = _split_notes(tokens)
    options = OptionsDict(cast(OptionsType, {**md.options, "xhtmlOut": True}))  # well-formed XML for EPUB
    return Rendered(
        body=md.renderer.render(body, options, env),
        notes=md.renderer.render(notes, options, env) if notes else "",
    )


_NOTEREF = ' role="doc-noteref"'
_NOTE_ITEM = ' class="footnote-item">'


def for_epub(html: str) -> str:
    """Rendered HTML as an EPUB chapter has it: footnote references and notes with their
    ``epub:type`` (noteref, endnote), so reading systems can show notes as pop-ups.

    Only markup written here and by the footnote renderer holds these attribute strings:
    any text, translations included, has its quotes escaped.
    """
    return html.replace(_NOTEREF, ' epub:type="noteref"' + _NOTEREF).replace(
        _NOTE_ITEM, ' class="footnote-item" epub:type="endnote">'
    )


def _split_notes(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The body's tokens and the footnote items' tokens (the template draws the notes' frame)."""
    for start, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            end = next(i for i in range(len(tokens) - 1, start, -1) if tokens[i].type == "footnote_block_close")
            return tokens[:start] + tokens[end + 1 :], tokens[start + 1 : end]
    return tokens, []


def render_localized(
    article: Article,
    lang: str,
    table: Mapping[Key, Entry] | None,
    *,
    src_lang: str,
    draft: bool = False,
    labels: Labels = Labels(),
    page: LocalArticle | None = None,
) -> tuple[LocalArticle, Rendered, frozenset[int]]:
    """Localize and render ``article``; translations that would change its structure are not used.

    Such a translation (e.g. one that drops the only reference to a footnote, which removes
    the footnote) is found by trying each one alone; the source is shown there instead.
    ``page`` is the article already localized the same way, if the caller has it.
    Returns the page, its rendering, and the indexes of the blocks whose translation was set aside.
    """
    page = page or localize(article, lang, table, draft=draft)
    try:
        return page, render(page, src_lang, labels), frozenset()
    except StructureChanged:
        bad = structure_breakers(article, page)
        page = localize(article, lang, table, draft=draft, distrust=bad)
        return page, render(page, src_lang, labels), bad
