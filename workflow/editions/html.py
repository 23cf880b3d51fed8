"""The HTML site: a language chooser, a contents page and a search page per language, a page per article.

Pages are rendered to bytes here; build.py decides which ones and writes them. Every link is
relative (``../ru/slug.html``), so the site works from ``file://`` as well as from a server.
What needs an absolute URL (``<link rel=canonical>``, ``og:url``) is only written when
``site.base_url`` is set. Reading a page needs no script; only search does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.core import get_global
from jinja2 import Environment

from ..languages import language_name
from .context import ArticleView, Link, link


@dataclass(frozen=True)
class Site:
    """What every page knows of the site: its languages and the edition's titles."""

    langs: tuple[str, ...]  # languages with an HTML edition, in configuration order
    src_lang: str
    titles: Mapping[str, str]  # the edition's title per language
    base_url: str = ""  # absolute, ending in "/"; "" when unknown


def canonical(site: Site, path: str) -> str:
    """The absolute URL of a page (``ru/slug.html``), or "" without a base URL."""
    return f"{site.base_url}{path}" if site.base_url else ""


@dataclass(frozen=True)
class Item:
    """One line of a contents page."""

    href: str
    title: str
    title_lang: str | None  # set when the title is shown in another language than the page's
    date: str  # localized
    iso: str
    translated: bool  # False: the article is not in this edition; the link goes to the original
    lead: str = ""
    lead_lang: str | None = None  # set when the lead is in another language than the page's
    minutes: int = 0  # reading time
    minutes_text: str = ""  # the number localized


@dataclass(frozen=True)
class Pager:
    """Where a contents page is among the language's contents pages."""

    number: int
    total: int
    start: int  # the position of the page's first article in the whole contents
    number_text: str  # the numbers localized
    total_text: str

    @property
    def previous(self) -> str:
        return contents_name(self.number - 1) if self.number > 1 else ""

    @property
    def next(self) -> str:
        return contents_name(self.number + 1) if self.number < self.total else ""


def contents_name(number: int) -> str:
    """index.html, then index_2.html...: a slug has no "_", so no article's page can take these names."""
    return "index.html" if number == 1 else f"index_{number}.html"


@cache
def text_dir(lang: str) -> str:
    try:
        return "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"


def article_href(from_lang: str, to_lang: str, slug: str) -> str:
    return f"{slug}.html" if from_lang == to_lang else f"../{to_lang}/{slug}.html"


def contents_links(site: Site, lang: str) -> tuple[Link, ...]:
    return tuple(link(other, f"../{other}/index.html", lang, site.titles[other]) for other in site.langs)


def search_links(site: Site, lang: str) -> tuple[Link, ...]:
    return tuple(link(other, f"../{other}/search.html", lang, site.titles[other]) for other in site.langs)


def article_links(site: Site, lang: str, slug: str, published: Mapping[str, bool]) -> tuple[Link, ...]:
    """The switcher of an article page: the same article where a language has it, else its contents."""
    return tuple(
        link(other, article_href(lang, other, slug), lang, site.titles[other])
        if published.get(other)
        else link(other, f"../{other}/index.html", lang, site.titles[other], same=False)
        for other in site.langs
    )


@cache
def og_locale(lang: str) -> str:
    """Open Graph's locale, language_TERRITORY: ru_RU, kk_KZ, tr_TR, en_US."""
    try:
        locale = Locale.parse(lang)
        territory = locale.territory or Locale.parse(get_global("likely_subtags").get(locale.language, lang)).territory
    except (ValueError, LookupError):
        return lang
    return f"{locale.language}_{territory}" if territory else locale.language


def _common(site: Site, lang: str, path: str, description: str = "") -> dict[str, object]:
    return {
        "lang": lang,
        "dir": text_dir(lang),
        "src_lang": site.src_lang,
        "edition_title": site.titles[lang],
        "root": "../",
        "home": "index.html",
        "description": description,
        "canonical": canonical(site, path),
        "og_locale": og_locale(lang),
        "og_locales": {other: og_locale(other) for other in site.langs},
        "search": True,
    }


def chooser_page(env: Environment, site: Site) -> bytes:
    links = [
        {**vars(link(lang, f"{lang}/index.html", site.src_lang, site.titles[lang])), "dir": text_dir(lang)}
        for lang in site.langs
    ]
    return (
        env.get_template("html/chooser.html")
        .render(
            lang=site.src_lang,
            dir=text_dir(site.src_lang),
            edition_title=site.titles[site.src_lang],
            links=links,
            canonical=canonical(site, ""),
            og_locale=og_locale(site.src_lang),
        )
        .encode()
    )


def contents_page(
    env: Environment,
    site: Site,
    lang: str,
    items: Sequence[Item],
    *,
    epub: str = "",
    draft: bool = False,
    pager: Pager | None = None,
) -> bytes:
    pager = pager or Pager(1, 1, 1, "1", "1")
    return (
        env.get_template("html/contents.html")
        .render(
            items=items,
            epub=epub,
            draft=draft,
            pager=pager,
            links=contents_links(site, lang),
            src_name=language_name(site.src_lang, lang),
            **_common(site, lang, f"{lang}/{contents_name(pager.number)}", site.titles[lang]),
        )
        .encode()
    )


def article_page(
    env: Environment, site: Site, lang: str, view: ArticleView, links: Sequence[Link], *, slug: str, lead: str
) -> bytes:
    return (
        env.get_template("html/article.html")
        .render(view=view, links=links, draft=view.drafts, **_common(site, lang, f"{lang}/{slug}.html", lead))
        .encode()
    )


def search_page(
    env: Environment, site: Site, lang: str, *, index_files: Sequence[str] = ("search-index.js",), draft: bool = False
) -> bytes:
    common = {**_common(site, lang, f"{lang}/search.html"), "search": False}
    page = env.get_template("html/search.html").render(
        links=search_links(site, lang), draft=draft, index_files=index_files, **common
    )
    return page.encode()
