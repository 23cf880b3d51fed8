"""Project configuration: one file, ``workflow.toml``, that a user edits instead of code."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .languages import check_language
from .termsafe import is_control

CONFIG_NAME = "workflow.toml"
DEVICES = ("auto", "cpu", "cuda")
# CTranslate2's compute types (https://opennmt.net/CTranslate2/quantization.html).
COMPUTE_TYPES = (
    "auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32",
)  # fmt: skip


@dataclass(frozen=True)
class MtSettings:
    """[mt] of workflow.toml: where and how the MT engine runs (``translate`` options override it)."""

    device: str = "auto"  # auto: a GPU when CTranslate2 sees one, else the CPU
    compute_type: str = "auto"  # "auto": argostranslate's ARGOS_COMPUTE_TYPE, else CTranslate2's choice
    batch_tokens: int = 1024  # tokens per engine batch (sentences sorted by length first)
    cluster: str = ""  # "": this process; "ray": local Ray or $RAY_ADDRESS; "ray://host:10001": a Ray cluster
    workers: int = 0  # Ray actors holding a model; 0: one per CPU (per GPU with device cuda)
    threads: int = 0  # CTranslate2 threads per worker; 0: ARGOS_INTRA_THREADS, else CTranslate2's default


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
    feed_entries: int = 50  # site.feed_entries: the newest articles each Atom feed carries
    contents_per_page: int = 100  # site.contents_per_page: articles on each contents page
    mt: MtSettings = field(default_factory=MtSettings)
    model_size_mb: int = 8192  # limits.model_size_mb: the most a model package may unpack to
    build_outside: bool = False  # paths.build is an absolute path outside the project (build says so)

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


_EDITION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_LINE = 500  # characters of a name or title


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{CONFIG_NAME} not found", path) from None
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", path) from exc
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"not valid TOML: {exc.msg if hasattr(exc, 'msg') else exc}", path, line) from exc

    def get(section: str, key: str, default: object) -> object:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table", path, _line_of(text, f"{section}"))
        return table.get(key, default)

    def one_line(section: str, key: str, default: str) -> str:
        """A one-line text value: a string without control characters or newlines."""
        return _line_text(get(section, key, default), f"{section}.{key}", path, _line_of(text, key))

    src_lang = one_line("languages", "source", "en")
    targets = get("languages", "targets", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise ConfigError("languages.targets must be a list of language codes", path, _line_of(text, "targets"))
    for code in (src_lang, *targets):
        message = check_language(code)
        if message:
            raise ConfigError(message, path, _line_of(text, f'"{code}"'))
    if src_lang in targets:
        raise ConfigError(f"the source language {src_lang!r} is also a target", path, _line_of(text, "targets"))
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise ConfigError(f"languages.targets names {twice[0]!r} twice", path, _line_of(text, "targets"))

    titles = get("edition", "titles", {})
    if not isinstance(titles, dict):
        raise ConfigError("edition.titles must be a table of language = title", path, _line_of(text, "titles"))
    for key in titles:
        if check_language(str(key)):
            raise ConfigError(f"edition.titles: {key!r} is not a language code", path, _line_of(text, "titles"))
    edition_titles: dict[str, str] = {}
    for key, value in titles.items():
        edition_titles[str(key)] = _title(value, str(key), text, path)
    threshold = get("edition", "threshold", 1.0)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise ConfigError("edition.threshold must be a number from 0 to 1", path, _line_of(text, "threshold"))
    similarity = get("memory", "similarity", 0.75)
    if isinstance(similarity, bool) or not isinstance(similarity, (int, float)) or not 0 < similarity <= 1:
        raise ConfigError(
            "memory.similarity must be a number above 0 and at most 1", path, _line_of(text, "similarity")
        )
    edition = one_line("edition", "name", "edition")
    if not _EDITION_NAME.match(edition):
        raise ConfigError(
            f"edition.name {edition!r} is a file name stem: letters, digits, '.', '_' and '-' only",
            path,
            _line_of(text, "name"),
        )

    def folder(key: str, default: str) -> Path:
        """A folder inside the project; for build and models, also an absolute path elsewhere.

        Catalogs, sources and templates never leave the project. An output folder such as
        /var/www/site is legitimate for the editions, but only written out in full (a relative
        '../' never leaves), and `build` says where it writes.
        """
        value = one_line("paths", key, default)
        target = (root / value).resolve()
        base = root.resolve()
        outside = key in ("build", "models") and Path(value).is_absolute()
        if target != base and base not in target.parents and not outside:
            hint = (
                " (an output folder elsewhere must be written as an absolute path)"
                if key in ("build", "models")
                else ""
            )
            raise ConfigError(
                f"paths.{key} = {value!r} leads outside the project ({target}); "
                f"it must be a folder inside {base}{hint}",
                path,
                _line_of(text, key),
            )
        return target

    models = one_line("paths", "models", "")
    base_url = one_line("site", "base_url", "").strip()
    if base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        raise ConfigError(
            "site.base_url must be an absolute http(s) URL, e.g. 'https://example.org/articles/'",
            path,
            _line_of(text, "base_url"),
        )
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    feed_entries = _count(get, "site", "feed_entries", 50, path, text)
    contents_per_page = _count(get, "site", "contents_per_page", 100, path, text)
    model_size_mb = get("limits", "model_size_mb", 8192)
    if isinstance(model_size_mb, bool) or not isinstance(model_size_mb, int) or not 1 <= model_size_mb <= 1 << 20:
        raise ConfigError(
            "limits.model_size_mb must be a whole number of megabytes (1 to 1048576)",
            path,
            _line_of(text, "model_size_mb"),
        )
    name = one_line("project", "name", root.name)
    build_dir = folder("build", "build")
    base = root.resolve()
    return Config(
        mt=_mt_settings(get, path, text),
        root=base,
        project=name,
        src_lang=src_lang,
        dst_langs=tuple(targets),
        seeds_dir=folder("seeds", "seeds"),
        locales_dir=folder("locales", "locales"),
        build_dir=build_dir,
        templates_dir=_templates(folder("templates", "templates")),
        edition=edition,
        edition_titles=edition_titles,
        threshold=float(threshold),
        memory_similarity=float(similarity),
        models_dir=folder("models", models) if models else None,
        publisher=one_line("edition", "publisher", "").strip() or name,
        rights=one_line("edition", "rights", "").strip(),
        base_url=base_url,
        feed_entries=feed_entries,
        contents_per_page=contents_per_page,
        model_size_mb=model_size_mb,
        build_outside=build_dir != base and base not in build_dir.parents,
    )


def _count(
    get: Callable[[str, str, object], object], section: str, key: str, default: int, path: Path, text: str
) -> int:
    """A whole number of articles, 1 to 100,000 (``true`` is not one)."""
    value = get(section, key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
        raise ConfigError(
            f"{section}.{key} must be a whole number of articles (1 to 100000)", path, _line_of(text, key)
        )
    return value


def _title(value: object, lang: str, text: str, path: Path) -> str:
    where = _line_of(text, f"{lang} =") or _line_of(text, "titles")
    return _line_text(value, f"edition.titles.{lang}", path, where)


def _line_text(value: object, name: str, path: Path, where: int | None) -> str:
    """A one-line text value of workflow.toml: a string, no control characters, not too long."""
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be text in quotes", path, where)
    bad = next((ch for ch in value if is_control(ch)), None)
    if bad is not None:
        raise ConfigError(
            f"{name} holds the control character U+{ord(bad):04X}; write it on one line, without it", path, where
        )
    if len(value) > MAX_LINE:
        raise ConfigError(f"{name} is {len(value):,} characters long; at most {MAX_LINE}", path, where)
    return value


def _mt_settings(get: Callable[[str, str, object], object], path: Path, text: str) -> MtSettings:
    values = {key: get("mt", key, default) for key, default in vars(MtSettings()).items()}
    for key, allowed in (("device", DEVICES), ("compute_type", COMPUTE_TYPES)):
        if values[key] not in allowed:
            raise ConfigError(f"mt.{key} must be one of {', '.join(allowed)}", path, _line_of(text, key))
    for key in ("batch_tokens", "workers", "threads"):
        value = values[key]
        least = 1 if key == "batch_tokens" else 0
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ConfigError(f"mt.{key} must be a whole number of at least {least}", path, _line_of(text, key))
    cluster = values["cluster"]
    if not isinstance(cluster, str) or (cluster and cluster != "ray" and not cluster.startswith("ray://")):
        raise ConfigError('mt.cluster must be "", "ray" or "ray://host:port"', path, _line_of(text, "cluster"))
    return MtSettings(**values)  # type: ignore[arg-type]
