"""Import many inputs at once: read (file, gzip or URL), extract, check, then write sources and removal lists."""

from __future__ import annotations

import gzip
import os
import re
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SourceError
from ..fsutil import safe_join, write_many_atomic
from ..sources import check_slug, render_article
from .boilerplate import site_chrome
from .html import decode_html, parse_html
from .model import Extract
from .text import parse_scrape

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
# A kept body under this share of the input's densest prose means the article was lost, not
# cleaned (real short articles beside long comment threads keep about a tenth).
MIN_KEPT_SHARE = 0.05
# A body of a sentence or two on a page full of running text is a lost article, not a brief.
MIN_WORDS = 25
MIN_PAGE_PROSE = 100
FETCH_LIMIT = 20_000_000  # bytes
MAX_WORKERS = 8
PAGES_PER_WORKER = 16  # below this many pages per process, starting processes costs more than it saves

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    slug: str
    warnings: tuple[str, ...] = ()
    removed_path: Path | None = None
    removed: int = 0  # blocks dropped, listed in removed_path


@dataclass(frozen=True)
class _Input:
    name: str  # as the user gave it: a path or a URL
    text: str
    html: bool
    url: str | None = None
    path: Path | None = None


def slugify(text: str, limit: int = 60) -> str:
    text = text.replace("ı", "i").replace("İ", "I")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def _error(message: str, where: str | Path | None) -> SourceError:
    """Our error naming the input: a file as a path (file:line style), a URL as it was given."""
    if isinstance(where, str) and is_url(where):
        return SourceError(f"{where}: {message}")
    return SourceError(message, where)


