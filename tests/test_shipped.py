"""The shipped translations: complete, reviewed, faithful in figures, links and terms, right script."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from workflow.catalogs import read_catalog
from workflow.checks import check_catalog
from workflow.glossary import read_glossary

LANGS = ("ru", "kk", "tr")
SLUGS = sorted(p.stem for p in (REPO / "seeds").glob("*.md"))
GLOSSARY = read_glossary(REPO / "locales" / "glossary.tbx")


def catalog(lang: str, slug: str) -> Path:
    return REPO / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [*SLUGS, "ui"])
def test_complete_reviewed_and_msgfmt_clean(lang: str, slug: str) -> None:
    path = catalog(lang, slug)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)
    for entry in read_catalog(path):
        if entry.obsolete:
            continue
        assert "fuzzy" not in entry.flags, entry.msgid
        assert entry.msgstr or all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_figures_links_footnotes_and_terms_match_the_source(lang: str, slug: str) -> None:
    # Accepted exceptions (#, ignore-<check> with a reason) are honoured by check_catalog.
    found = check_catalog(catalog(lang, slug), lang, GLOSSARY, ("numbers", "urls", "footnotes", "glossary"))
    assert found == [], [f.line_text(REPO) for f in found]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_workflow_check_has_no_error(lang: str, slug: str) -> None:
    errors = [f for f in check_catalog(catalog(lang, slug), lang, GLOSSARY) if f.severity == "error"]
    assert errors == [], [f.line_text(REPO) for f in errors]


def _text(lang: str) -> str:
    return " ".join(e.msgstr for slug in SLUGS for e in read_catalog(catalog(lang, slug)) if not e.obsolete)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang in ("ru", "kk")])
def test_cyrillic_languages_write_cyrillic(lang: str) -> None:
    text = re.sub(r"<[^>]+>|\]\([^)]*\)|https?://\S+", " ", _text(lang))
    letters = re.findall(r"[^\W\d_]", text)
    cyrillic = [ch for ch in letters if "\u0400" <= ch <= "\u04ff"]
    assert len(cyrillic) / len(letters) > 0.97


def test_kazakh_uses_kazakh_letters() -> None:
    text = _text("kk")
    assert len(re.findall("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text)) > 1000
    for slug in SLUGS:
        for entry in read_catalog(catalog("kk", slug)):
            if len(re.findall(r"[\u0400-\u04ff]+", entry.msgstr)) >= 6 and "Открытые" not in entry.msgstr:
                assert re.search("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", entry.msgstr), entry.msgstr


def test_turkish_is_latin_and_uses_dotted_and_dotless_i() -> None:
    text = _text("tr")
    assert not re.search(r"[\u0400-\u04ff]", text)
    assert "ı" in text and "İ" in text
    for wrong in ("Halki ", "Ilk ", "Iş ", "Ingiltere", "Idare", "Islam", "Işbirliği"):
        assert wrong not in text, wrong
