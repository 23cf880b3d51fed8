"""Hostile inputs (issue 11): each test is one attack that once got through, and what stops it now.

Grouped by kind: paths, configuration, sources, check's patterns, terminal output, errors.
Each names the issue's item it shows.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import make_project
from workflow import fsutil
from workflow.cli import app

runner = CliRunner()

ARTICLE = """\
---
title: A short article
date: 2020-01-02
---

The first paragraph has a [link](https://example.org/a) and `code`.

The second paragraph.
"""


def invoke(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["--project", str(root), *args], env=env)


def one_line_error(result: Result, code: int) -> str:
    """The run failed with ``code`` and said why in one line: no traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("workflow: error:")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project with one short article."""
    root = make_project(tmp_path / "proj", seeds=False)
    (root / "seeds" / "short.md").write_text(ARTICLE, encoding="utf-8")
    return root


def set_config(root: Path, old: str, new: str) -> None:
    path = root / "workflow.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# 2. writes outside the project ---------------------------------------------------------------


def test_lock_that_is_a_symlink_is_not_followed(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "victim"
    target.parent.mkdir()
    (small / ".workflow.lock").symlink_to(target)
    line = one_line_error(invoke(small, "extract"), 1)
    assert "symbolic link" in line
    assert not target.exists()


@pytest.mark.parametrize("value", ["../outside", "/tmp/absolute-locales", "seeds/../../x"])
def test_catalog_folders_stay_inside_the_project(small: Path, value: str) -> None:
    set_config(small, "[edition]", f'[paths]\nlocales = "{value}"\n\n[edition]')
    line = one_line_error(invoke(small, "update"), 1)
    assert "paths.locales" in line and "outside the project" in line
    assert not (small.parent / "outside").exists()


def test_build_outside_only_as_an_absolute_path_and_said(small: Path, tmp_path: Path) -> None:
    set_config(small, "[edition]", '[paths]\nbuild = "../site"\n\n[edition]')
    assert "paths.build" in one_line_error(invoke(small, "extract"), 1)
    site = tmp_path / "site"
    set_config(small, 'build = "../site"', f'build = "{site}"')
    result = invoke(small, "extract")
    assert result.exit_code == 0, result.output
    assert f"paths.build is outside the project: {site}" in result.output


# 19. configuration values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("threshold = 0.8", "threshold = true", "threshold"),
        ('name = "test"', 'name = ["a", "b"]', "edition.name"),
        ('name = "test"', 'name = "../../evil"', "edition.name"),
        ('targets = ["ru", "kk", "tr"]', 'targets = ["ru", "KK", "tr"]', "'KK'"),
        ('targets = ["ru", "kk", "tr"]', 'targets = ["ru", "kk", "ru"]', "twice"),
        ('name = "Test project"', 'name = "Evil\\n\\"Language: xx\\\\n\\""', "control character"),
        ('ru = "Тестовое издание"', 'ru = "Title\\u0001"', "control character"),
    ],
)
def test_bad_configuration_values_are_refused(small: Path, old: str, new: str, said: str) -> None:
    set_config(small, old, new)
    line = one_line_error(invoke(small, "extract"), 1)
    assert "workflow.toml:" in line and said in line
    assert not list((small / "locales").glob("*.pot"))


# 9. YAML alias bomb, and the size of front matter ------------------------------------------

BOMB = "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" if n else 'l0: &l0 ["lol", "lol", "lol"]\n' for n in range(9)
)


def test_yaml_alias_bomb_is_refused_at_once(small: Path) -> None:
    (small / "seeds" / "bomb.md").write_text(f"---\ntitle: x\n{BOMB}---\n\nText.\n", encoding="utf-8")
    started = time.monotonic()
    line = one_line_error(invoke(small, "status"), 1)
    assert time.monotonic() - started < 10
    assert "bomb.md:4:" in line and "aliases" in line


def test_front_matter_is_bounded(small: Path) -> None:
    big = "title: x\n" + "".join(f"k{n}: {'v' * 100}\n" for n in range(1000))
    (small / "seeds" / "big.md").write_text(f"---\n{big}---\n\nText.\n", encoding="utf-8")
    line = one_line_error(invoke(small, "status"), 5)
    assert "big.md:1:" in line and "front matter is larger" in line


def test_deeply_nested_front_matter_is_refused(small: Path) -> None:
    (small / "seeds" / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "\n---\n\nText.\n", encoding="utf-8")
    assert "nested" in one_line_error(invoke(small, "status"), 1)


# 5. control characters arriving in sources --------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x85"])
def test_control_characters_in_a_source_are_refused_with_their_line(small: Path, char: str) -> None:
    (small / "seeds" / "ctl.md").write_text(ARTICLE.replace("second", f"sec{char}ond"), encoding="utf-8")
    line = one_line_error(invoke(small, "extract"), 1)
    assert "ctl.md:8:" in line and f"U+{ord(char):04X}" in line


# 10. check's patterns are linear ----------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    ["`" * 16_000, "](" * 30_000, "[^" * 30_000, "](<" * 20_000, "](a (" * 12_000, "http://x" + ")" * 60_000],
    ids=["backticks", "link-open", "footnote-open", "pointy", "title-paren", "url-parens"],
)
def test_check_patterns_stay_fast_on_hostile_text(payload: str) -> None:
    from workflow.checks.markup import check_footnotes, urls
    from workflow.checks.spans import prose

    started = time.monotonic()
    prose(payload)
    urls(payload)
    list(check_footnotes(__import__("workflow.checks.base", fromlist=["Pair"]).Pair("a", payload, "ru")))
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("command", ["check", "review"])
def test_check_and_review_of_hostile_translations_finish(small: Path, command: str) -> None:
    from workflow.catalogs import read_catalog, write_catalog

    assert invoke(small, "update", "-l", "ru").exit_code == 0
    path = small / "locales" / "ru" / "LC_MESSAGES" / "short.po"
    po = read_catalog(path)
    first, second = (e for e in po if e.msgid.startswith("The "))
    first.msgstr = "`" * 16_000
    second.msgstr = "](" * 9_000 + "[^" * 500
    po.append(type(first)(msgid="Added unit.", msgstr="[" * 60_000))
    write_catalog(path, po)
    started = time.monotonic()
    result = invoke(small, command, "-l", "ru")
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    if command == "check":
        assert "60,000 characters: too long for the other checks" in result.output


def test_code_spans_pair_as_commonmark_does() -> None:
    from workflow.checks.spans import blank_code, code_spans

    assert code_spans("a `b` c ``d`e`` f") == [(2, 5), (8, 15)]
    assert blank_code("x ``` y") == "x ``` y"  # an unclosed opener is text
    assert blank_code("`a` and `b`", "#") == "# and #"


# 13. failures of the file system and of the environment: one line, an exit code by kind ------


def test_full_disk_is_one_line_naming_the_file(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke(small, "extract").exit_code == 0
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(fsutil, "_syncfs", lambda: full)  # a batch is flushed by syncfs where there is one
    line = one_line_error(invoke(small, "update"), 4)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "disk is full" in line and ".po" in line
    assert not list(small.rglob("*.tmp"))


def test_read_only_locales(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    assert invoke(small, "update", "-l", "ru").exit_code == 0
    (small / "seeds" / "short.md").write_text(ARTICLE.replace("second", "other"), encoding="utf-8")

    def read_only(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:  # noqa: A002
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), dir)

    def read_only_temp(path: Path) -> tuple[int, str]:  # how a batch of catalogs makes its temp files
        return read_only(dir=str(path.parent))

    # As a read-only mount answers (chmod does not stop root, who runs these tests in CI).
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    monkeypatch.setattr(fsutil, "_new_temp", read_only_temp)
    line = one_line_error(invoke(small, "update", "-l", "ru"), 4)
    assert "LC_MESSAGES" in line and "read-only" in line


def test_lock_path_a_folder_or_a_dangling_link(small: Path) -> None:
    (small / ".workflow.lock").mkdir()
    assert "is a folder" in one_line_error(invoke(small, "extract"), 1)
    (small / ".workflow.lock").rmdir()
    (small / ".workflow.lock").symlink_to(small / "nowhere")
    assert "symbolic link" in one_line_error(invoke(small, "extract"), 1)
    assert not (small / "nowhere").exists()


def test_build_folder_that_is_a_file(small: Path) -> None:
    (small / "build").write_text("not a folder", encoding="utf-8")
    line = one_line_error(invoke(small, "build", "-f", "html"), 4)
    assert "build" in line


def test_memory_export_to_a_folder(small: Path) -> None:
    (small / "out.tmx").mkdir()
    line = one_line_error(invoke(small, "memory", "export", str(small / "out.tmx")), 4)
    assert "out.tmx" in line


def test_date_beyond_what_a_zip_can_hold(small: Path) -> None:
    (small / "seeds" / "short.md").write_text(ARTICLE.replace("2020-01-02", "2190-01-01"), encoding="utf-8")
    line = one_line_error(invoke(small, "build", "-f", "epub"), 1)
    assert "short.md:3:" in line and "2190-01-01" in line


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-5", "yesterday"])
def test_out_of_range_source_date_epoch(small: Path, epoch: str) -> None:
    line = one_line_error(invoke(small, "extract", env={"SOURCE_DATE_EPOCH": epoch}), 1)
    assert "SOURCE_DATE_EPOCH" in line


# 20 / 16. what reaches the terminal ---------------------------------------------------------


def test_a_long_word_is_cut_and_escapes_are_shown_not_sent() -> None:
    from workflow.termsafe import shown

    line = shown("slug '" + "x" * 100_000 + "' \x1b[31mred\u202e")
    assert len(line) < 400 and "100,002 characters" in line
    assert "\x1b" not in line and "\\x1b[31m" in line and "\\u202e" in line


def test_a_long_slug_is_not_echoed_in_full(small: Path) -> None:
    line = one_line_error(invoke(small, "extract", "-a", "x" * 100_000), 1)
    assert len(line) < 600


# 11, 13, 17, 18. model packages --------------------------------------------------------------


def _repack(
    source: Path, target: Path, change: object = None, extra: Sequence[tuple[zipfile.ZipInfo | str, bytes]] = ()
) -> Path:
    """A copy of an .argosmodel, each member passed through ``change(info, data)``, plus ``extra``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if callable(change):
                info, data = change(info, data)
            dst.writestr(info, data)
        for name, data in extra:
            dst.writestr(name, data)
    return target


def _patch_header(archive: Path, name: str, local: int, central: int, value: int) -> None:
    """Set a 2-byte field of member ``name`` in its local header (at ``local``) and central entry."""
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        offset = zf.getinfo(name).header_offset
    raw[offset + local : offset + local + 2] = value.to_bytes(2, "little")
    entry = raw.find(b"PK\x01\x02")
    while entry != -1:
        length = int.from_bytes(raw[entry + 28 : entry + 30], "little")
        if raw[entry + 46 : entry + 46 + length] == name.encode():
            raw[entry + central : entry + central + 2] = value.to_bytes(2, "little")
            break
        entry = raw.find(b"PK\x01\x02", entry + 4)
    archive.write_bytes(bytes(raw))


def _install(root: Path, archive: Path) -> Result:
    return invoke(root, "models", "install", str(archive))


@pytest.fixture
def mt_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.tinymodel import isolate_argos

    isolate_argos(monkeypatch, tmp_path)
    root = make_project(tmp_path / "proj", seeds=False)
    set_config(root, "[edition]", '[paths]\nmodels = "models"\n\n[limits]\nmodel_size_mb = 20\n\n[edition]')
    (root / "seeds" / "short.md").write_text(ARTICLE, encoding="utf-8")
    return root


def test_zip_bomb_is_refused_before_unpacking(mt_small: Path, tmp_path: Path) -> None:
    from tests.tinymodel import tiny_package

    tiny = tiny_package(to_code="ru")
    bomb = _repack(tiny.archive, tmp_path / "bomb.argosmodel", extra=[(f"{tiny.folder}/pad.bin", bytes(4 << 20))])
    line = one_line_error(_install(mt_small, bomb), 5)
    assert "zip bomb" in line or "model_size_mb" in line
    assert sum(p.stat().st_size for p in (mt_small / "models").rglob("*") if p.is_file()) == 0


@pytest.mark.parametrize("kind", ["encrypted", "method", "clash", "overlong", "deep", "many"])
def test_archives_no_file_system_holds_are_one_line(mt_small: Path, tmp_path: Path, kind: str) -> None:
    from tests.tinymodel import tiny_package

    tiny = tiny_package(to_code="ru")
    top = tiny.folder
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = []

    if kind == "clash":
        extra = [(f"{top}/model", b"a file where the model folder is")]
    elif kind == "overlong":
        extra = [(f"{top}/{'x' * 300}", b"x")]
    elif kind == "deep":
        extra = [(f"{top}/" + "d/" * 40 + "f", b"x")]
    elif kind == "many":
        extra = [(f"{top}/n{n}", b"") for n in range(20_001)]
    archive = _repack(tiny.archive, tmp_path / f"{kind}.argosmodel", extra=extra)
    if kind == "encrypted":  # zipfile writes neither: patch the headers of metadata.json
        _patch_header(archive, f"{top}/metadata.json", 6, 8, 0x1)
    elif kind == "method":
        _patch_header(archive, f"{top}/metadata.json", 8, 10, 99)
    line = one_line_error(_install(mt_small, archive), 5 if kind in ("overlong", "deep", "many") else 1)
    assert "refused" in line
    assert not [p for p in (mt_small / "models").iterdir() if p.name.startswith(".install-")]


def test_staging_left_by_a_killed_install_is_removed(mt_small: Path) -> None:
    from tests.tinymodel import tiny_package

    stale = mt_small / "models" / ".install-killed"
    (stale / "pkg").mkdir(parents=True)
    (stale / "pkg" / "model.bin").write_bytes(b"x" * 1000)
    result = _install(mt_small, tiny_package(to_code="ru").archive)
    assert result.exit_code == 0, result.output
    assert not stale.exists()


@pytest.mark.parametrize(
    ("from_code", "to_code"),
    [("ru", "en"), ("en", "xx"), ("en", "EN"), ("en", "en")],
    ids=["reverse", "unknown", "upper", "same"],
)
def test_only_source_to_target_pairs_install(mt_small: Path, tmp_path: Path, from_code: str, to_code: str) -> None:
    from tests.tinymodel import tiny_package

    tiny = tiny_package(to_code="ru")

    def change(info: zipfile.ZipInfo, data: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        if info.filename.endswith("metadata.json"):
            meta = json.loads(data)
            meta.update(from_code=from_code, to_code=to_code)
            data = json.dumps(meta).encode()
        return info, data

    line = one_line_error(_install(mt_small, _repack(tiny.archive, tmp_path / "pair.argosmodel", change)), 1)
    assert "refused" in line
    assert not [p for p in (mt_small / "models").iterdir() if not p.name.startswith(".")]


def test_a_package_never_replaces_another_pairs_folder(mt_small: Path, tmp_path: Path) -> None:
    from tests.tinymodel import tiny_package

    tr = tiny_package(to_code="tr", folder="shared")
    ru = tiny_package(to_code="ru", folder="shared")
    assert _install(mt_small, tr.archive).exit_code == 0
    line = one_line_error(_install(mt_small, ru.archive), 1)
    assert "holds the en→tr model" in line
    assert json.loads((mt_small / "models" / "shared" / "metadata.json").read_text())["to_code"] == "tr"


def test_model_commands_take_the_project_lock(mt_small: Path) -> None:
    from tests.tinymodel import tiny_package
    from workflow.fsutil import project_lock

    with project_lock(mt_small):
        one_line_error(_install(mt_small, tiny_package(to_code="ru").archive), 3)
        one_line_error(invoke(mt_small, "models", "remove", "en-ru"), 3)
        one_line_error(invoke(mt_small, "review"), 3)


def test_models_list_shows_escapes_instead_of_sending_them(mt_small: Path) -> None:
    from tests.tinymodel import tiny_package

    assert _install(mt_small, tiny_package(to_code="ru").archive).exit_code == 0
    meta_path = next((mt_small / "models").glob("*/metadata.json"))
    meta = json.loads(meta_path.read_text())
    meta["license"] = "MIT\x1b[2J\x1b]0;owned\x07\u202e"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    result = invoke(mt_small, "models", "list")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "MIT\\x1b[2J" in result.output


def test_corrupt_sentencepiece_model_of_an_installed_package(mt_small: Path) -> None:
    from tests.tinymodel import tiny_package

    assert _install(mt_small, tiny_package(to_code="ru").archive).exit_code == 0
    assert invoke(mt_small, "update", "-l", "ru").exit_code == 0
    next((mt_small / "models").glob("*/sentencepiece.model")).write_bytes(b"garbage" * 100)
    result = invoke(mt_small, "translate", "-l", "ru", "--no-memory")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "sentencepiece.model: the SentencePiece model is corrupt" in result.output


# 20, 16. bidi controls in a translation: flagged by check, escaped on the terminal -------------


def _translate_first(root: Path, msgstr: str) -> Path:
    from workflow.catalogs import read_catalog, write_catalog

    assert invoke(root, "update", "-l", "ru").exit_code == 0
    path = root / "locales" / "ru" / "LC_MESSAGES" / "short.po"
    po = read_catalog(path)
    entry = next(e for e in po if e.msgid.startswith("The second"))
    entry.msgstr = msgstr
    write_catalog(path, po)
    return path


def test_bidi_override_is_an_error_and_escapes_are_shown_not_sent(small: Path) -> None:
    _translate_first(small, "Второй \u202eабзац\u202c \x1b[2J\x1b]0;owned\x07.")
    result = invoke(small, "check", "-l", "ru", "--only", "bidi", "--only", "control")
    assert result.exit_code == 1
    assert "bidi: bidi control(s) U+202C POP DIRECTIONAL FORMATTING, U+202E RIGHT-TO-LEFT OVERRIDE" in result.output
    assert not any(ch in result.output for ch in "\x1b\x07\u202e\u202c")


def test_a_direction_mark_is_only_noted() -> None:
    from workflow.checks.base import Pair
    from workflow.checks.bidi import check_bidi

    (problem,) = check_bidi(Pair("Text", "Текст\u200f", "ru"))
    assert problem.severity == "info" and "U+200F" in problem.message
    assert check_bidi(Pair("a \u202e b", "а \u202e б", "ru")) == []  # as in the source


# 20. a large TMX is streamed ----------------------------------------------------------------


def test_large_tmx_is_read_without_building_its_tree(tmp_path: Path) -> None:
    import tracemalloc

    from workflow.pretranslate.tmx import read_tmx

    unit = '<tu><tuv xml:lang="en"><seg>{0} a sentence with some text in it</seg></tuv><tuv xml:lang="ru"><seg/></tuv></tu>\n'
    body = "".join(unit.format(n) for n in range(20_000))  # ~2 MB of units without a translation
    path = tmp_path / "big.tmx"
    path.write_text(f'<tmx version="1.4"><header srclang="en"/><body>\n{body}</body></tmx>', encoding="utf-8")
    tracemalloc.start()
    try:
        assert read_tmx(path, "en")[:0] == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, f"{peak >> 20} MB"


def test_tmx_entities_are_refused_while_streaming(tmp_path: Path) -> None:
    from workflow.errors import TmxError
    from workflow.pretranslate.tmx import read_tmx

    path = tmp_path / "lol.tmx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><header/><body/></tmx>')
    with pytest.raises(TmxError, match="entities"):
        read_tmx(path, "en")


# 14. temp files of a killed run --------------------------------------------------------------


def test_temp_files_of_a_killed_run_are_removed_and_ignored_by_git(small: Path) -> None:
    assert invoke(small, "update", "-l", "ru").exit_code == 0
    (small / ".workflow.lock").write_bytes(b"")  # as a killed run leaves it: it never said it ended
    leftovers = [
        small / "locales" / "ru" / "LC_MESSAGES" / ".short.po.a1b2c3d4.tmp",
        small / "locales" / ".short.pot.zz_9YY8x.tmp",
        small / "build" / "html" / "ru" / ".short.html.abcdefgh.tmp",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half", encoding="utf-8")
    keep = small / "locales" / "notes.tmp"  # not named as ours
    keep.write_text("mine", encoding="utf-8")
    assert invoke(small, "update", "-l", "ru").exit_code == 0
    assert not any(p.exists() for p in leftovers) and keep.exists()
    # After a run that ended normally, the folders are not swept again (a temp file there now is
    # another tool's business, and a large archive's names are not read for nothing).
    again = small / "locales" / ".short.pot.qq_1RR2s.tmp"
    again.write_text("half", encoding="utf-8")
    assert invoke(small, "update", "-l", "ru").exit_code == 0 and again.exists()
    (small / ".workflow.lock").write_bytes(b"")
    assert invoke(small, "update", "-l", "ru").exit_code == 0 and not again.exists()
    from tests.conftest import REPO

    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "locales/ru/LC_MESSAGES/.short.po.a1b2c3d4.tmp"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert ignored.returncode == 0


# 12. the memory's near-match stays bounded when nothing is distinctive ---------------------


def test_memory_near_match_is_bounded_for_a_memory_without_distinctive_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random
    import types

    from rapidfuzz import process

    from workflow.pretranslate import memory as tm

    rng = random.Random(7)
    words = [f"w{n}" for n in range(12)]  # every word is everywhere: no word index helps

    def text() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(24, 40)))

    entries = [tm.MemoryEntry(text(), f"t{n}", "a") for n in range(3000)]
    queries = [text() for _ in range(3000)]
    compared = [0]

    def extract_one(query: str, choices: list[str], **options: object) -> object:
        compared[0] += len(choices)
        return process.extractOne(query, choices, **options)

    def cdist(queries: list[str], choices: list[str], **options: object) -> object:
        compared[0] += len(queries) * len(choices)
        return process.cdist(queries, choices, **options)

    monkeypatch.setattr(tm, "process", types.SimpleNamespace(extractOne=extract_one, cdist=cdist))
    found = tm.Memory(entries).match(queries, 0.75)
    # Each query is scored against a bounded number of entries, not against the whole memory.
    assert compared[0] <= len(queries) * 600, compared[0] // len(queries)
    assert all(m is None or m.score >= 75 for m in found)


def test_full_disk_during_models_install(mt_small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from tests.tinymodel import tiny_package

    archive = tiny_package(to_code="ru").archive

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfileobj", full)
    line = one_line_error(_install(mt_small, archive), 4)
    assert "models: the disk is full" in line
    assert not [p for p in (mt_small / "models").iterdir() if p.name.startswith(".install-")]
