"""The HTML site: a language chooser, a contents page per language, a page per article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..fsutil import safe_join
from .context import alternate, article_context, env_for, local_date
from .localize import LocalArticle


@dataclass(frozen=True)
class Edition:
    """One language's share of the build: its articles, and which of them it publishes."""

    lang: str
    pages: tuple[LocalArticle, ...]
    published: frozenset[str]  # slugs shown in this language; the rest link to the original


def _href(from_lang: str, to_lang: str, slug: str) -> str:
    return f"{slug}.html" if from_lang == to_lang else f"../{to_lang}/{slug}.html"


def page_lang_for(edition: Edition, slug: str, src_lang: str) -> str:
    return edition.lang if slug in edition.published else src_lang


def site_files(config: Config, editions: dict[str, Edition], epubs: dict[str, str]) -> list[tuple[Path, bytes]]:
    """Every file of the site as (path, bytes); relative links, so it works from file://."""
    out = safe_join(config.build_dir, "html")
    files: list[tuple[Path, bytes]] = []
    langs = list(editions)
    src = config.src_lang
    css = (config.templates_dir / "static" / "style.css").read_bytes()
    files.append((out / "style.css", css))

    chooser = env_for(config, src).get_template("html/chooser.html")
    alts = [alternate(lang, f"{lang}/index.html", src, config) for lang in langs]
    files.append(
        (
            out / "index.html",
            chooser.render(src_lang=src, edition_title=config.edition_title(src), alternates=alts).encode(),
        )
    )
    for lang, edition in editions.items():
        env = env_for(config, lang)
        contents = env.get_template("html/contents.html")
        article = env.get_template("html/article.html")
        items = []
        for page in edition.pages:
            slug = page.article.slug
            shown = page_lang_for(edition, slug, src)
            items.append(
                {
                    "href": _href(lang, shown, slug),
                    "title": page.title.text if shown == lang else page.article.meta.title,
                    "date": local_date(page.article.meta.date, lang),
                    "translated": shown == lang,
                }
            )
        index_alts = [alternate(other, f"../{other}/index.html", lang, config) for other in langs]
        files.append(
            (
                safe_join(out, lang, "index.html"),
                contents.render(
                    lang=lang,
                    src_lang=src,
                    root="../",
                    home="index.html",
                    items=items,
                    alternates=index_alts,
                    edition_title=config.edition_title(lang),
                    epub=epubs.get(lang, ""),
                ).encode(),
            )
        )
        for page in edition.pages:
            slug = page.article.slug
            if slug not in edition.published:
                continue
            alts = [
                alternate(other, _href(lang, page_lang_for(editions[other], slug, src), slug), lang, config)
                for other in langs
                if slug in editions[other].published
            ]
            html = article.render(root="../", home="index.html", alternates=alts, **article_context(page, config))
            files.append((safe_join(out, lang, f"{slug}.html"), html.encode()))
    return files
