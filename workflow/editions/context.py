"""What the templates get: localized dates, numbers, language names, UI words (Babel + ui.po)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..config import Config
from ..languages import language_name
from .localize import LocalArticle, Shown
from .render import render_body
from .ui import translations


def local_date(date: dt.date | None, lang: str) -> str:
    """23 апреля 2019 г. / 2019 ж. 23 сәуір / 23 Nisan 2019 / April 23, 2019."""
    return format_date(date, format="long", locale=lang) if date else ""


def local_number(number: int, lang: str) -> str:
    return format_decimal(number, locale=lang)


@lru_cache(maxsize=32)
def environment(templates: str, lang: str, ui_key: tuple[str, float]) -> Environment:
    """A Jinja environment with autoescape and the language's UI catalog installed."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,  # translations are untrusted
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(_translations[ui_key], newstyle=True)  # type: ignore[attr-defined]
    return env


_translations: dict[tuple[str, float], Any] = {}


def env_for(config: Config, lang: str) -> Environment:
    path = config.po_path(lang, "ui")
    key = (str(path), path.stat().st_mtime if path.is_file() else 0.0)
    if key not in _translations:
        _translations[key] = translations(config, lang)
    return environment(str(config.templates_dir), lang, key)


@dataclass(frozen=True)
class Alternate:
    lang: str
    href: str
    name: str  # in its own language
    name_here: str  # in the page's language
    title: str = ""


def article_context(page: LocalArticle, config: Config, *, id_prefix: str = "") -> dict[str, Any]:
    lang = page.lang
    meta = page.article.meta
    return {
        "page": page,
        "lang": lang,
        "src_lang": config.src_lang,
        "date": local_date(meta.date, lang),
        "views": meta.views,
        "views_text": local_number(meta.views, lang) if meta.views is not None else "",
        "author": page.fields.get("author"),
        "role": page.fields.get("author_role"),
        "bio": page.fields.get("author_bio"),
        "fallbacks": Shown.FALLBACK in page.block_shown or any(t.shown is Shown.FALLBACK for t in page.fields.values()),
        "drafts": Shown.DRAFT in page.block_shown or any(t.shown is Shown.DRAFT for t in page.fields.values()),
        "body_html": render_body(page.body, page.block_shown, config.src_lang, id_prefix),
        "edition_title": config.edition_title(lang),
    }


def alternate(lang: str, href: str, page_lang: str, config: Config) -> Alternate:
    return Alternate(
        lang=lang,
        href=href,
        name=language_name(lang),
        name_here=language_name(lang, page_lang),
        title=config.edition_title(lang),
    )
