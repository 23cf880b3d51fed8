"""Hostile translations against the editions: UI catalogs, control characters, blank and rule-like msgstrs.

Each test builds a small project (Russian only, HTML and EPUB) whose catalogs carry one hostile
value, then reads what the build wrote (or the one line it refused with).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.editions_util import epubcheck, pseudo_project
from workflow.catalogs import read_catalog, write_catalog
from workflow.cli import app

runner = CliRunner()
UI = "locales/ru/LC_MESSAGES/ui.po"
ARTICLE = "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pseudo_project(tmp_path_factory.mktemp("hostile") / "p", fill={"ru": 1.0})


@pytest.fixture
def root(base: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "p"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns("build"))
    return copy


def set_msgstr(path: Path, msgid: str | None, text: str, *, index: int = 0) -> str:
    """Put ``text`` as the translation of ``msgid`` (or of the index-th body entry); the msgid."""
    po = read_catalog(path)
    body = [e for e in po if not e.obsolete and e.msgctxt is None]
    entry = next(e for e in body if e.msgid == msgid) if msgid else body[index]
    if entry.msgid_plural:
        entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, text)
    else:
        entry.msgstr = text
    write_catalog(path, po)
    return entry.msgid


def build(root: Path, *formats: str) -> tuple[int, str]:
    args = ["--project", str(root), "build", "-l", "ru"]
    for fmt in formats or ("html", "epub"):
        args += ["-f", fmt]
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def pages(root: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((root / "build/html/ru").glob("*.html")))


def test_ui_markup_is_text_in_pages_and_books(root: Path) -> None:
    set_msgstr(root / UI, "Author", "<script>alert(1)</script>Автор")
    set_msgstr(root / UI, "Read in %(language)s", 'x" onmouseover="alert(2)" y="%(language)s')
    code, out = build(root)
    assert code == 0, out
    html = pages(root)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;Автор" in html
    assert 'onmouseover="alert(2)"' not in html
    book = next((root / "build/epub").glob("*-ru.epub"))
    with zipfile.ZipFile(book) as zf:
        chapters = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    assert "<script>alert(1)" not in chapters and 'onmouseover="alert(2)"' not in chapters


@pytest.mark.parametrize(
    ("msgstr", "shown"),
    [
        ("%(date)200000000s", "%(date)200000000s"),  # a width would make 200 MB pages
        ("%(date).5s", "%(date).5s"),
        ("%(nokey)s", "%(nokey)s"),
        ("%s %s", "%s"),
        ("50 % от %(date)s", "'% '"),
    ],
)
def test_ui_formats_other_than_the_msgids_own_placeholders_are_refused(root: Path, msgstr: str, shown: str) -> None:
    set_msgstr(root / UI, "Published %(date)s", msgstr)
    code, out = build(root, "html")
    assert code != 0 and "Traceback" not in out
    assert f"{UI}:" in out and shown in out and "write % as %%" in out
    assert not (root / "build/html/ru").exists() or len(pages(root)) < 10_000_000


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("charset=UTF-8", "charset=foobar"),
        ("plural=(n%10==1 && n%100!=11 ? 0", "plural=(n/0==1 && n%100!=11 ? 0"),
        ("nplurals=3;", "nplurals=2;"),
    ],
)
def test_a_broken_ui_header_is_one_line_not_a_traceback(root: Path, header: str, expected: str) -> None:
    path = root / UI
    path.write_text(path.read_text(encoding="utf-8").replace(header, expected, 1), encoding="utf-8")
    code, out = build(root, "html")
    assert code != 0 and "Traceback" not in out and f"{UI}" in out
    assert len(out.strip().splitlines()) == 1


def test_control_characters_never_reach_a_page_or_a_chapter(root: Path) -> None:
    set_msgstr(root / ARTICLE, None, "Текст\x01 с \x1bуправляющими\x7f символами", index=2)
    set_msgstr(root / UI, "Author", "Ав\x0bтор")
    code, out = build(root)
    assert code == 0, out
    html = pages(root)
    assert "Текст с управляющими символами" in html and "Автор" in html
    assert not any(ch in html for ch in "\x01\x1b\x7f\x0b")
    book = next((root / "build/epub").glob("*-ru.epub"))
    report = epubcheck(book)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_check_reports_control_characters(root: Path) -> None:
    set_msgstr(root / ARTICLE, None, "Текст\x01 с управляющим символом", index=2)
    result = runner.invoke(app, ["--project", str(root), "check", "-l", "ru", "-a", "kazakhs-and-uzbeks"])
    assert result.exit_code == 1
    assert "control" in result.output and "U+0001" in result.output


@pytest.mark.parametrize("msgstr", ["   ", "\u00a0", "---", "***", "# Заголовок", "- пункт", "> цитата"])
def test_a_msgstr_never_changes_the_block_structure(root: Path, msgstr: str) -> None:
    """The source fixes the blocks: a blank msgstr falls back to the source, markup stays inline text."""
    msgid = set_msgstr(root / ARTICLE, None, msgstr, index=3)
    code, out = build(root, "html")
    assert code == 0, out
    html = (root / "build/html/ru/kazakhs-and-uzbeks.html").read_text(encoding="utf-8")
    assert "<hr" not in html and "<h1>Заголовок" not in html and "<li>пункт" not in html
    assert "<blockquote>\n<p>цитата" not in html
    fallbacks = re.findall(r'<p class="fallback" lang="en">(.*?)</p>', html, flags=re.S)
    start = msgid.split("[^")[0][:40]
    if not msgstr.strip():
        # Not a translation: the source shows in its place, marked as the original.
        assert any(start in text for text in fallbacks)
    else:
        assert not any(start in text for text in fallbacks)


def test_a_full_disk_while_writing_a_book_is_one_line_naming_it(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    code, out = build(root, "epub")
    assert code == 4, out
    assert "Traceback" not in out and "No space left on device" in out
    assert "build/epub/" in out and ".epub" in out
    assert not list((root / "build/epub").glob("*.epub"))
