"""Which articles a project has: their sources in seeds/, each named by its slug.

Kept apart from sources.py (YAML) and pipeline.py (catalogs): a build that finds nothing
changed needs the list of articles and nothing else.
"""

from __future__ import annotations

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
    found = sorted(config.seeds_dir.glob("*.md"), key=lambda path: path.name)  # names: Path comparison is slow
    if not found:
        raise SourceError("no articles (*.md) found; run 'workflow import' first", config.seeds_dir)
    return found
