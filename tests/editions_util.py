"""Helpers for the edition tests: projects with pseudo-translated catalogs, and the real tools.

Catalogs are filled by a pseudo-translator (``[ru] <source>``), never by the shipped
translations, which translators are changing. The UI catalogs (ui.po) are the shipped ones:
they belong to the editions.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import REPO, make_project
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.pipeline import extract, update

TARGETS = ("ru", "kk", "tr")
# Quick JIT and a serial GC: the same checks, half the start-up cost of a default JVM.
EPUBCHECK = ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/usr/share/java/epubcheck.jar"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def pseudo(lang: str) -> Callable[[str], str]:
    return lambda text: f"[{lang}] {text}"


def pseudo_project(
    root: Path,
    *,
    fill: Mapping[str, float | Mapping[str, float]] | None = None,
    translate: Mapping[str, Callable[[str], str]] | None = None,
) -> Path:
    """The seed articles with catalogs; ``fill[lang]`` is the share of entries translated (reviewed),
    for every article or per slug (articles not named stay untranslated)."""
    make_project(root)
    for lang in TARGETS:
        target = root / "locales" / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "locales" / lang / "LC_MESSAGES" / "ui.po", target / "ui.po")
    config = load_config(root)
    extract(config)
    update(config)
    shares = fill if fill is not None else dict.fromkeys(TARGETS, 1.0)
    for lang, share in shares.items():
        fn = (translate or {}).get(lang, pseudo(lang))
        for path in sorted((root / "locales" / lang / "LC_MESSAGES").glob("*.po")):
            part = share if isinstance(share, float | int) else share.get(path.stem, 0.0)
            if path.stem != "ui" and part:
                translate_catalog(path, fn, part)
    return root


# The shared site: Russian complete; Turkish complete but one article at 90% (published, with
# passages in English); Kazakh with three articles complete, one at 90%, one at 30% (below the
# 0.8 threshold: its contents link to the English original).
MIXED = {
    "ru": 1.0,
    "tr": {
        "central-asia-our-common-home": 1.0,
        "formula-of-peace-and-accord": 0.9,
        "kazakhs-and-uzbeks": 1.0,
        "no-term-national-minority": 1.0,
        "president-visit-to-uzbekistan": 1.0,
    },
    "kk": {
        "central-asia-our-common-home": 1.0,
        "formula-of-peace-and-accord": 0.3,
        "kazakhs-and-uzbeks": 1.0,
        "no-term-national-minority": 0.9,
        "president-visit-to-uzbekistan": 1.0,
    },
}
_SHARED: dict[str, Path] = {}


def shared_site(base: Path) -> Path:
    """One built project (all languages, both formats) for the tests that only read it."""
    if "site" not in _SHARED:
        from workflow.editions.build import build

        root = pseudo_project(base / "site", fill=MIXED)
        build(load_config(root))
        _SHARED["site"] = root
    return _SHARED["site"]


def translate_catalog(path: Path, fn: Callable[[str], str], share: float = 1.0, *, fuzzy: bool = False) -> None:
    po = read_catalog(path)
    active = [e for e in po if not e.obsolete]
    for index, entry in enumerate(active):
        if index < round(len(active) * share):
            entry.msgstr = fn(entry.msgid)
            if fuzzy:
                entry.flags.append("fuzzy")
    write_catalog(path, po)


def epubcheck(path: Path) -> str:
    done = subprocess.run([*EPUBCHECK, str(path)], capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def chromium(url: str, tmp: Path, *extra: str) -> str:
    """Headless Chromium on ``url`` with a throw-away profile under ``tmp``; its stdout."""
    done = subprocess.run(
        ["/usr/bin/chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium-profile'}", *extra, url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


class Page(HTMLParser):
    """What a test needs of a page: its elements with attributes, ids, links, and its text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_parts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"[ \t\r\n]+", " ", "".join(self.text_parts))  # keeps no-break spaces

    def all(self, tag: str, **match: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in match.items())]

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.elements if "id" in a]

    @property
    def hrefs(self) -> list[str]:
        return [a["href"] for t, a in self.elements if t in ("a", "link") and "href" in a]


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
