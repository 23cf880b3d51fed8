"""EPUB 3 books: epubcheck without errors or warnings, structure, metadata, reproducible bytes."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jinja2 import Environment

from tests.editions_util import TARGETS, epubcheck, pseudo_project, shared_site, translate_catalog
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.editions import making
from workflow.editions.books import A11Y_FALLBACK, A11Y_SUMMARY
from workflow.editions.build import build
from workflow.editions.context import environment
from workflow.editions.epub import BookInfo, BookWriter, Chapter, Credits, OldBook
from workflow.editions.ui import translations
from workflow.languages import language_name

LANGS = ("en", *TARGETS)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site(tmp_path_factory.getbasetemp())


def book(site: Path, lang: str) -> Path:
    return site / "build" / "epub" / f"test-{lang}.epub"


def test_every_epub_built_passes_epubcheck(site: Path, tmp_path: Path) -> None:
    # A draft edition with hostile suggestions is checked too: it must stay valid XHTML.
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) **unclosed [x]('
    draft = pseudo_project(tmp_path / "draft", fill={"ru": 0.5})
    for path in sorted((draft / "locales" / "ru" / "LC_MESSAGES").glob("[!u]*.po")):
        translate_catalog(path, lambda s: hostile + (" [^i]" if "[^i]" in s else ""), 1.0, fuzzy=True)
    build(load_config(draft), ["ru"], ["epub"], draft=True)
    books = [book(site, lang) for lang in LANGS] + [draft / "build" / "epub" / "test-ru.epub"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(epubcheck, books))
    for path, report in zip(books, reports, strict=True):
        assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, f"{path}:\n{report}"
        assert "No errors or warnings detected" in report, f"{path}:\n{report}"


def test_container_layout(site: Path) -> None:
    with zipfile.ZipFile(book(site, "ru")) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b"" and archive.read("mimetype") == b"application/epub+zip"
        names = archive.namelist()
        for name in ("META-INF/container.xml", "OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx"):
            assert name in names
        assert "OEBPS/cover.svg" in names and "OEBPS/cover.xhtml" in names
        assert len({i.date_time for i in infos}) == 1  # one fixed time for every member


def test_package_metadata(site: Path) -> None:
    with zipfile.ZipFile(book(site, "kk")) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
        nav = archive.read("OEBPS/nav.xhtml").decode()
        ncx = archive.read("OEBPS/toc.ncx").decode()
        cover = archive.read("OEBPS/cover.svg").decode()
    assert "<dc:language>kk</dc:language>" in opf
    assert '<dc:title id="title">Сынақ басылымы</dc:title>' in opf
    assert re.search(r'<dc:identifier id="uid">urn:uuid:[0-9a-f-]{36}</dc:identifier>', opf)
    assert re.search(r'<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</meta>', opf)
    assert 'properties="cover-image"' in opf and 'properties="nav"' in opf and 'toc="ncx"' in opf
    # Four of five articles reach the threshold in Kazakh; one chapter each, by date, undated last.
    chapters = re.findall(r'<itemref idref="(a-[a-z0-9-]+)"/>', opf)
    assert chapters == [
        "a-kazakhs-and-uzbeks",
        "a-central-asia-our-common-home",
        "a-no-term-national-minority",
        "a-president-visit-to-uzbekistan",
    ]
    assert re.findall(r'<li><a href="([a-z0-9-]+)\.xhtml"', nav) == [c[2:] for c in chapters]
    assert re.findall(r'<content src="([a-z0-9-]+)\.xhtml"/>', ncx) == [c[2:] for c in chapters]
    assert "Мазмұны" in nav and "[kk] Kazakhs and Uzbeks" in nav
    assert "Сынақ" in cover and "Қазақ тілі" in cover


def test_chapters_hold_the_localized_articles(site: Path) -> None:
    with zipfile.ZipFile(book(site, "ru")) as archive:
        chapter = archive.read("OEBPS/kazakhs-and-uzbeks.xhtml").decode()
    assert chapter.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'lang="ru" xml:lang="ru"' in chapter
    assert "[ru] Kazakhs and Uzbeks" in chapter and "23 апреля 2019\u202fг." in chapter
    assert "829 просмотров" in chapter
    with zipfile.ZipFile(book(site, "kk")) as archive:
        partial = archive.read("OEBPS/no-term-national-minority.xhtml").decode()
    assert '<p class="fallback" lang="en">' in partial


def test_same_inputs_give_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = pseudo_project(tmp_path / "a", fill={"ru": 1.0})
    second = pseudo_project(tmp_path / "b", fill={"ru": 1.0})  # elsewhere, later
    build(load_config(first), ["ru"], ["epub"])
    build(load_config(second), ["ru"], ["epub"])
    ours = (first / "build" / "epub" / "test-ru.epub").read_bytes()
    assert ours == (second / "build" / "epub" / "test-ru.epub").read_bytes()
    shutil.rmtree(first / "build")
    build(load_config(first), ["ru"], ["epub"])
    assert (first / "build" / "epub" / "test-ru.epub").read_bytes() == ours
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(load_config(first), ["ru"], ["epub"])
    with zipfile.ZipFile(first / "build" / "epub" / "test-ru.epub") as archive:
        assert (
            '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>'
            in archive.read("OEBPS/content.opf").decode()
        )
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_an_incremental_book_equals_a_fresh_one(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    build(load_config(root), ["ru"], ["epub"])
    path = root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po"
    translate_catalog(path, lambda s: f"[ru2] {s}")
    result = build(load_config(root), ["ru"], ["epub"])  # copies four chapters from the last book
    assert result.written == (root / "build" / "epub" / "test-ru.epub",)
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build"))
    build(load_config(fresh), ["ru"], ["epub"])
    assert (fresh / "build" / "epub" / "test-ru.epub").read_bytes() == result.written[0].read_bytes()
    # A paragraph revised, no title: the contents and package documents are copied from the
    # last book too (not rendered), and the book is still the fresh one's, byte for byte.
    po = read_catalog(path)
    last = [e for e in po if e.msgstr and not e.obsolete][-1]
    last.msgstr += " (revised)"
    write_catalog(path, po)
    rendered: list[str] = []
    real = Environment.get_template

    def counting(env: Environment, name: str, *args: object, **kwargs: object) -> object:
        rendered.append(name)
        return real(env, name, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Environment, "get_template", counting)
        patch.setattr(making, "cpus", lambda: 1)  # the book written in this process, where it is counted
        result = build(load_config(root), ["ru"], ["epub"])
    assert result.written == (root / "build" / "epub" / "test-ru.epub",)
    assert not {"epub/nav.xhtml", "epub/toc.ncx", "epub/content.opf"} & set(rendered), rendered
    assert rendered.count("epub/chapter.xhtml") == 1
    shutil.rmtree(fresh)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build"))
    build(load_config(fresh), ["ru"], ["epub"])
    assert (fresh / "build" / "epub" / "test-ru.epub").read_bytes() == result.written[0].read_bytes()


def test_accessibility_and_credits_in_the_package(site: Path) -> None:
    with zipfile.ZipFile(book(site, "kk")) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
        chapter = archive.read("OEBPS/president-visit-to-uzbekistan.xhtml").decode()
        cover = archive.read("OEBPS/cover.xhtml").decode()
    meta = dict.fromkeys(re.findall(r'<meta property="(schema:\w+|dcterms:conformsTo|a11y:certifiedBy)"', opf))
    assert list(meta) == [
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "dcterms:conformsTo",
        "a11y:certifiedBy",
    ]
    assert ">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>" in opf
    # The summary is honest: this book has passages in English, and it says so (in Kazakh where
    # ui.po translates it, else in English marked as such).
    words = translations(load_config(site), "kk")
    fallback = words.gettext(A11Y_FALLBACK) % {"language": language_name("en", "kk")}
    summary = re.search(r'<meta property="schema:accessibilitySummary"( xml:lang="en")?>([^<]+)<', opf)
    assert summary and html.unescape(summary.group(2)).endswith(fallback)
    assert bool(summary.group(1)) == (words.gettext(A11Y_SUMMARY) == A11Y_SUMMARY)
    # The articles' authors as creators (as shown in Kazakh), the catalogs' translator as contributor.
    creators = re.findall(r'<dc:creator id="creator-\d+">([^<]+)</dc:creator>', opf)
    assert creators == ["[kk] Zhanseit Tuimebayev", "[kk] Dauren Zhailin"]
    assert 'scheme="marc:relators">aut</meta>' in opf
    assert "<dc:publisher>" in opf
    # Footnotes as noteref and endnotes for pop-up notes; the cover has a text alternative.
    assert 'epub:type="noteref" role="doc-noteref"' in chapter
    assert 'epub:type="endnotes" role="doc-endnotes"' in chapter and 'epub:type="endnote"' in chapter
    assert re.search(r'<img src="cover.svg" role="doc-cover" alt="Сынақ басылымы\. Қазақ тілі\. [^"]+"', cover)


def test_translators_from_the_catalog_headers(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    for slug, who, team in (
        ("kazakhs-and-uzbeks", "Анна Петрова <anna@example.org>", "Russian <ru@example.org>"),
        ("formula-of-peace-and-accord", "Анна Петрова <anna@example.org>", "Бюро переводов «Степь»"),
        ("no-term-national-minority", "FULL NAME <EMAIL@ADDRESS>", "LANGUAGE <LL@li.org>"),
    ):
        path = root / "locales" / "ru" / "LC_MESSAGES" / f"{slug}.po"
        po = read_catalog(path)
        po.metadata["Last-Translator"], po.metadata["Language-Team"] = who, team
        write_catalog(path, po)
    build(load_config(root), ["ru"], ["epub"])
    with zipfile.ZipFile(root / "build" / "epub" / "test-ru.epub") as archive:
        opf = archive.read("OEBPS/content.opf").decode()
    # Names only (no e-mail), no placeholder, no team that is only the language's name.
    assert re.findall(r'<dc:contributor id="translator-\d+">([^<]+)</dc:contributor>', opf) == [
        "Анна Петрова",
        "Бюро переводов «Степь»",
    ]
    assert opf.count('scheme="marc:relators">trl</meta>') == 2
    # Every article translated: the summary claims conformance and mentions no original-language passage.
    assert "original language" not in opf and "WCAG 2.1 Level AA" in opf


def test_chapters_are_copied_in_runs_up_to_the_first_the_old_book_lacks(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    config = load_config(root)
    build(config, ["ru"], ["epub"])
    old_path = root / "build" / "epub" / "test-ru.epub"
    with zipfile.ZipFile(old_path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    slugs = sorted(Path(name).stem for name in members if re.fullmatch(r"OEBPS/[a-z-]+\.xhtml", name))
    slugs.remove("cover")
    slugs.remove("nav")
    assert len(slugs) == 5
    chapters = [Chapter(slug, slug, False) for slug in slugs]
    chapters.insert(2, Chapter("not-in-the-old-book", "?", False))
    info = BookInfo("ru", "ltr", "en", "T", "русский", "P", "R", "urn:x", "urn:y")
    env = environment(config.templates_dir, translations(config, "ru"))
    writer = BookWriter(tmp_path / "new.epub", env, info, stylesheet=b"css", container=b"container")
    old = OldBook(old_path)
    try:
        assert writer.copy_many(chapters, old) == 2  # stops where the old book lacks the chapter
        writer.add(chapters[2], b"<html/>")
        assert writer.copy_many(chapters[3:], old) == 3
        assert writer.copy_many(chapters[:1], old) == 0  # an entry moves to the new book once
    finally:
        old.close()
    credits = Credits(("A",), (), "summary", "en")
    temp, _ = writer.finish([c.slug for c in chapters], None, credits)
    with zipfile.ZipFile(temp) as archive:
        assert archive.testzip() is None  # every member's offset and CRC hold
        for slug in slugs:
            assert archive.read(f"OEBPS/{slug}.xhtml") == members[f"OEBPS/{slug}.xhtml"]
        assert archive.read("OEBPS/not-in-the-old-book.xhtml") == b"<html/>"
