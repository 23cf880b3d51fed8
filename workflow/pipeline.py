"""The catalog stages as calls: extract, update, status. The CLI and tests call these."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

import polib

from . import __version__
from .catalogs import (
    catalog_bytes,
    format_catalog,
    format_merged,
    new_catalog_text,
    own_template,
    prepare_merges,
    prepare_templates,
    progress,
    read_catalog,
    template,
)
from .config import CONFIG_NAME, Config
from .errors import ConfigError
from .fsutil import Staged, commit_staged, discard_staged, stage_files
from .languages import check_language
from .model import Article, Progress
from .slugs import check_slug, source_paths  # noqa: F401 (source_paths re-exported)
from .stagecache import StageCache, digest, digests, file_bytes
from .workers import ignore_interrupts

T = TypeVar("T")

Report = Callable[[str], None]
# An article's merge: its source, the languages whose catalogs to make, its template's own bytes.
MergeJob = tuple[Config, Path, tuple[str, ...], bytes | None]


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
    return [_read_article(p) for p in source_paths(config, slugs)]


def _read_article(path: Path) -> Article:
    # The YAML loader (25 ms of start-up) is imported where sources are read: update seldom does.
    from .sources import read_article

    return read_article(path)


def _config_digest(config: Config) -> bytes:
    return file_bytes(config.root / CONFIG_NAME) + __version__.encode()


class Made(NamedTuple):
    """A file written beside its target by the process that made it, and its bytes' digest."""

    staged: Staged
    digest: str


def _stage(done: list[tuple[Path, bytes]]) -> list[Made]:
    """Write the files of ``done`` beside their targets, here: each worker its own, in parallel."""
    return [Made(item, digest(data)) for item, (_, data) in zip(stage_files(done), done, strict=True)]


def _discard(made: Iterable[Made]) -> None:
    discard_staged(item.staged for item in made)


