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
    g = Glossary((Term(src="Mazhilis", variants=("Majilis",), targets={"ru": "Мажилис"}, note="parliament", id="t1"),))
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


def test_statuses_are_read_and_written(tmp_path: Path) -> None:
    from workflow.glossary import Avoid

    term = Term(
        src="ethnic minorities",
        targets={"kk": "этностар"},
        note="the peoples of Kazakhstan",
        avoid={
            "en": (Avoid("ANC", "deprecated", "a slip"),),
            "kk": (Avoid("этникалық азшылықтар", "forbidden", "no such term"),),
        },
        id="t1",
    )
    path = tmp_path / "g.tbx"
    path.write_text(write_glossary(path, Glossary((term,))), encoding="utf-8")
    assert "deprecatedTerm-admn-sts" in path.read_text(encoding="utf-8")
    assert read_glossary(path) == Glossary((term,))


def test_shipped_glossary_marks_what_to_avoid(glossary: Glossary) -> None:
    by_src = {t.src: t for t in glossary.terms}
    assert [a.text for a in by_src["APK"].avoided("en")] == ["ANC"]
    assert by_src["APK"].variants == ()
    assert [a.status for a in by_src["ethnic minorities"].avoided("kk")] == ["forbidden"]
    assert [a.text for a in by_src["national newspapers"].avoided("tr")] == ["ulusal gazeteler"]
    assert [a.text for a in by_src["XXVII session"].avoided("ru")] == ["27-й сессия"]
    assert by_src["Friendship Houses"].targets["kk"] == "Достық үйі"
    assert by_src["Friendship Houses"].targets["tr"] == "Dostluk Evi"
    for term in glossary.terms:  # definitions, not labels such as "country"
        assert len(term.note.split()) >= 5, term.src


def test_avoided_terms_are_found_inflected(glossary: Glossary) -> None:
    src = "all ethnic minorities of our country"
    found = glossary.avoided_in(src, "еліміздегі барлық этникалық азшылықтардың тілі", "kk")
    assert [(t.src, a.status) for t, a in found] == [("ethnic minorities", "forbidden")]
    assert glossary.avoided_in(src, "еліміздегі барлық этностардың тілі", "kk") == []
    assert [a.text for _, a in glossary.deprecated_in_source("the ANC Secretariat")] == ["ANC"]


def test_translate_toolkit_reads_the_same_glossary() -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsefile(str(REPO / "locales" / "glossary.tbx"))
    store.settargetlanguage("kk")
    ours = {t.src: t for t in read_glossary(REPO / "locales" / "glossary.tbx").terms}
    theirs = {unit.source: unit for unit in store.units}
    assert set(ours) <= set(theirs)
    statuses = {t.text: t.administrative_status for t in theirs["ethnic minorities"].get_target_terms()}
    assert statuses == {"этностар": "preferredTerm-admn-sts", "этникалық азшылықтар": "forbidden"}
    assert [t.text for t in theirs["APK"].get_source_terms() if t.deprecated] == ["ANC"]


def test_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="entities"):
        read_glossary(path)
