"""Helpers for the check tests: one rich source unit, its clean translations, and catalog builders."""

from __future__ import annotations

from pathlib import Path

import polib

from tests.conftest import REPO
from workflow.catalogs import new_catalog, write_catalog
from workflow.checks import CHECKS, EntryCheck, Pair
from workflow.glossary import Glossary, read_glossary
from workflow.languages import plural_forms

LANGS = ("ru", "kk", "tr")
GLOSSARY: Glossary = read_glossary(REPO / "locales" / "glossary.tbx")

# Figures, a percentage, a range, bold, emphasis, code, a link, an autolink, quotes, a footnote,
# and glossary terms: every check has something to look at.
SOURCE = (
    "In 2019 the **Assembly of People of Kazakhstan** held 1,025 events, *87.2%* of them in Astana, "
    "tagged `#APK2019` (see [the report](https://example.org/report_2019) and <https://apk.kz/en>), "
    "on 14-15 May, under the motto “Unity”.[^ii]"
)
CLEAN = {
    "ru": (
        "В 2019 году **Ассамблея народа Казахстана** провела 1\u00a0025 мероприятий, *87,2\u00a0%* из них — в Астане, "
        "с тегом `#APK2019` (см. [отчёт](https://example.org/report_2019) и <https://apk.kz/en>), "
        "14–15 мая, под девизом «Единство».[^ii]"
    ),
    "kk": (
        "2019 жылы **Қазақстан халқы Ассамблеясы** 1\u202f025 іс-шара өткізді, оның *87,2\u00a0%* бөлігі Астанада өтті, "
        "`#APK2019` тегімен ([есепті](https://example.org/report_2019) және <https://apk.kz/en> қараңыз), "
        "14–15 мамырда, «Бірлік» ұранымен.[^ii]"
    ),
    "tr": (
        "2019’da **Kazakistan Halkı Asamblesi** 1.025 etkinlik düzenledi; bunların *%87,2*’si Astana’da yapıldı, "
        "`#APK2019` etiketiyle ([rapora](https://example.org/report_2019) ve <https://apk.kz/en> adresine bakınız), "
        "14-15 Mayıs’ta, “Birlik” sloganıyla.[^ii]"
    ),
}


def found(check: str, dst: str, lang: str, src: str = SOURCE) -> list[str]:
    """The messages of one entry check for one translation."""
    entry_check = CHECKS[check]
    assert isinstance(entry_check, EntryCheck)
    results = entry_check.fn(Pair(src, dst, lang, "paragraph", GLOSSARY))
    return [r if isinstance(r, str) else r.message for r in results]


def all_found(dst: str, lang: str, src: str = SOURCE) -> dict[str, list[str]]:
    """Every entry check's messages for one translation (only those that found something)."""
    return {
        name: msgs for name in CHECKS if isinstance(CHECKS[name], EntryCheck) if (msgs := found(name, dst, lang, src))
    }


def write_po(path: Path, lang: str, entries: list[polib.POEntry], plural: str | None = None) -> Path:
    """A catalog of ``lang`` holding ``entries``, with the usual header."""
    po = new_catalog(
        {
            "Project-Id-Version": "test",
            "PO-Revision-Date": "2026-01-01 00:00+0000",
            "Last-Translator": "",
            "Language-Team": "",
            "Language": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural or plural_forms(lang),
        }
    )
    for entry in entries:
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(path, po)
    return path
