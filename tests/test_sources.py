from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

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


# libyaml reads front matter; what it reads differently from PyYAML goes to PyYAML's own loader.
_YAML_PIECES = list("ab1 :\t\r\n'\"[]{},#-?&*!|>%@`\\.0~+") + [
    "title: ", "\n  ", "\n- ", ": ", "é", "\u2028", "\x85", "\ufeff", "2019-01-02", " #", "...", "---", "\\x41", "&a ", "*a",
]  # fmt: skip


def _python_loader(raw: str) -> tuple[str, object]:
    from workflow.sources import _load, _NoAliasLoader

    try:
        return ("value", _load(_NoAliasLoader, raw))
    except yaml.YAMLError as exc:
        return ("error", str(exc))


def _fast_loader(raw: str) -> tuple[str, object]:
    from workflow.sources import load_yaml

    try:
        return ("value", load_yaml(raw))
    except yaml.YAMLError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize(
    "raw",
    ["title: a\tb", "title: !", "title: |#\n  x", "\ufefftitle: x", "[a?>b]", "title: [broken", "t: " + "[" * 5000],
)
def test_front_matter_reads_as_pythons_yaml_loader_where_libyaml_differs(raw: str) -> None:
    assert repr(_fast_loader(raw)) == repr(_python_loader(raw))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=40).map("".join))
def test_front_matter_reads_as_pythons_yaml_loader(raw: str) -> None:
    assert repr(_fast_loader(raw)) == repr(_python_loader(raw))
