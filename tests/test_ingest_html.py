"""HTML import: trafilatura finds the article; we keep its metadata and structure as CommonMark."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ingest_pages import FOOTER, MENU, PARAS, TITLE, page_html
from workflow.errors import SourceError
from workflow.ingest.html import decode_html, headline, parse_html
from workflow.ingest.importer import check_extract
from workflow.segment import blocks

STRUCTURE = """<h2>What happens next</h2>
<p>The plan includes:</p><ul><li>new bus lines</li><li>longer opening hours</li></ul>
<blockquote><p>We will keep our promises to every district of the region.</p></blockquote>
<p>Read the <a href="https://example.org/budget.pdf">full budget</a> on the council's website, with <b>all figures</b>.</p>
<figure><img src="/bus.jpg" alt="A bus"><figcaption>A new electric bus waits at the depot on Monday morning.</figcaption></figure>
<figure><img src="/x.jpg"><figcaption>Photo: Getty Images</figcaption></figure>
<table><tr><th>Item</th><th>Change</th></tr><tr><td>Buses</td><td>+10%</td></tr><tr><td>Roads</td><td>-2%</td></tr></table>
<p>Share on Facebook</p>
"""


def test_article_metadata_and_body_without_menus_or_footer() -> None:
    result = parse_html(page_html(), original="page.html")
    meta = result.meta
    assert meta.title == TITLE  # the <h1>, not "<title> | Site"
    assert meta.date == dt.date(2021, 4, 14)
    assert meta.author == "Jane Doe"
    assert ("site_name", "Example Daily") in meta.extra
    assert ("description", "The council backed more spending on buses.") in meta.extra
    assert [b.text for b in blocks(result.body)] == PARAS
    removed = {r.text for r in result.removed}
    assert set(MENU) <= removed and set(FOOTER) <= removed and "Related stories" in removed


def test_structure_becomes_commonmark() -> None:
    result = parse_html(page_html(extra=STRUCTURE))
    found = [(b.kind, b.text) for b in blocks(result.body)]
    assert ("heading 2", "What happens next") in found
    assert ("list item", "new bus lines") in found and ("list item", "longer opening hours") in found
    assert ("quote", "We will keep our promises to every district of the region.") in found
    assert (
        "paragraph",
        "Read the [full budget](https://example.org/budget.pdf) on the council's website, with **all figures**.",
    ) in found
    assert "\n*A new electric bus waits at the depot on Monday morning.*\n" in result.body  # a caption, marked
    assert "Getty" not in result.body and "Share on Facebook" not in result.body
    assert ("list item", "Buses \\| +10%") in found
    assert {"Photo: Getty Images", "Share on Facebook"} <= {r.text for r in result.removed}


def test_markup_in_page_text_stays_literal() -> None:
    result = parse_html(
        page_html(
            paras=[*PARAS[:3], "Prices rose by 5 * 2 percent, said the &lt;b&gt; tag [sic] in # the report today."]
        )
    )
    assert "5 \\* 2 percent" in result.body and "\\<b\\>" in result.body and "\\[sic]" in result.body


@pytest.mark.parametrize(
    ("data", "content_type", "text"),
    [
        ("Привет, мир".encode("windows-1251"), "text/html; charset=windows-1251", "Привет, мир"),
        (b'<meta charset="windows-1251">' + "Привет".encode("windows-1251"), None, "Привет"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">caf\xe9 \x93quoted\x94',
            None,
            "café “quoted”",
        ),
        ("\ufeffnaïve".encode(), None, "naïve"),
        ("naïve".encode(), None, "naïve"),
    ],
)
def test_the_encoding_comes_from_the_page(data: bytes, content_type: str | None, text: str) -> None:
    assert text in decode_html(data, content_type)


def test_a_cyrillic_page_in_its_own_encoding() -> None:
    html = page_html(charset="windows-1251", paras=[*PARAS[:3], "Он сказал: «Бюджет принят», и зал долго аплодировал."])
    result = parse_html(decode_html(html.encode("windows-1251")))
    assert "«Бюджет принят»" in result.body


def test_headline_prefers_the_h1_then_strips_the_site_name() -> None:
    assert headline(None, "Council backs budget | Example Daily", "Example Daily") == "Council backs budget"
    assert headline(None, "Council backs budget - Politics - Example", "") == "Council backs budget - Politics"
    assert (
        headline(None, "Q&A: why the council - and the mayor - agree", "")
        == "Q&A: why the council - and the mayor - agree"
    )


def test_a_page_without_an_article_is_an_error() -> None:
    menu_only = "<html><body><nav>" + "".join(f"<a href='/{m}'>{m}</a><br>" for m in MENU) + "</nav></body></html>"
    with pytest.raises(SourceError, match="article was lost|no article text"):
        check_extract(parse_html(menu_only), "menu.html")


def test_the_printed_byline_wins_over_the_meta_tag() -> None:
    html = page_html().replace('content="Jane Doe"', 'content="Jane Doe Example Daily"')
    assert parse_html(html).meta.author == "Jane Doe"


def test_a_local_page_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("import tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert parse_html(page_html()).meta.title == TITLE


def test_a_sentence_kept_from_a_page_full_of_prose_is_an_error() -> None:
    from workflow.ingest import Block, Extract
    from workflow.model import Meta

    brief = Extract(Meta(title="T"), (Block("paragraph", "The council met on Tuesday, officials said today."),))
    check_extract(brief, "brief.txt")  # a brief on its own page is fine
    lost = Extract(brief.meta, brief.blocks, prose_words=8, page_prose_words=600)
    with pytest.raises(SourceError, match="brief.txt: only 8 words kept"):
        check_extract(lost, "brief.txt")
