"""An article in one language: every unit's text chosen by the fallback policy.

- a translated (reviewed) unit shows its translation;
- an untranslated or fuzzy unit shows the source text, marked as the source language, and
  with ``draft`` a fuzzy unit shows its suggestion instead, marked as unreviewed;
- the source language's edition goes through the same path, every unit "translated" as itself.

The body is re-assembled by :func:`workflow.segment.reassemble`, the walk that extracted the
units, so a translation lands exactly where its msgid came from. A translation is untrusted:
it is kept to one inline block (:func:`inline_safe`), so it cannot add, drop or merge blocks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..catalogs import Key
from ..model import TRANSLATABLE_FIELDS, Article, Entry, State
from ..segment import reassemble


class Shown(StrEnum):
    TRANSLATION = "translation"
    FALLBACK = "fallback"  # the source text, in the source language
    DRAFT = "draft"  # an unreviewed suggestion, shown with --draft


@dataclass(frozen=True)
class Text:
    text: str
    shown: Shown


@dataclass(frozen=True)
class LocalArticle:
    article: Article
    lang: str
    fields: Mapping[str, Text]  # translatable front-matter fields present in the source
    body: str  # Markdown, every block in the language shown
    blocks: tuple[Text, ...]  # per block of ``body``, in order: the text placed there and its state
    ratio: float  # share of units shown as translations: reviewed ones, and with draft suggestions too

    @property
    def title(self) -> Text:
        return self.fields["title"]

    @property
    def fallbacks(self) -> bool:
        return any(t.shown is Shown.FALLBACK for t in (*self.fields.values(), *self.blocks))

    @property
    def drafts(self) -> bool:
        return any(t.shown is Shown.DRAFT for t in (*self.fields.values(), *self.blocks))


# What would make a one-line text start another kind of block than the paragraph or heading it
# replaces: an ATX heading, a quote, a list item, a code fence, a setext underline, a link or
# footnote definition, or a run of one of - * _ (with a list marker before it, "- --" is a
# thematic break).
_BLOCK_START = re.compile(
    r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|`{3}|~{3}|=+\s*$|(?P<rule>[-*_])(\s*(?P=rule))*\s*$|\[[^\]]*\]:)"
)
_ORDERED = re.compile(r"^(\d{1,9})([.)])(\s|$)")


def one_line(text: str) -> str:
    """A block's text as the segmenter reads it: its lines joined by single spaces."""
    return " ".join(part.strip() for part in text.split("\n")).strip()


def inline_safe(text: str) -> str:
    """``text`` as one inline block, whatever an (untrusted) msgstr holds.

    Lines are joined (a new line could open a block), and a leading block marker is escaped
    with a backslash, which CommonMark renders as the character itself.
    """
    text = " ".join(part.strip() for part in text.splitlines()).strip()
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end(2) :]}"
    if _BLOCK_START.match(text):
        text = "\\" + text
    if text.endswith("#") and not text.endswith("\\#"):
        # a trailing run of '#' would be read as a heading's closing sequence and dropped
        text = text[:-1] + "\\#"
    return text


def choose(source: str, entry: Entry | None, *, draft: bool) -> Text:
    """The text readers see for one unit, and why."""
    if entry is not None and entry.state is State.TRANSLATED and entry.text.strip():
        return Text(entry.text, Shown.TRANSLATION)
    if draft and entry is not None and entry.state is State.FUZZY and entry.suggestion.strip():
        return Text(entry.suggestion, Shown.DRAFT)
    return Text(source, Shown.FALLBACK)


def localize(
    article: Article,
    lang: str,
    table: Mapping[Key, Entry] | None,
    *,
    draft: bool = False,
    distrust: frozenset[int] = frozenset(),
) -> LocalArticle:
    """``article`` in ``lang`` from its catalog's entries; ``table=None`` means the source language.

    ``distrust`` lists body blocks (by index) whose translation must not be used: the source
    text is shown instead (see :func:`structure_breakers`).
    """

    def pick(context: str | None, text: str) -> Text:
        if table is None:
            return Text(text, Shown.TRANSLATION)
        return choose(text, table.get((context, text)), draft=draft)

    fields: dict[str, Text] = {}
    for name in TRANSLATABLE_FIELDS:
        value = article.meta.field_text(name)
        if value:
            chosen = pick(name, value)
            # A field is plain text on one line in every template.
            fields[name] = Text(" ".join(chosen.text.split()), chosen.shown)
    placed: list[Text] = []

    def place(text: str) -> str:
        chosen = pick(None, text)
        if len(placed) in distrust:
            chosen = Text(text, Shown.FALLBACK)
        if chosen.text is not text:
            chosen = Text(inline_safe(chosen.text), chosen.shown)
        placed.append(chosen)
        return chosen.text

    body = reassemble(article.body, place)
    shown = [t.shown for t in (*fields.values(), *placed)]
    # A draft edition previews what review would publish, so its suggestions count too.
    reviewed = sum(s is Shown.TRANSLATION or s is Shown.DRAFT for s in shown)
    return LocalArticle(
        article=article,
        lang=lang,
        fields=fields,
        body=body,
        blocks=tuple(placed),
        ratio=reviewed / len(shown) if shown else 1.0,
    )


def structure_breakers(article: Article, page: LocalArticle) -> frozenset[int]:
    """Blocks whose translation, put in alone, changes the article's block structure.

    The slow path, for a page whose rendering did not find its blocks where they were put:
    each translated block is tried on its own against the source.
    """
    from ..segment import blocks

    bad = set()
    for index, chosen in enumerate(page.blocks):
        if chosen.shown is Shown.FALLBACK:
            continue
        texts: list[str] = []

        def one(text: str, index: int = index, chosen: Text = chosen, texts: list[str] = texts) -> str:
            texts.append(chosen.text if len(texts) == index else text)
            return texts[-1]

        trial = reassemble(article.body, one)
        if [b.text for b in blocks(trial)] != [one_line(t) for t in texts]:
            bad.add(index)
    return frozenset(bad)
