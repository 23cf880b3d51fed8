"""Read and write article sources: YAML front matter plus a CommonMark body."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import LimitError, SourceError
from .fsutil import write_text_atomic
from .model import Article, Meta
from .slugs import SLUG_RE, check_slug  # noqa: F401 (re-exported: importers name it here)
from .termsafe import shown

_KNOWN = {"title", "date", "author", "author_role", "author_bio", "views", "section", "source_url", "original"}
_ORDER = ("title", "date", "views", "section", "author", "author_role", "author_bio", "source_url", "original")
MAX_SOURCE = 4 << 20  # bytes of one article: a long feature is 100 KB
MAX_FRONT_MATTER = 64 << 10  # bytes of YAML: a few short fields
MAX_DEPTH = 16  # nesting of YAML values: front matter is flat
LATEST_YEAR = 2100  # a date beyond this is a typo, and beyond 2107 no zip (EPUB) can hold it
# C0 and C1 controls other than tab and newline: invisible, and fatal to an EPUB (XML 1.0 forbids them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _NoAliasComposer(yaml.composer.Composer):
    """PyYAML's composer without aliases: ``*name`` is refused, so no "billion laughs".

    Front matter is a few plain fields; an editor never needs an anchor, and an alias
    bomb of 600 bytes would otherwise cost gigabytes.
    """

    depth = 0
    # The parser's, which comes after this class in a loader (annotations only: no attribute).
    peek_event: Callable[[], Any]
    check_event: Callable[..., bool]

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if self.check_event(yaml.AliasEvent):
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in front matter; write the value out", event.start_mark
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"values nested more than {MAX_DEPTH} deep", event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _NoAliasLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _NoAliasComposer,
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
):
    """The safe loader, all in Python: for what libyaml reads differently, or without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = None  # type: ignore[assignment,misc]

_FAST: Callable[[str], Any] | None = None
if _CParser is not None:

    class _CNoAliasLoader(_NoAliasComposer, _CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """The same loader with libyaml's scanner and parser (5x faster; they were a fifth of extract).

        The composer comes first in the method order, so nodes are still composed by the Python
        code above, from libyaml's events: an alias is refused where it is, as before.
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FAST = _CNoAliasLoader

# Where libyaml and PyYAML disagree (over a million random documents compared): tabs, a bare
# "!" tag, "|#" and ">#" block headers, a byte-order mark, "?" inside a flow collection. Such
# front matter, and any that libyaml refuses, goes to the Python loader, so what is accepted
# and every error message stay as they were.
_PYTHON_ONLY = re.compile(r"[\t!\ufeff]|[|>][-+0-9]*#")


def load_yaml(raw: str) -> Any:
    """The front matter's value, as PyYAML's safe loader without aliases reads it."""
    if _FAST is not None and not _PYTHON_ONLY.search(raw) and not ("?" in raw and ("[" in raw or "{" in raw)):
        try:
            return _load(_FAST, raw)
        except yaml.YAMLError:
            pass  # the same error again, worded by the Python loader
    return _load(_NoAliasLoader, raw)


def _load(loader_class: Callable[[str], Any], raw: str) -> Any:
    loader = loader_class(raw)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, 1-based line of the body)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError("missing YAML front matter: the file must start with a '---' line", path, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise SourceError("front matter is not closed by a '---' line", path, 1)
    raw = "\n".join(lines[1:index])
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER:
        raise LimitError(
            f"front matter is larger than {MAX_FRONT_MATTER >> 10} KB; it holds a few short fields", path, 1
        )
    try:
        data = load_yaml(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        # Where an unclosed bracket or quote started is where an editor must look.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(f"broken YAML front matter: {problem}", path, line) from exc
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of 'key: value' lines", path, 2)
    return data, "\n".join(lines[index + 1 :]), index + 2


def _line_of_key(text: str, key: str) -> int | None:
    return _lines_of_keys(text, [key]).get(key)


def _lines_of_keys(text: str, keys: list[str]) -> dict[str, int]:
    """The first line (1-based) starting with "key:" of each key that has one, in one pass."""
    prefixes = {key: f"{key}:" for key in keys}
    found: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        for key, prefix in prefixes.items():
            if line.startswith(prefix) and key not in found:
                found[key] = number
        if len(found) == len(prefixes):  # at the end of the front matter, as a rule
            break
    return found


def _meta(data: dict[str, Any], text: str, path: Path) -> Meta:
    def fail(key: str, message: str) -> SourceError:
        return SourceError(f"front matter '{key}': {message}", path, _line_of_key(text, key))

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "every article needs a title (write one if the original has none)")
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if date is not None and not isinstance(date, dt.date):
        raise fail("date", f"{shown(repr(date))[:80]} is not a date; write it as YYYY-MM-DD")
    if date is not None and not 1 <= date.year <= LATEST_YEAR:
        raise fail("date", f"{date.isoformat()} is not a plausible date (years up to {LATEST_YEAR})")
    views = data.get("views")
    if views is not None and (not isinstance(views, int) or isinstance(views, bool) or views < 0):
        raise fail("views", f"{views!r} is not a whole number")
    strings: dict[str, str | None] = {}
    for key in ("author", "author_role", "author_bio", "section", "source_url", "original"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(key, "must be text")
        strings[key] = value.strip() if isinstance(value, str) else None
    extra = tuple(sorted((str(k), str(v)) for k, v in data.items() if k not in _KNOWN))
    return Meta(title=title.strip(), date=date, views=views, extra=extra, **strings)


def read_article(path: Path) -> Article:
    slug = check_slug(path.stem, path)
    try:
        if path.stat().st_size > MAX_SOURCE:
            raise LimitError(f"larger than {MAX_SOURCE >> 20} MB; an article is a few hundred KB at most", path)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("not UTF-8 text", path) from exc
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path) from exc
    check_controls(text, path)
    data, body, body_line = split_front_matter(text, path)
    lines = _lines_of_keys(text, [str(key) for key in data])
    field_lines = {key: lines[str(key)] for key in data if str(key) in lines}
    return Article(
        slug=slug, path=path, meta=_meta(data, text, path), body=body, body_line=body_line, field_lines=field_lines
    )


def check_controls(text: str, path: Path) -> None:
    """Refuse control characters (NUL, escapes, …) with the line where the first one is."""
    found = _CONTROL.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise SourceError(
            f"control character U+{ord(found.group()):04X} in the text; delete it (an EPUB cannot hold it)", path, line
        )


def read_articles(seeds_dir: Path, slugs: list[str] | None = None) -> list[Article]:
    """Every ``<slug>.md`` in ``seeds_dir`` (or the chosen ones), sorted by slug."""
    if slugs:
        paths = []
        for slug in slugs:
            check_slug(slug)
            path = seeds_dir / f"{slug}.md"
            if not path.is_file():
                raise SourceError(f"no article {slug!r} (expected {path.name} in {seeds_dir})", path)
            paths.append(path)
    else:
        paths = sorted(seeds_dir.glob("*.md"))
    return [read_article(p) for p in sorted(set(paths))]


def render_article(meta: Meta, body: str) -> str:
    """The source file text for ``meta`` and ``body``; keys in a fixed order."""
    data: dict[str, Any] = {}
    for key in _ORDER:
        value = getattr(meta, key)
        if value is not None and value != "":
            data[key] = value
    for key, value in meta.extra:
        data[key] = value
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{front}---\n\n{body.strip()}\n"


def write_article(path: Path, meta: Meta, body: str) -> bool:
    return write_text_atomic(path, render_article(meta, body))
