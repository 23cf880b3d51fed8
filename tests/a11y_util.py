"""The accessibility checkers publishers and distributors use, driven by Debian's Chromium.

- DAISY Ace (npm ``@daisy/ace-cli``, installed by ``make install-test`` into node_modules/):
  puppeteer is told to use /usr/bin/chromium and never downloads a browser;
- axe-core (npm ``axe-core``) injected into pages opened by Playwright for Python with
  ``executable_path=/usr/bin/chromium`` (``playwright install`` is never run).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tests.editions_util import CHROMIUM_FLAGS

CHROMIUM = Path("/usr/bin/chromium")
ACE = REPO / "node_modules" / ".bin" / "ace-cli"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious", "moderate")


def missing() -> str:
    """Why the checkers cannot run here ("" when they can)."""
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (make install-test)"
    if not ACE.exists() or not AXE.exists():
        return "node_modules lacks @daisy/ace-cli or axe-core (make install-test runs npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed (make install-test)"
    return ""


def ace(epub: Path, out: Path) -> dict[str, Any]:
    """Ace's report (report.json) on ``epub``."""
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM),
        "PUPPETEER_SKIP_DOWNLOAD": "1",
        "ACE_TIMEOUT_INITIAL": "60000",  # launching Chromium on a busy machine
        "HOME": str(out / "home"),  # Ace keeps a cache in the home folder
    }
    (out / "home").mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(ACE), "--force", "--silent", "--outdir", str(out / "report"), str(epub)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    report = out / "report" / "report.json"
    assert report.is_file(), f"Ace made no report for {epub} (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    return dict(json.loads(report.read_text(encoding="utf-8")))


def ace_violations(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(impact, rule, document) of every violation Ace found."""
    found = []
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            found.append((test["earl:impact"], test["dct:title"], document["earl:testSubject"]["url"]))
    return sorted(found)


@contextmanager
def browser(profile: Path) -> Iterator[Any]:
    """A Playwright page in Debian's Chromium, with a throw-away profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def axe(page: Any, urls: Sequence[str]) -> dict[str, list[tuple[str, str, int]]]:
    """Per URL, axe-core's violations as (rule, impact, nodes); every rule axe runs by default."""
    script = AXE.read_text(encoding="utf-8")
    found = {}
    for url in urls:
        page.goto(url)
        page.add_script_tag(content=script)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found[url] = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
    return found
