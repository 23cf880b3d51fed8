"""The translate stage: memory first, then MT; provenance; reviewed work untouched; interruption."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from tests.tinymodel import isolate_argos, mt_project, tiny_package
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import Config, load_config
from workflow.models import install
from workflow.pipeline import extract, update
from workflow.pretranslate import argos
from workflow.pretranslate.fill import translate

VISIT = "president-visit-to-uzbekistan"
TERM = "no-term-national-minority"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    isolate_argos(monkeypatch, tmp_path)
    packages = tmp_path / "packages"
    install(tiny_package(to_code="ru", upper=True).archive, packages)
    config = load_config(mt_project(tmp_path / "proj", packages, slugs=(VISIT, TERM)))
    extract(config)
    update(config, ["ru", "kk"])
    return config


def catalog(config: Config, slug: str, lang: str = "ru") -> polib.POFile:
    return read_catalog(config.po_path(lang, slug))


def by_id(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if not e.obsolete}


def review(config: Config, slug: str, choose: int, lang: str = "ru") -> list[str]:
    """An editor reviews the first ``choose`` paragraphs of a catalog: returns their msgids."""
    po = catalog(config, slug, lang)
    done = []
    for entry in [e for e in po if e.comment == "paragraph"][:choose]:
        entry.msgstr = f"[{lang}] {entry.msgid}"
        entry.tcomment = "checked by Aigerim"
        done.append(entry.msgid)
    write_catalog(config.po_path(lang, slug), po)
    return done


def test_memory_first_then_mt_with_provenance(config: Config) -> None:
    visit = by_id(catalog(config, VISIT))
    paragraph = next(m for m, e in visit.items() if e.comment == "paragraph" and len(m) > 200)
    edited = paragraph.replace("great", "considerable").replace("visit", "trip", 1)
    title = next(e.msgid for e in visit.values() if e.msgctxt == "title")
    # Another catalog of the language holds reviewed work: the title exactly, the paragraph edited.
    old = polib.POFile(wrapwidth=0)
    old.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    old.append(polib.POEntry(msgid=title, msgstr="Визит Президента"))
    old.append(polib.POEntry(msgid=edited, msgstr="Отредактированный перевод"))
    write_catalog(config.po_path("ru", "older-article"), old)

    ru, kk = translate(config, ["ru", "kk"])
    assert (ru.exact, ru.near) == (1, 1) and ru.mt == ru.pending - 2 and ru.left == 0
    after = by_id(catalog(config, VISIT))
    exact, near = after[title], after[paragraph]
    assert exact.msgstr == "Визит Президента" and exact.tcomment == "tm: exact older-article"
    assert exact.previous_msgid is None and "fuzzy" in exact.flags
    assert near.msgstr == "Отредактированный перевод" and near.previous_msgid == edited
    assert near.tcomment.startswith("tm: ") and near.tcomment.endswith("% older-article")
    machine = [e for slug in (VISIT, TERM) for e in catalog(config, slug) if e.tcomment.startswith("mt: ")]
    assert len(machine) == ru.mt
    assert all(e.tcomment == "mt: argos en→ru translate-en_ru 1.0" and "fuzzy" in e.flags for e in machine)
    assert all(e.msgstr.lower() == e.msgid.lower() for e in machine)
    assert ru.line().startswith(f"ru: filled 2 from memory (1 exact, 1 near) and {ru.mt} by MT (argos en→ru")
    assert kk.line() == (
        f"kk: nothing filled; {kk.pending} entries left for human translation; "
        f"no model for en→kk in {config.models_dir}; install one with `workflow models install FILE` "
        "or make one with `workflow models package`; no reviewed kk entries yet"
    )
    for path in sorted(p for p in (config.locales_dir / "ru" / "LC_MESSAGES").glob("*.po") if p.stem != "ui"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)


def test_reviewed_entries_and_existing_suggestions_are_untouched(config: Config) -> None:
    reviewed = review(config, VISIT, 3)
    po = catalog(config, VISIT)
    suggestion = next(e for e in po if e.comment == "paragraph" and not e.msgstr)
    suggestion.msgstr, suggestion.flags = "An editor's draft", ["fuzzy"]
    write_catalog(config.po_path("ru", VISIT), po)
    before = {e.msgid: str(e) for e in catalog(config, VISIT) if e.msgstr}

    (ru,) = translate(config, ["ru"], chain=("argos",))
    after = by_id(catalog(config, VISIT))
    for msgid, text in before.items():
        assert str(after[msgid]) == text  # byte for byte: msgstr, flags, comments
    assert all(after[m].tcomment == "checked by Aigerim" and not after[m].flags for m in reviewed)
    assert ru.pending == sum(1 for c in (VISIT, TERM) for e in catalog(config, c) if e.tcomment.startswith("mt: "))


def test_provenance_survives_update(config: Config) -> None:
    translate(config, ["ru"], chain=("argos",))
    source = config.source_path(TERM)
    text = source.read_text(encoding="utf-8")
    po = by_id(catalog(config, TERM))
    paragraph = next(m for m, e in po.items() if e.comment == "paragraph" and len(m) > 200 and m in text)
    changed = paragraph.replace(" the ", " this ", 1)
    source.write_text(text.replace(paragraph, changed), encoding="utf-8")
    extract(config)
    update(config, ["ru"])

    after = by_id(catalog(config, TERM))
    carried = after[changed]  # the source changed: merge keeps the suggestion, the comment and marks it
    assert carried.tcomment == "mt: argos en→ru translate-en_ru 1.0" and "fuzzy" in carried.flags
    assert carried.previous_msgid == paragraph and carried.msgstr == paragraph.upper()
    for msgid, entry in after.items():
        if msgid and msgid != changed:
            assert entry.tcomment == "mt: argos en→ru translate-en_ru 1.0" and entry.msgstr == po[msgid].msgstr


def test_memory_only_and_no_catalogs_yet(config: Config, tmp_path: Path) -> None:
    review(config, VISIT, 2)
    (ru,) = translate(config, ["ru"], chain=("memory",))
    assert ru.filled == 0 and ru.left == ru.pending
    assert "machine translation turned off (--no-mt)" in ru.line()

    bare = load_config(mt_project(tmp_path / "bare", tmp_path / "packages", slugs=(VISIT,)))
    (tr,) = translate(bare, ["tr"])
    assert (
        tr.pending == 0
        and "1 catalog(s) missing (president-visit-to-uzbekistan): run `workflow update` first" in tr.line()
    )


def test_interrupted_run_keeps_finished_catalogs_and_continues(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    # Catalogs are filled in slug order: TERM first, then VISIT.
    first, second = config.po_path("ru", TERM), config.po_path("ru", VISIT)
    first_sentences = len(argos.plan_units([e.msgid for e in catalog(config, TERM) if e.msgid])[1])
    # Small chunks, and Ctrl-C when the engine is asked for the chunk after TERM's sentences.
    monkeypatch.setattr(argos, "FIRST_CHUNK", 8)
    monkeypatch.setattr(argos, "MAX_CHUNK", 8)
    asked: list[int] = []
    original = argos.Engine.translate_tokens

    def interrupt(self: argos.Engine, batch: list[list[str]]) -> list[list[str]]:
        if sum(asked) >= first_sentences + 8:
            raise KeyboardInterrupt
        asked.append(len(batch))
        return original(self, batch)

    monkeypatch.setattr(argos.Engine, "translate_tokens", interrupt)
    with pytest.raises(KeyboardInterrupt):
        translate(config, ["ru"], chain=("argos",))

    done = catalog(config, TERM)
    assert all(e.msgstr and "fuzzy" in e.flags for e in done if e.msgid and not e.obsolete)
    partial = read_catalog(second)  # parses: written whole or not at all
    assert any(not e.msgstr for e in partial if e.msgid)
    assert not list(config.locales_dir.rglob(".*.tmp"))
    finished = first.read_bytes()

    monkeypatch.setattr(argos.Engine, "translate_tokens", original)
    (ru,) = translate(config, ["ru"], chain=("argos",))
    assert ru.pending == sum(1 for e in partial if e.msgid and not e.msgstr) > 0 and ru.left == 0
    assert first.read_bytes() == finished  # not redone
    assert all(e.msgstr for e in catalog(config, VISIT) if e.msgid)
