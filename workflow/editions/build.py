"""The build recipe: which pages and books depend on which inputs, and what to redo.

Outputs and their inputs (every key also holds workflow.toml, the code's version and --draft):

- ``html/<lang>/<slug>.html``: the source, the language's catalog of the article, its ui.po,
  the HTML templates, and which languages publish the article (the switcher);
- ``html/<lang>/index.html``: the titles, dates, leads, reading times and publication of every
  article in it; ``html/<lang>/search-index.js`` and ``feed.xml`` (Atom): the same, with the
  articles' search keys and authors; ``html/<lang>/search.html``: the language's words;
- ``html/index.html``: the site's languages and titles; ``html/style.css``, ``html/search.js``:
  the static files; ``html/sitemap.xml`` (only with ``site.base_url``): every page and its
  alternates;
- ``epub/<edition>-<lang>.epub``: every article in the language, its ui.po, the EPUB
  templates, ``SOURCE_DATE_EPOCH``; unchanged chapters are copied from the previous book.

An article appears in a language's edition when the share of its units shown as reviewed
translations reaches ``edition.threshold``; otherwise that language's contents link to the
original. The source language's edition is built through the same path, and the HTML site
always has it, since those links lead there. Nothing whose key and bytes are unchanged is
rewritten; outputs this build no longer makes (an article removed, or below the threshold
now) are removed.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..config import CONFIG_NAME, Config
from ..errors import ConfigError, PathError, SourceError
from ..fsutil import safe_join, write_many_atomic
from ..slugs import SLUG_RE, check_slug, source_files
from ..stagecache import digest
from .state import BuildState, text_key

FORMATS = ("html", "epub")
STATIC_FILES = ("style.css", "search.js")  # copied from templates/static to build/html
SITE_PAGES = ("index", "search")  # pages of each language's folder that no article may replace
FLUSH_EVERY = 200  # pages kept in memory before they are written
Report = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    unchanged: int
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What this build makes: languages per format, and the fingerprints of shared inputs."""

    html: tuple[str, ...]  # languages whose HTML pages are built (the source always, with any)
    epub: tuple[str, ...]
    site: tuple[str, ...]  # languages the site's switchers and chooser show
    base: str  # workflow.toml, the code's version, --draft
    html_keys: Mapping[str, str]  # per language: base + HTML templates + ui.po
    epub_keys: Mapping[str, str]  # per language: base + EPUB templates + ui.po + SOURCE_DATE_EPOCH
    static: Mapping[str, str]  # file name in templates/static -> its fingerprint


def epub_path(config: Config, lang: str) -> Path:
    if Path(config.edition).name != config.edition or config.edition.startswith("."):
        raise PathError(f"edition.name {config.edition!r} must be a plain file name", config.root / CONFIG_NAME)
    return safe_join(config.build_dir, "epub", f"{config.edition}-{lang}.epub")


def html_path(config: Config, *parts: str) -> Path:
    return safe_join(config.build_dir, "html", *parts)


def choose(config: Config, langs: Sequence[str] | None, formats: Sequence[str] | None) -> tuple[tuple[str, ...], ...]:
    chosen = tuple(dict.fromkeys(langs)) if langs else config.langs
    for lang in chosen:
        if lang not in config.langs:
            raise ConfigError(f"language {lang!r} has no edition; choose from {', '.join(config.langs)}")
    kinds = tuple(dict.fromkeys(formats)) if formats else FORMATS
    for kind in kinds:
        if kind not in FORMATS:
            raise ConfigError(f"unknown format {kind!r}; choose from {', '.join(FORMATS)}")
    return chosen, kinds


