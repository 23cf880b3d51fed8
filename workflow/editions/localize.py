"""An article in one language: every unit's text chosen by the fallback policy.

- translated (reviewed) units show the translation;
- untranslated and fuzzy units show the source text, marked as English (``lang="en"``)
  and visibly; with ``draft`` a fuzzy unit shows its suggestion, marked unreviewed;
- the source language's edition shows the source through the same path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..catalogs import entries, read_catalog
from ..config import Config
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
    fields: dict[str, Text]
    body: str  # Markdown, every block in the language shown
    block_shown: tuple[Shown, ...]  # per block of ``body``, in order
    ratio: float  # share of reviewed units

    @property
    def title(self) -> Text:
        return self.fields["title"]


def _choose(source: str, entry: Entry | None, draft: bool) -> Text:
    if entry is not None and entry.state is State.TRANSLATED and entry.text:
        return Text(entry.text, Shown.TRANSLATION)
    if draft and entry is not None and entry.state is State.FUZZY and entry.suggestion:
        return Text(entry.suggestion, Shown.DRAFT)
    return Text(source, Shown.FALLBACK)


# What would make a translated line start a different block than the one it replaces: a
# heading, quote, list, code fence, indented code, or a link/footnote definition.
_BLOCK_START = re.compile(r"^(\s{4,}|[#>]|[-+*](\s|$)|\d{1,9}[.)](\s|$)|`{3}|~{3}|\[[^\]]*\]:)")


def inline_safe(text: str) -> str:
    """A translation kept to one inline block, whatever an (untrusted) msgstr holds."""
    text = " ".join(text.splitlines()).strip()
    if re.match(r"^\d{1,9}[.)](\s|$)", text):
        return re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", text)  # "1\. z": an escaped list marker
    return "\\" + text if _BLOCK_START.match(text) else text


def catalog_path(config: Config, article: Article, lang: str) -> Path | None:
    return None if lang == config.src_lang else config.po_path(lang, article.slug)


def localize(article: Article, lang: str, config: Config, *, draft: bool = False) -> LocalArticle:
    if lang == config.src_lang:
        table: dict[tuple[str | None, str], Entry] = {}
        source = True
    else:
        path = config.po_path(lang, article.slug)
        table = entries(read_catalog(path)) if path.is_file() else {}
        source = False

    def pick(context: str | None, text: str) -> Text:
        if source:
            return Text(text, Shown.TRANSLATION)
        return _choose(text, table.get((context, text)), draft)

    fields = {}
    total = reviewed = 0
    for name in TRANSLATABLE_FIELDS:
        value = article.meta.field_text(name)
        if value:
            fields[name] = pick(name, value)
            total += 1
            reviewed += fields[name].shown is Shown.TRANSLATION
    shown: list[Shown] = []

    def translate(text: str) -> str:
        chosen = pick(None, text)
        shown.append(chosen.shown)
        return inline_safe(chosen.text) if chosen.shown is not Shown.FALLBACK else chosen.text

    body = reassemble(article.body, translate)
    total += len(shown)
    reviewed += sum(s is Shown.TRANSLATION for s in shown)
    return LocalArticle(
        article=article,
        lang=lang,
        fields=fields,
        body=body,
        block_shown=tuple(shown),
        ratio=reviewed / total if total else 1.0,
    )