def _parallel(fn: Callable[[T], list[Made]], jobs: list[T], meanwhile: Callable[[], list[Made]] = list) -> list[Made]:
    """The files ``fn`` writes for ``jobs``, in order, then those ``meanwhile`` writes here meanwhile.

    A process pool maps when there is enough work to pay for it (the cost is CPU-bound). Workers
    write what they make: creating thousands of files is seconds of system time, now shared. On
    a failure or Ctrl-C, queued work is dropped and every file written is removed again.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < 32 or workers < 2:
        made = _run(fn, jobs)
        try:
            return made + meanwhile()
        except BaseException:
            _discard(made)
            raise
    # Forked workers share the parent's memory until they write to it, and the garbage collector
    # writes to every object it visits: frozen, the parent's objects are not visited and stay shared.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"), initializer=ignore_interrupts)
    size = max(8, len(jobs) // (workers * 16))
    futures = [pool.submit(_run, fn, jobs[i : i + size]) for i in range(0, len(jobs), size)]
    extra: list[Made] = []
    try:
        extra = meanwhile()
        return [item for future in futures for item in future.result()] + extra
    except BaseException:
        for future in futures:
            future.cancel()
        for future in futures:  # work that had begun ends; what it wrote is removed with the rest
            if not future.cancelled() and future.exception() is None:
                _discard(future.result())
        _discard(extra)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _run(fn: Callable[[T], list[Made]], jobs: list[T]) -> list[Made]:
    """``fn`` over ``jobs`` (a worker's share of them), all or nothing: a failure removes what was written."""
    made: list[Made] = []
    try:
        for job in jobs:
            made += fn(job)
    except BaseException:
        _discard(made)
        raise
    return made


def _template_job(job: tuple[Config, Path]) -> list[Made]:
    config, source = job
    article = _read_article(source)
    path = config.pot_path(article.slug)
    return _stage([(path, catalog_bytes(path, format_catalog(template(article, config))))])


def _merge_job(job: MergeJob) -> list[Made]:
    """Merge one article's template into its catalogs of ``langs``; the template is read once.

    ``own`` holds the template's bytes when extract wrote them from this source: a new catalog
    is then made from their text, which needs no strict reading (nobody edited it).
    """
    config, source, langs, own_bytes = job
    slug = source.stem
    own = own_template(own_bytes) if own_bytes is not None else None
    pot = None if own is not None else _read_template(config, source)
    done = []
    shared: dict[int, str] = {}  # the entries' text of new catalogs, written once for all languages
    for lang in langs:
        path = config.po_path(lang, slug)
        old = read_catalog(path) if path.is_file() else None
        if old is None and own is not None:
            text = new_catalog_text(own, lang, config, slug)
        else:
            pot = _read_template(config, source) if pot is None else pot
            text = format_merged(pot, old, lang, config, slug, shared)
        done.append((path, catalog_bytes(path, text)))
    return _stage(done)


def _read_template(config: Config, source: Path) -> polib.POFile:
    pot_path = config.pot_path(source.stem)
    return read_catalog(pot_path) if pot_path.is_file() else template(_read_article(source), config)


def _template_bytes(config: Config, source: Path) -> bytes:
    """What an article's catalogs are made from: its template's bytes, or its source's if it has none."""
    pot_path = config.pot_path(source.stem)
    return file_bytes(pot_path) if pot_path.is_file() else file_bytes(source)


def _own_template(config: Config, cache: StageCache, conf: bytes, source: Path, data: bytes) -> bytes | None:
    """``data``, an article's template bytes, if extract wrote them from its source as it is now.

    Made with this configuration and version, such a template needs no strict reading. Any
    other, edited by hand for one, is read strictly and its errors are reported as ever.
    """
    pot_path = config.pot_path(source.stem)
    own = pot_path.is_file() and cache.made(pot_path, digest(conf, file_bytes(source)), data)
    return data if own else None


def _relative(config: Config, path: Path) -> str:
    """``config.relative`` without resolving links for the thousands of paths made from the root."""
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return config.relative(path)


def _write(
    cache: StageCache, made: list[Made], inputs: dict[Path, str], report: Report, config: Config
) -> list[Written]:
    """Rename the files made over their targets (each atomically, after all are made); record them."""
    commit_staged([item.staged for item in made])
    written = []
    for staged, data in made:
        changed = staged.tmp is not None
        cache.record_digest(staged.path, inputs[staged.path], data)
        report(f"{'wrote' if changed else 'unchanged'} {_relative(config, staged.path)}")
        written.append(Written(staged.path, changed))
    return written


def _ui_inputs(config: Config, conf: bytes) -> str:
    """The digest of everything the UI template is extracted from: templates and marked Python."""
    from .editions.uisources import PYTHON_SOURCES, TEMPLATE_DIRS

    parts = [conf, str(config.templates_dir).encode()]
    for folder in TEMPLATE_DIRS:
        for path in sorted((config.templates_dir / folder).rglob("*")):
            if path.is_file():
                parts += [path.relative_to(config.templates_dir).as_posix().encode(), file_bytes(path)]
    return digest(*parts, *(file_bytes(path) for path in PYTHON_SOURCES))


def _ui_template(config: Config, cache: StageCache, conf: bytes, inputs: dict[Path, str]) -> list[Made]:
    """locales/ui.pot to write, unless its inputs are those it was made from (Babel's extraction is slow)."""
    ui = config.locales_dir / "ui.pot"
    key = _ui_inputs(config, conf)
    if cache.fresh(ui, key):
        return []
    from .editions.ui import ui_template

    inputs[ui] = key
    return _stage([(ui, catalog_bytes(ui, format_catalog(ui_template(config))))])


def _update_ui(config: Config, cache: StageCache, conf: bytes, langs: tuple[str, ...]) -> list[Path]:
    """Merge ui.pot into the languages' ui.po whose template or own text changed since the last run."""
    template = file_bytes(config.locales_dir / "ui.pot")
    keys = {lang: digest(conf, template, lang.encode()) for lang in langs}
    todo = tuple(lang for lang in langs if not cache.fresh(config.po_path(lang, "ui"), keys[lang]))
    if not todo:
        return []
    from .editions.ui import update_ui  # imports Babel's extraction and support modules (50 ms): only if needed

    written = update_ui(config, todo)
    for lang in todo:
        path = config.po_path(lang, "ui")
        cache.record(path, keys[lang], file_bytes(path))
    return written


def extract(config: Config, slugs: Sequence[str] | None = None, report: Report = _quiet) -> list[Written]:
    """Write ``locales/<slug>.pot`` for each article; articles unchanged since the last run are skipped."""
    cache = StageCache.load(config.root)
    conf = _config_digest(config)
    jobs, inputs, skipped = [], {}, []
    for source in source_paths(config, slugs):
        check_slug(source.stem, source)
        pot = config.pot_path(source.stem)
        key = digest(conf, file_bytes(source))
        if cache.fresh(pot, key):
            skipped.append(Written(pot, False))
            continue
        jobs.append((config, source))
        inputs[pot] = key
    if jobs:
        prepare_templates()
        from . import sources  # noqa: F401  (before work is forked, so workers share it)
    with_ui = slugs is None and config.templates_dir.is_dir()
    ui = config.locales_dir / "ui.pot"
    # A broken source stops the run before any file is written (none is renamed before all are made).
    made = _parallel(_template_job, jobs, lambda: _ui_template(config, cache, conf, inputs) if with_ui else [])
    written = _write(cache, made, inputs, report, config)
    if ui in inputs:
        written.pop()  # the UI's template, made while the workers made the rest, is reported, not returned
    elif with_ui:
        report(f"unchanged {config.relative(ui)}")
    cache.save()
    if skipped:
        report(f"unchanged {len(skipped)} template(s) whose source did not change")
    return written + skipped


def _merge_jobs(
    config: Config, cache: StageCache, conf: bytes, chosen: tuple[str, ...], slugs: Sequence[str] | None
) -> tuple[list[MergeJob], dict[Path, str], list[Written], bool]:
    """The merges to do (catalogs whose template or own text changed), their inputs' digests, the
    catalogs skipped, and whether a catalog is new."""
    jobs, inputs, skipped, new = [], {}, [], False
    for source in source_paths(config, slugs):
        check_slug(source.stem, source)
        template_bytes = _template_bytes(config, source)
        todo = []
        keys = digests((conf, template_bytes), tuple(lang.encode() for lang in chosen))
        for lang, key in zip(chosen, keys, strict=True):
            path = config.po_path(lang, source.stem)
            if cache.fresh(path, key):
                skipped.append(Written(path, False))
                continue
            todo.append(lang)
            inputs[path] = key
            new = new or not path.is_file()
        if todo:
            own = _own_template(config, cache, conf, source, template_bytes)
            jobs.append((config, source, tuple(todo), own))
    return jobs, inputs, skipped, new


def update(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    report: Report = _quiet,
) -> list[Written]:
    """Create or update ``locales/<lang>/LC_MESSAGES/<slug>.po`` from the templates, msgmerge-style."""
    chosen = choose_langs(config, langs)
    cache = StageCache.load(config.root)
    conf = _config_digest(config)
    jobs, inputs, skipped, new = _merge_jobs(config, cache, conf, chosen, slugs)
    if jobs:
        prepare_merges(chosen, names=new)
    # A broken catalog stops the run before any file is written (none is renamed before all are made).
    written = _write(cache, _parallel(_merge_job, jobs), inputs, report, config)
    if slugs is None and (config.locales_dir / "ui.pot").is_file():
        for path in _update_ui(config, cache, conf, chosen):
            report(f"wrote {config.relative(path)}")
    cache.save()
    if skipped:
        report(f"unchanged {len(skipped)} catalog(s) whose template and translations did not change")
    return written + skipped


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


def missing_models(config: Config, rows: Sequence[Progress]) -> dict[str, str]:
    """For each language with pending units and no MT model installed, why they wait for a person."""
    from .models import find, packages_dir  # reads metadata files only; no MT stack is imported

    pending = {row.lang for row in rows if row.ratio < 1.0}
    directory = packages_dir(config)
    notes = {}
    for lang in sorted(pending):
        if find(directory, config.src_lang, lang) is None:
            notes[lang] = (
                f"no machine-translation model for {config.src_lang}→{lang} in {directory}: its pending entries "
                "wait for human translation (add a model with 'workflow models install FILE.argosmodel', "
                "or make one with 'workflow models package')"
            )
    return notes
