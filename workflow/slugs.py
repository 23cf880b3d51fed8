"""Which articles a project has: their sources in seeds/, each named by its slug.

Kept apart from sources.py (YAML) and pipeline.py (catalogs): a build that finds nothing
changed needs the list of articles and nothing else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from .config import Config
from .errors import SourceError

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def check_slug(slug: str, path: Path | None = None) -> str:
    if not SLUG_RE.match(slug):
        raise SourceError(
            f"slug {slug!r} is not allowed: use lower-case letters, digits and '-', starting with a letter or digit",
            path,
        )
    return slug


def source_paths(config: Config, slugs: Sequence[str] | None = None) -> list[Path]:
    """The article sources, sorted; the chosen ones must exist."""
    if slugs:
        paths = []
        for slug in dict.fromkeys(slugs):
            check_slug(slug)
            path = config.source_path(slug)
            if not path.is_file():
                raise SourceError(f"no article {slug!r} (expected {path.name})", config.seeds_dir)
            paths.append(path)
        return sorted(paths)
    return [Path(path) for path in source_files(config).values()]


def source_files(config: Config) -> dict[str, str]:
    """Every article's source (``seeds/*.md``) by slug, sorted: paths as strings, since a large archive
    has tens of thousands and a build with nothing to do needs no more than their names."""
    folder = config.seeds_dir
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".md") and entry.name[0] != ".")
    except (FileNotFoundError, NotADirectoryError):
        names = []
    if not names:
        raise SourceError("no articles (*.md) found; run 'workflow import' first", folder)
    return {name[:-3]: f"{folder}{os.sep}{name}" for name in names}
