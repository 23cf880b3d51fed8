"""The MT commands end to end through the CLI: translate, models …, memory …; errors as one line."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tinymodel import isolate_argos, mt_project, tiny_package
from workflow.catalogs import read_catalog
from workflow.cli import app

runner = CliRunner()
SLUG = "no-term-national-minority"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_argos(monkeypatch, tmp_path)
    project = mt_project(tmp_path / "proj", tmp_path / "packages", slugs=(SLUG,))
    assert cli(project, "extract")[0] == 0 and cli(project, "update")[0] == 0
    return project


def test_models_then_translate_then_memory(root: Path, tmp_path: Path) -> None:
    code, out, _ = cli(root, "models", "list")
    assert code == 0 and "none installed" in out
    code, out, _ = cli(root, "models", "install", str(tiny_package(to_code="ru", license="MIT").archive))
    assert code == 0 and out.startswith("installed en→ru translate-en_ru 1.0 (licence: MIT)")
    code, out, _ = cli(root, "models", "list")
    assert code == 0 and "en→ru  translate-en_ru  1.0      MIT" in out
    code, out, _ = cli(root, "models", "list", "--json")
    assert json.loads(out)["packages"][0]["license"] == "MIT"

    code, out, _ = cli(root, "translate")
    assert code == 0, out
    lines = out.splitlines()
    assert f"wrote locales/ru/LC_MESSAGES/{SLUG}.po" in lines
    assert lines[-3].startswith("ru: filled") and lines[-3].endswith(
        "by MT (argos en→ru translate-en_ru 1.0); none left"
    )
    assert lines[-2].startswith("kk: nothing filled;") and "no model for en→kk" in lines[-2]
    po = read_catalog(root / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po")
    assert all(e.msgstr == e.msgid and "fuzzy" in e.flags for e in po if e.msgid)

    # An editor reviews one entry; the memory exports it and another project imports it.
    entry = next(e for e in po if e.msgid)
    entry.msgstr, entry.flags = "Проверенный перевод", []
    po.save(str(root / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"))
    code, out, _ = cli(root, "memory", "export", str(tmp_path / "tm.tmx"))
    assert code == 0 and out.strip() == f"wrote {tmp_path / 'tm.tmx'}: 1 units (ru 1)"
    other = mt_project(tmp_path / "other", tmp_path / "packages", slugs=(SLUG,))
    assert cli(other, "extract")[0] == 0 and cli(other, "update", "--lang", "ru")[0] == 0
    code, out, _ = cli(other, "memory", "import", str(tmp_path / "tm.tmx"))
    assert code == 0 and out.strip() == "imported 1 units (ru 1) into locales/memory/tm.tmx"
    code, out, _ = cli(other, "translate", "--lang", "ru", "--no-mt", "--json")
    assert code == 0
    (summary,) = json.loads(out)
    assert summary["exact"] == 1 and summary["mt"] == 0 and summary["left"] == summary["pending"] - 1
    assert summary["written"] == [f"locales/ru/LC_MESSAGES/{SLUG}.po"]

    code, out, _ = cli(root, "models", "remove", "en-ru")
    assert code == 0 and out.startswith("removed en→ru translate-en_ru 1.0")


def test_translate_json_and_no_memory(root: Path) -> None:
    assert cli(root, "models", "install", str(tiny_package(to_code="ru").archive))[0] == 0
    code, out, err = cli(root, "translate", "-l", "ru", "-a", SLUG, "--no-memory", "--json")
    assert code == 0
    (summary,) = json.loads(out)  # stdout holds the result only; progress went to stderr
    assert summary["lang"] == "ru" and summary["mt"] == summary["pending"] > 0 and summary["left"] == 0
    assert "sentences" in err
    code, out, _ = cli(root, "translate", "-l", "ru")
    assert code == 0 and "nothing to fill" in out


def test_package_command_and_licence(root: Path, tmp_path: Path) -> None:
    tiny = tiny_package(to_code="kk", target_prefix="kaz_Cyrl")
    with zipfile.ZipFile(tiny.archive) as zf:
        zf.extractall(tmp_path / "raw")
    raw = tmp_path / "raw" / tiny.folder
    out_file = tmp_path / "kk.argosmodel"
    args = ["models", "package", str(raw / "model"), "--sp", str(raw / "sentencepiece.model"), "--from", "en"]
    args += ["--to", "kk", "--license", "CC-BY-NC-4.0", "--target-prefix", "kaz_Cyrl", "-o", str(out_file)]
    code, out, _ = cli(root, *args)
    assert code == 0 and f"wrote {out_file} (en→kk, licence CC-BY-NC-4.0)" in out
    assert cli(root, "models", "install", str(out_file))[0] == 0
    code, out, _ = cli(root, "models", "list")
    assert "en→kk  translate-en_kk  1.0      CC-BY-NC-4.0  kaz_Cyrl" in out
    code, out, _ = cli(root, "translate", "-l", "kk")
    assert code == 0 and "kk: filled" in out and "by MT (argos en→kk translate-en_kk 1.0); none left" in out


def test_errors_are_one_line(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", offline)
    monkeypatch.setattr(socket, "getaddrinfo", offline)
    cases = [
        (["models", "install", "--from-index", "en", "ru"], "cannot reach the Argos package index"),
        (["models", "install", str(tmp_path / "none.argosmodel")], "no such file"),
        (["models", "install"], "give either FILE.argosmodel or --from-index FROM TO"),
        (["models", "remove", "en-xx"], "no installed package 'en-xx'"),
        (["translate", "--lang", "de"], "language 'de' is not a target of this project"),
        (["memory", "import", str(tmp_path / "none.tmx")], "cannot read"),
    ]
    for args, message in cases:
        code, out, err = cli(root, *args)
        assert code == 1, args
        assert err.startswith("workflow: error: ") and message in err and err.count("\n") == 1, err


def test_status_does_not_load_the_mt_stack(root: Path) -> None:
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from workflow.cli import app\n"
        f"result = CliRunner().invoke(app, ['--project', {str(root)!r}, 'status'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('torch', 'ctranslate2', 'argostranslate', 'stanza') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
