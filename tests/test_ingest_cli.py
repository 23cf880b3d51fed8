"""`workflow import` end to end, as a user runs it: saved pages, gzip, URLs, batches, lost articles."""

from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.ingest_pages import MENU, PARAS, TITLE, page_html, scrape


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workflow", "--project", str(root), "import", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def front(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_saved_pages_html_and_gzip(empty_project: Path) -> None:
    (empty_project / "page.html").write_text(page_html(), encoding="utf-8")
    other = page_html(title="Mayor Opens New Bridge Over the River")
    (empty_project / "other.html.gz").write_bytes(gzip.compress(other.encode("utf-8")))
    done = run(empty_project, str(empty_project / "page.html"), str(empty_project / "other.html.gz"))
    assert done.returncode == 0, done.stderr
    source = empty_project / "seeds" / "regional-council-approves-budget-after-long-debate.md"
    meta = front(source)
    assert meta["title"] == TITLE and str(meta["date"]) == "2021-04-14" and meta["author"] == "Jane Doe"
    assert PARAS[0] in source.read_text(encoding="utf-8")
    assert (empty_project / "seeds" / "mayor-opens-new-bridge-over-the-river.md").exists()
    removed = empty_project / "build" / "import" / "regional-council-approves-budget-after-long-debate.removed.txt"
    listed = removed.read_text(encoding="utf-8")
    assert "Privacy Policy" in listed and "Society" in listed
    count = len(listed.splitlines()) - 1
    assert f"dropped {count} block(s), listed in build/import/" in done.stdout
    assert "\r" not in done.stdout + done.stderr  # no progress bar when not on a terminal


def test_a_lost_article_is_an_error_and_nothing_is_written(empty_project: Path) -> None:
    menu = empty_project / "menu.html"
    menu.write_text("<html><body>" + "".join(f"<p><a href='/{m}'>{m}</a></p>" for m in MENU) + "</body></html>")
    good = empty_project / "good.txt"
    good.write_text(scrape(TITLE, *PARAS), encoding="utf-8")
    done = run(empty_project, str(good), str(menu))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(menu) in lines[0] and "article" in lines[0]
    assert not list((empty_project / "seeds").glob("*.md"))
    assert not (empty_project / "build" / "import").exists()


def test_an_empty_scrape_is_an_error(empty_project: Path) -> None:
    empty = empty_project / "empty.txt"
    empty.write_text(scrape(*MENU), encoding="utf-8")
    done = run(empty_project, str(empty))
    assert done.returncode != 0 and "empty.txt" in done.stderr and "Traceback" not in done.stderr


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the server's name
        if self.path != "/news/budget":
            self.send_error(404)
            return
        body = page_html(charset="windows-1251", paras=[*PARAS[:3], "Он сказал: «Бюджет принят»."])
        data = body.encode("windows-1251")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=windows-1251")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_imported(empty_project: Path, server: str) -> None:
    done = run(empty_project, f"{server}/news/budget")
    assert done.returncode == 0, done.stderr
    [source] = (empty_project / "seeds").glob("*.md")
    meta = front(source)
    assert meta["source_url"] == f"{server}/news/budget" and meta["title"] == TITLE
    assert "«Бюджет принят»" in source.read_text(encoding="utf-8")


def test_a_missing_url_is_one_line(empty_project: Path, server: str) -> None:
    done = run(empty_project, f"{server}/missing")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"workflow: error: {server}/missing: cannot fetch: HTTP 404 Not Found"]


def test_many_scrapes_in_one_call(empty_project: Path) -> None:
    raws = []
    for i in range(40):
        path = empty_project / "raw" / f"page{i:03}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            scrape(*MENU, f"Council Story Number {i} Of The Week", "5 February 2021", *PARAS), encoding="utf-8"
        )
        raws.append(str(path))
    done = run(empty_project, *raws)
    assert done.returncode == 0, done.stderr
    assert len(list((empty_project / "seeds").glob("*.md"))) == 40
    assert done.stdout.count("wrote seeds/") == 40


def test_htm_and_html_saved_as_text_are_pages(empty_project: Path) -> None:
    (empty_project / "a.htm").write_text(page_html(), encoding="utf-8")
    (empty_project / "b.txt").write_text(page_html(title="Mayor Opens New Bridge Over the River"), encoding="utf-8")
    done = run(empty_project, str(empty_project / "a.htm"), str(empty_project / "b.txt"))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (empty_project / "seeds").glob("*.md"))
    assert names == [
        "mayor-opens-new-bridge-over-the-river.md",
        "regional-council-approves-budget-after-long-debate.md",
    ]
    assert "<html" not in (empty_project / "seeds" / names[0]).read_text(encoding="utf-8")
