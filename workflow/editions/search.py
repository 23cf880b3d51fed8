"""What the contents pages, feeds and search need of an article's text, and the search index.

- :func:`facts`: an article's lead (its first paragraph of prose, as plain text), its length
  in words (for the reading time) and its search keys (:mod:`.stemming`);
- :func:`index_script`: a language's search index as a script (``<lang>/search-index.js``),
  loaded by ``<lang>/search.html`` with a ``<script>`` element, so search works from
  ``file://`` as well as from a server, offline. Its values are JSON (never markup): the
  page's script puts them in the page as text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt

from ..segment import markdown
from .localize import LocalArticle, Shown
from .stemming import keys

LEAD_WORDS = 40  # a lead longer than this is cut at a word, with an ellipsis
LEAD_MIN_WORDS = 8  # a shorter block (a subheading, a dateline) is not the lead
WORDS_PER_MINUTE = 180  # a reading speed for the reading time (words of any of our languages)
_TAG = re.compile(r"<[^>]*>")
_NOTE_REF = re.compile(r"\[\^[^\]\s]+\]")


@dataclass(frozen=True)
class Facts:
    lead: str
    lead_fallback: bool  # the lead is a passage shown in the source language
    words: int
    keys: str  # the search keys, space-separated and sorted


def plain(text: str, md: MarkdownIt | None = None) -> str:
    """Inline Markdown as the plain text a reader sees (no footnote markers)."""
    rendered = (md or markdown()).renderInline(_NOTE_REF.sub("", text))
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())


def minutes(words: int) -> int:
    """The reading time of ``words`` words, in whole minutes (at least one)."""
    return max(1, round(words / WORDS_PER_MINUTE))


def facts(page: LocalArticle) -> Facts:
    md = markdown()
    texts = [plain(block.text, md) for block in page.blocks]
    first = next((i for i, t in enumerate(texts) if len(t.split()) >= LEAD_MIN_WORDS), 0)
    lead = texts[first] if texts else ""
    fallback = bool(texts) and page.blocks[first].shown is Shown.FALLBACK
    cut = lead.split()
    if len(cut) > LEAD_WORDS:
        lead = " ".join(cut[:LEAD_WORDS]).rstrip(",;:—–-") + "…"
    fields = " ".join(t.text for name, t in sorted(page.fields.items()) if name != "author_bio")
    everything = " ".join((fields, *texts))
    return Facts(
        lead=lead,
        lead_fallback=fallback,
        words=sum(len(t.split()) for t in texts),
        keys=" ".join(keys(everything, page.lang)),
    )


@dataclass(frozen=True)
class Doc:
    href: str
    title: str
    lead: str
    date: str  # localized
    keys: str


SHARD = 1000  # documents per index file: a change rewrites the file that holds it, not the whole index


def index_name(number: int) -> str:
    """search-index.js, then search-index_2.js...: the files of a language's search index."""
    return "search-index.js" if number == 1 else f"search-index_{number}.js"


def index_script(lang: str, docs: Sequence[Doc]) -> bytes:
    """One file of the search index: its documents, each with its search keys.

    The search page loads every file, in order; its script joins their documents and turns the
    keys into postings. Writing postings here would make rebuilding a large archive's index
    cost a dictionary update per word of every article, for files no smaller.
    """
    data = {"lang": lang, "docs": [[d.href, d.title, d.lead, d.date, d.keys] for d in docs]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.workflowSearchParts = window.workflowSearchParts || []).push({text});\n".encode()
