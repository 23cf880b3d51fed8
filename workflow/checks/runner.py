"""Run the chosen checks over catalogs; apply acceptances and fuzziness; point at msgstr lines."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalogs import read_catalog
from ..config import Config
from ..errors import CatalogError
from ..glossary import Glossary
from ..sources import check_slug
from ..workers import ignore_interrupts
from .accept import ACCEPTED, acceptance, acceptance_problems
from .base import Catalog, Check, Finding, Hit, Severity, has_translation


def catalog_paths(config: Config, langs: Sequence[str], slugs: Sequence[str] | None = None) -> list[tuple[Path, str]]:
    """The catalogs of ``langs`` (every ``<slug>.po``, the UI's too), or only those of ``slugs``."""
    found = []
    for lang in langs:
        folder = config.locales_dir / lang / "LC_MESSAGES"
        for path in sorted(folder.glob("*.po")):
            if not slugs or path.stem in slugs:
                found.append((path, lang))
    for slug in slugs or ():
        check_slug(slug)
        if not any(path.stem == slug for path, _ in found):
            raise CatalogError(
                f"no catalog for {slug!r} in {', '.join(langs)}; run 'workflow update' first",
                config.locales_dir,
            )
    return found


def _msgstr_lines(lines: Sequence[str], po: polib.POFile) -> dict[int, int]:
    """For each entry's first line, the line of its msgstr: where an editor fixes a finding."""
    found = {}
    for entry in po:
        start = entry.linenum or 1
        line = start
        while line <= len(lines) and not lines[line - 1].startswith(("msgstr", "#~ msgstr")):
            line += 1
        found[start] = line if line <= len(lines) else start
    return found


def _finding(catalog: Catalog, hit: Hit, check: str, severity: Severity, line: int) -> Finding:
    entry = hit.entry
    return Finding(
        path=catalog.path,
        line=line,
        slug=catalog.slug,
        lang=catalog.lang,
        msgctxt=entry.msgctxt if entry is not None else None,
        msgid=entry.msgid if entry is not None else "",
        check=check,
        severity=severity,
        message=hit.message,
    )


def _demote(severity: Severity, entry: polib.POEntry | None) -> Severity:
    """An unreviewed suggestion is not published: what is wrong in it is never an error."""
    if entry is not None and "fuzzy" in entry.flags and severity == "error":
        return "warning"
    return severity


def _check_one(
    catalog: Catalog, registry: Mapping[str, Check], chosen: Collection[str], with_acceptance: bool
) -> list[Finding]:
    checks = {name: check for name, check in registry.items() if name in chosen}
    lines = _msgstr_lines(catalog.lines, catalog.po)
    hits: dict[int, list[tuple[str, Hit]]] = {}  # by id(entry); file-level hits under 0
    entries = {id(e): e for e in catalog.po}
    for name, check in checks.items():
        for hit in check.run(catalog):
            hits.setdefault(id(hit.entry) if hit.entry is not None else 0, []).append((name, hit))
    findings: list[Finding] = []
    for name, hit in hits.pop(0, []):
        severity = hit.severity or checks[name].severity
        findings.append(_finding(catalog, hit, name, severity, hit.line or 1))
    for key, entry in entries.items():
        if entry.obsolete:
            continue
        found = acceptance(entry)
        line = lines.get(entry.linenum or 1, entry.linenum or 1)
        fired = set()
        for name, hit in hits.get(key, []):
            if name in found.checks:
                fired.add(name)
                continue
            severity = _demote(hit.severity or checks[name].severity, entry)
            message = hit.message + (" (fuzzy)" if "fuzzy" in entry.flags and has_translation(entry) else "")
            findings.append(_finding(catalog, Hit(entry, line, message), name, severity, hit.line or line))
        if with_acceptance:
            for severity, message in acceptance_problems(found, tuple(registry), fired, checks):
                findings.append(_finding(catalog, Hit(entry, line, message), ACCEPTED, severity, line))
    order = {name: index for index, name in enumerate(registry)}
    return sorted(findings, key=lambda f: (f.line, order.get(f.check, len(order))))


def load_catalog(path: Path, lang: str, glossary: Glossary, src_lang: str = "en") -> Catalog:
    po = read_catalog(path)
    lines = tuple(path.read_text(encoding="utf-8").splitlines())
    return Catalog(path=path, slug=path.stem, lang=lang, po=po, glossary=glossary, lines=lines, src_lang=src_lang)


@dataclass(frozen=True)
class _Job:
    """One catalog to check, with everything a worker process needs."""

    path: Path
    lang: str
    glossary: Glossary
    registry: Mapping[str, Check]
    chosen: tuple[str, ...]
    with_acceptance: bool
    src_lang: str


def _check_job(job: _Job) -> list[Finding]:
    try:
        catalog = load_catalog(job.path, job.lang, job.glossary, job.src_lang)
    except CatalogError as exc:
        # A catalog that cannot be read cannot be checked: that is the finding, whatever was chosen.
        return [Finding(job.path, exc.line or 1, job.path.stem, job.lang, None, "", "msgfmt", "error", exc.message)]
    return _check_one(catalog, job.registry, job.chosen, job.with_acceptance)


_PROCESSES_FROM = 24  # catalogs: below that, starting processes costs more than it saves


def check_catalogs(
    paths: Iterable[tuple[Path, str]],
    glossary: Glossary,
    registry: Mapping[str, Check],
    chosen: Collection[str],
    with_acceptance: bool = True,
    src_lang: str = "en",
) -> list[Finding]:
    """The findings of the ``chosen`` checks of ``registry`` over the catalogs at ``paths`` (each with its language).

    Catalogs are independent: many are spread over processes (the checks are CPU-bound Python),
    a few over threads (which still overlap the msgfmt runs). Results keep the input order.
    """
    jobs = [_Job(path, lang, glossary, registry, tuple(chosen), with_acceptance, src_lang) for path, lang in paths]
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) >= _PROCESSES_FROM and workers > 1:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=mp.get_context("fork"), initializer=ignore_interrupts
        ) as pool:
            found = list(pool.map(_check_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    elif len(jobs) > 1:
        with ThreadPoolExecutor(max_workers=4) as pool:
            found = list(pool.map(_check_job, jobs))
    else:
        found = [_check_job(job) for job in jobs]
    return [finding for batch in found for finding in batch]