def fetch(url: str, *, timeout: float = 30) -> tuple[bytes, str | None]:
    """The page at ``url`` and its Content-Type: the only network access of import."""
    request = urllib.request.Request(url, headers={"User-Agent": "workflow-import/0.1 (+article import)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked
            data = response.read(FETCH_LIMIT + 1)
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise _error(f"cannot fetch: HTTP {exc.code} {exc.reason}", url) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _error(f"cannot fetch: {reason}", url) from exc
    if len(data) > FETCH_LIMIT:
        raise _error(f"page larger than {FETCH_LIMIT // 1_000_000} MB; save it and import the file", url)
    return data, content_type


def read_input(source: str | Path) -> _Input:
    """One input: a URL, a saved page (``.html``, ``.htm``, ``.html.gz``) or a scraped text."""
    if is_url(source):
        data, content_type = fetch(str(source))
        if content_type and not any(t in content_type for t in ("html", "xml")):
            if "text/plain" not in content_type:
                raise _error(f"not a web page ({content_type})", str(source))
            return _Input(str(source), decode_html(data, content_type), html=False, url=str(source))
        return _Input(str(source), decode_html(data, content_type), html=True, url=str(source))
    path = Path(source)
    name = path.name.lower()
    try:
        if name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(FETCH_LIMIT + 1)  # a bounded read: a small .gz may unpack to gigabytes
            if len(data) > FETCH_LIMIT:
                raise SourceError(f"unpacks to more than {FETCH_LIMIT // 1_000_000} MB; not a saved page", path)
        else:
            data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path) from exc
    except (gzip.BadGzipFile, EOFError) as exc:
        raise SourceError("not a valid gzip file", path) from exc
    if name.endswith(HTML_SUFFIXES):
        return _Input(str(path), decode_html(data), html=True, path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("not UTF-8 text", path) from exc
    if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        return _Input(str(path), text, html=True, path=path)
    return _Input(str(path), text, html=False, path=path)


def check_extract(extract: Extract, where: str) -> None:
    """Refuse an import that lost its article: an empty body, only menu-like lines while the input
    has prose, or a body far shorter than the input's densest run of prose."""
    kept = extract.body_words
    if kept == 0:
        raise _error("no article text found (the page may be a menu, a gallery or need JavaScript)", where)
    if not extract.has_prose:
        raise _error("only headings, menu items or captions were found, no running text: the article was lost", where)
    if kept < MIN_WORDS and extract.page_prose_words >= MIN_PAGE_PROSE:
        raise _error(
            f"only {kept} words kept from a page with {extract.page_prose_words} words of running text: "
            "the article was probably lost (import the saved .html page, or copy the article alone)",
            where,
        )
    if kept < MIN_KEPT_SHARE * extract.prose_words:
        raise _error(
            f"only {kept} words kept where the input has a run of {extract.prose_words} words of prose: "
            "the article was probably lost",
            where,
        )


def extract_input(item: _Input, *, chrome: frozenset[str] = frozenset(), original: str | None = None) -> Extract:
    """The article of one input, checked; an HTML page gets a second, recall-oriented pass before failing."""
    if not item.html:
        extract = parse_scrape(item.text, chrome=chrome, original=original)
        check_extract(extract, item.name)
        return extract
    extract = parse_html(item.text, url=item.url, original=original)
    try:
        check_extract(extract, item.name)
    except SourceError:
        extract = parse_html(item.text, url=item.url, original=original, recall=True)
        check_extract(extract, item.name)
    return extract


def _original(item: _Input, root: Path) -> str:
    if item.path is None:
        return item.name
    try:
        return item.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return item.path.name


def _stem(name: str) -> str:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    for suffix in (*HTML_SUFFIXES, ".txt", ".gz"):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


def import_files(
    raws: Sequence[Path | str],
    seeds_dir: Path,
    *,
    slugs: Sequence[str] = (),
    force: bool = False,
    removed_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """Import inputs into ``seeds_dir``; never overwrite an editor's source unless forced.

    All inputs are read and checked before anything is written: one lost article stops the
    batch with an error naming its file, and no source is written.
    """
    if slugs and len(slugs) != len(raws):
        raise SourceError(f"{len(slugs)} --slug values for {len(raws)} files; give one per file or none")
    root = seeds_dir.parent
    removed_dir = removed_dir or root / "build" / "import"
    items = [read_input(raw) for raw in raws]
    extracts = extract_all(items, root, progress)
    planned = plan_paths(items, extracts, seeds_dir, slugs=slugs, force=force)
    writes: list[tuple[Path, bytes]] = []
    results = []
    for (path, slug), extract in zip(planned, extracts, strict=True):
        removed_path = safe_join(removed_dir, f"{slug}.removed.txt")
        writes.append((path, render_article(extract.meta, extract.body).encode("utf-8")))
        writes.append((removed_path, render_removed(extract).encode("utf-8")))
        results.append(ImportResult(path, slug, extract.warnings, removed_path, len(extract.removed)))
    write_many_atomic(writes)  # each file atomic, one flush to disk for the batch
    return results


def extract_all(items: Sequence[_Input], root: Path, progress: Progress | None = None) -> list[Extract]:
    """Every input's article, in order; large batches spread over the CPUs (extraction is CPU-bound)."""
    chrome = site_chrome([item.text for item in items if not item.html]) if len(items) > 1 else frozenset()
    jobs = [(item, chrome, _original(item, root)) for item in items]
    workers = min(len(os.sched_getaffinity(0)), MAX_WORKERS, len(items) // PAGES_PER_WORKER)
    found: list[Extract] = []
    if progress:
        progress(0, len(items), "")
    if workers < 2:
        for item, chrome_, original in jobs:
            found.append(_extract_job(item, chrome_, original))
            if progress:
                progress(len(found), len(items), item.name)
        return found
    with ProcessPoolExecutor(workers) as pool:
        futures = [pool.submit(_extract_job, *job) for job in jobs]
        try:
            for (item, _, _), future in zip(jobs, futures, strict=True):
                found.append(future.result())
                if progress:
                    progress(len(found), len(items), item.name)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return found


def _extract_job(item: _Input, chrome: frozenset[str], original: str) -> Extract:
    extract = extract_input(item, chrome=chrome, original=original)
    if item.url and not extract.meta.source_url:
        extract = replace(extract, meta=replace(extract.meta, source_url=item.url))
    return extract


def plan_paths(
    items: Sequence[_Input], extracts: Sequence[Extract], seeds_dir: Path, *, slugs: Sequence[str], force: bool
) -> list[tuple[Path, str]]:
    """Where each article goes: its slug (given, or from its title), never over an editor's file."""
    planned: list[tuple[Path, str]] = []
    taken: set[str] = set()
    for index, (item, extract) in enumerate(zip(items, extracts, strict=True)):
        if slugs:
            slug = slugs[index]
        else:
            slug = slugify(extract.meta.title) or slugify(_stem(item.name)) or f"article-{index + 1}"
            base, n = slug, 2
            while slug in taken:  # two pages with one headline
                slug, n = f"{base}-{n}", n + 1
        check_slug(slug, item.path or None)
        taken.add(slug)
        path = safe_join(seeds_dir, f"{slug}.md")
        if path.exists() and not force:
            raise SourceError(
                f"{path.name} exists and may hold an editor's work; pass --force to overwrite it or --slug for another name",
                path,
            )
        planned.append((path, slug))
    return planned


def render_removed(extract: Extract) -> str:
    """What import dropped, one block a line with its reason, for the editor to check."""
    head = (
        f"# dropped by workflow import from {extract.meta.original or 'the input'}: {len(extract.removed)} block(s)\n"
    )
    return head + "".join(f"[{r.reason}] {r.text}\n" for r in extract.removed)
