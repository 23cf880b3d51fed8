"""The command line end to end: import -> extract -> update -> status, and its errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, make_project
from workflow.catalogs import read_catalog, write_catalog
from workflow.cli import app
from workflow.fsutil import project_lock

runner = CliRunner()


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--project", str(root), *args])
    return result.exit_code, result.output


def catalogs(root: Path) -> list[Path]:
    return sorted(root.glob("locales/**/*.po")) + sorted(root.glob("locales/*.pot"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".workflow" not in p.name
    }


def test_raw_to_catalogs_end_to_end(empty_project: Path) -> None:
    raws = sorted((REPO / "seeds" / "raw").glob("*.txt"))
    shutil.copytree(REPO / "seeds" / "raw", empty_project / "seeds" / "raw")
    code, out = cli(empty_project, "import", *[str(empty_project / "seeds" / "raw" / p.name) for p in raws])
    assert code == 0, out
    assert "no title found" in out
    # The editor writes the missing titles.
    for path in (empty_project / "seeds").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "\ntitle:" not in text:
            path.write_text(text.replace("---\n", "---\ntitle: Editor's title\n", 1), encoding="utf-8")
    code, out = cli(empty_project, "extract")
    assert code == 0, out
    code, out = cli(empty_project, "update")
    assert code == 0, out
    files = catalogs(empty_project)
    assert len(files) == (5 + 1) * 4  # five articles and the UI catalog, a template and three languages
    for path in files:
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)
    # Running again changes no byte.
    before = snapshot(empty_project)
    assert cli(empty_project, "extract")[0] == 0 and cli(empty_project, "update")[0] == 0
    assert snapshot(empty_project) == before


def test_status_table_and_json(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    assert cli(project, "publish")[0] == 0
    po_path = project / "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po"
    po = read_catalog(po_path)
    po[0].msgstr = "Казахи и узбеки"
    po[1].msgstr = "Черновик"
    po[1].flags.append("fuzzy")
    write_catalog(po_path, po)
    code, out = cli(project, "status", "--json", "--lang", "ru")
    assert code == 0
    data = json.loads(out)
    row = next(r for r in data["catalogs"] if r["article"] == "kazakhs-and-uzbeks")
    assert (row["translated"], row["fuzzy"]) == (1, 1)
    assert row["untranslated"] == row["total"] - 2
    assert data["totals"]["ru"]["translated"] == 1
    assert "no machine-translation model for en→ru" in data["notes"]["ru"]
    code, out = cli(project, "status")
    assert code == 0 and "total" in out and "kazakhs-and-uzbeks" in out
    assert "kk: no machine-translation model for en→kk" in out


def test_editor_changes_are_merged_not_skipped(project: Path) -> None:
    assert cli(project, "publish")[0] == 0
    po_path = project / "locales/kk/LC_MESSAGES/no-term-national-minority.po"
    po = read_catalog(po_path)
    po[2].msgstr = "Қазақстан"
    write_catalog(po_path, po)
    source = project / "seeds" / "no-term-national-minority.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    assert cli(project, "extract")[0] == 0 and cli(project, "update")[0] == 0
    again = read_catalog(po_path)
    assert again.find(po[2].msgid).msgstr == "Қазақстан"
    assert again.find("A new closing paragraph.") is not None


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("yaml", "seeds/kazakhs-and-uzbeks.md:2: broken YAML front matter"),
        ("po", "kazakhs-and-uzbeks.po:"),
        ("lang", "unknown language code 'xx'"),
        ("config-lang", "workflow.toml:6: unknown language code 'zz'"),
    ],
)
def test_bad_input_is_one_line_nonzero_and_writes_nothing(project: Path, breakage: str, expected: str) -> None:
    assert cli(project, "publish")[0] == 0
    args = ["update"]
    if breakage == "yaml":
        path = project / "seeds" / "kazakhs-and-uzbeks.md"
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
        args = ["extract"]
    elif breakage == "po":
        path = project / "locales/tr/LC_MESSAGES/kazakhs-and-uzbeks.po"
        path.write_text(path.read_text(encoding="utf-8") + "\nthis is not po syntax\n", encoding="utf-8")
        source = project / "seeds" / "kazakhs-and-uzbeks.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
        assert cli(project, "extract")[0] == 0
    elif breakage == "lang":
        args = ["update", "--lang", "xx"]
    else:
        config = project / "workflow.toml"
        config.write_text(config.read_text(encoding="utf-8").replace('"tr"]', '"zz"]'), encoding="utf-8")
    before = snapshot(project)
    code, out = cli(project, *args)
    assert code != 0
    assert expected in out, out
    assert len(out.strip().splitlines()) == 1, out
    assert "Traceback" not in out
    assert snapshot(project) == before


def test_slug_that_escapes_is_refused(project: Path) -> None:
    code, out = cli(project, "extract", "--article", "../../etc/passwd")
    assert code == 1 and "not allowed" in out


def test_second_run_is_told_about_the_lock(project: Path) -> None:
    with project_lock(project):
        code, out = cli(project, "extract")
    assert code == 3  # EXIT_LOCKED
    assert "another workflow run" in out
    assert not list(project.glob("locales/*.pot"))


def test_no_project_is_a_clear_error(tmp_path: Path) -> None:
    code, out = cli(tmp_path, "status")
    assert code == 1 and "no workflow.toml" in out


def test_console_script_runs(project: Path) -> None:
    # The script pip installed beside this interpreter, not whatever `workflow` is on PATH.
    script = Path(sys.executable).parent / "workflow"
    assert script.is_file(), f"{script} missing: install the project into this environment (pip install -e .)"
    done = subprocess.run([str(script), "--project", str(project), "extract"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "wrote locales/kazakhs-and-uzbeks.pot" in done.stdout


def test_adding_a_language_is_a_config_change(tmp_path: Path) -> None:
    from tests.conftest import CONFIG

    root = make_project(tmp_path / "p", config=CONFIG.replace('"tr"]', '"tr", "uz"]'))
    assert cli(root, "publish")[0] == 0
    po = read_catalog(root / "locales/uz/LC_MESSAGES/kazakhs-and-uzbeks.po")
    assert po.metadata["Language"] == "uz" and po.metadata["Plural-Forms"].startswith("nplurals=2;")
