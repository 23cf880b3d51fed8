"""Each bench's --quick mode runs (a small corpus, seconds): a bench broken by a change fails here.

Speed is not checked: the quick modes only prove that the benches and their peers still run
from the repository as the README says (`python -m bench.<name>`), and print their figures.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NUMBER = r"[\d,.]+"


def quick(name: str, timeout: int = 600) -> str:
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_catalogs_vs_toolkit_runs_against_translate_toolkit_and_msgmerge() -> None:
    out = quick("catalogs_vs_toolkit")
    assert out.startswith("5 articles, 3 languages; load average")
    for label in ("workflow extract + update", "Translate Toolkit md2po + pot2po", "GNU msgmerge (update step only)"):
        assert re.search(rf"{re.escape(label)}\s+{NUMBER} s wall\s+{NUMBER} s CPU\s+peak\s+{NUMBER} MB", out), out
    assert re.search(rf"end to end, than Translate Toolkit\s+{NUMBER}x\s+{NUMBER}x", out), out


def test_editions_vs_sphinx_runs_ours_and_sphinx() -> None:
    out = quick("editions_vs_sphinx")
    row = next(line for line in out.splitlines() if line.split()[:1] == ["3"])
    # articles, our time, per article, Sphinx's time, ratio, no-op, one catalog, peaks, CPU figures
    assert len(re.findall(NUMBER, row)) >= 12, row
    assert "Sphinx per build: ru html" in out and "ru epub" in out


@pytest.mark.slow
def test_mt_throughput_runs_the_three_configurations() -> None:
    out = quick("mt_throughput")
    for name in ("(a) workflow translate", "(b) argostranslate translate()", "(c) bare CTranslate2"):
        assert re.search(rf"{re.escape(name)}.*?\s{NUMBER}\s", out), out
    assert "(a)/(b) at argostranslate's defaults:" in out


def test_memory_match_runs_against_exhaustive_rapidfuzz() -> None:
    out = quick("memory_match")
    assert "memory: 500 entries; pending: 500 units" in out
    assert re.search(rf"ratio peer/ours: {NUMBER}x", out), out


def test_check_recall_runs_against_pofilter() -> None:
    out = quick("check_recall")
    assert re.search(r"workflow check: \d+/\d+ found", out), out
    assert re.search(rf"pofilter:\s+{NUMBER} s", out), out
