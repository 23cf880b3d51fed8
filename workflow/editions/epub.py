"""EPUB 3 books: nav document and NCX, a generated cover, reproducible bytes.

The recipe: mimetype (first, stored), container.xml, the chapters, nav, NCX, cover, package
document; every zip member gets the same fixed time and a fixed order, so the same inputs
give the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import textwrap
import uuid
import zipfile
from dataclasses import dataclass

from ..config import Config
from ..languages import language_name
from .context import article_context, env_for
from .localize import LocalArticle


@dataclass(frozen=True)
class Chapter:
    id: str
    href: str
    title: str


def _moment(pages: tuple[LocalArticle, ...]) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    # Without it: the newest article's date, so the same sources give the same book.
    dates = [p.article.meta.date for p in pages if p.article.meta.date]
    day = max(dates) if dates else dt.date(2020, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def book(config: Config, lang: str, pages: tuple[LocalArticle, ...]) -> bytes:
    env = env_for(config, lang)
    title = config.edition_title(lang)
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'workflow:{config.edition}:{lang}')}"
    moment = _moment(pages)
    chapters = [Chapter(id=f"c{i}", href=f"c{i}.xhtml", title=p.title.text) for i, p in enumerate(pages, 1)]
    common = {"lang": lang, "title": title, "identifier": identifier, "chapters": chapters}
    members: list[tuple[str, bytes]] = [
        ("META-INF/container.xml", (config.templates_dir / "epub" / "container.xml").read_bytes()),
        ("OEBPS/style.css", (config.templates_dir / "epub" / "style.css").read_bytes()),
    ]
    lines = textwrap.wrap(title, 22)[:6]
    members.append(
        (
            "OEBPS/cover.svg",
            env.get_template("epub/cover.svg").render(title_lines=lines, language=language_name(lang)).encode(),
        )
    )
    members.append(("OEBPS/cover.xhtml", env.get_template("epub/cover.xhtml").render(**common).encode()))
    members.append(("OEBPS/nav.xhtml", env.get_template("epub/nav.xhtml").render(**common).encode()))
    members.append(("OEBPS/toc.ncx", env.get_template("epub/toc.ncx").render(**common).encode()))
    chapter = env.get_template("epub/chapter.xhtml")
    for item, page in zip(chapters, pages, strict=True):
        ctx = article_context(page, config, id_prefix=f"{item.id}-")
        members.append((f"OEBPS/{item.href}", chapter.render(chapter_id=item.id, **ctx).encode()))
    members.append(
        (
            "OEBPS/content.opf",
            env.get_template("epub/content.opf")
            .render(modified=moment.strftime("%Y-%m-%dT%H:%M:%SZ"), publisher=config.project, **common)
            .encode(),
        )
    )
    stamp = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=stamp)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, b"application/epub+zip")
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
