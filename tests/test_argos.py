"""The MT engine for real: a tiny Argos package through argostranslate's package and CTranslate2."""

from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

import polib
import pytest

from tests.tinymodel import isolate_argos, mt_project, tiny_package
from workflow.catalogs import read_catalog
from workflow.config import load_config
from workflow.models import find, install
from workflow.pipeline import extract, update
from workflow.pretranslate import argos
from workflow.pretranslate.fill import translate

SLUGS = ("president-visit-to-uzbekistan", "no-term-national-minority")


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_argos(monkeypatch, tmp_path)
    return tmp_path / "packages"


def project(tmp_path: Path, packages: Path, langs: list[str]) -> Path:
    root = mt_project(tmp_path / "proj", packages, slugs=SLUGS)
    config = load_config(root)
    extract(config)
    update(config, langs)
    return root


def entries(root: Path, lang: str) -> list[polib.POEntry]:
    return [
        e
        for path in sorted(p for p in (root / "locales" / lang / "LC_MESSAGES").glob("*.po") if p.stem != "ui")
        for e in read_catalog(path)
    ]


def test_copying_model_gives_back_every_unit_exactly(tmp_path: Path, packages: Path) -> None:
    install(tiny_package(to_code="ru").archive, packages)
    root = project(tmp_path, packages, ["ru"])
    (summary,) = translate(load_config(root), ["ru"], chain=("argos",))
    assert summary.mt == summary.pending == len(entries(root, "ru")) > 30 and summary.left == 0
    assert summary.engine == "argos en→ru translate-en_ru 1.0"
    for entry in entries(root, "ru"):
        # Footnote markers, URLs, "$5 billion", curly quotes, Cyrillic titles: all through
        # protect -> split -> SentencePiece -> CTranslate2 -> decode -> restore, unchanged.
        assert entry.msgstr == entry.msgid
        assert "fuzzy" in entry.flags and entry.tcomment == "mt: argos en→ru translate-en_ru 1.0"
    for path in sorted(p for p in (root / "locales" / "ru" / "LC_MESSAGES").glob("*.po") if p.stem != "ui"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)


def test_engine_output_is_what_lands_in_the_catalog(tmp_path: Path, packages: Path) -> None:
    install(tiny_package(to_code="ru", upper=True).archive, packages)
    root = project(tmp_path, packages, ["ru"])
    translate(load_config(root), ["ru"], chain=("argos",))
    urls = 0
    for entry in entries(root, "ru"):
        assert entry.msgstr.lower() == entry.msgid.lower()  # only the case changed...
        for url in re.findall(r"https://[^\s>]+", entry.msgid):
            assert url in entry.msgstr  # ...except in protected URLs, which the engine never saw
            urls += 1
        words = re.sub(r"<https://[^>]+>|\[\^[ivx]+\]", "", entry.msgid)
        if re.search(r"[a-z]", words):
            assert entry.msgstr != entry.msgid
    assert urls >= 3


def test_target_prefix_is_given_to_the_decoder_and_removed(tmp_path: Path, packages: Path) -> None:
    install(tiny_package(to_code="kk", target_prefix="kaz_Cyrl").archive, packages)
    root = project(tmp_path, packages, ["kk"])
    (summary,) = translate(load_config(root), ["kk"], chain=("argos",))
    assert summary.mt == summary.pending > 0
    for entry in entries(root, "kk"):
        assert entry.msgstr == entry.msgid and "Cyrl" not in entry.msgstr


def test_sentences_go_to_the_engine_in_large_batches_once_each(
    tmp_path: Path, packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(tiny_package(to_code="ru").archive, packages)
    root = project(tmp_path, packages, ["ru"])
    texts = [e.msgid for e in entries(root, "ru")]
    _, sentences = argos.plan_units(texts + texts)  # duplicates are asked once
    assert len(sentences) == len(set(sentences)) > len(texts)
    calls: list[int] = []
    original = argos.Engine.translate_tokens

    def counting(self: argos.Engine, batch: list[list[str]]) -> list[list[str]]:
        calls.append(len(batch))
        return original(self, batch)

    monkeypatch.setattr(argos.Engine, "translate_tokens", counting)
    translate(load_config(root), ["ru"], chain=("argos",))
    assert sum(calls) == len(sentences) and len(calls) <= 4 and calls[0] == argos.FIRST_CHUNK


def test_no_network_is_touched(tmp_path: Path, packages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(tiny_package(to_code="ru").archive, packages)
    root = project(tmp_path, packages, ["ru"])
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled by the test")

    argos._ENGINES.clear()  # load the model with the network off, too
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    (summary,) = translate(load_config(root), ["ru"])
    assert summary.mt == summary.pending > 0 and attempts == []


def test_a_reinstalled_model_is_used_at_once(tmp_path: Path, packages: Path) -> None:
    install(tiny_package(to_code="ru").archive, packages)
    first = find(packages, "en", "ru")
    assert first is not None
    assert list(argos.load_engine(first).translate(["Kazakhstan and Uzbekistan."])) == [["Kazakhstan and Uzbekistan."]]
    install(tiny_package(to_code="ru", upper=True, folder="tiny_upper").archive, packages)
    second = find(packages, "en", "ru")
    assert second is not None and second.path.name == "tiny_upper"
    assert list(argos.load_engine(second).translate(["Kazakhstan and Uzbekistan."])) == [["KAZAKHSTAN AND UZBEKISTAN."]]


def test_a_model_corrupted_after_install_stops_that_language_only(tmp_path: Path, packages: Path) -> None:
    install(tiny_package(to_code="ru").archive, packages)
    install(tiny_package(to_code="tr").archive, packages)
    root = project(tmp_path, packages, ["ru", "tr"])
    model = packages / "tiny_en_ru" / "model" / "model.bin"
    model.write_bytes(model.read_bytes()[:1000])
    ru, tr = translate(load_config(root), ["ru", "tr"], chain=("argos",))
    assert ru.broken and ru.mt == 0 and ru.left == ru.pending
    assert "CTranslate2 model is corrupt" in ru.line() and "\n" not in ru.line()
    assert not tr.broken and tr.mt == tr.pending


def test_markup_survives_the_engine_and_bare_figures_are_copied(packages: Path) -> None:
    install(tiny_package(to_code="ru", upper=True).archive, packages)
    package = find(packages, "en", "ru")
    assert package is not None
    translator = argos.MachineTranslator(argos.load_engine(package), "en", "ru", lambda _: None)
    texts = ["<https://akorda.kz/en>", "Ibid.", "In 2021, see **[the text](https://x.kz/a_b)**.[^ii] Then *more*."]
    got = {index: suggestion for index, suggestion in translator.suggest(texts)}
    assert got[0] is not None and got[0].text == texts[0] and got[0].provenance == argos.COPIED
    assert got[1] is not None and got[1].text == "IBID." and got[1].provenance == "mt: argos en→ru translate-en_ru 1.0"
    assert got[2] is not None and got[2].text == "IN 2021, SEE **[THE TEXT](https://x.kz/a_b)**.[^ii] THEN *MORE*."
