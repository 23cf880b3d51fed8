"""`workflow check` and `workflow review` from the command line: output, --json, --only, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from tests.checks_util import CLEAN, SOURCE, write_po
from tests.conftest import make_project
from workflow.cli import app

runner = CliRunner()


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--project", str(root), *args])
    return result.exit_code, result.output


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with a clean Turkish catalog, a Russian one with warnings only, and a Kazakh one with an error."""
    root = make_project(tmp_path / "p", seeds=False)
    folder = root / "locales"
    write_po(folder / "tr/LC_MESSAGES/a.po", "tr", [polib.POEntry(msgid=SOURCE, msgstr=CLEAN["tr"])])
    write_po(folder / "ru/LC_MESSAGES/a.po", "ru", [polib.POEntry(msgid=SOURCE, msgstr=CLEAN["ru"] + " ")])
    kk = CLEAN["kk"].replace("[^ii]", "")
    write_po(folder / "kk/LC_MESSAGES/a.po", "kk", [polib.POEntry(msgid=SOURCE, msgstr=kk)])
    return root


def test_findings_are_lines_with_file_line_check_and_entry(root: Path) -> None:
    code, out = cli(root, "check")
    assert code == 1
    lines = out.strip().splitlines()
    pattern = (
        r"^locales/kk/LC_MESSAGES/a\.po:\d+: error: footnotes: footnote marker \[\^ii\] is missing \[In 2019 the .*…\]$"
    )
    assert any(re.match(pattern, line) for line in lines), out
    assert any(
        re.match(r"^locales/ru/LC_MESSAGES/a\.po:\d+: warning: whitespace: leading or trailing", line) for line in lines
    )
    assert lines[-1] == "3 catalog(s): 1 error(s), 1 warning(s), 0 note(s) (footnotes 1, whitespace 1)"


def test_warnings_alone_exit_zero(root: Path) -> None:
    code, out = cli(root, "check", "-l", "ru", "-l", "tr")
    assert code == 0, out
    assert "2 catalog(s): 0 error(s), 1 warning(s)" in out
    assert cli(root, "check", "--lang", "tr")[0] == 0


def test_json_for_machines(root: Path) -> None:
    code, out = cli(root, "check", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["catalogs"] == 3 and data["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert data["by_check"] == {"footnotes": 1, "whitespace": 1}
    (error,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert error["path"] == "locales/kk/LC_MESSAGES/a.po" and error["lang"] == "kk" and error["slug"] == "a"
    assert error["msgid"] == SOURCE and error["msgctxt"] is None and error["check"] == "footnotes"
    assert isinstance(error["line"], int)


def test_only_runs_the_named_checks(root: Path) -> None:
    code, out = cli(root, "check", "--only", "whitespace", "--json")
    assert code == 0 and json.loads(out)["by_check"] == {"whitespace": 1}
    code, out = cli(root, "check", "--only", "footnotes", "--only", "numbers")
    assert code == 1 and "whitespace" not in out


def test_bad_options_are_one_clear_line(root: Path) -> None:
    code, out = cli(root, "check", "--only", "spelling")
    assert code == 1 and "workflow: error: unknown check 'spelling'; the checks are: numbers" in out
    assert "Traceback" not in out
    code, out = cli(root, "check", "-a", "nosuch")
    assert code == 1 and "no catalog for 'nosuch'" in out
    code, out = cli(root, "check", "-l", "de")
    assert code == 1 and "not a target of this project" in out


def test_accepting_the_finding_makes_the_check_pass(root: Path) -> None:
    path = root / "locales/kk/LC_MESSAGES/a.po"
    po = polib.pofile(str(path))
    po[0].flags.append("ignore-footnotes")
    po[0].tcomment = "accepted footnotes: the note does not exist in the Kazakh edition"
    po.save(str(path))
    assert cli(root, "check", "-l", "kk")[0] == 0


def test_review_writes_the_dashboard(root: Path) -> None:
    code, out = cli(root, "review", "-l", "kk")
    assert code == 0 and out.strip() == "wrote build/review/index.html"
    html = (root / "build/review/index.html").read_text(encoding="utf-8")
    assert "footnote marker [^ii] is missing" in html and 'id="lang-kk"' in html and 'id="lang-ru"' not in html
