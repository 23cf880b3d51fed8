"""Project configuration: one file, ``workflow.toml``, that a user edits instead of code."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .languages import check_language

CONFIG_NAME = "workflow.toml"


@dataclass(frozen=True)
class Config:
    root: Path
    project: str
    src_lang: str
    dst_langs: tuple[str, ...]
    seeds_dir: Path
    locales_dir: Path
    build_dir: Path
    templates_dir: Path
    edition: str
    edition_titles: dict[str, str] = field(default_factory=dict)
    threshold: float = 1.0
    memory_similarity: float = 0.75
    models_dir: Path | None = None
    publisher: str = ""  # edition.publisher; the project's name when unset
    rights: str = ""  # edition.rights: the copyright or licence statement of the editions
    base_url: str = ""  # site.base_url, ending in "/": where build/html is published ("" = unknown)

    @property
    def langs(self) -> tuple[str, ...]:
        """Every language with an edition: the source first."""
        return (self.src_lang, *self.dst_langs)

    def edition_title(self, lang: str) -> str:
        return self.edition_titles.get(lang) or self.edition_titles.get(self.src_lang) or self.project

    def pot_path(self, slug: str) -> Path:
        return self.locales_dir / f"{slug}.pot"

    def po_path(self, lang: str, slug: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"

    def source_path(self, slug: str) -> Path:
        return self.seeds_dir / f"{slug}.md"

    def relative(self, path: Path) -> str:
        """A path as written in catalogs and messages: relative to the project, POSIX style."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


# The templates shipped with workflow, used by a project that has no templates/ of its own.
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _templates(folder: Path) -> Path:
    if folder.is_dir():
        return folder
    if BUILTIN_TEMPLATES.is_dir():
        return BUILTIN_TEMPLATES
    raise ConfigError(f"templates folder {folder} not found; create it or remove paths.templates", folder)


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding workflow.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(f"no {CONFIG_NAME} here or in any parent folder; run workflow inside a project", start)


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{CONFIG_NAME} not found", path) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"not valid TOML: {exc.msg if hasattr(exc, 'msg') else exc}", path, line) from exc

    def get(section: str, key: str, default: object) -> object:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table", path, _line_of(text, f"{section}"))
        return table.get(key, default)

    src_lang = str(get("languages", "source", "en"))
    targets = get("languages", "targets", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise ConfigError("languages.targets must be a list of language codes", path, _line_of(text, "targets"))
    for code in (src_lang, *targets):
        message = check_language(code)
        if message:
            raise ConfigError(message, path, _line_of(text, f'"{code}"'))
    if src_lang in targets:
        raise ConfigError(f"the source language {src_lang!r} is also a target", path, _line_of(text, "targets"))

    titles = get("edition", "titles", {})
    if not isinstance(titles, dict):
        raise ConfigError("edition.titles must be a table of language = title", path, _line_of(text, "titles"))
    threshold = get("edition", "threshold", 1.0)
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise ConfigError("edition.threshold must be a number from 0 to 1", path, _line_of(text, "threshold"))
    similarity = get("memory", "similarity", 0.75)
    if not isinstance(similarity, (int, float)) or not 0 < similarity <= 1:
        raise ConfigError(
            "memory.similarity must be a number above 0 and at most 1", path, _line_of(text, "similarity")
        )

    def folder(key: str, default: str) -> Path:
        value = str(get("paths", key, default))
        target = (root / value).resolve()
        return target

    models = get("paths", "models", "")
    base_url = str(get("site", "base_url", "")).strip()
    if base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        raise ConfigError(
            "site.base_url must be an absolute http(s) URL, e.g. 'https://example.org/articles/'",
            path,
            _line_of(text, "base_url"),
        )
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return Config(
        root=root.resolve(),
        project=str(get("project", "name", root.name)),
        src_lang=src_lang,
        dst_langs=tuple(targets),
        seeds_dir=folder("seeds", "seeds"),
        locales_dir=folder("locales", "locales"),
        build_dir=folder("build", "build"),
        templates_dir=_templates(folder("templates", "templates")),
        edition=str(get("edition", "name", "edition")),
        edition_titles={str(k): str(v) for k, v in titles.items()},
        threshold=float(threshold),
        memory_similarity=float(similarity),
        models_dir=(root / str(models)).resolve() if models else None,
        publisher=str(get("edition", "publisher", "")).strip() or str(get("project", "name", root.name)),
        rights=str(get("edition", "rights", "")).strip(),
        base_url=base_url,
    )
