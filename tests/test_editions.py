"""Editions: HTML site and EPUB books, checked with the real tools (epubcheck, Chromium)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import html5lib
import pytest
from PIL import Image

from tests.editions_util import chromium, epubcheck, pseudo_project
from workflow.config import load_config
from workflow.editions.build import build
from workflow.editions.context import local_date, local_number
from workflow.editions.ui import translations
from workflow.errors import PathError


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # ru complete, kk half done (below the 0.8 threshold), tr complete.
    root = pseudo_project(tmp_path_factory.mktemp("site") / "p", fill={"ru": 1.0, "kk": 0.5, "tr": 1.0})
    build(load_config(root))
    return root


def test_layout(site: Path) -> None:
    html = site / "build" / "html"
    assert (html / "index.html").is_file()
    for lang in ("en", "ru", "kk", "tr"):
        assert (html / lang / "index.html").is_file()
        assert (site / "build" / "epub" / f"test-{lang}.epub").is_file() or lang == "kk"
    assert (html / "ru" / "kazakhs-and-uzbeks.html").is_file()
    # Kazakh is below the threshold: no article page, the contents link to the original.
    assert not (html / "kk" / "kazakhs-and-uzbeks.html").exists()
    contents = (html / "kk" / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/kazakhs-and-uzbeks.html"' in contents


@pytest.mark.parametrize("lang", ["en", "ru", "tr"])
def test_every_epub_passes_epubcheck_without_warnings(site: Path, lang: str) -> None:
    report = epubcheck(site / "build" / "epub" / f"test-{lang}.epub")
    assert "No errors or warnings detected" in report, report
    assert "0 fatals / 0 errors / 0 warnings" in report


def test_epub_structure_and_reproducibility(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = site / "build" / "epub" / "test-ru.epub"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = archive.read("OEBPS/content.opf").decode()
        assert "<dc:language>ru</dc:language>" in opf and "Тестовое издание" in opf
        assert "OEBPS/toc.ncx" in names and "OEBPS/nav.xhtml" in names and "OEBPS/cover.svg" in names
    before = path.read_bytes()
    path.unlink()
    build(load_config(site), ["ru"], ["epub"])
    assert path.read_bytes() == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(load_config(site), ["ru"], ["epub"])
    with zipfile.ZipFile(path) as archive:
        assert "2023-11-14T22:13:20Z" in archive.read("OEBPS/content.opf").decode()


def test_html_is_valid_html5_with_lang_and_alternates(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    for page in sorted((site / "build" / "html").rglob("*.html")):
        parser.parse(page.read_bytes())  # raises on any parse error
    ru = (site / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html").read_text(encoding="utf-8")
    assert '<html lang="ru"' in ru
    assert 'hreflang="en" href="../en/kazakhs-and-uzbeks.html"' in ru
    assert 'hreflang="tr" href="../tr/kazakhs-and-uzbeks.html"' in ru
    assert "text-transform" not in (site / "build" / "html" / "style.css").read_text(encoding="utf-8")


def test_footnotes_link_both_ways(site: Path) -> None:
    page = (site / "build" / "html" / "ru" / "president-visit-to-uzbekistan.html").read_text(encoding="utf-8")
    for ref in re.findall(r'href="#(fn\d+)"', page):
        assert f'id="{ref}"' in page
    for back in re.findall(r'href="#(fnref\d+)"', page):
        assert f'id="{back}"' in page
    assert len(re.findall(r'href="#fn\d+"', page)) == 5


def test_chromium_reader_view(site: Path, tmp_path: Path) -> None:
    page = site / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html"
    dom = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert '<html lang="ru"' in dom
    assert "[ru] " in dom
    assert 'class="fallback"' not in dom  # everything is translated in Russian
    for href in re.findall(r'<a href="(\.\./[a-z]+/[^"#]+|[a-z-]+\.html)"', dom):
        assert (page.parent / href).resolve().is_file(), href
    shot = tmp_path / "shot.png"
    chromium(page.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=900,1200")
    with Image.open(shot) as image:
        colors = image.convert("L").getcolors(maxcolors=1_000_000) or []
    assert len(colors) > 20  # text was drawn: not a blank page


def test_fallback_units_are_marked_english(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 0.9, "kk": 0.0, "tr": 0.0})
    build(load_config(root), ["ru"], ["html"])
    page = (root / "build" / "html" / "ru" / "formula-of-peace-and-accord.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="fallback" lang="en">', page)
    assert "Часть статьи ещё не переведена" in page


def test_draft_shows_fuzzy_suggestions_marked(tmp_path: Path) -> None:
    from workflow.catalogs import read_catalog, write_catalog

    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0, "kk": 0.0, "tr": 0.0})
    path = root / "locales" / "ru" / "LC_MESSAGES" / "no-term-national-minority.po"
    po = read_catalog(path)
    entry = [e for e in po if e.msgctxt is None][0]
    entry.msgstr = "НЕПРОВЕРЕННЫЙ ВАРИАНТ"
    entry.flags.append("fuzzy")
    write_catalog(path, po)
    build(load_config(root), ["ru"], ["html"])
    plain = (root / "build" / "html" / "ru" / "no-term-national-minority.html").read_text(encoding="utf-8")
    assert "НЕПРОВЕРЕННЫЙ ВАРИАНТ" not in plain and 'class="fallback" lang="en"' in plain
    build(load_config(root), ["ru"], ["html"], draft=True)
    draft = (root / "build" / "html" / "ru" / "no-term-national-minority.html").read_text(encoding="utf-8")
    assert '<p class="draft">НЕПРОВЕРЕННЫЙ ВАРИАНТ' in draft
    assert "Черновик" in draft


HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) **unclosed [x]('


def test_hostile_translations_render_as_harmless_text(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0, "kk": 0.0, "tr": 0.0}, hostile=HOSTILE)
    build(load_config(root), ["ru"])
    page = (root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html").read_text(encoding="utf-8")
    assert (
        "<script>" not in page and "<img" not in page and "javascript:" not in page.replace("[click](javascript:", "")
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    dom = chromium((root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html").as_uri(), tmp_path, "--dump-dom")
    assert "<script>" not in dom and "onerror" not in dom.split("&lt;img")[0]
    report = epubcheck(root / "build" / "epub" / "test-ru.epub")
    assert "0 errors" in report


def test_a_slug_escaping_build_is_refused(tmp_path: Path) -> None:
    from workflow.fsutil import safe_join

    with pytest.raises(PathError):
        safe_join(tmp_path / "build", "html", "..", "..", "etc")


def test_no_op_rebuild_writes_nothing_and_one_catalog_rebuilds_its_language(site: Path) -> None:
    config = load_config(site)
    build(config)  # settle whatever an earlier test changed
    assert build(config).written == ()
    from workflow.catalogs import read_catalog, write_catalog

    path = site / "locales" / "tr" / "LC_MESSAGES" / "central-asia-our-common-home.po"
    po = read_catalog(path)
    [e for e in po if e.msgctxt is None][0].msgstr = "[tr] değişti"
    write_catalog(path, po)
    written = {p.relative_to(site / "build").as_posix() for p in build(config).written}
    assert written == {"html/tr/central-asia-our-common-home.html", "epub/test-tr.epub"}


# --- golden: localized dates, numbers, plurals --------------------------------------------------

GOLDEN_DATES = {
    "en": "April 23, 2019",
    "ru": "23 апреля 2019\u202fг.",  # CLDR puts a narrow no-break space before the abbreviation
    "kk": "2019\u202fж. 23 сәуір",
    "tr": "23 Nisan 2019",
}


@pytest.mark.parametrize(("lang", "text"), GOLDEN_DATES.items())
def test_localized_dates(lang: str, text: str) -> None:
    assert local_date(dt.date(2019, 4, 23), lang) == text


@pytest.mark.parametrize(("lang", "text"), [("en", "2,066"), ("ru", "2\xa0066"), ("kk", "2\xa0066"), ("tr", "2.066")])
def test_localized_numbers(lang: str, text: str) -> None:
    assert local_number(2066, lang) == text


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("ru", {1: "1 просмотр", 3: "3 просмотра", 5: "5 просмотров", 21: "21 просмотр", 11: "11 просмотров"}),
        ("kk", {1: "1 қаралым", 5: "5 қаралым"}),
        ("tr", {1: "1 görüntülenme", 5: "5 görüntülenme"}),
    ],
)
def test_plural_views_from_shipped_ui_catalogs(lang: str, counts: dict[int, str]) -> None:
    from tests.conftest import REPO

    t = translations(load_config(REPO), lang)
    for n, text in counts.items():
        assert t.ngettext("%(num)s view", "%(num)s views", n) % {"num": n} == text


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("# x", "\\# x"),
        ("- y", "\\- y"),
        ("**b** c", "**b** c"),
        ("1. z", "1\\. z"),
        ("```py", "\\```py"),
        ("[a]: http://x", "\\[a]: http://x"),
        ("a\n\n# b", "a  # b"),
        ("2019 was", "2019 was"),
    ],
)
def test_a_translation_cannot_change_the_block_structure(text: str, safe: str) -> None:
    from workflow.editions.localize import inline_safe

    assert inline_safe(text) == safe
