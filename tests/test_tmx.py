"""TMX 1.4: round trip, the 1.4 structure, other tools' files, and the project's export/import."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from tests.conftest import make_project
from workflow.catalogs import write_catalog
from workflow.config import load_config
from workflow.errors import TmxError
from workflow.pretranslate.tmstore import export_memory, import_memory, load_memory, memory_entries
from workflow.pretranslate.tmx import (
    HEADER_ATTRIBUTES,
    XML_LANG,
    TranslationUnit,
    Variant,
    format_tmx,
    read_tmx,
    write_tmx,
)

UNITS = [
    TranslationUnit(
        Variant("en", "Trade & <b>growth</b> of “87.2%”"),
        (Variant("ru", "Рост <script>alert(1)</script> & торговля", "visit"), Variant("kk", "Сауда", "visit")),
    ),
    TranslationUnit(Variant("en", "  Spaces kept  "), (Variant("tr", "Boşluklar korunur", "formula"),)),
]


def check_tmx14(data: bytes) -> ET.Element:
    """The TMX 1.4b content model (DTD) checked element by element."""
    root = ET.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert [child.tag for child in root] == ["header", "body"]
    header, body = root
    for name in HEADER_ATTRIBUTES:
        assert header.get(name), f"header needs {name}"
    assert all(child.tag in ("note", "prop", "ude") for child in header)
    for tu in body:
        assert tu.tag == "tu"
        tags = [child.tag for child in tu]
        tuvs = [i for i, t in enumerate(tags) if t == "tuv"]
        assert tuvs and tuvs == list(range(tuvs[0], len(tags))), "tu: (note|prop)*, tuv+"
        assert all(t in ("note", "prop") for t in tags[: tuvs[0]])
        for tuv in tu.findall("tuv"):
            assert tuv.get(XML_LANG)
            inner = [child.tag for child in tuv]
            assert inner[-1] == "seg" and inner.count("seg") == 1, "tuv: (note|prop)*, seg"
            assert all(t in ("note", "prop") for t in inner[:-1])
            for prop in tuv.findall("prop"):
                assert prop.get("type")
    return root


def test_round_trip_and_structure(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(path, UNITS, "en")
    data = path.read_bytes()
    root = check_tmx14(data)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"<script>" not in data  # escaped, as XML text must be
    assert len(root.findall("body/tu")) == 2
    back = read_tmx(path, "en")
    assert sorted(back, key=lambda u: u.source.text) == sorted(
        [TranslationUnit(u.source, tuple(sorted(u.targets, key=lambda t: (t.lang, t.text)))) for u in UNITS],
        key=lambda u: u.source.text,
    )
    assert format_tmx(reversed(UNITS), "en") == data  # deterministic, whatever the input order


def test_reads_what_translate_toolkit_writes(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    store = tmx.tmxfile(sourcelanguage="en-US", targetlanguage="ru-RU")
    unit = store.addsourceunit("Central Asia & its <common> home")
    unit.target = "Центральная Азия"
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    (read,) = read_tmx(path, "en")
    assert read.source == Variant("en", "Central Asia & its <common> home")
    assert read.targets == (Variant("ru", "Центральная Азия"),)


def test_translate_toolkit_reads_our_export(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "ours.tmx"
    write_tmx(path, UNITS[:1], "en")
    store = tmx.tmxfile(path.open("rb"), sourcelanguage="en", targetlanguage="ru")
    pairs = {(u.source, u.gettarget("ru")) for u in store.units}
    assert pairs == {("Trade & <b>growth</b> of “87.2%”", "Рост <script>alert(1)</script> & торговля")}


def test_inline_codes_and_odd_language_tags(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="EN-US" srclang="*all*" datatype="plaintext"/><body>'
        '<tu><tuv lang="EN-GB"><seg>Read <bpt i="1">**</bpt>this<ept i="1">**</ept></seg></tuv>'
        '<tuv xml:lang="KK-kz"><seg>Мұны <bpt i="1">**</bpt>оқы<ept i="1">**</ept></seg></tuv></tu>'
        '<tu><tuv xml:lang="de"><seg>Nur Deutsch</seg></tuv><tuv xml:lang="ru"><seg>Только</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    (unit,) = read_tmx(path, "en")
    assert unit.source == Variant("en", "Read **this**")
    assert unit.targets == (Variant("kk", "Мұны **оқы**"),)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("<tmx version='1.4'><header/><body><tu></body></tmx>", "not well-formed XML", 1),
        ("<?xml version='1.0'?>\n\n<tmx><header>\n<body></tmx>", "not well-formed XML", 4),
        ("<xliff/>", "not a TMX file", None),
        ("<tmx version='1.4'><body/></tmx>", "needs a <header> and a <body>", None),
        (
            '<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><tmx><header/><body/></tmx>',
            "declares XML entities",
            None,
        ),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TmxError) as caught:
        read_tmx(path, "en")
    assert message in caught.value.message and caught.value.path == path and caught.value.line == line


def test_control_characters_are_refused(tmp_path: Path) -> None:
    unit = TranslationUnit(Variant("en", "Bell"), (Variant("ru", "Звонок\x07", "a"),))
    with pytest.raises(TmxError, match="control character"):
        write_tmx(tmp_path / "x.tmx", [unit], "en")


def _reviewed(config_root: Path, lang: str, slug: str, pairs: list[tuple[str, str]]) -> None:
    config = load_config(config_root)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for source, target in pairs:
        po.append(polib.POEntry(msgid=source, msgstr=target))
    po.append(polib.POEntry(msgid="Unreviewed", msgstr="Не проверено", flags=["fuzzy"]))
    write_catalog(config.po_path(lang, slug), po)


def test_project_export_then_import_elsewhere(tmp_path: Path) -> None:
    first = make_project(tmp_path / "first", seeds=False)
    _reviewed(first, "ru", "visit", [("Conclusion", "Заключение"), ("Astana", "Астана")])
    _reviewed(first, "ru", "formula", [("Astana", "Нур-Султан")])
    _reviewed(first, "kk", "visit", [("Conclusion", "Қорытынды")])
    exported = export_memory(load_config(first), tmp_path / "out.tmx", ["ru", "kk", "tr"])
    assert exported.languages == {"ru": 3, "kk": 1}
    root = check_tmx14((tmp_path / "out.tmx").read_bytes())
    langs = sorted(tuv.get(XML_LANG) or "" for tuv in root.iter("tuv"))
    assert langs == ["en", "en", "en", "kk", "ru", "ru", "ru"]  # Astana twice: both reviewed texts kept
    assert b"Unreviewed" not in (tmp_path / "out.tmx").read_bytes()

    second = make_project(tmp_path / "second", seeds=False)
    config = load_config(second)
    result = import_memory(config, tmp_path / "out.tmx")
    assert result.path == config.locales_dir / "memory" / "out.tmx"
    assert result.languages == {"ru": 3, "kk": 1}
    entries = memory_entries(config, "kk")
    assert [(e.source, e.target, e.origin) for e in entries] == [("Conclusion", "Қорытынды", "out.tmx")]
    (match,) = load_memory(config, "ru").match(["Conclusion"], 0.75)
    assert match is not None and match.entry.target == "Заключение" and match.entry.origin == "out.tmx"


def test_import_needs_units_in_the_source_language(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", seeds=False)
    path = tmp_path / "de.tmx"
    write_tmx(path, [TranslationUnit(Variant("de", "Hallo"), (Variant("ru", "Привет"),))], "de")
    with pytest.raises(TmxError, match="no translation unit with source language 'en'"):
        import_memory(load_config(root), path)


def test_context_and_plural_forms_survive_export_and_translate_toolkit(tmp_path: Path) -> None:
    """msgctxt travels as <prop type="x-context"> (po2tmx's way); plural forms as po2tmx pairs them."""
    tmx = pytest.importorskip("translate.storage.tmx")
    root = make_project(tmp_path / "proj", seeds=False)
    config = load_config(root)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    po.append(polib.POEntry(msgctxt="title", msgid="Astana", msgstr="Астана (заголовок)"))
    po.append(polib.POEntry(msgid="Astana", msgstr="Астана"))
    po.append(
        polib.POEntry(
            msgid="%(num)s view",
            msgid_plural="%(num)s views",
            msgstr_plural={0: "%(num)s просмотр", 1: "%(num)s просмотра", 2: "%(num)s просмотров"},
        )
    )
    write_catalog(config.po_path("ru", "visit"), po)
    out = tmp_path / "out.tmx"
    export_memory(config, out, ["ru"])
    check_tmx14(out.read_bytes())

    store = tmx.tmxfile(out.open("rb"), sourcelanguage="en", targetlanguage="ru")
    found = {(u.getcontext() or "", u.source, u.gettarget("ru")) for u in store.units}
    assert found == {
        ("title", "Astana", "Астана (заголовок)"),
        ("", "Astana", "Астана"),
        ("", "%(num)s view", "%(num)s просмотр"),
        ("", "%(num)s views", "%(num)s просмотра"),
        ("", "%(num)s views", "%(num)s просмотров"),
    }

    # Read back by us, and by us from what Translate Toolkit writes with a context.
    assert {(u.context, u.source.text) for u in read_tmx(out, "en")} >= {("title", "Astana"), ("", "Astana")}
    theirs = tmx.tmxfile(sourcelanguage="en", targetlanguage="ru")
    theirs.addtranslation("Conclusion", "en", "Заключение", "ru", context="heading")
    (tmp_path / "theirs.tmx").write_bytes(bytes(theirs))
    (unit,) = read_tmx(tmp_path / "theirs.tmx", "en")
    assert unit.context == "heading" and unit.targets == (Variant("ru", "Заключение"),)
