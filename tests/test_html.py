"""The HTML site: valid HTML5, languages, alternates, switchers, links that resolve from file://."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from tests.editions_util import TARGETS, read_page, shared_site

LANGS = ("en", *TARGETS)
NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақ тілі", "tr": "Türkçe"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site(tmp_path_factory.getbasetemp())


def pages(site: Path) -> list[Path]:
    return sorted((site / "build" / "html").rglob("*.html"))


def test_layout(site: Path) -> None:
    html = site / "build" / "html"
    assert (html / "index.html").is_file() and (html / "style.css").is_file()
    for lang in LANGS:
        assert (html / lang / "index.html").is_file()
    assert len(list((html / "ru").glob("*.html"))) == 7  # contents, search + five articles
    assert not (html / "kk" / "formula-of-peace-and-accord.html").exists()  # below the threshold
    assert (html / "kk" / "no-term-national-minority.html").is_file()  # 90%: in the edition


def test_every_page_is_valid_html5(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in pages(site):
        tree = parser.parse(page.read_bytes())  # raises on any parse error
        assert tree.find("head/title").text.strip(), page
        ids = read_page(page).ids
        assert len(ids) == len(set(ids)), f"duplicate ids in {page}"


def test_lang_on_html_and_a_switcher_on_every_page(site: Path) -> None:
    for page in pages(site):
        lang = "en" if page.parent.name == "html" else page.parent.name
        text = page.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}" dir="ltr">', text), page
        found = read_page(page)
        # The chooser lists every language; every other page has the switcher.
        names = [a for a in found.all("span") if a.get("lang") in LANGS] + found.all("li")
        for name in NAMES.values():
            assert name in found.text, (page, name)
        assert names


def test_every_relative_link_resolves(site: Path) -> None:
    for page in pages(site):
        found = read_page(page)
        for href in found.hrefs:
            parts = urlsplit(href)
            if parts.scheme:
                assert parts.scheme in ("http", "https", "mailto"), (page, href)
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page, href)
            if parts.fragment:
                assert parts.fragment in read_page(target).ids, (page, href)


def test_hreflang_alternates_name_the_same_article(site: Path) -> None:
    ru = read_page(site / "build" / "html" / "ru" / "formula-of-peace-and-accord.html")
    alternates = {a["hreflang"]: a["href"] for a in ru.all("link", rel="alternate") if "hreflang" in a}
    # Kazakh has no such article (below the threshold): no alternate, but the switcher leads to its contents.
    assert alternates == {
        "en": "../en/formula-of-peace-and-accord.html",
        "ru": "formula-of-peace-and-accord.html",
        "tr": "../tr/formula-of-peace-and-accord.html",
    }
    switcher = {a["hreflang"]: a["href"] for a in ru.all("a") if "hreflang" in a}
    assert switcher["kk"] == "../kk/index.html"
    assert switcher["tr"] == "../tr/formula-of-peace-and-accord.html"
    assert ru.all("span", **{"aria-current": "page", "lang": "ru"})


def test_contents_link_to_the_original_below_the_threshold(site: Path) -> None:
    kk = read_page(site / "build" / "html" / "kk" / "index.html")
    [original] = kk.all("a", href="../en/formula-of-peace-and-accord.html")
    assert original["hreflang"] == "en" and original["lang"] == "en"
    assert "түпнұсқа: ағылшын тілі" in kk.text
    assert kk.all("a", href="kazakhs-and-uzbeks.html")
    assert kk.all("a", href="../../epub/test-kk.epub")


def test_contents_titles_are_translated_and_dated(site: Path) -> None:
    ru = read_page(site / "build" / "html" / "ru" / "index.html")
    assert "[ru] Kazakhs and Uzbeks" in ru.text
    assert ru.all("time", datetime="2019-04-23")
    assert "23 апреля 2019\u202fг." in ru.text
    assert "Содержание" in ru.text and "Тестовое издание" in ru.text


def test_fallback_passages_are_marked_and_announced(site: Path) -> None:
    kk = site / "build" / "html" / "kk" / "no-term-national-minority.html"
    text = kk.read_text(encoding="utf-8")
    assert re.search(r'<p class="fallback" lang="en">', text)
    assert "кейбір үзінділері әлі аударылмаған" in read_page(kk).text
    complete = (site / "build" / "html" / "kk" / "kazakhs-and-uzbeks.html").read_text(encoding="utf-8")
    assert 'class="fallback"' not in complete and "аударылмаған" not in complete


def test_the_chooser_names_each_language_in_itself(site: Path) -> None:
    chooser = read_page(site / "build" / "html" / "index.html")
    items = chooser.all("li")
    assert [li["lang"] for li in items] == list(LANGS)
    assert [a["href"] for a in chooser.all("a")] == [f"{lang}/index.html" for lang in LANGS]
    for name in NAMES.values():
        assert name in chooser.text
    assert "Сынақ басылымы" in chooser.text  # each language's edition title


def test_stylesheet_fonts_and_no_case_transform(site: Path) -> None:
    css = (site / "build" / "html" / "style.css").read_text(encoding="utf-8")
    assert "text-transform" not in css and "uppercase" not in css
    assert "@font-face" not in css and "url(" not in css  # nothing is downloaded
    assert '"Noto Serif", "PT Serif", "DejaVu Serif"' in css
    for page in pages(site):
        assert "text-transform" not in page.read_text(encoding="utf-8")
