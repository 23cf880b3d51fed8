"""Where the editions' own words come from: read by ui.py, and by the pipeline to tell whether ui.pot
is stale without loading Babel's extraction."""

from __future__ import annotations

from pathlib import Path

UI = "ui"
TEMPLATE_DIRS = ("html", "epub")
TEMPLATE_SUFFIXES = (".html", ".xhtml", ".opf", ".ncx", ".svg", ".xml")
PYTHON_SOURCES = tuple(Path(__file__).resolve().parent / name for name in ("render.py", "books.py"))
