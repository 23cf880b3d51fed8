from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_project
from workflow.catalogs import (
    entries,
    format_catalog,
    format_merged,
    merge,
    new_catalog_text,
    own_template,
    progress,
    read_catalog,
    template,
    write_catalog,
)
from workflow.config import load_config
from workflow.errors import CatalogError
from workflow.model import State
from workflow.sources import read_article

DATA = Path(__file__).parent / "data"


def write_source(root: Path, slug: str, paragraphs: list[str], title: str = "Title") -> Path:
    path = root / "seeds" / f"{slug}.md"
    path.write_text(f"---\ntitle: {title}\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def pot_for(root: Path, slug: str) -> polib.POFile:
    return template(read_article(root / "seeds" / f"{slug}.md"), load_config(root))


def test_template_entries_contexts_references_and_duplicates(empty_project: Path) -> None:
    write_source(empty_project, "a", ["Same text.", "Other **text**.", "Same text."], title="Same text.")
    pot = pot_for(empty_project, "a")
    found = [(e.msgctxt, e.msgid, e.occurrences, e.comment) for e in pot]
    assert found == [
        ("title", "Same text.", [("seeds/a.md", "2")], "front matter: title"),
        (None, "Same text.", [("seeds/a.md", "5"), ("seeds/a.md", "9")], "paragraph"),
        (None, "Other **text**.", [("seeds/a.md", "7")], "paragraph"),
    ]
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_merge_keeps_fuzzies_obsoletes_and_comments(empty_project: Path) -> None:
    config = load_config(empty_project)
    write_source(empty_project, "a", ["Kept paragraph.", "The Assembly met in Astana on Monday.", "Removed paragraph."])
    po = merge(pot_for(empty_project, "a"), None, "ru", config, "a")
    assert po.metadata["Language"] == "ru"
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    for entry in po:
        entry.msgstr = "RU " + entry.msgid
        entry.tcomment = "editor note"
    po.find("Kept paragraph.").flags.append("ignore-length")

    write_source(empty_project, "a", ["Kept paragraph.", "The Assembly met in Nur-Sultan on Monday."])
    new = merge(pot_for(empty_project, "a"), po, "ru", config, "a")
    kept = new.find("Kept paragraph.")
    assert kept.msgstr == "RU Kept paragraph." and "fuzzy" not in kept.flags
    assert kept.tcomment == "editor note" and "ignore-length" in kept.flags
    changed = new.find("The Assembly met in Nur-Sultan on Monday.")
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "The Assembly met in Astana on Monday."
    assert changed.msgstr == "RU The Assembly met in Astana on Monday."
    assert changed.tcomment == "editor note"
    gone = [e for e in new if e.obsolete]
    # The removed paragraph, and the old wording (kept so it revives if the edit is undone).
    assert sorted((e.msgid, e.msgstr) for e in gone) == [
        ("Removed paragraph.", "RU Removed paragraph."),
        ("The Assembly met in Astana on Monday.", "RU The Assembly met in Astana on Monday."),
    ]

    # The paragraph comes back: its translation is revived from the obsolete entry.
    write_source(empty_project, "a", ["Kept paragraph.", "Removed paragraph."])
    again = merge(pot_for(empty_project, "a"), new, "ru", config, "a")
    assert again.find("Removed paragraph.").msgstr == "RU Removed paragraph."
    assert not again.find("Removed paragraph.").obsolete


def test_state_and_progress(empty_project: Path) -> None:
    config = load_config(empty_project)
    write_source(empty_project, "a", ["One two.", "Three four five.", "Six."])
    po = merge(pot_for(empty_project, "a"), None, "kk", config, "a")
    po.find("One two.").msgstr = "Бір екі."
    po.find("Three four five.").msgstr = "Үш төрт бес."
    po.find("Three four five.").flags.append("fuzzy")
    row = progress(po, "a", "kk")
    assert row.counts == {State.TRANSLATED: 1, State.FUZZY: 1, State.UNTRANSLATED: 2}
    assert row.words[State.FUZZY] == 3
    got = entries(po)
    assert got[(None, "Three four five.")].state is State.FUZZY
    assert got[(None, "Three four five.")].suggestion == "Үш төрт бес."
    assert got[(None, "Three four five.")].text == ""


def test_real_world_features_round_trip_byte_for_byte(tmp_path: Path) -> None:
    source = DATA / "features.po"
    po = read_catalog(source)
    assert po.find("%(num)s view").msgstr_plural[2] == "%(num)s просмотров"
    assert po.find("Contents", msgctxt="title").msgstr == "Оглавление"
    assert "python-format" in po.find("%(num)s view").flags
    out = tmp_path / "out.po"
    write_catalog(out, po)
    assert out.read_bytes() == source.read_bytes()


def test_written_catalogs_pass_msgfmt(empty_project: Path) -> None:
    config = load_config(empty_project)
    write_source(empty_project, "a", ['Quotes "here" and a back\\\\slash.', "Tab\there."])
    path = empty_project / "out.po"
    write_catalog(path, merge(pot_for(empty_project, "a"), None, "tr", config, "a"))
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nbroken line\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert info.value.path == path and info.value.line == 6
    assert "syntax error" in str(info.value)


def test_output_is_deterministic(project: Path) -> None:
    config = load_config(project)
    article = read_article(project / "seeds" / "kazakhs-and-uzbeks.md")
    first = format_catalog(merge(template(article, config), None, "ru", config, article.slug))
    second = format_catalog(merge(template(article, config), None, "ru", config, article.slug))
    strip = [line for line in first.splitlines() if "Date:" not in line]
    assert strip == [line for line in second.splitlines() if "Date:" not in line]


# --- property: random source edits followed by update never lose an editor's text ---------------

paragraph = (
    st.text(alphabet="abcdefgh ", min_size=3, max_size=24)
    .map(lambda s: " ".join(s.split()) + ".")
    .filter(lambda s: len(s) > 2)
)
edit = st.one_of(
    st.tuples(st.just("add"), paragraph),
    st.tuples(st.just("remove"), st.integers(0, 20)),
    st.tuples(st.just("change"), st.integers(0, 20)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(initial=st.lists(paragraph, min_size=1, max_size=6, unique=True), edits=st.lists(edit, max_size=8))
def test_update_never_loses_a_translation(
    tmp_path_factory: pytest.TempPathFactory, initial: list[str], edits: list
) -> None:
    root = make_project(tmp_path_factory.mktemp("p"), seeds=False)
    config = load_config(root)
    paragraphs = list(initial)
    write_source(root, "a", paragraphs)
    po = merge(pot_for(root, "a"), None, "ru", config, "a")
    editor_texts = set()
    for entry in po:
        entry.msgstr = "T:" + entry.msgid
        editor_texts.add(entry.msgstr)
    reviewed = {e.msgid: e.msgstr for e in po if e.msgctxt is None}
    for kind, value in edits:
        if kind == "add":
            paragraphs.append(value)
        elif paragraphs and kind == "remove":
            paragraphs.pop(value % len(paragraphs))
        elif paragraphs and kind == "change":
            i = value % len(paragraphs)
            paragraphs[i] = paragraphs[i][:-1] + " x."
        if not paragraphs:
            paragraphs.append("filler.")
        write_source(root, "a", paragraphs)
        path = root / "a.po"
        write_catalog(path, merge(pot_for(root, "a"), po, "ru", config, "a"))
        po = read_catalog(path)
        # A source paragraph that still exists keeps its reviewed translation, not fuzzy.
        for entry in po:
            if not entry.obsolete and entry.msgid in reviewed:
                assert entry.msgstr == reviewed[entry.msgid]
                assert "fuzzy" not in entry.flags
        # No editor's text disappears: it is active (maybe as a fuzzy suggestion) or obsolete.
        assert editor_texts <= {e.msgstr for e in po}
    shutil.rmtree(root)


def test_a_changed_title_keeps_its_previous_context_as_msgmerge_does(empty_project: Path, tmp_path: Path) -> None:
    config = load_config(empty_project)
    write_source(empty_project, "a", ["Body."], title="The old title of it")
    old_pot = pot_for(empty_project, "a")
    po = merge(old_pot, None, "ru", config, "a")
    po.find("The old title of it", msgctxt="title").msgstr = "Старый заголовок"
    write_source(empty_project, "a", ["Body."], title="The new title of it")
    new_pot = pot_for(empty_project, "a")
    ours = format_catalog(merge(new_pot, po, "ru", config, "a"))
    title = ours.split("\n\n")[1]
    assert '#| msgctxt "title"\n#| msgid "The old title of it"\nmsgctxt "title"' in title

    # GNU msgmerge --previous over the same old catalog and new template writes the same entry.
    (tmp_path / "old.po").write_text(format_catalog(po), encoding="utf-8")
    (tmp_path / "new.pot").write_text(format_catalog(new_pot), encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "--no-wrap", "--previous", "-q", str(tmp_path / "old.po"), str(tmp_path / "new.pot"), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert gnu.split("\n\n")[1] == title


def test_update_refreshes_a_stale_template_date_in_a_po(empty_project: Path) -> None:
    from workflow.pipeline import extract, update

    config = load_config(empty_project)
    write_source(empty_project, "a", ["Body."])
    extract(config, ["a"])
    update(config, ["tr"], ["a"])
    path = config.po_path("tr", "a")
    stale = path.read_text(encoding="utf-8").replace(
        read_catalog(path).metadata["POT-Creation-Date"], "2001-01-01 00:00+0000"
    )
    path.write_text(stale, encoding="utf-8")
    update(config, ["tr"], ["a"])
    pot_date = read_catalog(config.pot_path("a")).metadata["POT-Creation-Date"]
    assert read_catalog(path).metadata["POT-Creation-Date"] == pot_date


def test_plural_forms_follow_gnu_gettext(tmp_path: Path) -> None:
    from workflow.languages import plural_forms

    pot = tmp_path / "t.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    for lang in ("tr", "ru", "fr", "pt_BR", "de", "pl"):
        made = subprocess.run(
            ["msginit", "--no-translator", "--no-wrap", "-l", lang, "-i", str(pot), "-o", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f'"Plural-Forms: {plural_forms(lang)}\\n"' in made, lang
    assert plural_forms("kk") == "nplurals=2; plural=(n != 1);"  # not in GNU's table: Babel's CLDR rule


def test_new_catalogs_share_their_entries_text_and_read_as_merged(empty_project: Path) -> None:
    config = load_config(empty_project)
    write_source(empty_project, "a", ["One paragraph.", "Two *paragraphs*.", "One paragraph."])
    pot = pot_for(empty_project, "a")
    plural = polib.POEntry(msgid="%(n)d article", msgid_plural="%(n)d articles", occurrences=[("x.html", "3")])
    list.append(pot, plural)  # ru has three forms, tr two, ja one: each number of slots has its own text
    shared: dict[int, str] = {}
    for lang in ("ru", "kk", "tr", "uk", "ja"):
        expected = format_catalog(merge(pot, None, lang, config, "a"))
        assert format_merged(pot, None, lang, config, "a", shared) == expected
    assert sorted(shared) == [1, 2, 3]
    list.remove(pot, plural)
    shared = {}
    for lang in ("ru", "tr"):  # without plural entries, one text for all
        expected = format_catalog(merge(pot, None, lang, config, "a"))
        assert format_merged(pot, None, lang, config, "a", shared) == expected
    assert list(shared) == [0]
    old = merge(pot, None, "ru", config, "a")
    old[0].msgstr = "Один абзац."
    assert format_merged(pot, old, "ru", config, "a", shared) == format_catalog(merge(pot, old, "ru", config, "a"))


# --- new catalogs made from the text of a template this project's extract wrote ----------------


def _new_catalogs_agree(root: Path, slug: str) -> None:
    """A new catalog from the template's own text is the one merged from the template read strictly."""
    config = load_config(root)
    path = root / f"{slug}.pot"
    write_catalog(path, pot_for(root, slug))
    own = own_template(path.read_bytes())
    try:
        pot = read_catalog(path)
    except CatalogError:  # (a title ending in a backslash): reported as ever, so not taken as it is
        assert own is None
        return
    assert own is not None
    for lang in ("ru", "kk", "tr"):
        expected = format_catalog(merge(pot, None, lang, config, slug))
        assert new_catalog_text(own, lang, config, slug) == expected


def test_a_new_catalog_from_its_template_text_is_the_merged_one(project: Path) -> None:
    for source in sorted((project / "seeds").glob("*.md")):
        _new_catalogs_agree(project, source.stem)


odd_text = st.text(alphabet='ab "\\\t#:.,|~[]*_`^<>&ёқ', min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=odd_text, paragraphs=st.lists(odd_text, min_size=1, max_size=5))
def test_new_catalogs_from_template_text_agree_on_any_text(
    tmp_path_factory: pytest.TempPathFactory, title: str, paragraphs: list[str]
) -> None:
    root = make_project(tmp_path_factory.mktemp("p"), seeds=False)
    write_source(root, "a", paragraphs, title=json_string(title))
    _new_catalogs_agree(root, "a")
    shutil.rmtree(root)


def json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a YAML string of any text


@pytest.mark.parametrize(
    "change",
    [
        ('msgid "One."', '# a translator\'s note\nmsgid "One."'),
        ('msgid "One."', '#, python-format\nmsgid "One."'),
        ('msgid "One."', '#| msgid "Un."\nmsgid "One."'),
        ('msgstr ""\n\n#. paragraph', 'msgstr ""\n\n#~ msgid "Old."\n#~ msgstr ""\n\n#. paragraph'),
        ('msgid "One."\nmsgstr ""', 'msgid "One."\nmsgid_plural "Ones."\nmsgstr[0] ""\nmsgstr[1] ""'),
        ("seeds/a.md:5", "my seeds/a.md:5"),
        ('"POT-Creation-Date:', '"POT-Created:'),
    ],
    ids=["translator-comment", "flag", "previous", "obsolete", "plural", "spaced-reference", "no-date"],
)
def test_own_template_refuses_entries_a_new_catalog_would_not_copy(
    empty_project: Path, change: tuple[str, str]
) -> None:
    write_source(empty_project, "a", ["One.", "Two."])
    text = format_catalog(pot_for(empty_project, "a"))
    assert own_template(text.encode()) is not None
    assert change[0] in text
    assert own_template(text.replace(change[0], change[1], 1).encode()) is None


def test_update_reads_a_template_edited_by_hand_strictly(empty_project: Path) -> None:
    from workflow.pipeline import extract, update

    config = load_config(empty_project)
    write_source(empty_project, "a", ["One.", "Two."])
    extract(config, ["a"])
    pot = config.pot_path("a")
    made = pot.read_text(encoding="utf-8")
    pot.write_text(made.replace('msgid "Two."', 'msgid "Two.'), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        update(config, ["tr"], ["a"])
    assert info.value.path == pot and "closing quote" in str(info.value)
    assert not config.po_path("tr", "a").exists()
    # A valid edit is read and merged as it stands, not as extract wrote it.
    pot.write_text(made.replace('msgid "Two."', '# kept out of catalogs\nmsgid "Two."'), encoding="utf-8")
    update(config, ["tr"], ["a"])
    expected = format_catalog(merge(read_catalog(pot), None, "tr", config, "a"))
    assert config.po_path("tr", "a").read_text(encoding="utf-8") == expected
