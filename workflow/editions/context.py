"""What the templates get: a Jinja environment per language, and values already localized.

Dates, numbers and language names come from Babel (CLDR); the templates' words from ui.po
through Jinja's i18n extension, with autoescape on (translations are untrusted).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from ..languages import language_name
from ..textsafe import finalize
from .localize import LocalArticle, Text
from .render import Rendered
from .ui import EscapedTranslations


@functools.lru_cache(maxsize=8192)  # a large archive has thousands of articles but few dates and lengths
@functools.lru_cache(maxsize=4096)  # an archive has far fewer dates than articles
def local_date(date: dt.date | None, lang: str) -> str:
    """23 апреля 2019 г. / 2019 ж. 23 сәуір / 23 Nisan 2019 / April 23, 2019."""
    return format_date(date, format="long", locale=lang) if date else ""


@functools.lru_cache(maxsize=4096)
def local_number(number: int, lang: str) -> str:
    """2 066 / 2 066 / 2.066 / 2,066."""
    return format_decimal(number, locale=lang)


@functools.cache
def _compiled() -> BytecodeCache | None:
    """Templates compiled by earlier runs (a rebuild of one article compiled its templates for a tenth of
    a second). Jinja's own cache, in its private per-user folder; None where that cannot be made safely."""
    try:
        # The environments below all compile alike; the name keeps them apart from any other use.
        return FileSystemBytecodeCache(pattern="workflow-editions-%s.cache")
    except (OSError, RuntimeError):
        return None


def environment(templates: Path, translations: NullTranslations) -> Environment:
    """A Jinja environment with autoescape and one language's UI catalog installed."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        bytecode_cache=_compiled(),
        autoescape=True,  # translations and sources are untrusted
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=finalize,  # every printed value loses what XML/HTML cannot carry
    )
    env.install_gettext_translations(EscapedTranslations(translations), newstyle=True)  # type: ignore[attr-defined]
    return env


@dataclass(frozen=True)
class Link:
    """A link to a language's version of a page, for the switcher and the hreflang alternates."""

    lang: str
    href: str
    name: str  # the language's name in its own language
    name_here: str  # its name in the page's language
    title: str  # the edition's title in that language
    same: bool  # the same article (an hreflang alternate), not that language's contents


def link(lang: str, href: str, page_lang: str, title: str, *, same: bool = True) -> Link:
    return Link(lang, href, language_name(lang), language_name(lang, page_lang), title, same)


@dataclass(frozen=True)
class ArticleView:
    """Everything a page or chapter shows of one localized article."""

    title: Text
    author: Text | None
    role: Text | None
    bio: Text | None
    date: str  # localized, "" when unknown
    views: int | None
    views_text: str  # the number localized
    fallbacks: bool
    drafts: bool
    body: str  # rendered HTML (safe: built by render.py)
    notes: str  # footnote items, "" when none


def article_view(page: LocalArticle, rendered: Rendered) -> ArticleView:
    meta = page.article.meta
    return ArticleView(
        title=page.title,
        author=page.fields.get("author"),
        role=page.fields.get("author_role"),
        bio=page.fields.get("author_bio"),
        date=local_date(meta.date, page.lang),
        views=meta.views,
        views_text=local_number(meta.views, page.lang) if meta.views is not None else "",
        fallbacks=page.fallbacks,
        drafts=page.drafts,
        body=rendered.body,
        notes=rendered.notes,
    )
