"""Markdown -> HTML: untrusted translations render as harmless text; marks and footnotes."""

from __future__ import annotations

import re
import xml.dom.minidom
from pathlib import Path

import pytest

from tests.editions_util import Page, pseudo_project, read_page
from workflow.config import load_config
from workflow.editions.build import build
from workflow.editions.localize import localize
from workflow.editions.render import Labels, render, safe_href
from workflow.model import Article, Entry, State
from workflow.sources import read_article

SOURCE = """\
---
title: Sample
---

# Heading

A paragraph with a [link](https://example.org/a?b=1&c=2) and a note.[^1]

- tight item one
- tight item two

> Quoted.

[^1]: The note, see <https://example.org/n>.
"""
UNITS = [
    "Heading",
    "A paragraph with a [link](https://example.org/a?b=1&c=2) and a note.[^1]",
    "tight item one",
    "tight item two",
    "Quoted.",
    "The note, see <https://example.org/n>.",
]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "[click](JaVaScRiPt:alert(3))",
    "[click](&#106;avascript:alert(3))",
    "[click](java\tscript:alert(3))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)",
    "[click](data:image/png;base64,iVBORw0KGgo=)",
    "[click](vbscript:msgbox(5))",
    "<javascript:alert(6)>",
    "![pic](https://evil.example/track.png)",
    '<a href="javascript:alert(7)">x</a>',
    "<svg onload=alert(8)>",
    '"><script>alert(9)</script>',
    "**unclosed [x](",
    "[^1] [^nope] `code <b>` <!-- c -->",
    "&lt;script&gt; &amp; &#x3C;img&#x3E;",
]


@pytest.fixture
def article(tmp_path: Path) -> Article:
    path = tmp_path / "sample.md"
    path.write_text(SOURCE, encoding="utf-8")
    return read_article(path)


def entries(fn, state: State = State.TRANSLATED) -> dict:
    """Every unit translated by ``fn``; the unit with the footnote reference keeps it."""

    def keep(unit: str) -> str:
        text = fn(unit)
        return text + " [^1]" if "[^1]" in unit and "[^1]" not in text else text

    found = {(None, u): Entry(keep(u), state, keep(u)) for u in UNITS}
    found[("title", "Sample")] = Entry(fn("Sample"), state, fn("Sample"))
    return found


def harmless(html: str) -> None:
    """No element or attribute that runs code or loads anything, whatever the text says."""
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"script", "img", "svg", "iframe", "object", "embed", "style", "form", "input", "base", "meta"}
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert safe_href(value), (tag, value)
                assert not value.lower().replace("\t", "").startswith(("javascript", "data", "vbscript")), value


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_translation_renders_as_text(article: Article, hostile: str) -> None:
    page = localize(article, "ru", entries(lambda s: hostile))
    rendered = render(page, "en")
    harmless(rendered.body)
    harmless(rendered.notes)
    # Well-formed XML, so the same body is a valid EPUB chapter.
    xml.dom.minidom.parseString(f"<div>{rendered.body}<ol>{rendered.notes}</ol></div>")


def test_hostile_text_is_visible_not_dropped(article: Article) -> None:
    page = localize(article, "ru", entries(lambda s: "<script>alert(1)</script> [x](javascript:alert(2))"))
    body = render(page, "en").body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "[x](javascript:alert(2))" in body  # markdown-it leaves an unsafe link as its source text


def test_unsafe_link_is_unwrapped_but_its_text_kept(article: Article) -> None:
    page = localize(article, "ru", entries(lambda s: "see [the data](data:image/png;base64,AAAA) here"))
    body = render(page, "en").body
    assert "see the data here" in Page(body).text
    assert "data:" not in body


@pytest.mark.parametrize(
    ("href", "ok"),
    [
        ("https://example.org", True),
        ("http://example.org", True),
        ("mailto:a@example.org", True),
        ("#fn1", True),
        ("../en/x.html", True),
        ("x.html?a=b:c", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        (" java\nscript:alert(1)", False),
        ("data:image/png;base64,AAAA", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("http://[::1", False),
    ],
)
def test_safe_href(href: str, ok: bool) -> None:
    assert safe_href(href) is ok


def test_fallback_blocks_carry_the_source_language(article: Article) -> None:
    only = {"Heading", "tight item one"}
    page = localize(article, "ru", {k: v for k, v in entries(lambda s: f"[ru] {s}").items() if k[1] in only})
    html = render(page, "en").body
    assert "<h1>[ru] Heading</h1>" in html
    assert '<p class="fallback" lang="en">A paragraph with' in html
    assert "<li>[ru] tight item one</li>" in html
    # A tight list item has no <p>: its text is wrapped in a marked span.
    assert '<li><span class="fallback" lang="en">tight item two</span></li>' in html
    assert '<blockquote>\n<p class="fallback" lang="en">Quoted.</p>' in html


def test_draft_blocks_are_watermarked(article: Article) -> None:
    page = localize(article, "ru", entries(lambda s: f"[mt] {s}", State.FUZZY), draft=True)
    html = render(page, "en", Labels(unreviewed="не проверено <b>", back_to_text="назад")).body
    assert '<h1 class="draft"><span class="watermark">не проверено &lt;b&gt;</span> [mt] Heading</h1>' in html
    assert '<li><span class="draft"><span class="watermark">' in html


def test_footnotes_link_both_ways(article: Article) -> None:
    page = localize(article, "ru", entries(lambda s: f"[ru] {s}"))
    rendered = render(page, "en", Labels(back_to_text="Назад к тексту"))
    body, notes = Page(rendered.body), Page(rendered.notes)
    [ref] = [a for a in body.all("a") if a.get("role") == "doc-noteref"]
    assert ref["href"] == "#fn1" and ref["id"] == "fnref1"
    assert notes.all("li", id="fn1", **{"class": "footnote-item"})
    [back] = notes.all("a", **{"class": "footnote-backref"})
    assert back["href"] == "#fnref1" and back["aria-label"] == "Назад к тексту"
    assert "footnotes" not in rendered.body  # the template draws the notes' section and heading


def test_pages_of_a_hostile_project_are_harmless(tmp_path: Path) -> None:
    hostile = " ".join(HOSTILE[:13])
    root = pseudo_project(
        tmp_path / "p", fill={"ru": 1.0}, translate={"ru": lambda s: hostile + (" [^i]" if "[^i]" in s else "")}
    )
    ui = root / "locales" / "ru" / "LC_MESSAGES" / "ui.po"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace('"Содержание"', '"<script>alert(10)</script>Содержание"'),
        encoding="utf-8",
    )
    build(load_config(root), ["ru"], ["html"])
    pages = sorted((root / "build" / "html" / "ru").glob("*.html"))
    assert len(pages) == 7  # contents, search, five articles
    ours = [  # what the templates themselves put there: metadata, the search forms and scripts
        r'<meta (charset="utf-8"|(name="viewport"|name="description"|name="robots"|property="og:[a-z:_]+") content="[^"<>]*")>',
        r'<form (class="search"|id="search-form" class="search-page") role="search" action="search.html" method="get">'
        r'\s*<label for="[a-z-]+">[^<>]*</label>\s*<input id="[a-z-]+" name="q" type="search" autocomplete="off">'
        r"\s*<button",
        r'<script src="(search-index.js|../search.js)"></script>',
    ]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for pattern in ours:
            html = re.sub(pattern, "", html)
        harmless(html)
    contents = (root / "build" / "html" / "ru" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(10)&lt;/script&gt;Содержание" in contents  # a hostile UI msgstr too
    assert "[ru]" not in read_page(pages[1]).text  # every unit was replaced by the hostile text
