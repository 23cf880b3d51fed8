"""The catalog stages as calls: extract, update, status. The CLI and tests call these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogs import merge, progress, read_catalog, template, write_catalog
from .config import Config
from .errors import ConfigError, SourceError
from .languages import check_language
from .model import Article, Progress
from .sources import read_articles

Report = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool


def choose_langs(config: Config, langs: Sequence[str] | None) -> tuple[str, ...]:
    """The chosen target languages, all configured ones by default."""
    if not langs:
        return config.dst_langs
    for code in langs:
        problem = check_language(code)
        if problem:
            raise ConfigError(problem)
        if code not in config.dst_langs:
            raise ConfigError(
                f"language {code!r} is not a target of this project ({', '.join(config.dst_langs)}); "
                "add it to languages.targets in workflow.toml"
            )
    return tuple(dict.fromkeys(langs))


def articles(config: Config, slugs: Sequence[str] | None = None) -> list[Article]:
    found = read_articles(config.seeds_dir, list(slugs) if slugs else None)
    if not found:
        raise SourceError("no articles (*.md) found; run 'workflow import' first", config.seeds_dir)
    return found


def extract(config: Config, slugs: Sequence[str] | None = None, report: Report = _quiet) -> list[Written]:
    """Write ``locales/<slug>.pot`` for each article."""
    written = []
    for article in articles(config, slugs):
        path = config.pot_path(article.slug)
        changed = write_catalog(path, template(article, config))
        report(f"{'wrote' if changed else 'unchanged'} {config.relative(path)}")
        written.append(Written(path, changed))
    return written


def update(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    report: Report = _quiet,
) -> list[Written]:
    """Create or update ``locales/<lang>/LC_MESSAGES/<slug>.po`` from the templates."""
    chosen = choose_langs(config, langs)
    pending = []
    # Read everything first: a broken catalog stops the run before any file is written.
    for article in articles(config, slugs):
        pot_path = config.pot_path(article.slug)
        pot = read_catalog(pot_path) if pot_path.is_file() else template(article, config)
        for lang in chosen:
            path = config.po_path(lang, article.slug)
            old = read_catalog(path) if path.is_file() else None
            pending.append((path, merge(pot, old, lang, config, article.slug)))
    written = []
    for path, po in pending:
        changed = write_catalog(path, po)
        report(f"{'wrote' if changed else 'unchanged'} {config.relative(path)}")
        written.append(Written(path, changed))
    return written


def status(config: Config, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None) -> list[Progress]:
    """Progress of each (article, language) catalog that exists."""
    chosen = choose_langs(config, langs)
    rows = []
    for article in articles(config, slugs):
        for lang in chosen:
            path = config.po_path(lang, article.slug)
            if path.is_file():
                rows.append(progress(read_catalog(path), article.slug, lang))
            else:
                pot = template(article, config)
                rows.append(progress(pot, article.slug, lang))
    return rows