def _folder_key(state: BuildState, folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return digest(*(f"{p.relative_to(folder)}:{state.fingerprint(p)}".encode() for p in files))


def plan(config: Config, state: BuildState, langs: tuple[str, ...], kinds: tuple[str, ...], draft: bool) -> Plan:
    src = config.src_lang
    html = tuple(lang for lang in config.langs if "html" in kinds and (lang in langs or lang == src))
    epub = tuple(lang for lang in config.langs if "epub" in kinds and lang in langs)
    # Strings, not Paths: a large archive has tens of thousands of outputs.
    built_before = {os.path.basename(os.path.dirname(p)) for p in state.outputs if p.endswith(f"{os.sep}index.html")}
    site = tuple(lang for lang in config.langs if lang in html or lang in built_before)
    base = digest(state.fingerprint(config.root / CONFIG_NAME).encode(), __version__.encode(), str(draft).encode())
    ui = {lang: state.fingerprint(config.po_path(lang, "ui")) if lang != src else "" for lang in config.langs}
    html_tpl = _folder_key(state, config.templates_dir / "html")
    epub_tpl = _folder_key(state, config.templates_dir / "epub")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return Plan(
        html=html,
        epub=epub,
        site=site,
        base=base,
        html_keys={lang: digest(base.encode(), html_tpl.encode(), ui[lang].encode()) for lang in config.langs},
        epub_keys={
            lang: digest(base.encode(), epub_tpl.encode(), ui[lang].encode(), epoch.encode()) for lang in config.langs
        },
        static={name: state.fingerprint(config.templates_dir / "static" / name) for name in STATIC_FILES},
    )


class ArticleKeys:
    """The key of each article in each language: what it is made from (the base, its source, its catalog).

    Mutable on purpose: keys are computed once per run. Kept apart from the rendering stack, so
    a rebuild with nothing changed is found without loading it.
    """

    def __init__(self, config: Config, state: BuildState, plan: Plan, sources: dict[str, str]) -> None:
        self.state = state
        self.plan = plan
        self.src = config.src_lang
        self.sources = dict(sorted(sources.items()))  # slug -> path (strings: tens of thousands of them)
        self.needed = tuple(dict.fromkeys((*plan.html, *plan.epub)))  # languages whose articles are made
        # Strings, not Paths: a large archive has tens of thousands of inputs to look at.
        self._catalog_dirs = {lang: str(config.locales_dir / lang / "LC_MESSAGES") for lang in config.langs}
        self._keys: dict[tuple[str, str], str] = {}
        self._inputs: dict[tuple[str, str], str] | None = None

    def _scan(self) -> dict[tuple[str, str], str]:
        """Each article's inputs per language, as "source:catalog" fingerprints (a stat per file)."""
        if self._inputs is None:
            src, slugs = self.src, list(self.sources)
            catalogs = {  # before the sources, which a child process may be looking at (BuildState.look_ahead)
                lang: self.state.fingerprints([f"{self._catalog_dirs[lang]}{os.sep}{slug}.po" for slug in slugs])
                for lang in self.needed
                if lang != src
            }
            sources = self.state.fingerprints(list(self.sources.values()))
            found: dict[tuple[str, str], str] = {}
            for lang in self.needed:
                if lang == src:
                    found.update(((src, slug), f"{source}:") for slug, source in zip(slugs, sources, strict=True))
                else:
                    found.update(
                        ((lang, slug), f"{source}:{catalog}")
                        for slug, source, catalog in zip(slugs, sources, catalogs[lang], strict=True)
                    )
            self._inputs = found
        return self._inputs

    def unit_key(self, lang: str, slug: str) -> str:
        key = self._keys.get((lang, slug))
        if key is None:
            inputs = self._scan()[(lang, slug)]  # asked only of the languages this build makes
            key = self._keys[(lang, slug)] = text_key(f"{self.plan.base}{lang}:{inputs}")
        return key

    def articles_key(self, lang: str) -> str:
        """The key of every article's inputs in ``lang``, in order (a book holds them all)."""
        found = self._scan()
        return digest(lang.encode(), "\n".join(f"{slug}:{found[(lang, slug)]}" for slug in self.sources).encode())

    @functools.cached_property
    def frame(self) -> str:
        """The key of everything this build reads but the articles' sources and catalogs: the plan, the articles."""
        plan = self.plan
        shared = (plan.html, plan.epub, plan.site, plan.base, sorted(plan.html_keys.items()))
        return digest(
            repr(shared).encode(),
            repr((sorted(plan.epub_keys.items()), sorted(plan.static.items()))).encode(),
            "\n".join(self.sources).encode(),
        )

    def whole_key(self) -> str:
        """Everything this build reads, in one key: the frame, and each article's inputs in each language."""
        parts = [self.frame, *(f"{lang}/{slug}:{inputs}" for (lang, slug), inputs in self._scan().items())]
        return digest("\n".join(parts).encode())

    def dirty(self) -> dict[str, frozenset[str]] | None:
        """The articles whose source or catalogs changed since the last build, with the languages to redo.

        None when anything else differs from the last build (its frame, an output touched since,
        an input that is not an article's): then the whole archive is looked at again.
        """
        state = self.state
        if state.frame != self.frame or not state.untouched():
            return None
        sources = {name: slug for slug, name in self.sources.items()}
        folders = {folder: lang for lang, folder in self._catalog_dirs.items() if lang in self.needed}
        found: dict[str, set[str]] = {}
        for name in state.changed():
            slug = sources.get(name)
            if slug is not None:
                found.setdefault(slug, set()).update(self.needed)
                continue
            folder, base = os.path.split(name)
            lang, slug = folders.get(folder), base.removesuffix(".po")
            if lang is None or lang == self.src or slug not in self.sources or not base.endswith(".po"):
                return None
            found.setdefault(slug, set()).add(lang)
        return {slug: frozenset(langs) for slug, langs in sorted(found.items())} if found else None


@dataclass
class Outputs:
    """Pages waiting to be written, and what was written: flushed in batches to bound memory."""

    state: BuildState
    pending: list[tuple[Path, bytes, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    made: set[str] = field(default_factory=set)  # written or kept: what this build makes

    def keep(self, path: Path | str) -> None:
        """An output that is fresh: made by this build without being redone."""
        self.made.add(str(path))

    def add(self, path: Path, data: bytes, key: str) -> None:
        self.made.add(str(path))
        self.pending.append((path, data, key))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def add_file(self, path: Path, temp: Path, key: str) -> None:
        """A finished temporary file (a book): it replaces ``path`` only if its bytes differ."""
        self.made.add(str(path))
        try:
            same = path.stat().st_size == temp.stat().st_size and path.read_bytes() == temp.read_bytes()
        except OSError:
            same = False
        if same:
            temp.unlink()
        else:
            os.replace(temp, path)
            self.written.append(path)
        self.state.made(path, key)

    def flush(self) -> None:
        items = [(path, data) for path, data, _ in self.pending]
        for (path, _, key), changed in zip(self.pending, write_many_atomic(items), strict=True):
            self.state.made(path, key)
            if changed:
                self.written.append(path)
        self.pending.clear()


def build(
    config: Config,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    *,
    draft: bool = False,
    report: Report = _quiet,
) -> BuildResult:
    """Build the chosen editions (all languages, both formats by default); return what was written."""
    chosen, kinds = choose(config, langs, formats)
    state = BuildState.load(config.build_dir)
    # The state of a large archive is hundreds of thousands of objects that live until the build
    # ends: frozen, the collector stops scanning them again and again, and the child processes
    # that look at files and write books keep sharing their pages instead of copying them.
    gc.freeze()
    try:
        return _build(config, state, chosen, kinds, draft, report)
    finally:
        gc.unfreeze()


def _build(
    config: Config, state: BuildState, chosen: tuple[str, ...], kinds: tuple[str, ...], draft: bool, report: Report
) -> BuildResult:
    the_plan = plan(config, state, chosen, kinds, draft)
    sources = source_files(config)
    for slug, path in sources.items():
        if not SLUG_RE.match(slug):
            check_slug(slug, Path(path))
        if slug in SITE_PAGES:
            raise SourceError(
                f"slug {slug!r} is taken by the site's own {slug}.html page; rename the source", Path(path)
            )
    keys = ArticleKeys(config, state, the_plan, sources)
    state.look_ahead(list(keys.sources.values()))  # the child looks at the sources, this process the catalogs
    whole = keys.whole_key()
    if state.repeated(whole):
        state.close()
        report("nothing changed since the last build")
        return BuildResult(written=(), unchanged=len(state.last))
    from .making import Maker  # the rendering stack (Jinja, Babel, markdown-it) loads only when needed

    maker = Maker(config, state, keys, draft=draft, report=report, dirty=keys.dirty())
    outputs = Outputs(state)
    try:
        maker.make(outputs)
        outputs.flush()
    except BaseException:
        state.close()
        raise
    finally:
        maker.close()
    removed = _remove_stale(config, state, the_plan, outputs.made)
    state.save(whole, keys.frame, outputs.made, sources)
    unchanged = len(outputs.made) - len(outputs.written)
    return BuildResult(written=tuple(sorted(outputs.written)), unchanged=unchanged, removed=removed)


def _remove_stale(config: Config, state: BuildState, the_plan: Plan, made: set[str]) -> tuple[Path, ...]:
    """Outputs an earlier build made that this one, building the same language and format, did not.

    Only files recorded as ours are removed: a page of an article deleted or now below the
    threshold, a book with nothing left in it, or the outputs of a language no longer configured.
    """
    html_root = config.build_dir.resolve() / "html"
    epub_root = config.build_dir.resolve() / "epub"
    books = {str(epub_path(config, lang)): lang for lang in config.langs}
    removed = []
    for name in sorted(set(state.outputs) - made):
        path = Path(name)
        if path.parent.parent == html_root:
            stale = path.parent.name in the_plan.html or path.parent.name not in config.langs
        elif path.parent == html_root:  # the chooser, static files, the sitemap: made with any HTML
            stale = bool(the_plan.html)
        elif path.parent == epub_root:
            stale = books.get(name) in (None, *the_plan.epub)
        else:
            stale = False
        if stale:
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                pass
            state.forget(path)
    return tuple(removed)
