"""Import: saved pages, URLs and scraped texts -> Markdown sources with front matter."""

from .boilerplate import site_chrome
from .importer import ImportResult, import_files, slugify
from .markdown import escape_markdown
from .model import Block, Extract, Removed
from .text import parse_scrape

Scrape = Extract  # the former name of an imported article

__all__ = [
    "Block",
    "Extract",
    "ImportResult",
    "Removed",
    "Scrape",
    "escape_markdown",
    "import_files",
    "parse_scrape",
    "site_chrome",
    "slugify",
]
