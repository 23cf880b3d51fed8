"""The review dashboard: progress, findings, fuzzy entries with provenance and diffs; safe and file:// ready."""

from __future__ import annotations

from pathlib import Path

import html5lib
import polib
import pytest

from tests.checks_util import CLEAN, SOURCE, write_po
from tests.conftest import make_project
from tests.editions_util import chromium
from workflow.config import load_config
from workflow.review import Segment, collect, origin_of, word_diff, write_review

HOSTILE = "<script>document.body.setAttribute('data-pwned', '1')</script><img src=x onerror=alert(1)> перевод"
OLD_SOURCE = "The Assembly met in March in Astana."
NEW_SOURCE = "The Assembly met in April in Astana."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", seeds=False)
    fuzzy = polib.POEntry(
        msgid=NEW_SOURCE,
        msgstr=HOSTILE,
        flags=["fuzzy"],
        previous_msgid=OLD_SOURCE,
        tcomment="mt: argos en→ru translate-en_ru 1.9",
    )
    entries = [
        polib.POEntry(msgid=SOURCE, msgstr=CLEAN["ru"].replace("2019", "2018", 1)),
        fuzzy,
        polib.POEntry(msgid="Click <b>here</b> 5 times.", msgstr="Нажмите <b>здесь</b>."),
        polib.POEntry(msgid="An untranslated paragraph.", msgstr=""),
    ]
    write_po(root / "locales/ru/LC_MESSAGES/a.po", "ru", entries)
    write_po(root / "locales/tr/LC_MESSAGES/a.po", "tr", [polib.POEntry(msgid=SOURCE, msgstr=CLEAN["tr"])])
    return root


def test_word_diff_is_data_the_template_escapes() -> None:
    assert word_diff("met in <b>Astana</b> today", "met in Nur-Sultan today") == (
        Segment("equal", "met in "),
        Segment("del", "<b>Astana</b> "),
        Segment("ins", "Nur-Sultan "),
        Segment("equal", "today"),
    )


def test_origin_comes_from_the_provenance_comment() -> None:
    assert origin_of(polib.POEntry(msgid="a", tcomment="note\ntm: exact other-article")) == "tm: exact other-article"
    assert origin_of(polib.POEntry(msgid="a", previous_msgid="b")).startswith("the source changed")
    assert origin_of(polib.POEntry(msgid="a")) == "not recorded"


def test_collect_counts_findings_and_fuzzy_entries(root: Path) -> None:
    (ru, tr) = collect(load_config(root))
    assert (ru.lang, ru.slug, tr.lang) == ("ru", "a", "tr")
    assert [ru.progress.counts[s] for s in ru.progress.counts] == [1, 1, 2]
    assert ru.count("error") == 2 and tr.findings == ()
    (item,) = ru.fuzzy
    assert item.origin == "mt: argos en→ru translate-en_ru 1.9"
    assert Segment("del", "March ") in item.diff and Segment("ins", "April ") in item.diff


def test_hostile_translations_are_escaped(root: Path) -> None:
    html = write_review(load_config(root)).read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(html)  # well-formed HTML5, whatever the catalogs hold
    assert "<script>" not in html and "<img" not in html and "<b>here" not in html
    assert "Click &lt;b&gt;here&lt;/b&gt; 5 times." in html  # a source is untrusted too
    assert "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;" in html
    assert "<del>March </del><ins>April </ins>" in html


def test_dashboard_opens_from_file_in_chromium(root: Path, tmp_path: Path) -> None:
    out = write_review(load_config(root))
    dom = chromium(out.as_uri(), tmp_path, "--dump-dom")
    assert 'aria-label="2 translated, 1 fuzzy, 1 untranslated of 4"' in dom
    assert 'aria-label="1 translated, 0 fuzzy, 0 untranslated of 1"' in dom
    assert "<del>March </del><ins>April </ins>" in dom
    assert "mt: argos en→ru translate-en_ru 1.9" in dom
    assert "2019 of the source became 2018" in dom
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # the script did not run
