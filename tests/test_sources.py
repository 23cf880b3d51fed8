from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workflow.errors import SourceError
from workflow.sources import check_slug, read_article, render_article, split_front_matter


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_front_matter_and_body(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a-b.md",
        "---\ntitle: Hello\ndate: 2019-04-23\nviews: 829\nauthor: A. B.\nkeywords: x\n---\n\nBody *text*.\n",
    )
    article = read_article(path)
    assert article.slug == "a-b"
    assert article.meta.title == "Hello"
    assert article.meta.date == dt.date(2019, 4, 23)
    assert article.meta.views == 829
    assert article.meta.extra == (("keywords", "x"),)
    assert article.body.strip() == "Body *text*."
    assert article.body_line == 8
    assert article.field_lines["title"] == 2


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: [broken\n---\nx\n", 2, "broken YAML"),
        ("---\ntitle: ok\ndate: tomorrow\n---\nx\n", 3, "not a date"),
        ("---\ndate: 2019-01-01\n---\nx\n", None, "needs a title"),
        ("no front matter\n", 1, "missing YAML front matter"),
        ("---\ntitle: ok\n", 1, "not closed"),
        ("---\ntitle: ok\nviews: many\n---\n", 3, "whole number"),
    ],
)
def test_bad_front_matter_names_file_and_line(tmp_path: Path, text: str, line: int | None, words: str) -> None:
    path = write(tmp_path / "bad.md", text)
    with pytest.raises(SourceError) as info:
        read_article(path)
    assert words in str(info.value)
    assert info.value.path == path
    assert info.value.line == line


@pytest.mark.parametrize("slug", ["../x", "A", "a b", "", "-a", "a/b"])
def test_slugs_that_could_escape_are_refused(slug: str) -> None:
    with pytest.raises(SourceError):
        check_slug(slug)


def test_render_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path / "x.md", "---\ntitle: 'A: b'\ndate: 2020-01-02\n---\n\nPara.\n")
    article = read_article(path)
    again = write(tmp_path / "y.md", render_article(article.meta, article.body))
    assert read_article(again).meta == article.meta
    data, body, _ = split_front_matter(again.read_text(encoding="utf-8"), again)
    assert data["title"] == "A: b" and body.strip() == "Para."
