"""`workflow serve`: it builds, serves on localhost, rebuilds when a catalog changes, the open page
reloads itself, and Ctrl-C stops it."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from tests.a11y_util import browser, missing
from tests.editions_util import pseudo_project
from workflow.catalogs import read_catalog, write_catalog


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost
        return str(response.read().decode("utf-8"))


def _lines(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_rebuilds_and_reloads_on_a_catalog_change(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    process = subprocess.Popen(
        [sys.executable, "-m", "workflow", "--project", str(root), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        # Ctrl-C as in a terminal, even when this test runs as a background job (which ignores SIGINT).
        preexec_fn=_default_sigint,  # noqa: PLW1509 (it only resets a signal's disposition)
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        url = ""
        deadline = time.monotonic() + 180
        while not url and time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                assert process.poll() is None, "".join(seen)
                continue
            found = re.search(r"serving (http://\S+/)", seen[-1])
            url = found.group(1) if found else ""
        assert url, "".join(seen)
        page = f"{url}ru/kazakhs-and-uzbeks.html"
        first = _get(page)
        assert "[ru] Kazakhs and Uzbeks" in first
        assert '<script src="/__workflow/reload.js"></script>' in first  # served with the reload script…
        built = root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html"
        assert "__workflow" not in built.read_text(encoding="utf-8")  # …which the built page never holds
        version = _get(f"{url}__workflow/version")

        with ExitStack() as stack:
            # The page open in a browser reloads by itself (when Debian's Chromium is here).
            tab = None if missing() else stack.enter_context(browser(tmp_path / "profile"))
            if tab is not None:
                tab.goto(page)
                tab.wait_for_load_state("load")
            path = root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po"
            po = read_catalog(path)
            next(e for e in po if e.msgctxt == "title").msgstr = "Казахи и узбеки: новое название"
            write_catalog(path, po)

            # The page is written during the rebuild; the version moves once the rebuild has ended.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and (
                "новое название" not in _get(page) or _get(f"{url}__workflow/version") == version
            ):
                time.sleep(0.3)
            assert "новое название" in _get(page), "".join(seen)
            assert _get(f"{url}__workflow/version") != version  # what makes an open page reload
            assert "новое название" in _get(f"{url}ru/")  # the contents too
            if tab is not None:
                tab.wait_for_function("document.title.includes('новое название')", timeout=30_000)
                assert tab.inner_text("h1") == "Казахи и узбеки: новое название"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    while not lines.empty():
        seen.append(lines.get())
    output = "".join(seen)
    assert code == 0, output
    assert "changed: locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po" in output, output
    assert output.rstrip().endswith("stopped"), output
