"""The templates' own words: extracted by Babel into locales/ui.pot, translated in ui.po."""

from __future__ import annotations

import io
from pathlib import Path

import polib
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ..catalogs import merge, new_catalog, read_catalog, write_catalog
from ..config import Config

UI = "ui"
_METHODS = [("**.html", "jinja2.ext:babel_extract"), ("**.xhtml", "jinja2.ext:babel_extract")]
_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n"}, "**.xhtml": {"extensions": "jinja2.ext.i18n"}}


def ui_template(config: Config) -> polib.POFile:
    from ..catalogs import _header  # the same header as article templates

    pot = new_catalog(_header(config, UI, None), "Template for the editions' own words (templates/).")
    pot.metadata_is_fuzzy = ["fuzzy"]
    seen: dict[tuple[str, str | None], polib.POEntry] = {}
    found = extract_from_dir(
        str(config.templates_dir),
        method_map=_METHODS,
        options_map=_OPTIONS,
        keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
    )
    for filename, lineno, message, comments, _context in sorted(found, key=lambda m: (m[0], m[1])):
        msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        key = (msgid, plural)
        entry = seen.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgid_plural=plural or "", msgstr="", comment="\n".join(comments))
            if plural:
                entry.msgstr_plural = {0: "", 1: ""}
            if "%(" in msgid:
                entry.flags.append("python-format")
            seen[key] = entry
            pot.append(entry)
        entry.occurrences.append((f"templates/{Path(filename).as_posix()}", str(lineno)))
    return pot


def extract_ui(config: Config) -> bool:
    return write_catalog(config.locales_dir / f"{UI}.pot", ui_template(config))


def update_ui(config: Config, langs: tuple[str, ...]) -> list[Path]:
    pot_path = config.locales_dir / f"{UI}.pot"
    pot = read_catalog(pot_path) if pot_path.is_file() else ui_template(config)
    written = []
    for lang in langs:
        path = config.po_path(lang, UI)
        old = read_catalog(path) if path.is_file() else None
        if write_catalog(path, merge(pot, old, lang, config, UI)):
            written.append(path)
    return written


def translations(config: Config, lang: str) -> NullTranslations:
    """ui.po compiled in memory (no .mo files in the tree); fuzzy entries are not used."""
    path = config.po_path(lang, UI)
    if lang == config.src_lang or not path.is_file():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang.replace("-", "_"))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
