"""A review round: what changed since a revision (--since), and the bilingual table out and back."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from tests.checks_util import write_po
from tests.conftest import make_project
from workflow.catalogs import read_catalog
from workflow.cli import app
from workflow.config import load_config
from workflow.review import Segment, changes_since, collect

runner = CliRunner()

SRC_1 = "The Assembly met in Nur-Sultan in March 2018."
SRC_1_NEW = "The Assembly met in Astana in March 2018."
SRC_2 = "Kazakhs and Uzbeks are brotherly peoples."
SRC_3 = "A new paragraph."
RU = {SRC_1: "Ассамблея собралась в Нур-Султане в марте 2018 года.", SRC_2: "Казахи и узбеки — братские народы."}


def _git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", seeds=False)
    po = root / "locales/ru/LC_MESSAGES/a.po"
    write_po(po, "ru", [polib.POEntry(msgid=s, msgstr=t) for s, t in RU.items()])
    write_po(root / "locales/tr/LC_MESSAGES/a.po", "tr", [polib.POEntry(msgid=SRC_2, msgstr="Kazaklar ve Özbekler.")])
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "reviewed")
    _git(root, "tag", "round-1")
    # Since then: a source fix made the first entry fuzzy with its previous msgid, then an editor
    # reviewed it; the second entry's translation was edited; a third entry came.
    write_po(
        po,
        "ru",
        [
            polib.POEntry(msgid=SRC_1_NEW, msgstr="Ассамблея собралась в Астане в марте 2018 года."),
            polib.POEntry(msgid=SRC_2, msgstr="Казахи и узбеки — братские народы Великой степи."),
            polib.POEntry(msgid=SRC_3, msgstr="Новый абзац.", flags=["fuzzy"]),
        ],
    )
    return root


def test_changes_since_a_revision_as_word_diffs(root: Path) -> None:
    (ru, tr) = collect(load_config(root), since="round-1")
    assert tr.changes == ()
    moved, edited, new = ru.changes
    assert moved.what == ("source", "translation")
    assert Segment("del", "Nur-Sultan ") in moved.source_diff and Segment("ins", "Astana ") in moved.source_diff
    assert Segment("del", "Нур-Султане ") in moved.translation_diff
    assert edited.what == ("translation",) and Segment("ins", "народы Великой степи.") in edited.translation_diff
    assert new.what == ("new",) and new.source == SRC_3


def test_a_state_change_alone_is_a_change() -> None:
    old, new = polib.POFile(), polib.POFile()
    old.append(polib.POEntry(msgid="a", msgstr="б", flags=["fuzzy"]))
    new.append(polib.POEntry(msgid="a", msgstr="б"))
    (change,) = changes_since(old, new)
    assert change.what == ("state",) and change.state == "fuzzy → translated"
    assert changes_since(new, new) == ()


def test_review_since_on_the_command_line(root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workflow", "--project", str(root), "review", "--since", "round-1", "-l", "ru"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "3 entries changed since round-1" in done.stdout
    assert "locales/ru/LC_MESSAGES/a.po:" in done.stdout and "source, translation" in done.stdout
    html = (root / "build/review/index.html").read_text(encoding="utf-8")
    assert "Changed since round-1" in html and "<del>Nur-Sultan </del><ins>Astana </ins>" in html


def test_an_unknown_revision_is_one_line(root: Path) -> None:
    result = runner.invoke(app, ["--project", str(root), "review", "--since", "no-such-tag"])
    assert result.exit_code == 1
    assert "'no-such-tag' is no revision" in result.output and "Traceback" not in result.output


# --- the bilingual table ---------------------------------------------------------------------


def _export(root: Path, lang: str) -> Path:
    result = runner.invoke(app, ["--project", str(root), "review-export", "-l", lang])
    assert result.exit_code == 0, result.output
    return root / "build" / "review" / f"{lang}.csv"


def _read(table: Path) -> list[dict[str, str]]:
    with table.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(table: Path, rows: list[dict[str, str]]) -> None:
    with table.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_export_is_bilingual_with_findings_and_empty_reviewer_columns(root: Path) -> None:
    table = _export(root, "ru")
    assert table.read_bytes().startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    rows = _read(table)
    assert [r["source"] for r in rows] == [SRC_1_NEW, SRC_2, SRC_3]
    assert rows[0]["translation"].startswith("Ассамблея собралась в Астане")
    assert [r["state"] for r in rows] == ["translated", "translated", "fuzzy"]
    assert {r["language"] for r in rows} == {"ru"} and {r["article"] for r in rows} == {"a"}
    assert all(r["correction"] == r["comment"] == "" for r in rows)


def test_round_trip_corrections_become_fuzzy_suggestions_with_the_comment(root: Path) -> None:
    table = _export(root, "ru")
    rows = _read(table)
    rows[0]["correction"] = "Ассамблея собралась в Астане в марте 2018 г."
    rows[0]["severity"], rows[0]["category"], rows[0]["comment"] = "minor", "style", "год сокращаем"
    rows[1]["comment"] = "хорошо"
    _write(table, rows)
    result = runner.invoke(app, ["--project", str(root), "review-import", str(table), "--reviewer", "A. Reviewer"])
    assert result.exit_code == 0, result.output
    assert "1 correction(s) as fuzzy suggestions, 1 comment(s) added" in result.output
    po = {e.msgid: e for e in read_catalog(root / "locales/ru/LC_MESSAGES/a.po")}
    corrected = po[SRC_1_NEW]
    assert corrected.msgstr == "Ассамблея собралась в Астане в марте 2018 г."
    assert "fuzzy" in corrected.flags  # a suggestion for the editor, not a silent overwrite
    assert "review: A. Reviewer · minor · style: год сокращаем" in corrected.tcomment
    assert "review: replaced: Ассамблея собралась в Астане в марте 2018 года." in corrected.tcomment
    commented = po[SRC_2]
    assert "fuzzy" not in commented.flags and commented.tcomment == "review: A. Reviewer: хорошо"
    # The dashboard shows where the suggestion came from.
    (ru, _) = collect(load_config(root))
    assert [item.origin for item in ru.fuzzy][0] == "review: A. Reviewer · minor · style: год сокращаем"
    # Importing the same table again changes nothing.
    before = (root / "locales/ru/LC_MESSAGES/a.po").read_bytes()
    again = runner.invoke(app, ["--project", str(root), "review-import", str(table), "--reviewer", "A. Reviewer"])
    assert again.exit_code == 0 and "0 correction(s)" in again.output
    assert (root / "locales/ru/LC_MESSAGES/a.po").read_bytes() == before


@pytest.mark.parametrize("lang", ["ru", "tr"])
def test_a_row_whose_source_changed_since_the_export_is_skipped(root: Path, lang: str) -> None:
    table = _export(root, lang)
    rows = _read(table)
    rows[0]["source"] = "A source the catalog no longer has."
    rows[0]["correction"] = "что-то"
    _write(table, rows)
    result = runner.invoke(app, ["--project", str(root), "review-import", str(table)])
    assert result.exit_code == 0 and "1 skipped" in result.output and "no longer in" in result.output


def test_a_table_without_the_reviewer_columns_is_refused(root: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("language,article,source\nru,a,x\n", encoding="utf-8")
    result = runner.invoke(app, ["--project", str(root), "review-import", str(table)])
    assert result.exit_code == 1 and "has no column" in result.output
