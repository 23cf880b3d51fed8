"""Import heuristics, on scrapes written for the tests (not the seeds) and on the real originals."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from workflow.errors import SourceError
from workflow.ingest import escape_markdown, import_files, parse_scrape, site_chrome, slugify
from workflow.segment import blocks
from workflow.sources import read_article, render_article

PROSE = "The committee met on Tuesday to discuss the new water agreement between the two countries."
PROSE2 = "Delegates from five regions presented their reports and proposals for the coming season."


def scrape(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_section_title_after_date_views_and_debris() -> None:
    text = scrape(
        "Culture Desk",
        "12.03.2021 1 204",
        "Share",
        "This post is also available in: Русский Қазақша",
        "Regional Water Talks Open in the Capital",
        PROSE,
        "Beginning of the form",
        PROSE2,
        "End of form",
        "© 2021 Example News. All rights reserved.",
        "Similar Posts",
        "Another article teaser",
    )
    result = parse_scrape(text, chrome=frozenset({"Culture Desk"}))
    assert result.meta.section == "Culture Desk"
    assert result.meta.date == dt.date(2021, 3, 12)
    assert result.meta.views == 1204
    assert result.meta.title == "Regional Water Talks Open in the Capital"
    assert [b.text for b in blocks(result.body)] == [PROSE, PROSE2]


def test_missing_title_is_left_for_the_editor() -> None:
    result = parse_scrape(scrape("News", "01.02.2020 15", PROSE))
    assert result.meta.title == ""
    assert any("no title" in w for w in result.warnings)
    assert result.meta.section == "News"


def test_signature_with_role_becomes_author_fields() -> None:
    result = parse_scrape(
        scrape(
            "A Long Enough Title For The Piece",
            PROSE,
            "Aigerim Nurlanovna,",
            "Head of the Press Office of the Ministry",
        )
    )
    assert result.meta.author == "Aigerim Nurlanovna"
    assert result.meta.author_role == "Head of the Press Office of the Ministry"
    assert [b.text for b in blocks(result.body)] == [PROSE]


def test_author_box_with_foreign_biography_is_flagged() -> None:
    bio = "2010 yılında Ankara Üniversitesi’nden mezun olmuştur ve bölgesel işbirliği üzerine çalışmaktadır."
    result = parse_scrape(scrape("A Long Enough Title For The Piece", PROSE, "Aliya SERIKOVA", "Aliya SERIKOVA", bio))
    assert result.meta.author == "Aliya Serikova"
    assert result.meta.author_bio == bio
    assert ("author_bio_lang", "tr") in result.meta.extra
    assert any("biography" in w for w in result.warnings)


def test_speaker_label_and_dash_quote_become_a_blockquote() -> None:
    result = parse_scrape(
        scrape(
            "A Long Enough Title For The Piece",
            PROSE,
            "Marat Amanov, Mayor of the City:",
            "— We will open three new schools this year, and two more next year.",
        )
    )
    found = [(b.kind, b.text) for b in blocks(result.body)]
    assert found[1:] == [
        ("paragraph", "Marat Amanov, Mayor of the City:"),
        ("quote", "We will open three new schools this year, and two more next year."),
    ]


def test_footnote_markers_notes_and_urls() -> None:
    result = parse_scrape(
        scrape(
            "A Long Enough Title For The Piece",
            PROSE + "[1] And more.[2]",
            "[1] “Report”, Ministry site, https://example.org/report_2020/a, (accessed 01.01.2021).",
            "[2] Ibid.",
        )
    )
    kinds = [(b.kind, b.text) for b in blocks(result.body)]
    assert kinds[0] == ("paragraph", PROSE + "[^1] And more.[^2]")
    assert kinds[1] == (
        "footnote 1",
        "“Report”, Ministry site, <https://example.org/report_2020/a>, (accessed 01.01.2021).",
    )
    assert kinds[2] == ("footnote 2", "Ibid.")


def test_subheading_and_markdown_escaping() -> None:
    result = parse_scrape(
        scrape(
            "A Long Enough Title For The Piece",
            PROSE,
            "What comes next",
            "1. Not a list but a sentence that starts with a number and goes on for a while.",
            "Stars *like* these and _underscores_ stay literal in this sentence here.",
        )
    )
    found = [(b.kind, b.text) for b in blocks(result.body)]
    assert found[1][0] == "heading 2" and found[1][1] == "What comes next"
    assert found[2][0] == "paragraph"
    assert "\\*like\\*" in found[3][1]


def test_site_chrome_is_what_several_files_share() -> None:
    texts = [scrape("Site Name", f"Title number {i} of this page", PROSE) for i in range(3)]
    assert site_chrome(texts) == frozenset({"Site Name"})


def test_escape_and_slugify() -> None:
    assert escape_markdown("# not heading <b> [x]") == "\\# not heading \\<b\\> \\[x]"
    assert slugify("Kazakistan’ın İlk Cumhurbaşkanı: Yeni Dönem") == "kazakistanin-ilk-cumhurbaskani-yeni-donem"


def test_import_refuses_to_overwrite_an_edited_source(empty_project: Path) -> None:
    raw = empty_project / "raw.txt"
    raw.write_text(scrape("A Long Enough Title For The Piece", PROSE), encoding="utf-8")
    [result] = import_files([raw], empty_project / "seeds")
    assert result.path.name == "a-long-enough-title-for-the-piece.md"
    before = result.path.read_text(encoding="utf-8")
    with pytest.raises(SourceError, match="--force"):
        import_files([raw], empty_project / "seeds")
    assert result.path.read_text(encoding="utf-8") == before
    with pytest.raises(SourceError):
        import_files([raw], empty_project / "seeds", slugs=["../escape"])


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]


@pytest.mark.parametrize("raw", sorted((REPO / "seeds" / "raw").glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_sentence_of_a_real_original_is_lost(tmp_path: Path, raw: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds" / "raw").glob("*.txt"))]
    result = parse_scrape(raw.read_text(encoding="utf-8"), chrome=site_chrome(texts))
    path = tmp_path / "x.md"
    meta = dataclasses.replace(result.meta, title=result.meta.title or "Editor's title")
    path.write_text(render_article(meta, result.body), encoding="utf-8")
    article = read_article(path)
    kept = " ".join(
        [b.text.replace("\\", "") for b in blocks(article.body)]
        + [article.meta.title, article.meta.author_role or "", article.meta.author_bio or ""]
    )
    kept = re.sub(r"\[\^(\w+)\]", r"[\1]", kept).replace("<http", "http").replace(">", "")
    debris = re.compile(
        r"all rights reserved|use of materials|hyperlink to|request authori|available in:|form$|similar posts", re.I
    )
    for line in raw.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\[\w+\]\s*", "", line.strip().lstrip("—–- "))  # a note's own label
        for sentence in _sentences(line):
            if debris.search(sentence):
                continue
            assert " ".join(sentence.split()) in " ".join(kept.split()), sentence
