"""The editions' own words: extracted by Babel into locales/ui.pot, translated in ui.po.

Sources of UI strings: the HTML and EPUB templates (Jinja's i18n calls ``_``, ``gettext``,
``ngettext``) and the few words the renderer writes itself (marked ``N_`` in Python).
A ui.po is compiled in memory when an edition is built; no .mo file is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from gettext import c2py
from pathlib import Path

import polib
from babel.messages.extract import extract
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from ..catalogs import _header, merge, new_catalog, read_catalog, write_catalog
from ..config import Config
from ..errors import CatalogError
from ..languages import plural_forms
from .uisources import PYTHON_SOURCES, TEMPLATE_DIRS, TEMPLATE_SUFFIXES, UI

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
    """ui.po of ``lang`` compiled in memory; fuzzy entries are not used (English shows instead).

    The catalog is read as strictly as every other (file:line on a syntax error), its
    Plural-Forms expression must compile and give a valid form for every count, and each
    translation may use only its msgid's own ``%(name)s`` placeholders, with no width or
    precision: a msgstr is untrusted text that every page formats.
    """
    path = config.po_path(lang, UI)
    if lang == config.src_lang or not path.is_file():
        return NullTranslations()
    po = read_catalog(path)
    _check_plural_forms(po, path)
    for entry in po:
        if not entry.obsolete and "fuzzy" not in entry.flags:
            _check_format(entry, path)
    return Translations(io.BytesIO(po.to_binary()))


_COUNTS = (*range(0, 1001), 10**4, 10**5 + 1, 10**6, 2**31 - 1)


def _check_plural_forms(po: polib.POFile, path: Path) -> None:
    header = po.metadata.get("Plural-Forms", "")
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", header)
    if not header:
        return
    if match is None:
        raise CatalogError(f"Plural-Forms is not 'nplurals=N; plural=EXPR;': {header[:80]!r}", path)
    count = int(match.group(1))
    try:
        choose = c2py(match.group(2))
        for n in _COUNTS:
            if not 0 <= choose(n) < max(count, 1):
                raise CatalogError(f"Plural-Forms gives form {choose(n)} for n={n}, but nplurals={count}", path)
    except (ValueError, ArithmeticError, RecursionError) as exc:
        raise CatalogError(
            f"Plural-Forms cannot be used ({exc.__class__.__name__}: {exc}); use {plural_forms(path.parent.parent.name)!r}",
            path,
        ) from None


_FORMAT = re.compile(r"%(?:%|\((\w+)\)[sd]|(?:\([^)]*\))?[-#0 +\d.*]*[a-zA-Z]?)")


def _check_format(entry: polib.POEntry, path: Path) -> None:
    """Only ``%%`` and the msgid's own ``%(name)s`` / ``%(name)d``: no width, precision or positional."""
    names = set(re.findall(r"%\((\w+)\)[sd]", entry.msgid + entry.msgid_plural))
    if entry.msgid_plural:
        names.add("num")
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    for text in texts:
        for found in _FORMAT.finditer(text):
            token = found.group(0)
            if token == "%%" or (found.group(1) in names and len(token) > 2):
                continue
            allowed = ", ".join(f"%({n})s" for n in sorted(names)) or "no placeholders"
            raise CatalogError(
                f"the translation of {entry.msgid[:60]!r} has {token[:20]!r}; use only {allowed} "
                "(no width or precision) and write % as %%",
                path,
                entry.linenum,
            )
