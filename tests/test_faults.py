"""Faults (issue 11): ``update``, ``translate`` and ``build`` killed at random points.

Each command is killed twice, once with SIGKILL (a crash, an OOM kill) and once with SIGINT
(Ctrl-C), at a random moment drawn from a fixed seed, six kills in all. After each kill:
no reviewed translation changed, the next run removes what the killed one left (no temp
file once it has run), and that run succeeds. At the end the site and books rebuilt in the
killed project are byte-identical to a clean build of the same sources and catalogs.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project
from workflow.catalogs import read_catalog, write_catalog

SLUGS = ("central-asia-our-common-home", "no-term-national-minority")
EPOCH = "1700000000"
KILLS = (signal.SIGKILL, signal.SIGINT)
TEMP = ".*.tmp"


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO), "WORKFLOW_FAST_WRITES": "1"}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workflow", "--project", str(root), *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def interrupted(
    root: Path, args: tuple[str, ...], sig: signal.Signals, delay: float
) -> subprocess.CompletedProcess[str]:
    """``args`` run and sent ``sig`` after ``delay`` seconds (if still running)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workflow", "--project", str(root), *args],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(sig)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def reviewed(root: Path) -> dict[tuple[str, str | None, str], str]:
    """Every reviewed (translated, not fuzzy) entry of every catalog."""
    found = {}
    for path in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
        for entry in read_catalog(path):
            if entry.msgstr and not entry.fuzzy and not entry.obsolete:
                found[(path.relative_to(root).as_posix(), entry.msgctxt, entry.msgid)] = entry.msgstr
    return found


def review_half(root: Path) -> None:
    """An editor's work: every other entry of each article catalog translated and reviewed."""
    for path in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
        if path.stem == "ui":
            continue
        po = read_catalog(path)
        for number, entry in enumerate(e for e in po if not e.obsolete):
            if number % 2 == 0:
                entry.msgstr = f"[{path.parent.parent.name}] {entry.msgid}"
        write_catalog(path, po)


def grow_sources(root: Path, round_: int) -> None:
    """New paragraphs, near copies of reviewed ones, so update and translate have work to do."""
    for slug in SLUGS:
        path = root / "seeds" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        first = next(p for p in text.split("---", 2)[2].split("\n\n") if len(p) > 80)
        path.write_text(text.rstrip("\n") + f"\n\n{first.strip()} Round {round_}.\n", encoding="utf-8")


def outputs(root: Path) -> dict[str, bytes]:
    build = root / "build"
    return {
        p.relative_to(build).as_posix(): p.read_bytes()
        for folder in ("html", "epub")
        for p in sorted((build / folder).rglob("*"))
        if p.is_file()
    }


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    if "Fatal Python error: init_import_site" in result.stderr:
        return  # Ctrl-C inside Python's own start-up (site), before any code of ours runs: a slow machine
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.slow
def test_killed_runs_lose_nothing_and_the_rebuild_is_identical(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", seeds=False)
    for slug in SLUGS:
        shutil.copy(REPO / "seeds" / f"{slug}.md", root / "seeds")
    assert run(root, "extract").returncode == 0
    assert run(root, "update").returncode == 0
    review_half(root)
    assert run(root, "build").returncode == 0
    rng = random.Random(11)
    plan = [(cmd, sig) for cmd in (("update",), ("translate", "--no-mt"), ("build",)) for sig in KILLS]
    before = reviewed(root)
    assert before
    for round_, (args, sig) in enumerate(plan):
        if args[0] == "update":
            grow_sources(root, round_)
            assert run(root, "extract").returncode == 0
        result = interrupted(root, args, sig, rng.uniform(0.3, 2.5))
        if sig == signal.SIGINT:
            no_traceback(result)
            assert result.returncode in (0, 130, -signal.SIGINT), result.stderr
        assert reviewed(root) == before, f"{args} killed by {sig.name}"
        again = run(root, *args)
        assert again.returncode == 0, again.stderr
        assert not list(root.rglob(TEMP)), f"temp files after {args} ran again"
        assert reviewed(root) == before
    assert run(root, "build").returncode == 0
    clean = make_project(tmp_path / "clean", seeds=False)
    shutil.rmtree(clean / "locales")
    shutil.copytree(root / "seeds", clean / "seeds", dirs_exist_ok=True)
    shutil.copytree(root / "locales", clean / "locales")
    assert run(clean, "build").returncode == 0
    rebuilt, fresh = outputs(root), outputs(clean)
    assert sorted(rebuilt) == sorted(fresh)
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []


def test_ctrl_c_in_a_parallel_update_is_one_line(tmp_path: Path) -> None:
    """Item 15: forked workers leave Ctrl-C to the parent, so none prints a traceback."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: update runs without workers")
    root = make_project(tmp_path / "proj", seeds=False)
    paragraph = "A paragraph of the article that is long enough to be worth a worker's time. " * 20
    for number in range(48):
        body = "\n\n".join(f"{paragraph} {number} {n}." for n in range(30))
        (root / "seeds" / f"a{number:02}.md").write_text(f"---\ntitle: Article {number}\n---\n\n{body}\n")
    assert run(root, "extract").returncode == 0
    for delay in (1.2, 2.0):
        for pot in (root / "locales").glob("a*.pot"):  # changed templates: every catalog is merged again
            pot.write_text(pot.read_text(encoding="utf-8").replace("worth a worker's", f"worth {delay} worker's"))
        result = interrupted(root, ("update",), signal.SIGINT, delay)
        no_traceback(result)
        # -SIGINT: Ctrl-C after the work, while the interpreter waits for the pool's threads to end.
        assert result.returncode in (0, 130, -signal.SIGINT), result.stderr
        assert result.stderr.count("interrupted") <= 1
