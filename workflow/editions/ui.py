"""The editions' own words: extracted by Babel into locales/ui.pot, translated in ui.po.

Sources of UI strings: the HTML and EPUB templates (Jinja's i18n calls ``_``, ``gettext``,
``ngettext``) and the few words the renderer writes itself (marked ``N_`` in Python).
A ui.po is compiled in memory when an edition is built; no .mo file is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from ..catalogs import _header, merge, new_catalog, read_catalog, write_catalog
from ..config import Config
from ..errors import CatalogError

UI = "ui"
TEMPLATE_DIRS = ("html", "epub")
TEMPLATE_SUFFIXES = (".html", ".xhtml", ".opf", ".ncx", ".svg", ".xml")
PYTHON_SOURCES = tuple(Path(__file__).resolve().parent / name for name in ("render.py", "books.py"))
_JINJA = "jinja2.ext:babel_extract"
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
_COMMENT_TAGS = ("Translators:",)
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

Found = tuple[str, int, str | tuple[str, ...], list[str]]


def _found(config: Config) -> Iterator[Found]:
    """(reference path, line, message, comments) of every UI string, in a stable order."""
    for folder in TEMPLATE_DIRS:
        for path in sorted((config.templates_dir / folder).rglob("*")):
            if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                continue
            where = f"templates/{path.relative_to(config.templates_dir).as_posix()}"
            with path.open("rb") as fh:
                for line, message, comments, _context in extract(
                    _JINJA, fh, _KEYWORDS, _COMMENT_TAGS, options={"extensions": "jinja2.ext.i18n"}
                ):
                    yield where, line, message, comments
    for path in PYTHON_SOURCES:
        with path.open("rb") as fh:
            for line, message, comments, _context in extract("python", fh, {"N_": None}, _COMMENT_TAGS):
                yield f"workflow/editions/{path.name}", line, message, comments


def ui_template(config: Config) -> polib.POFile:
    """The UI template: one entry per distinct string (plural-aware), first use first."""
    pot = new_catalog(_header(config, UI, None), "Template for the editions' own words (templates/).")
    pot.metadata_is_fuzzy = ["fuzzy"]
    seen: dict[tuple[str, str], polib.POEntry] = {}
    for where, line, message, comments in _found(config):
        msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, "")
        notes = [c.removeprefix(_COMMENT_TAGS[0]).strip() for c in comments]
        entry = seen.get((msgid, plural))
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgid_plural=plural, msgstr="", comment="\n".join(notes))
            if plural:
                entry.msgstr_plural = {0: "", 1: ""}
            if _PLACEHOLDER.search(msgid + plural):
                entry.flags.append("python-format")
            seen[(msgid, plural)] = entry
            pot.append(entry)
        for note in notes:
            if note not in entry.comment.split("\n"):
                entry.comment = f"{entry.comment}\n{note}".strip()
        if (where, str(line)) not in entry.occurrences:
            entry.occurrences.append((where, str(line)))
    return pot


def extract_ui(config: Config) -> bool:
    """(Re)write locales/ui.pot; False when it already says the same."""
    return write_catalog(config.locales_dir / f"{UI}.pot", ui_template(config))


def update_ui(config: Config, langs: tuple[str, ...]) -> list[Path]:
    """Merge locales/ui.pot into each language's ui.po, msgmerge-style; the paths rewritten."""
    pot_path = config.locales_dir / f"{UI}.pot"
    pot = read_catalog(pot_path) if pot_path.is_file() else ui_template(config)
    written = []
    for lang in langs:
        path = config.po_path(lang, UI)
        old = read_catalog(path) if path.is_file() else None
        if write_catalog(path, merge(pot, old, lang, config, UI)):
            written.append(path)
    return written


class EscapedTranslations:
    """Translations whose every string is escaped before Jinja's autoescape trusts it.

    Jinja's new-style gettext marks the translated string itself as safe markup and escapes
    only the variables put into it; a msgstr is untrusted, so it is escaped here first.
    """

    def __init__(self, inner: NullTranslations) -> None:
        self.inner = inner

    def gettext(self, message: str) -> Markup:
        return escape(self.inner.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        return escape(self.inner.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> Markup:
        return escape(self.inner.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        return escape(self.inner.npgettext(context, singular, plural, n))


def translations(config: Config, lang: str) -> NullTranslations:
    """ui.po of ``lang`` compiled in memory; fuzzy entries are not used (English shows instead)."""
    path = config.po_path(lang, UI)
    if lang == config.src_lang or not path.is_file():
        return NullTranslations()
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang.replace("-", "_"), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read the UI catalog: {exc}", path) from exc
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            _check_format(message, path)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def _check_format(message: Any, path: Path) -> None:
    """A msgstr must take the same %(name)s values as its msgid: templates always format it."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    names = {name: "x" for text in ids for name in _PLACEHOLDER.findall(text)}
    if isinstance(message.id, tuple):
        names["num"] = "1"
    for text in strings:
        if not text:
            continue
        try:
            text % names
        except (KeyError, ValueError, TypeError) as exc:
            raise CatalogError(
                f"the translation of {ids[0]!r} is not a valid format ({exc.__class__.__name__}: {exc}); "
                f"use only {', '.join(f'%({n})s' for n in names) or 'no placeholders'} and write % as %%",
                path,
                message.lineno,
            ) from exc
