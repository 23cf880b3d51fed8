"""What a reader sees: the pages opened from file:// in headless Chromium (Debian's, no download)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageStat

from tests.editions_util import Page, chromium, pseudo_project, shared_site
from workflow.config import load_config
from workflow.editions.build import build

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site(tmp_path_factory.getbasetemp())


def dom(page: Path, tmp: Path) -> Page:
    text = chromium(page.as_uri(), tmp, "--dump-dom")
    assert text.strip(), f"chromium showed nothing for {page}"
    return Page(text)


def test_a_translated_page_is_in_its_language_and_unmarked(site: Path, tmp_path: Path) -> None:
    page = site / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html"
    seen = dom(page, tmp_path)
    [html] = seen.all("html")
    assert html["lang"] == "ru"
    assert "[ru] Kazakhs and Uzbeks" in seen.text and "23 апреля 2019\u202fг." in seen.text
    assert not [a for _, a in seen.elements if "fallback" in a.get("class", "").split()]
    assert not [a for _, a in seen.elements if a.get("lang") == "en" and "fallback" in a.get("class", "")]
    # Every link of the switcher leads to a file that exists.
    switcher = [a["href"] for a in seen.all("a") if "hreflang" in a]
    assert len(switcher) == 3
    for href in switcher:
        path = Path(urlsplit(href).path) if href.startswith("file:") else (page.parent / href).resolve()
        assert path.is_file(), href


def test_a_partial_page_marks_its_english_passages(site: Path, tmp_path: Path) -> None:
    seen = dom(site / "build" / "html" / "kk" / "no-term-national-minority.html", tmp_path)
    marked = [a for _, a in seen.elements if "fallback" in a.get("class", "").split()]
    assert marked and all(a.get("lang") == "en" for a in marked)
    assert seen.all("p", **{"class": "notice", "role": "note"})


def test_the_switcher_resolves_from_every_language(site: Path, tmp_path: Path) -> None:
    # From the chooser, through each contents page, every language link opens an existing page.
    chooser = site / "build" / "html" / "index.html"
    seen = dom(chooser, tmp_path)
    for a in seen.all("a"):
        target = (chooser.parent / a["href"]).resolve()
        assert target.is_file(), a["href"]
        contents = Page(target.read_text(encoding="utf-8"))
        for link in contents.all("a"):
            href = link["href"]
            if not href.startswith(("http", "#")):
                assert (target.parent / href.split("#")[0]).resolve().is_file(), (target, href)


def test_a_screenshot_shows_a_page_not_a_blank(site: Path, tmp_path: Path) -> None:
    page = site / "build" / "html" / "kk" / "no-term-national-minority.html"
    shot = tmp_path / "shot.png"
    chromium(page.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1000,1400")
    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        grey = image.convert("L")
        inked = sum(grey.histogram()[:160])  # dark pixels: text
        total = image.size[0] * image.size[1]
        assert 0.01 < inked / total < 0.5, inked / total
        # The fallback passages' tint is drawn: a warm, non-grey colour covers part of the page.
        rgb = image.convert("RGB")
        warm = sum(1 for r, g, b in rgb.getdata() if r > 240 and 235 < g < 252 and b < 235)
        assert warm / total > 0.01, warm / total
        # Text spreads down the page (a column of prose), not in one spot.
        bands = [ImageStat.Stat(grey.crop((0, y, 1000, y + 200))).mean[0] for y in range(0, 1400, 200)]
        assert sum(mean < 250 for mean in bands) >= 5, bands


def test_hostile_translations_run_nothing_in_the_browser(tmp_path: Path) -> None:
    hostile = (
        "<script>document.title='PWNED'</script> "
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> "
        "[x](javascript:document.body.setAttribute('data-pwned','2'))"
    )
    root = pseudo_project(
        tmp_path / "p", fill={"ru": 1.0}, translate={"ru": lambda s: hostile + (" [^i]" if "[^i]" in s else "")}
    )
    build(load_config(root), ["ru"], ["html"])
    page = root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html"
    raw = chromium(page.as_uri(), tmp_path, "--dump-dom")
    seen = Page(raw)
    [body] = seen.all("body")
    assert "data-pwned" not in body
    assert not seen.all("script") and not seen.all("img")
    assert re.search(r"<title>[^<]*</title>", raw) and "<title>PWNED" not in raw
    assert "<script>document.title='PWNED'</script>" in seen.text  # shown as text
