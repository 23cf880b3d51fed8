from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from workflow.glossary import Glossary, GlossaryError, Term, fold, read_glossary, write_glossary

SRC = "The Assembly of People of Kazakhstan met the OSCE in Nur-Sultan."


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return read_glossary(REPO / "locales" / "glossary.tbx")


@pytest.mark.parametrize(
    ("lang", "good", "bad"),
    [
        (
            "ru",
            "Ассамблея народа Казахстана встретилась с ОБСЕ в Нур-Султане.",
            "Ассамблея встретилась с ОБСЕ в Нур-Султане.",
        ),
        (
            "kk",
            "Қазақстан халқы Ассамблеясының ЕҚЫҰ-мен Нұр-Сұлтанда кездесуі.",
            "Қазақстан халқы кеңесі ЕҚЫҰ-мен Нұр-Сұлтанда.",
        ),
        (
            "tr",
            "Kazakistan Halkı Asamblesi’nin AGİT ile Nur-Sultan’da görüşmesi.",
            "Kazakistan Halk Meclisi AGİT ile Nur-Sultan’da.",
        ),
    ],
)
def test_inflected_terms_count_and_missing_ones_are_found(glossary: Glossary, lang: str, good: str, bad: str) -> None:
    assert glossary.missing(SRC, good, lang) == []
    missing = [t.src for t in glossary.missing(SRC, bad, lang)]
    assert "Assembly of People of Kazakhstan" in missing
    assert "OSCE" not in missing and "Nur-Sultan" not in missing


def test_abbreviations_match_in_capitals_only(glossary: Glossary) -> None:
    assert [t.src for t in glossary.in_source("The UN met.")] == ["UN"]
    assert glossary.in_source("an un-planned cis meeting") == []


def test_turkish_folding_uses_the_locale() -> None:
    assert fold("İLK IŞIK", "tr") == "ilk ışık"
    assert fold("ILK", "en") == "ilk"


def test_tbx_round_trip(tmp_path: Path) -> None:
    g = Glossary((Term(src="Mazhilis", variants=("Majilis",), targets={"ru": "Мажилис"}, note="parliament"),))
    path = tmp_path / "g.tbx"
    path.write_text(write_glossary(path, g), encoding="utf-8")
    assert read_glossary(path) == g


def test_broken_tbx_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text("<martif>\n<text>\n</martif>\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        read_glossary(path)
    assert info.value.line == 3


def test_shipped_glossary_covers_all_languages(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 40
    for term in glossary.terms:
        assert set(term.targets) == {"ru", "kk", "tr"}, term.src


def test_terms_inside_hyphenated_compounds_count(glossary: Glossary) -> None:
    assert glossary.missing("Kazakhstan-Uzbekistan ties", "Kazakistan-Özbekistan ilişkileri", "tr") == []
