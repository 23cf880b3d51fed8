"""Quality checks over catalogs: each finding says where, which check, how bad, and why.

Checks are ``Check``s in an explicit registry (``CHECKS``), grouped by theme in small modules;
what they know about each language lives in one table (``langdata``). An editor accepts a
finding for one entry with a translator comment that gives the reason (Weblate's flag
``#, ignore-numbers`` is honoured beside it, but GNU tools drop unknown flags)::

    # accepted numbers: the source writes "2017-18", the translation both years in full

Fuzzy entries are checked too (the review dashboard shows what to fix in a suggestion), but
their findings are never errors: an unreviewed suggestion is not published.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Config
from ..errors import ConfigError
from ..glossary import Glossary, read_glossary
from ..pipeline import choose_langs
from . import bidi, catalog, control, markup, numbers, project, style, terms, text
from .accept import ACCEPTED
from .base import SEVERITIES, Catalog, Check, EntryCheck, Finding, Hit, Pair, Problem, Severity
from .runner import catalog_paths, check_catalogs

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "Catalog",
    "Check",
    "EntryCheck",
    "Finding",
    "Hit",
    "Pair",
    "Problem",
    "Severity",
    "catalog_paths",
    "check_catalog",
    "run_checks",
]

# Explicit and in report order: the name is what `--only` and `#, ignore-<name>` use.
CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        numbers.CHECK,
        markup.URLS,
        markup.FOOTNOTES,
        markup.MARKUP,
        terms.CHECK,
        style.TERMINOLOGY,
        project.CONSISTENCY,
        text.IDENTICAL,
        text.SCRIPT,
        text.LANGUAGE,
        text.PUNCTUATION,
        text.WHITESPACE,
        control.CONTROL,
        bidi.CHECK,
        text.QUOTES,
        style.NBSP_CHECK,
        style.INITIALS,
        style.HONORIFICS,
        project.YO,
        text.REPEATED,
        text.LENGTH,
        catalog.PLURALS,
        catalog.MSGFMT,
    )
}
NAMES: tuple[str, ...] = (*CHECKS, ACCEPTED)


def _chosen(only: Sequence[str]) -> tuple[str, ...]:
    unknown = [name for name in only if name not in NAMES]
    if unknown:
        raise ConfigError(f"unknown check {unknown[0]!r}; the checks are: {', '.join(NAMES)}")
    return tuple(name for name in CHECKS if not only or name in only)


def check_catalog(
    path: Path, lang: str, glossary: Glossary, only: Sequence[str] = (), src_lang: str = "en"
) -> list[Finding]:
    """The findings of one catalog (``only``: these checks; all by default)."""
    with_acceptance = ACCEPTED in only or not only
    return check_catalogs([(path, lang)], glossary, CHECKS, _chosen(only), with_acceptance, src_lang)


def run_checks(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    only: Sequence[str] | None = None,
) -> list[Finding]:
    """The findings of every catalog of the chosen languages and articles (all by default)."""
    chosen = _chosen(only or ())
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    paths = catalog_paths(config, choose_langs(config, langs), slugs)
    return check_catalogs(paths, glossary, CHECKS, chosen, not only or ACCEPTED in only, config.src_lang)
