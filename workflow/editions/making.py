"""Making what build.py's plan says is stale: one pass over the articles, then the pages that sum up.

For each article (:meth:`Maker.work`), the languages whose source or catalog changed are
localized again (their summaries feed the contents pages and the switchers), then its pages
and chapters are rendered where their keys changed. An article is localized and rendered at
most once per language: the HTML page and the EPUB chapter share one rendering of the body.
``work`` only reads the state and returns what it made, so articles can be made in worker
processes; the main process applies the results in order (:meth:`Maker.apply`), writes the
files and streams the chapters into the books.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import multiprocessing as mp
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from babel.support import NullTranslations
from jinja2 import Environment

from ..catalogs import Key, entries, read_catalog
from ..config import Config
from ..languages import english_name
from ..model import Article, Entry
from ..sources import read_article
from ..stagecache import digest
from ..workers import cpus, forked, ignore_interrupts
from .books import BookPlan, Books, ClosedBook, chapter_key, keep, plan_books
from .build import ArticleKeys, Outputs, Report, epub_path, html_path
from .context import ArticleView, article_view, environment, local_date, local_number
from .epub import Chapter
from .feeds import Entry as FeedEntry
from .feeds import atom_feed, sitemap
from .html import (
    Item,
    Pager,
    Site,
    article_links,
    article_page,
    chooser_page,
    contents_name,
    contents_page,
    search_page,
    text_dir,
)
from .localize import LocalArticle, Shown, localize
from .render import Labels, for_epub, render_localized
from .search import SHARD, Doc, facts, index_name, index_script, minutes
from .state import BuildState, Summary, text_key
from .ui import translations

Table = dict[Key, Entry] | None
WINDOW = 128  # articles handed to the workers at a time: bounds the results held in memory
MIN_PARALLEL = 64  # fewer articles than this are made in the main process


@dataclass(frozen=True)
class ChapterWork:
    lang: str
    chapter: Chapter
    key: str
    data: bytes | None  # None: copy it from the previous book


@dataclass(frozen=True)
class ArticleWork:
    """What making one article produced."""

    slug: str
    summaries: tuple[tuple[str, Summary, str], ...]  # language, summary, search keys
    pages: tuple[tuple[Path, bytes, str], ...]
    kept: tuple[Path | str, ...]
    chapters: tuple[ChapterWork, ...]
    notes: tuple[str, ...]


class Maker:
    """Mutable on purpose: it holds per-run caches (environments, keys); used once by build()."""

    def __init__(
        self,
        config: Config,
        state: BuildState,
        keys: ArticleKeys,
        *,
        draft: bool,
        report: Report,
        dirty: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.config = config
        self.state = state
        self.keys = keys
        self.plan = plan = keys.plan
        self.sources = keys.sources
        self.draft = draft
        self.report = report
        self.dirty = dirty  # the only articles (and languages) to redo, when ArticleKeys.dirty knows them
        self.src = config.src_lang
        self.needed = keys.needed
        self.site = Site(
            plan.site, self.src, {lang: config.edition_title(lang) for lang in config.langs}, config.base_url
        )
        self.books: dict[str, BookPlan] = {}
        self._open: Books | None = None
        self._envs: dict[str, Environment] = {}
        self._translations: dict[str, NullTranslations] = {}
        self._orders: dict[str, list[str]] = {}
        self._parts_of: dict[str, list[str]] = {}
        self._published_of: dict[str, list[tuple[str, Summary, str]]] = {}
        self._html_dirs = {lang: html_path(config, lang) for lang in config.langs}  # checked once, not per page
        self._html_names = {lang: f"{path}{os.sep}" for lang, path in self._html_dirs.items()}
        self._known: dict[str, dict[str, Summary]] = {}  # per language: the summaries, as the state holds them

    # -- inputs ------------------------------------------------------------------------------

    def unit_key(self, lang: str, slug: str) -> str:
        return self.keys.unit_key(lang, slug)

    def summary(self, lang: str, slug: str) -> Summary | None:
        return self.state.summary(lang, slug)

    def published(self, lang: str, found: Summary | None) -> bool:
        return found is not None and (lang == self.src or found.ratio >= self.config.threshold)

    def env(self, lang: str) -> Environment:
        if lang not in self._envs:
            self._translations[lang] = translations(self.config, lang)
            self._envs[lang] = environment(self.config.templates_dir, self._translations[lang])
        return self._envs[lang]

    def words(self, lang: str) -> NullTranslations:
        """The UI catalog of ``lang`` (its words unescaped: for Python callers that escape them)."""
        self.env(lang)
        return self._translations[lang]

    def labels(self, lang: str) -> Labels:
        words = self.words(lang)
        return Labels(unreviewed=words.gettext(Labels.unreviewed), back_to_text=words.gettext(Labels.back_to_text))

    # -- the pass ----------------------------------------------------------------------------

    def make(self, outputs: Outputs) -> None:
        if self.dirty is not None:
            self._patch(self.dirty, outputs)
            return
        slugs = list(self.sources)
        self.books = plan_books(self.config, self.state, self.plan, self.keys.articles_key, outputs)
        for lang in dict.fromkeys((*self.needed, *self.plan.site)):  # read before any fork: workers never
            self._known[lang] = self.state.summaries(lang)  # touch the database
        for lang in self.books:
            self.state.chapters(lang)
        # What the state holds (hundreds of thousands of objects in a large archive) lives until the
        # build ends: frozen, the collector stops scanning it on every collection, and forked
        # workers keep sharing its pages with this process.
        gc.freeze()  # until build() ends
        self._make(slugs, outputs)

    def _make(self, slugs: list[str], outputs: Outputs) -> None:
        # Articles with nothing to redo are settled here, from the state alone; only the rest are
        # made (in workers when there are many), so a rebuild costs what changed.
        settled: dict[str, ArticleWork] = {}
        stale = []
        for slug in slugs:
            found = self.settled(slug)
            if found is None:
                stale.append(slug)
            else:
                settled[slug] = found
        workers = min(os.cpu_count() or 1, 8)
        if workers > 1 and len(stale) >= MIN_PARALLEL:
            self._in_workers(settled, stale, workers, outputs)
        else:
            self._open = Books(self.config, self.state, self.books, self.env, self.words, draft=self.draft)
            self._apply_all(settled, (self.work(slug) for slug in stale), outputs)
        if self._open is not None:  # before the contents pages, which link to the books that exist
            self._open.finish(self.order, self.summary, outputs, self.report)
        for lang in self.plan.html:
            self._contents(lang, outputs)
            self._search(lang, outputs)
            self._feed(lang, outputs)
        if self.plan.html:
            self._shared(outputs)
        self._counts(self.needed)

    def _counts(self, langs: Iterable[str]) -> None:
        total = len(self.sources)
        for lang in langs:
            found = self.state.summaries(lang)
            count = sum(self.published(lang, found.get(slug)) for slug in self.sources)
            below = f"; {total - count} below the threshold link to the original" if count < total else ""
            self.report(f"{lang}: {count} of {total} articles in the edition{below}")

    def _patch(self, dirty: Mapping[str, frozenset[str]], outputs: Outputs) -> None:
        """Redo the articles whose inputs changed, and what shows them; keep the rest as the last build left it.

        Only when :meth:`ArticleKeys.dirty` vouches for the rest: the same frame, every output as
        written, and only these articles' sources or catalogs changed. The result is the same as
        looking at every article (a test holds both to it); the cost is what changed.
        """
        langs = {lang for changed in dirty.values() for lang in changed}  # whose listings and books may change
        self.report(f"{len(dirty)} article(s) changed since the last build; the rest is kept as it was")
        self.books = plan_books(self.config, self.state, self.plan, self.keys.articles_key, outputs, langs)
        outputs.made.update(self._still_made(dirty, langs))
        works = {slug: self.work(slug) for slug in dirty}
        for work in works.values():
            self.apply(work, outputs, None)
        books = self._books_beside(works)
        listed = [lang for lang in self.plan.html if lang in langs]
        for lang in listed:
            self._search(lang, outputs)
            self._feed(lang, outputs)
        for closed in books():
            keep(closed, self.state, outputs, self.report)
        for lang in listed:  # after the books: the contents link to those that exist
            self._contents(lang, outputs)
        if self.plan.html and self.config.base_url:
            self._sitemap(outputs)
        self._counts(lang for lang in self.needed if lang in langs)

    def _still_made(self, dirty: Mapping[str, frozenset[str]], langs: set[str]) -> set[str]:
        """The last build's outputs that this one keeps without looking: all but what :meth:`_patch` redoes."""
        redo = {f"{self._html_names[lang]}{slug}.html" for slug in dirty for lang in self.plan.html}
        redo.update(str(book.path) for book in self.books.values())
        if self.config.base_url:
            redo.add(str(html_path(self.config, "sitemap.xml")))
        listed = {self._html_names[lang] for lang in self.plan.html if lang in langs}
        for name in self.state.last:  # contents, search and feed of the languages whose articles changed
            folder, _, base = name.rpartition(os.sep)
            if f"{folder}{os.sep}" in listed and base.removesuffix(".html") not in self.sources:
                redo.add(name)
        return self.state.last - redo

    def _books_beside(self, works: Mapping[str, ArticleWork]) -> Callable[[], list[ClosedBook]]:
        """The books to rewrite, written in a child process while this one makes the pages that list
        the articles (on more than one CPU); returns the call that waits for them."""
        if not self.books:
            return list
        for lang in self.books:  # all the child reads, read now: it never touches the database
            self.state.summaries(lang)
            self.state.chapters(lang)
            self.order(lang)
            self.env(lang)
        gc.freeze()  # shared with the child, and never scanned by the collector of either (until build() ends)

        def write() -> list[ClosedBook]:
            return self._write_books(works)

        if cpus() < 2:
            return write
        pending = forked(write)

        def result() -> list[ClosedBook]:
            found = pending()
            return write() if found is None else found  # a child that failed left nothing: written here

        return result

    def _write_books(self, works: Mapping[str, ArticleWork]) -> list[ClosedBook]:
        """Every chapter in order: those of ``works`` as made, the others copied from the previous books."""
        books = Books(self.config, self.state, self.books, self.env, self.words, draft=self.draft)
        try:
            # The navigation of a large book takes as long to render as its chapters to copy: at once.
            documents = (
                forked(lambda: books.render_ahead(self.order, self.summary, self.published))
                if cpus() > 1
                else lambda: None
            )
            kept: list[str] = []  # unchanged articles since the last one redone, in order
            for slug in self.sources:
                work = works.get(slug)
                if work is None:
                    kept.append(slug)
                    continue
                self._copy_chapters(books, kept)
                kept = []
                self._add_chapters(books, work)
            self._copy_chapters(books, kept)
            return books.close_all(self.order, self.summary, documents())
        finally:
            books.close()

    def _copy_chapters(self, books: Books, slugs: list[str]) -> None:
        """Unchanged articles' chapters, copied from the previous books in runs (see BookWriter.copy_many)."""
        for lang in self.books:
            found, known = self.state.summaries(lang), self.state.chapters(lang)  # unchanged: so are their keys
            chapters = [
                (Chapter(slug, one.title, one.title_fallback), known.get(slug) or self._chapter_key(lang, slug))
                for slug in slugs
                if (one := found.get(slug)) is not None and self.published(lang, one)
            ]
            while chapters:
                copied = books.copy_many(lang, chapters)
                if copied < len(chapters):  # the previous book lacks this one after all
                    chapter, key = chapters[copied]
                    books.add(lang, chapter, key, self._chapter(lang, self._view_here(chapter.slug, lang)))
                    copied += 1
                chapters = chapters[copied:]

    def _chapter_key(self, lang: str, slug: str) -> str:
        return chapter_key(self.plan, lang, self.unit_key(lang, slug))

    def _apply_all(self, settled: dict[str, ArticleWork], made: Iterator[ArticleWork], outputs: Outputs) -> None:
        """Every article in order (books are byte-identical whatever was redone), settled or made."""
        for done, slug in enumerate(self.sources, 1):
            work = settled.pop(slug, None) or next(made)
            assert work.slug == slug
            self.apply(work, outputs, self._open)
            self._progress(done)

    def _in_workers(self, settled: dict[str, ArticleWork], stale: list[str], workers: int, outputs: Outputs) -> None:
        """Stale articles made in forked workers, applied here in order; two windows in flight at most."""
        global _MAKER
        _MAKER = self
        windows = [stale[i : i + WINDOW] for i in range(0, len(stale), WINDOW)]
        with mp.get_context("fork").Pool(workers, initializer=ignore_interrupts) as pool:

            def made() -> Iterator[ArticleWork]:
                pending = pool.map_async(_work, windows[0], chunksize=8)
                for ahead in [*windows[1:], None]:
                    following = pool.map_async(_work, ahead, chunksize=8) if ahead else None
                    yield from pending.get()
                    if following is not None:
                        pending = following

            # The books are opened after the fork: a worker never holds a book's file.
            self._open = Books(self.config, self.state, self.books, self.env, self.words, draft=self.draft)
            self._apply_all(settled, made(), outputs)
        _MAKER = None

    def _progress(self, done: int) -> None:
        total = len(self.sources)
        step = max(100, total // 10)
        if total >= 2 * step and done % step == 0 and done < total:
            self.report(f"{done} of {total} articles")

    def page_key(self, lang: str, unit: str, shape: str) -> str:
        """The key of an article's HTML page: the language's templates and words, the article, its switcher."""
        return text_key(f"{self.plan.html_keys[lang]}{unit}{shape}")

    def settled(self, slug: str) -> ArticleWork | None:
        """What the state says of an article whose inputs and outputs are unchanged; None when anything is stale.

        The same decisions as :meth:`work`, on strings and the state alone: it runs for every
        article of every rebuild.
        """
        known = self._known
        units = {}
        for lang in self.needed:
            unit = self.unit_key(lang, slug)
            found = known[lang].get(slug)
            if found is None or found.key != unit:
                return None
            units[lang] = unit
        site_pub = {lang: self.published(lang, known[lang].get(slug)) for lang in self.plan.site}
        shape = _shape(site_pub)
        kept: list[Path | str] = []
        for lang in self.plan.html:
            if site_pub[lang]:
                name = f"{self._html_names[lang]}{slug}.html"
                if not self.state.fresh(name, self.page_key(lang, units[lang], shape)):
                    return None
                kept.append(name)
        chapters = []
        for lang, book in self.books.items():
            found = known[lang][slug]
            if not self.published(lang, found):
                continue
            key = chapter_key(self.plan, lang, units[lang])
            if not book.reuse or self.state.chapters(lang).get(slug) != key:
                return None
            chapters.append(ChapterWork(lang, Chapter(slug, found.title, found.title_fallback), key, None))
        return ArticleWork(slug, (), (), tuple(kept), tuple(chapters), ())

    def work(self, slug: str) -> ArticleWork:
        """Make one article's stale outputs; reads the state, changes nothing."""
        article: Article | None = None
        tables: dict[str, Table] = {}
        pages: dict[str, LocalArticle] = {}
        views: dict[str, ArticleView] = {}
        team: dict[str, tuple[str, ...]] = {}
        notes: list[str] = []

        def source() -> Article:
            nonlocal article
            article = article or read_article(Path(self.sources[slug]))
            return article

        def table(lang: str) -> Table:
            if lang not in tables:
                path = self.config.po_path(lang, slug)
                if lang == self.src or not path.is_file():
                    tables[lang] = None if lang == self.src else {}
                else:
                    catalog = read_catalog(path)
                    tables[lang] = entries(catalog)
                    team[lang] = translators(catalog.metadata, lang)
            return tables[lang]

        def view(lang: str) -> ArticleView:
            if lang not in views:
                page, rendered, bad = render_localized(
                    source(), lang, table(lang), src_lang=self.src, draft=self.draft, labels=self.labels(lang),
                    page=pages.get(lang),
                )  # fmt: skip
                if bad:
                    notes.append(
                        f"{lang}/{slug}: {len(bad)} translation(s) would change the article's structure "
                        "(e.g. a footnote reference left out); the original is shown there (see `workflow check`)"
                    )
                views[lang] = article_view(page, rendered)
            return views[lang]

        summaries: dict[str, tuple[Summary, str]] = {}
        for lang in self.needed:
            key = self.unit_key(lang, slug)
            known = self.summary(lang, slug)
            if known is None or known.key != key:
                pages[lang] = localize(source(), lang, table(lang), draft=self.draft)
                summaries[lang] = _summary(key, pages[lang], team.get(lang, ()))

        def current(lang: str) -> Summary | None:
            found = summaries.get(lang)
            return found[0] if found else self.summary(lang, slug)

        def published(lang: str) -> bool:
            return self.published(lang, current(lang))

        made: list[tuple[Path, bytes, str]] = []
        kept: list[Path | str] = []
        site_pub = {lang: published(lang) for lang in self.plan.site}
        shape = _shape(site_pub)
        for lang in self.plan.html:
            if not site_pub[lang]:
                continue
            out = self._html_dirs[lang] / f"{slug}.html"  # a checked slug: a plain file name
            key = self.page_key(lang, self.unit_key(lang, slug), shape)
            if self.state.fresh(out, key):
                kept.append(out)
            else:
                links = article_links(self.site, lang, slug, site_pub)
                found = current(lang)
                lead = found.lead if found and not found.lead_fallback else ""
                page = article_page(self.env(lang), self.site, lang, view(lang), links, slug=slug, lead=lead)
                made.append((out, page, key))
        chapters = []
        for lang, book in self.books.items():
            if not published(lang):
                continue
            found = current(lang)
            assert found is not None
            chapter = Chapter(slug, found.title, found.title_fallback)
            key = chapter_key(self.plan, lang, self.unit_key(lang, slug))
            reuse = book.reuse and self.state.chapters(lang).get(slug) == key
            chapters.append(ChapterWork(lang, chapter, key, None if reuse else self._chapter(lang, view(lang))))
        records = tuple((lang, found, keys) for lang, (found, keys) in summaries.items())
        return ArticleWork(slug, records, tuple(made), tuple(kept), tuple(chapters), tuple(notes))

    def apply(self, work: ArticleWork, outputs: Outputs, books: Books | None) -> None:
        """Record an article's summaries, write its pages, put its chapters in the ``books`` (if given)."""
        for lang, found, keys in work.summaries:
            self.state.record(lang, work.slug, found, keys)
        for path in work.kept:
            outputs.keep(path)
        for path, data, key in work.pages:
            outputs.add(path, data, key)
        if books is not None:
            self._add_chapters(books, work)
        for note in work.notes:
            self.report(note)

    def _add_chapters(self, books: Books, work: ArticleWork) -> None:
        for item in work.chapters:
            if item.data is not None:
                books.add(item.lang, item.chapter, item.key, item.data)
            elif not books.copy(item.lang, item.chapter, item.key):  # the previous book lacks it after all
                data = self._chapter(item.lang, self._view_here(work.slug, item.lang))
                books.add(item.lang, item.chapter, item.key, data)

    def _view_here(self, slug: str, lang: str) -> ArticleView:
        article = read_article(Path(self.sources[slug]))
        path = self.config.po_path(lang, slug)
        table = None if lang == self.src else entries(read_catalog(path)) if path.is_file() else {}
        page, rendered, _ = render_localized(
            article, lang, table, src_lang=self.src, draft=self.draft, labels=self.labels(lang)
        )
        return article_view(page, rendered)

    def _chapter(self, lang: str, view: ArticleView) -> bytes:
        template = self.env(lang).get_template("epub/chapter.xhtml")
        view = replace(view, body=for_epub(view.body), notes=for_epub(view.notes))
        return template.render(view=view, lang=lang, dir=text_dir(lang), src_lang=self.src).encode()

    # -- pages that sum up the articles ------------------------------------------------------

    def order(self, lang: str) -> list[str]:
        """Articles in contents order: by date, undated last, then by slug (asked once the pass is over)."""
        found = self._orders.get(lang)
        if found is None:
            own = self.state.summaries(lang)  # its dates are the source's; the source's own only where it has none

            def key(slug: str) -> tuple[bool, str, str]:
                found = own.get(slug) or self.summary(self.src, slug)
                date = found.date if found else ""
                return (date == "", date, slug)

            found = self._orders[lang] = sorted(self.sources, key=key)
        return found

    def _parts(self, lang: str) -> list[str]:
        """Per article in contents order: its keys, and whether it is published here.

        A summary is made from its key's inputs alone (the source's among them), so these stand
        for the titles, dates and leads that pages listing the articles show, without reading
        them. An article not published here is listed with the original's.
        """
        found = self._parts_of.get(lang)
        if found is None:
            own = self.state.summaries(lang)
            found = self._parts_of[lang] = []
            here: list[tuple[str, Summary, str]] = []
            for slug in self.order(lang):
                mine = own.get(slug)
                if self.published(lang, mine):
                    assert mine is not None
                    part = f"{slug}:{mine.key}"
                    here.append((slug, mine, part))
                else:
                    original = self.summary(self.src, slug)
                    part = f"{slug}:{mine.key if mine else ''}:{original.key if original else ''}:-"
                found.append(part)
            self._published_of[lang] = here
        return found

    def listing(self, lang: str) -> str:
        """The key of what pages that list all the articles of ``lang`` show (search, feed, sitemap)."""
        return digest("\n".join(self._parts(lang)).encode())

    def _contents(self, lang: str, outputs: Outputs) -> None:
        """The contents pages: a page per ``site.contents_per_page`` articles; only changed pages are rendered."""
        book = epub_path(self.config, lang)
        # A book made now, or (not built this time) left by an earlier build.
        has_book = str(book) in outputs.made if lang in self.plan.epub else str(book) in self.state.outputs
        epub = f"../../epub/{book.name}" if has_book and book.exists() else ""
        order, parts, size = self.order(lang), self._parts(lang), self.config.contents_per_page
        total = max(1, -(-len(order) // size))
        common = f"{self.plan.html_keys[lang]}|{','.join(self.plan.site)}|{epub}|{total}"
        for number in range(1, total + 1):
            first = (number - 1) * size
            out = self._html_dirs[lang] / contents_name(number)  # a name of ours: no need to check it
            key = digest(f"{common}|{number}|".encode(), "\n".join(parts[first : first + size]).encode())
            if self.state.fresh(out, key):
                outputs.keep(out)
                continue
            pager = Pager(
                number=number,
                total=total,
                start=first + 1,
                number_text=local_number(number, lang),
                total_text=local_number(total, lang),
            )
            items = [self._contents_item(lang, slug) for slug in order[first : first + size]]
            page = contents_page(self.env(lang), self.site, lang, items, epub=epub, draft=self.draft, pager=pager)
            outputs.add(out, page, key)

    def _contents_item(self, lang: str, slug: str) -> Item:
        own = self.summary(lang, slug)
        if own is not None and self.published(lang, own):
            title_lang = self.src if own.title_fallback and lang != self.src else None
            return _item(f"{slug}.html", own, lang, True, title_lang, self.src)
        original = self.summary(self.src, slug) or Summary("", slug, False, "", 0.0)
        return _item(f"../{self.src}/{slug}.html", original, lang, False, self.src, self.src)

    def _published(self, lang: str) -> list[tuple[str, Summary, str]]:
        """The articles in the edition of ``lang``, in contents order, with their parts (see :meth:`_parts`)."""
        self._parts(lang)
        return self._published_of[lang]

    def _published_here(self, lang: str) -> list[tuple[str, Summary]]:
        return [(slug, found) for slug, found, _ in self._published(lang)]

    def _add(self, outputs: Outputs, path: Path, key: str, make: Callable[[], bytes]) -> None:
        if self.state.fresh(path, key):
            outputs.keep(path)
        else:
            outputs.add(path, make(), key)

    def _search(self, lang: str, outputs: Outputs) -> None:
        """The language's search page and its index (the articles in the edition), in files of SHARD articles."""
        published = self._published_here(lang)
        parts = [part for _, _, part in self._published(lang)]
        names = [index_name(number) for number in range(1, max(1, -(-len(published) // SHARD)) + 1)]
        for number, name in enumerate(names):
            docs, first = published[number * SHARD : (number + 1) * SHARD], number * SHARD
            key = digest(self.plan.html_keys[lang].encode(), "\n".join(parts[first : first + SHARD]).encode())
            path = html_path(self.config, lang, name)
            if self.state.fresh(path, key):
                outputs.keep(path)
                continue
            keys = self.state.search_keys(lang, (slug for slug, _ in docs))  # read only now: the bulk of the state
            found = [
                Doc(f"{slug}.html", s.title, s.lead, local_date(_day(s.date), lang), keys.get(slug, ""))
                for slug, s in docs
            ]
            outputs.add(path, index_script(lang, found), key)
        key = digest(self.plan.html_keys[lang].encode(), ",".join(self.plan.site).encode(), " ".join(names).encode())
        page = html_path(self.config, lang, "search.html")

        def make() -> bytes:
            return search_page(self.env(lang), self.site, lang, index_files=names, draft=self.draft)

        self._add(outputs, page, key, make)

    def _feed(self, lang: str, outputs: Outputs) -> None:
        """The language's Atom feed: the newest articles in its edition, newest first.

        Its key holds only what it shows (the ``site.feed_entries`` newest and the newest date):
        an archive's older articles change without making it again.
        """
        base = f"{self.config.base_url}{lang}/" if self.config.base_url else ""
        published = self._published(lang)
        newest = max((found.date for _, found, _ in published if found.date), default="")
        # As atom_feed orders them: an undated article as if of the newest date, then by slug.
        shown = heapq.nlargest(self.config.feed_entries, published, key=lambda one: (one[1].date or newest, one[0]))
        parts = "\n".join(part for _, _, part in shown)
        key = digest(self.plan.html_keys[lang].encode(), newest.encode(), parts.encode())

        def make() -> bytes:
            return atom_feed(
                edition=self.config.edition,
                lang=lang,
                title=self.config.edition_title(lang),
                publisher=self.config.publisher,
                rights=self.config.rights,
                self_href=f"{base}feed.xml",
                home_href=f"{base}index.html" if base else "index.html",
                entries=self._feed_entries(lang, base),
                limit=self.config.feed_entries,
            )

        self._add(outputs, html_path(self.config, lang, "feed.xml"), key, make)

    def _feed_entries(self, lang: str, base: str) -> list[FeedEntry]:
        return [
            FeedEntry(
                slug=slug,
                href=f"{base}{slug}.html",
                title=s.title,
                title_lang=self.src if s.title_fallback else lang,
                date=s.date,
                author=s.author,
                lead="" if s.lead_fallback else s.lead,
            )
            for slug, s in self._published_here(lang)
        ]

    def _sitemap(self, outputs: Outputs) -> None:
        """sitemap.xml: every page of every language with its alternates (needs site.base_url)."""
        base = self.config.base_url
        if not base:
            self.report("no site.base_url in workflow.toml: no sitemap.xml, canonical links or og:url")
            return
        key = digest(self.plan.base.encode(), *(f"{lang}:{self.listing(lang)}".encode() for lang in self.plan.site))

        def make() -> bytes:
            pages: dict[str, dict[str, str]] = {"": {lang: f"{base}{lang}/index.html" for lang in self.plan.site}}
            for lang in self.plan.site:
                for slug, _ in self._published_here(lang):
                    pages.setdefault(slug, {})[lang] = f"{base}{lang}/{slug}.html"
            return sitemap(pages)

        self._add(outputs, html_path(self.config, "sitemap.xml"), key, make)

    def _shared(self, outputs: Outputs) -> None:
        for name, key in self.plan.static.items():
            source = self.config.templates_dir / "static" / name
            self._add(outputs, html_path(self.config, name), key, source.read_bytes)
        self._sitemap(outputs)
        chooser = html_path(self.config, "index.html")
        key = digest(self.plan.html_keys[self.src].encode(), ",".join(self.plan.site).encode())
        if self.state.fresh(chooser, key):
            outputs.keep(chooser)
        else:
            outputs.add(chooser, chooser_page(self.env(self.src), self.site), key)

    def close(self) -> None:
        if self._open is not None:
            self._open.close()


_MAKER: Maker | None = None  # the maker a forked worker inherits


def _work(slug: str) -> ArticleWork:
    assert _MAKER is not None
    return _MAKER.work(slug)


def _shape(published: Mapping[str, bool]) -> str:
    """Which languages publish an article: its pages' language switcher."""
    return ";".join(f"{lang}:{pub}" for lang, pub in published.items())


def _summary(key: str, page: LocalArticle, team: tuple[str, ...]) -> tuple[Summary, str]:
    """What other pages need of a localized article, and its search keys."""
    date = page.article.meta.date
    found = facts(page)
    author = page.fields.get("author")
    summary = Summary(
        key=key,
        title=page.title.text,
        title_fallback=page.title.shown is Shown.FALLBACK,
        date=date.isoformat() if date else "",
        ratio=page.ratio,
        author=author.text if author else "",
        lead=found.lead,
        lead_fallback=found.lead_fallback,
        words=found.words,
        translators=team,
    )
    return summary, found.keys


_PLACEHOLDERS = ("FULL NAME", "LANGUAGE", "")


def translators(header: Mapping[str, str], lang: str) -> tuple[str, ...]:
    """Who translated a catalog, from its header: Last-Translator and Language-Team, without
    e-mail addresses, placeholders, or a team that is only the language's name."""
    names = []
    for field in ("Last-Translator", "Language-Team"):
        name = re.sub(r"<[^>]*>", "", header.get(field, "")).strip()
        if name.upper() in _PLACEHOLDERS or name.upper().startswith("FULL NAME"):
            continue
        if field == "Language-Team" and name.casefold() in (english_name(lang).casefold(), lang):
            continue
        if name not in names:
            names.append(name)
    return tuple(names)


def _day(iso: str) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _item(href: str, found: Summary, lang: str, translated: bool, title_lang: str | None, src: str) -> Item:
    shown_in = src if found.lead_fallback or not translated else lang
    return Item(
        href=href,
        title=found.title,
        title_lang=title_lang,
        date=local_date(_day(found.date), lang),
        iso=found.date,
        translated=translated,
        lead=found.lead,
        lead_lang=shown_in if shown_in != lang else None,
        minutes=minutes(found.words) if found.words else 0,
        minutes_text=local_number(minutes(found.words), lang) if found.words else "",
    )
