"""Accessibility as distributors and publishers check it: DAISY Ace on every EPUB, axe-core on
a sample of site pages per language and on the review dashboard; no serious or moderate finding.

Ace runs once per book in one fixture (about 10 s a book); axe in one Chromium for every page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.a11y_util import BLOCKING, ace, ace_violations, axe, browser, missing
from tests.editions_util import TARGETS, pseudo_project, shared_site
from workflow.catalogs import read_catalog, write_catalog

pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "-")
LANGS = ("en", *TARGETS)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def ace_reports(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("ace")
    return {lang: ace(site / "build" / "epub" / f"test-{lang}.epub", out / lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_ace_finds_no_serious_or_moderate_violation(ace_reports: dict[str, dict[str, Any]], lang: str) -> None:
    report = ace_reports[lang]
    blocking = [v for v in ace_violations(report) if v[0] in BLOCKING]
    assert blocking == [], f"Ace on test-{lang}.epub: {blocking}"
    # Ace read the package's accessibility metadata back, as a shop would.
    metadata = report["earl:testSubject"]["metadata"]
    assert metadata["dcterms:conformsTo"] == "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    assert set(metadata["schema:accessMode"]) == {"textual", "visual"}
    assert metadata["schema:accessibilityHazard"] == "none"
    assert "schema:accessibilitySummary" in metadata


def test_ace_sees_the_book_whole(ace_reports: dict[str, dict[str, Any]]) -> None:
    data = ace_reports["kk"]["data"]
    # The cover is the one image, with its text alternative; the footnotes are typed for pop-ups.
    [image] = data["images"]
    assert image["src"].endswith("cover.svg") and image["alt"].startswith("Сынақ басылымы")
    assert ace_reports["kk"]["properties"]["hasManifestFallbacks"] is False


def _sample(site: Path) -> list[str]:
    html = site / "build" / "html"
    pages = [html / "index.html"]
    for lang in LANGS:
        folder = html / lang
        articles = sorted(p for p in folder.glob("*.html") if p.name not in ("index.html", "search.html"))
        with_notes = [p for p in articles if "footnotes" in p.read_text(encoding="utf-8")]
        pages += [folder / "index.html", *(with_notes or articles)[:1]]
    pages.append(html / "kk" / "no-term-national-minority.html")  # English passages marked in a Kazakh page
    urls = [p.as_uri() for p in pages]
    urls += [f"{(html / lang / 'search.html').as_uri()}?q=Kazakhs" for lang in LANGS]  # with results shown
    return urls


def test_axe_finds_no_violation_on_the_site(site: Path, tmp_path: Path) -> None:
    urls = _sample(site)
    with browser(tmp_path / "profile") as page:
        found = axe(page, urls)
    assert len(found) == len(urls) >= 14
    assert {url: v for url, v in found.items() if v} == {}


def test_axe_finds_no_violation_on_the_review_dashboard(tmp_path: Path) -> None:
    # One catalog with every part of the dashboard: progress, findings, fuzzy suggestions with a
    # word diff. (axe needs minutes on a dashboard of every catalog: its markup repeats.)
    root = pseudo_project(tmp_path / "p", fill={"ru": {"kazakhs-and-uzbeks": 0.3}})
    path = root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po"
    po = read_catalog(path)
    for entry in [e for e in po if not e.msgstr][:6]:
        entry.msgstr = "<b>[ru]</b> " + entry.msgid.replace("2019", "2018").replace("Uzbek", "Uzbk")
        entry.flags.append("fuzzy")
        entry.previous_msgid = entry.msgid.replace("Uzbek", "Uzbeks")
    write_catalog(path, po)
    subprocess.run(
        [sys.executable, "-m", "workflow", "--project", str(root), "review", "-l", "ru", "-a", "kazakhs-and-uzbeks"],
        check=True,
        capture_output=True,
    )
    dashboard = root / "build" / "review" / "index.html"
    text = dashboard.read_text(encoding="utf-8")
    assert "fuzzy-entry" in text and "<del>" in text and "severity-" in text
    with browser(tmp_path / "profile") as page:
        found = axe(page, [dashboard.as_uri()])
    assert found == {dashboard.as_uri(): []}
