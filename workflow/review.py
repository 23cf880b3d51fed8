"""The review dashboard: build/review/index.html, a static page that opens from file://.

Per language and article: a progress bar (translated / fuzzy / untranslated), the check
findings, and each fuzzy entry with its source, its suggestion, where the suggestion came
from, and a word-level diff against the previous source when there is one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from .catalogs import progress, read_catalog, state_of
from .checks import Finding, check_catalog
from .config import Config
from .fsutil import safe_join, write_text_atomic
from .glossary import read_glossary
from .languages import language_name
from .model import Progress, State
from .pipeline import choose_langs, source_paths


@dataclass(frozen=True)
class FuzzyItem:
    line: int
    source: str
    suggestion: str
    origin: str
    diff: Markup | None


@dataclass(frozen=True)
class Row:
    slug: str
    lang: str
    progress: Progress
    findings: tuple[Finding, ...]
    fuzzy: tuple[FuzzyItem, ...]


def word_diff(old: str, new: str) -> Markup:
    """The change from ``old`` to ``new`` word by word, escaped, with <del>/<ins> marks."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>") + escape("".join(a[i1:i2])) + Markup("</del>"))
        if j2 > j1:
            out.append(Markup("<ins>") + escape("".join(b[j1:j2])) + Markup("</ins>"))
    return Markup("").join(out)


def _origin(comment: str | None) -> str:
    """The provenance comment pre-translation left ("mt: …", "tm: …"), if any."""
    return next((line for line in (comment or "").splitlines() if line.startswith(("mt:", "tm:"))), "")


def rows(config: Config, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None) -> list[Row]:
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    found = []
    for lang in choose_langs(config, langs):
        for source in source_paths(config, slugs):
            path = config.po_path(lang, source.stem)
            if not path.is_file():
                continue
            po = read_catalog(path)
            fuzzy = tuple(
                FuzzyItem(
                    line=e.linenum or 1,
                    source=e.msgid,
                    suggestion=e.msgstr,
                    origin=_origin(e.tcomment) or ("source changed (update)" if e.previous_msgid else "editor"),
                    diff=word_diff(e.previous_msgid, e.msgid) if e.previous_msgid else None,
                )
                for e in po
                if not e.obsolete and state_of(e) is State.FUZZY
            )
            found.append(
                Row(
                    source.stem,
                    lang,
                    progress(po, source.stem, lang),
                    tuple(check_catalog(path, lang, glossary)),
                    fuzzy,
                )
            )
    return found


def write_review(config: Config, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None) -> Path:
    env = Environment(loader=FileSystemLoader(str(config.templates_dir)), autoescape=True)
    data = rows(config, langs, slugs)
    by_lang: dict[str, list[Row]] = {}
    for row in data:
        by_lang.setdefault(row.lang, []).append(row)
    html = env.get_template("review/index.html").render(
        title=config.project,
        langs=[(lang, language_name(lang, "en"), items) for lang, items in by_lang.items()],
        root=config.root,
        State=State,
    )
    out = safe_join(config.build_dir, "review", "index.html")
    write_text_atomic(out, html)
    return out
