"""The books of one build: which to rewrite, their writers, and chapters kept from the last build.

A book is rewritten when its key changed (its language's ui.po, the EPUB templates, the
configuration, SOURCE_DATE_EPOCH, or any article in the language) or the file is not as the
last build left it. Its unchanged chapters are then copied from the previous book rather than
rendered again; that previous book is only trusted when it is exactly as it was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import NullTranslations
from jinja2 import Environment

from ..config import Config
from ..languages import language_name
from ..stagecache import digest
from .build import Outputs, Plan, Report, epub_path
from .epub import BookInfo, BookWriter, Chapter, Credits, OldBook, identifier, old_book
from .html import text_dir
from .state import BuildState, Summary, text_key


def N_(message: str) -> str:
    """Marks a UI string for extraction into locales/ui.pot; translated where it is used."""
    return message


# Translators: the accessibility summary in each EPUB's package document, read by shops and reading systems.
A11Y_SUMMARY = N_(
    "This publication meets EPUB Accessibility 1.1 at WCAG 2.1 Level AA. It is text with headings, "
    "a table of contents and landmarks for navigation, and footnotes linked to and from the text. "
    "Its only image, the cover, has a text alternative. The text reflows, and fonts, sizes and colours "
    "follow the reader's settings. It has no flashing, motion or sound hazards."
)
# Translators: added to the accessibility summary when some passages are not translated yet; %(language)s is the original's language, named in this language.
A11Y_FALLBACK = N_(
    "Some passages are not translated yet: they are given in the original language (%(language)s) and marked as such."
)
# Translators: added to the accessibility summary of a draft edition.
A11Y_DRAFT = N_("Draft edition: some passages are unreviewed suggestions, marked as such.")


@dataclass(frozen=True)
class BookPlan:
    lang: str
    path: Path
    key: str
    reuse: bool  # the previous book is intact: unchanged chapters can be copied from it
    base: str = ""  # the key of the templates and settings every part of the book is made with


@dataclass
class OpenBook:
    plan: BookPlan
    writer: BookWriter
    old: OldBook | None
    chapters: dict[str, str] = field(default_factory=dict)  # slug -> chapter key, for the state


def plan_books(
    config: Config,
    state: BuildState,
    plan: Plan,
    articles_key: Callable[[str], str],
    outputs: Outputs,
    langs: Collection[str] | None = None,
) -> dict[str, BookPlan]:
    """The books to rewrite, among those of ``langs`` (all by default); fresh ones are kept as they are.

    ``articles_key`` gives the key of every article's inputs in a language.
    """
    found = {}
    for lang in plan.epub:
        if langs is not None and lang not in langs:
            continue
        path = epub_path(config, lang)
        key = digest(plan.epub_keys[lang].encode(), articles_key(lang).encode())
        if state.fresh(path, key):
            outputs.keep(path)
            continue
        previous = state.key_of(path)
        reuse = previous is not None and state.fresh(path, previous)
        found[lang] = BookPlan(lang, path, key, reuse=reuse, base=plan.epub_keys[lang])
    return found


def chapter_key(plan: Plan, lang: str, unit_key: str) -> str:
    return text_key(f"{plan.epub_keys[lang]}{unit_key}")


@dataclass(frozen=True)
class ClosedBook:
    """A book written to its temporary file (None: it has no chapter), with the keys of its parts."""

    lang: str
    path: Path
    key: str
    temp: Path | None
    parts: dict[str, str]  # chapter slug, or "#nav", "#toc", "#opf" (never slugs) -> its key


def keep(closed: ClosedBook, state: BuildState, outputs: Outputs, report: Report) -> None:
    """The book replaces the last one if its bytes changed; the state learns its chapters."""
    if closed.temp is None:
        report(f"{closed.lang}: no article reaches the threshold; no EPUB")
        return
    outputs.add_file(closed.path, closed.temp, closed.key)
    state.set_chapters(closed.lang, closed.parts)


class Books:
    """The open books of a build. Mutable on purpose; used once, from the main process only."""

    def __init__(
        self,
        config: Config,
        state: BuildState,
        plans: dict[str, BookPlan],
        env: Callable[[str], Environment],
        words: Callable[[str], NullTranslations],
        *,
        draft: bool = False,
    ) -> None:
        self.config = config
        self.state = state
        self.words = words
        self.draft = draft
        self.open: dict[str, OpenBook] = {}
        templates = config.templates_dir / "epub"
        for lang, plan in plans.items():
            info = BookInfo(
                lang=lang,
                dir=text_dir(lang),
                src_lang=config.src_lang,
                title=config.edition_title(lang),
                language=language_name(lang),
                publisher=config.publisher,
                rights=config.rights,
                identifier=identifier(config.edition, lang),
                source_identifier=identifier(config.edition, config.src_lang),
            )
            writer = BookWriter(
                plan.path,
                env(lang),
                info,
                stylesheet=(templates / "style.css").read_bytes(),
                container=(templates / "container.xml").read_bytes(),
            )
            self.open[lang] = OpenBook(plan, writer, old_book(plan.path) if plan.reuse else None)

    def copy(self, lang: str, chapter: Chapter, key: str) -> bool:
        """Copy the chapter from the previous book, if it can be trusted and has it."""
        book = self.open[lang]
        if book.old is None or not book.writer.copy(chapter, book.old):
            return False
        book.chapters[chapter.slug] = key
        return True

    def copy_many(self, lang: str, chapters: list[tuple[Chapter, str]]) -> int:
        """:meth:`copy` of chapters in order (with their keys), stopping at the first the previous book lacks.

        Returns how many were copied."""
        book = self.open[lang]
        if book.old is None:
            return 0
        copied = book.writer.copy_many([chapter for chapter, _ in chapters], book.old)
        for chapter, key in chapters[:copied]:
            book.chapters[chapter.slug] = key
        return copied

    def add(self, lang: str, chapter: Chapter, key: str, data: bytes) -> None:
        book = self.open[lang]
        book.writer.add(chapter, data)
        book.chapters[chapter.slug] = key

    def finish(
        self,
        order: Callable[[str], list[str]],
        summary: Callable[[str, str], Summary | None],
        outputs: Outputs,
        report: Report,
    ) -> None:
        """Close every book, then keep each whose bytes changed (see :meth:`close` and :func:`keep`)."""
        for closed in self.close_all(order, summary):
            keep(closed, self.state, outputs, report)

    def close_all(
        self,
        order: Callable[[str], list[str]],
        summary: Callable[[str, str], Summary | None],
        rendered: Mapping[str, Mapping[str, tuple[str, bytes]]] | None = None,
    ) -> list[ClosedBook]:
        """Close every book: navigation and package in contents order. Changes nothing but the temporary files.

        ``rendered``: per language, documents :meth:`render_ahead` rendered already.
        """
        done = []
        for lang, book in self.open.items():
            slugs = [slug for slug in order(lang) if slug in book.chapters]
            if not slugs:
                book.writer.abort()
                done.append(ClosedBook(lang, book.plan.path, book.plan.key, None, {}))
                continue
            newest, credits = self._described(lang, slugs, summary)
            known = self.state.chapters(lang) if book.plan.reuse else None
            temp, documents = book.writer.finish(
                slugs,
                newest,
                credits,
                base=book.plan.base,
                old=book.old,
                known=known,
                rendered=(rendered or {}).get(lang),
            )
            if book.old is not None:
                book.old.close()
                book.old = None
            done.append(ClosedBook(lang, book.plan.path, book.plan.key, temp, {**book.chapters, **documents}))
        return done

    def render_ahead(
        self,
        order: Callable[[str], list[str]],
        summary: Callable[[str, str], Summary | None],
        published: Callable[[str, Summary | None], bool],
    ) -> dict[str, dict[str, tuple[str, bytes]]]:
        """The books' own documents that will not be copied from the last books, rendered now.

        From the summaries: the chapters each book will hold are its published articles. A
        document whose key then differs from the book's is rendered again by :meth:`close_all`.
        """
        done = {}
        for lang, book in self.open.items():
            found = [(slug, one) for slug in order(lang) if published(lang, one := summary(lang, slug))]
            if not found:
                continue
            chapters = [Chapter(slug, one.title, one.title_fallback) for slug, one in found if one is not None]
            newest, credits = self._described(lang, [slug for slug, _ in found], summary)
            known = self.state.chapters(lang) if book.plan.reuse else {}
            documents = book.writer.documents(chapters, newest, credits, book.plan.base)
            done[lang] = {d.mark: (d.key, d.render()) for d in documents if known.get(d.mark) != d.key}
        return done

    def _described(
        self, lang: str, slugs: list[str], summary: Callable[[str, str], Summary | None]
    ) -> tuple[dt.date | None, Credits]:
        """A book's newest date and its credits, from its articles' summaries."""
        found = [s for slug in slugs if (s := summary(lang, slug)) is not None]
        dates = [s.date for s in found if s.date]
        return (dt.date.fromisoformat(max(dates)) if dates else None), self.credits(lang, found)

    def credits(self, lang: str, found: list[Summary]) -> Credits:
        """Authors, translators and an honest accessibility summary of the book in ``lang``."""
        words = self.words(lang)
        authors = tuple(dict.fromkeys(s.author for s in found if s.author))
        team = tuple(dict.fromkeys(name for s in found for name in s.translators))
        parts = [words.gettext(A11Y_SUMMARY)]
        if any(s.ratio < 1 or s.title_fallback for s in found) and lang != self.config.src_lang:
            parts.append(words.gettext(A11Y_FALLBACK) % {"language": language_name(self.config.src_lang, lang)})
        if self.draft:
            parts.append(words.gettext(A11Y_DRAFT))
        translated = lang == self.config.src_lang or words.gettext(A11Y_SUMMARY) != A11Y_SUMMARY
        return Credits(
            creators=authors or (self.config.publisher,),
            translators=team,
            summary=" ".join(parts),
            summary_lang=lang if translated else self.config.src_lang,
        )

    def close(self) -> None:
        """Drop any book left half-written (an error or Ctrl-C in the middle of the build)."""
        for book in self.open.values():
            if not book.writer.closed:
                book.writer.abort()
            if book.old is not None:
                book.old.close()
