"""Catalog-level checks (plurals, msgfmt) and the runner: acceptances, fuzzy entries, lines, discovery."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.checks_util import CLEAN, GLOSSARY, LANGS, SOURCE, write_po
from tests.conftest import make_project
from workflow.catalogs import read_catalog, write_catalog
from workflow.checks import CHECKS, check_catalog, run_checks
from workflow.config import load_config
from workflow.errors import CatalogError, ConfigError
from workflow.languages import plural_count

PLURAL_TEXT = {"ru": "%(num)s просмотр", "kk": "%(num)s қаралым", "tr": "%(num)s görüntülenme"}


def plural_entry(lang: str, forms: int, text: str | None = None) -> polib.POEntry:
    return polib.POEntry(
        msgid="%(num)s view",
        msgid_plural="%(num)s views",
        msgstr_plural={i: text or PLURAL_TEXT[lang] for i in range(forms)},
        flags=["python-format"],
    )


def checks_of(path: Path, lang: str, only: tuple[str, ...] = ()) -> list[tuple[str, str, int]]:
    return [(f.check, f.severity, f.line) for f in check_catalog(path, lang, GLOSSARY, only)]


@pytest.mark.parametrize("lang", LANGS)
def test_clean_catalog_has_no_finding(tmp_path: Path, lang: str) -> None:
    path = write_po(
        tmp_path / f"{lang}.po",
        lang,
        [polib.POEntry(msgid=SOURCE, msgstr=CLEAN[lang]), plural_entry(lang, plural_count(lang))],
    )
    assert check_catalog(path, lang, GLOSSARY) == []


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_must_match_the_header(tmp_path: Path, lang: str) -> None:
    path = write_po(tmp_path / f"{lang}.po", lang, [plural_entry(lang, plural_count(lang) + 1)])
    found = [f for f in check_catalog(path, lang, GLOSSARY, ("plurals",))]
    assert [(f.check, f.severity) for f in found] == [("plurals", "error")]
    assert f"the header's Plural-Forms says {plural_count(lang)}" in found[0].message
    assert found[0].msgid == "%(num)s view"


@pytest.mark.parametrize("lang", LANGS)
def test_header_must_match_the_language(tmp_path: Path, lang: str) -> None:
    wrong = "nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : n==3 ? 2 : 3);"
    path = write_po(tmp_path / f"{lang}.po", lang, [plural_entry(lang, 4)], plural=wrong)
    found = check_catalog(path, lang, GLOSSARY, ("plurals",))
    assert [f.message for f in found] == [f"Plural-Forms says nplurals=4; {lang} has {plural_count(lang)} (CLDR)"]
    assert path.read_text(encoding="utf-8").splitlines()[found[0].line - 1].startswith('"Plural-Forms:')


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_problems_are_findings_at_their_line(tmp_path: Path, lang: str) -> None:
    bad = plural_entry(lang, plural_count(lang), text="%(count)s")  # a placeholder msgfmt knows is wrong
    path = write_po(tmp_path / f"{lang}.po", lang, [polib.POEntry(msgid="Author", msgstr="A"), bad])
    found = check_catalog(path, lang, GLOSSARY, ("msgfmt",))
    assert found and {f.check for f in found} == {"msgfmt"} and found[0].severity == "error"
    assert "format specification" in found[0].message
    assert found[0].msgid == "%(num)s view"
    assert path.read_text(encoding="utf-8").splitlines()[found[0].line - 1].startswith("msgstr[")


def test_an_unreadable_catalog_is_one_finding_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "a"\nmsgstr "b"\nwhat is this\n', encoding="utf-8")
    found = check_catalog(path, "ru", GLOSSARY, ("numbers",))
    assert [(f.check, f.severity, f.line) for f in found] == [("msgfmt", "error", 7)]
    assert found[0].message.startswith("syntax error")


def test_findings_point_at_the_msgstr_line(tmp_path: Path) -> None:
    entry = polib.POEntry(msgid=SOURCE, msgstr=CLEAN["ru"].replace("2019", "2018", 1), comment="paragraph")
    entry.occurrences.append(("seeds/a.md", "3"))
    path = write_po(tmp_path / "ru.po", "ru", [entry])
    (finding,) = check_catalog(path, "ru", GLOSSARY)
    assert path.read_text(encoding="utf-8").splitlines()[finding.line - 1].startswith("msgstr ")
    assert (finding.slug, finding.lang, finding.check, finding.severity) == ("ru", "ru", "numbers", "error")
    assert finding.line_text(tmp_path) == (
        f"ru.po:{finding.line}: error: numbers: 2019 of the source became 2018 [{finding.excerpt()}]"
    )


# Accepted exceptions ---------------------------------------------------------------------

BAD = CLEAN["tr"].replace("1.025", "1.052")


def accepted(tmp_path: Path, flags: list[str], comment: str) -> list[tuple[str, str, str]]:
    path = write_po(tmp_path / "tr.po", "tr", [polib.POEntry(msgid=SOURCE, msgstr=BAD, flags=flags, tcomment=comment)])
    return [(f.check, f.severity, f.message) for f in check_catalog(path, "tr", GLOSSARY)]


def test_accepted_finding_stays_quiet(tmp_path: Path) -> None:
    assert accepted(tmp_path, ["ignore-numbers"], "accepted numbers: the report corrected the figure") == []


def test_a_flag_needs_a_reason(tmp_path: Path) -> None:
    found = accepted(tmp_path, ["ignore-numbers"], "")
    assert [(c, s) for c, s, _ in found] == [("numbers", "error"), ("accepted", "error")]
    assert "needs a reason" in found[1][2]


def test_the_reason_alone_accepts_so_gnu_tools_dropping_the_flag_lose_nothing(tmp_path: Path) -> None:
    assert accepted(tmp_path, [], "accepted numbers: the report corrected the figure") == []


def test_an_unknown_check_is_pointed_out(tmp_path: Path) -> None:
    found = accepted(tmp_path, ["ignore-nubmers"], "accepted nubmers: typo in the check's name")
    assert ("numbers", "error") in [(c, s) for c, s, _ in found]
    messages = [m for c, _, m in found if c == "accepted"]
    assert any("'accepted nubmers' names no check" in m for m in messages)


def test_an_acceptance_no_longer_needed_is_a_note(tmp_path: Path) -> None:
    path = write_po(
        tmp_path / "tr.po",
        "tr",
        [polib.POEntry(msgid=SOURCE, msgstr=CLEAN["tr"], flags=["ignore-numbers"], tcomment="accepted numbers: old")],
    )
    found = check_catalog(path, "tr", GLOSSARY)
    assert [(f.check, f.severity) for f in found] == [("accepted", "info")]


def test_fuzzy_suggestions_are_never_errors(tmp_path: Path) -> None:
    path = write_po(tmp_path / "tr.po", "tr", [polib.POEntry(msgid=SOURCE, msgstr=BAD, flags=["fuzzy"])])
    found = check_catalog(path, "tr", GLOSSARY)
    assert [(f.check, f.severity) for f in found] == [("numbers", "warning")]
    assert found[0].message.endswith("(fuzzy)")


def test_untranslated_entries_are_not_checked(tmp_path: Path) -> None:
    path = write_po(tmp_path / "kk.po", "kk", [polib.POEntry(msgid=SOURCE, msgstr="")])
    assert check_catalog(path, "kk", GLOSSARY) == []


def test_flags_and_reasons_survive_update(project: Path) -> None:
    """`workflow update` keeps an acceptance, for an unchanged entry and for one whose source changed."""
    from workflow.pipeline import extract, update

    config = load_config(project)
    extract(config, ["kazakhs-and-uzbeks"])
    update(config, ["ru"], ["kazakhs-and-uzbeks"])
    path = config.po_path("ru", "kazakhs-and-uzbeks")
    po = read_catalog(path)
    body = [e for e in po if e.msgctxt is None and not e.obsolete]
    for entry in body[:2]:
        entry.msgstr = "Перевод без цифр и ссылок"
        entry.flags.append("ignore-numbers")
        entry.tcomment = "accepted numbers: checked against the Russian original"
    write_catalog(path, po)
    changed = body[1].msgid
    source = config.source_path("kazakhs-and-uzbeks")
    source.write_text(source.read_text(encoding="utf-8").replace(changed, changed + " Indeed."), encoding="utf-8")
    extract(config, ["kazakhs-and-uzbeks"])
    update(config, ["ru"], ["kazakhs-and-uzbeks"])
    after = {e.msgid: e for e in read_catalog(path) if not e.obsolete}
    for msgid in (body[0].msgid, changed + " Indeed."):
        entry = after[msgid]
        assert "ignore-numbers" in entry.flags
        assert entry.tcomment == "accepted numbers: checked against the Russian original"
    assert "fuzzy" in after[changed + " Indeed."].flags


# Discovery -------------------------------------------------------------------------------


def test_run_checks_finds_every_catalog_and_filters(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", seeds=False)
    config = load_config(root)
    for lang in LANGS:
        for slug in ("a", "ui"):
            write_po(config.po_path(lang, slug), lang, [polib.POEntry(msgid=SOURCE, msgstr=SOURCE)])
    found = run_checks(config)
    assert sorted({(f.lang, f.slug) for f in found}) == sorted((lang, s) for lang in LANGS for s in ("a", "ui"))
    assert {f.slug for f in run_checks(config, ["kk"], ["ui"])} == {"ui"}
    assert {f.check for f in run_checks(config, only=["identical"])} == {"identical"}
    with pytest.raises(CatalogError, match="no catalog for 'b'"):
        run_checks(config, slugs=["b"])
    with pytest.raises(ConfigError, match="unknown check 'nope'"):
        run_checks(config, only=["nope"])


def test_registry_is_explicit_and_every_check_has_a_summary() -> None:
    assert list(CHECKS)[:4] == ["numbers", "urls", "footnotes", "markup"]
    for name, check in CHECKS.items():
        assert check.name == name and check.severity in ("error", "warning") and check.summary
