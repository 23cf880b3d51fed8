"""Helpers for edition tests: a project with pseudo-translated catalogs, and the real tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO, make_project
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.pipeline import extract, update

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pseudo_project(root: Path, *, fill: dict[str, float] | None = None, hostile: str | None = None) -> Path:
    """The seeds with catalogs: each language translated by a pseudo-translator for the given share."""
    make_project(root)
    shutil.copytree(REPO / "templates", root / "templates")
    for lang in ("ru", "kk", "tr"):
        target = root / "locales" / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "locales" / lang / "LC_MESSAGES" / "ui.po", target / "ui.po")
    config = load_config(root)
    extract(config)
    update(config)
    shares = fill if fill is not None else {"ru": 1.0, "kk": 1.0, "tr": 1.0}
    for lang, share in shares.items():
        for path in sorted((root / "locales" / lang / "LC_MESSAGES").glob("*.po")):
            if path.stem == "ui":
                continue
            po = read_catalog(path)
            active = [e for e in po if not e.obsolete]
            for index, entry in enumerate(active):
                if index < round(len(active) * share):
                    entry.msgstr = hostile if hostile is not None else f"[{lang}] {entry.msgid}"
            write_catalog(path, po)
    return root


def epubcheck(path: Path) -> str:
    done = subprocess.run(
        ["java", "-jar", "/usr/share/java/epubcheck.jar", str(path)], capture_output=True, text=True, timeout=180
    )
    return done.stdout + done.stderr


def chromium(url: str, tmp: Path, *extra: str) -> str:
    done = subprocess.run(
        ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium-profile'}", *extra, url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout
