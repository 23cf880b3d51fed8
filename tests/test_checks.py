"""Every check, every language: a clean translation passes, a seeded defect is found."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, make_project
from workflow.catalogs import new_catalog, write_catalog
from workflow.checks import CHECKS, check_catalog, check_entry
from workflow.cli import app
from workflow.config import load_config
from workflow.glossary import Glossary, read_glossary

SOURCE = (
    "The **Assembly of People of Kazakhstan** held 1,025 events in 2019, "
    "see [the report](https://example.org/a_b) and the note.[^ii]"
)
CLEAN = {
    "ru": "В 2019 году **Ассамблея народа Казахстана** провела 1\u00a0025 мероприятий, см. [отчёт](https://example.org/a_b) и примечание.[^ii]",
    "kk": "2019 жылы **Қазақстан халқы Ассамблеясы** 1\u00a0025 іс-шара өткізді, [баяндаманы](https://example.org/a_b) және ескертпені қараңыз.[^ii]",
    "tr": "**Kazakistan Halkı Asamblesi** 2019’da 1.025 etkinlik düzenledi; [rapora](https://example.org/a_b) ve nota bakınız.[^ii]",
}
NUMBER = {"ru": "1\u00a0025", "kk": "1\u00a0025", "tr": "1.025"}
TERM = {"ru": ("Ассамблея", "Совет"), "kk": ("Ассамблеясы", "Кеңесі"), "tr": ("Asamblesi", "Meclisi")}
VERB = {"ru": "провела", "kk": "өткізді", "tr": "düzenledi"}
FOREIGN = {"ru": " bilateral", "kk": " bilateral", "tr": " встреча"}
WRONG_QUOTES = {"ru": '"отчёт"', "kk": '"баяндама"', "tr": "«rapor»"}


def defect(check: str, lang: str) -> str:
    clean = CLEAN[lang]
    return {
        "numbers": clean.replace(NUMBER[lang], NUMBER[lang].replace("025", "052")),
        "urls": clean.replace("a_b", "a_c"),
        "footnotes": clean.replace("[^ii]", ""),
        "markup": clean.replace("**", "", 1),
        "glossary": clean.replace(*TERM[lang]),
        "script": clean.replace(".[^ii]", FOREIGN[lang] + ".[^ii]"),
        "identical": SOURCE,
        "punctuation": clean.replace(".[^ii]", "[^ii]"),
        "whitespace": clean.replace(" ", "  ", 1),
        "quotes": clean.replace(".[^ii]", " " + WRONG_QUOTES[lang] + ".[^ii]"),
        "repeated-words": clean.replace(VERB[lang], VERB[lang] + " " + VERB[lang]),
        "length": clean + " " + clean + " " + clean,
    }[check]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return read_glossary(REPO / "locales" / "glossary.tbx")


def entry(msgstr: str, msgid: str = SOURCE, **kwargs: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kwargs)


@pytest.mark.parametrize("lang", ["ru", "kk", "tr"])
def test_clean_translation_passes_every_check(lang: str, glossary: Glossary) -> None:
    assert check_entry(entry(CLEAN[lang]), lang, glossary) == []


SEEDED = [c for c in CHECKS if c not in ("kazakh-letters", "plurals")]


@pytest.mark.parametrize("lang", ["ru", "kk", "tr"])
@pytest.mark.parametrize("check", SEEDED)
def test_seeded_defect_is_found(check: str, lang: str, glossary: Glossary) -> None:
    names = {name for name, _, _ in check_entry(entry(defect(check, lang)), lang, glossary)}
    assert check in names


def test_kazakh_without_kazakh_letters_is_found(glossary: Glossary) -> None:
    russian = "В 2019 году **Ассамблея** провела 1\u00a0025 мероприятий в разных городах страны и районах.[^ii]"
    names = {
        n
        for n, _, _ in check_entry(
            entry(russian, "The **Assembly** held 1,025 events in towns and districts.[^ii]"), "kk", glossary
        )
    }
    assert "kazakh-letters" in names


@pytest.mark.parametrize(("lang", "forms"), [("ru", 3), ("kk", 2), ("tr", 1)])
def test_plural_forms_must_match_the_header(lang: str, forms: int, glossary: Glossary) -> None:
    good = entry("", msgid="%(n)s view", msgid_plural="%(n)s views", msgstr_plural={i: "x %(n)s" for i in range(forms)})
    bad = entry(
        "", msgid="%(n)s view", msgid_plural="%(n)s views", msgstr_plural={i: "x %(n)s" for i in range(forms + 1)}
    )
    assert "plurals" not in {n for n, _, _ in check_entry(good, lang, glossary)}
    assert "plurals" in {n for n, _, _ in check_entry(bad, lang, glossary)}


def test_real_reduplication_is_not_a_repeated_word(glossary: Glossary) -> None:
    text = CLEAN["tr"].replace("düzenledi", "teker teker düzenledi")
    assert check_entry(entry(text), "tr", glossary) == []


def test_accepted_finding_stays_quiet_but_needs_a_reason(glossary: Glossary) -> None:
    bad = defect("numbers", "ru")
    quiet = entry(bad, flags=["ignore-numbers"], tcomment="accepted numbers: the source rounds differently")
    assert check_entry(quiet, "ru", glossary) == []
    no_reason = entry(bad, flags=["ignore-numbers"])
    assert {n for n, _, _ in check_entry(no_reason, "ru", glossary)} == {"accepted", "numbers"}


def test_fuzzy_suggestions_are_warnings_only(glossary: Glossary) -> None:
    found = check_entry(entry(defect("numbers", "ru"), flags=["fuzzy"]), "ru", glossary)
    assert found and {severity for _, severity, _ in found} == {"warning"}


def test_msgfmt_problems_are_findings_with_lines(tmp_path: Path, glossary: Glossary) -> None:
    po = new_catalog(
        {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": "ru",
            "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        }
    )
    po.append(polib.POEntry(msgid="%d items", msgstr="%s штук", flags=["c-format"]))
    path = tmp_path / "x.po"
    write_catalog(path, po)
    found = [f for f in check_catalog(path, "ru", glossary) if f.check == "msgfmt"]
    assert found and found[0].line > 1 and found[0].severity == "error"


def test_cli_reports_file_line_and_exit_code(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    config = load_config(root)
    from workflow.pipeline import extract, update

    extract(config)
    update(config)
    path = config.po_path("ru", "kazakhs-and-uzbeks")
    from workflow.catalogs import read_catalog

    po = read_catalog(path)
    target = next(e for e in po if "2,350" in e.msgid)
    target.msgstr = "Более 2 530 км границ нас не разделяют, а объединяют."
    write_catalog(path, po)
    runner = CliRunner()
    result = runner.invoke(app, ["--project", str(root), "check", "-l", "ru"])
    assert result.exit_code == 1
    assert "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po:" in result.output
    assert ": error: numbers: number 2350 of the source is missing or changed" in result.output
    result = runner.invoke(app, ["--project", str(root), "check", "-l", "ru", "--json", "--only", "numbers"])
    assert result.exit_code == 1 and '"errors": 2' in result.output  # 2350 missing, 2530 added
