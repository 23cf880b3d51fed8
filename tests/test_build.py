"""The build recipe: incremental rebuilds, stale outputs, choices, errors, and the command line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from tests.conftest import make_project
from tests.editions_util import MIXED, pseudo, pseudo_project, translate_catalog
from workflow.catalogs import read_catalog, write_catalog
from workflow.cli import app
from workflow.config import load_config
from workflow.editions import making
from workflow.editions import state as state_module
from workflow.editions.build import BuildResult, build
from workflow.editions.state import VERSION
from workflow.errors import CatalogError, ConfigError, PathError, SourceError

runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = pseudo_project(tmp_path / "p", fill=MIXED)
    build(load_config(project))
    return project


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every article rendered, as (language, slug): what a rebuild really redid."""
    done: list[tuple[str, str]] = []
    original = making.render_localized

    def counting(article, lang, *args, **kwargs):  # type: ignore[no-untyped-def]
        done.append((lang, article.slug))
        return original(article, lang, *args, **kwargs)

    monkeypatch.setattr(making, "render_localized", counting)
    return done


def rel(root: Path, result: BuildResult) -> set[str]:
    return {p.relative_to(root / "build").as_posix() for p in result.written}


def outputs(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_mtime_ns
        for p in (root / "build").rglob("*")
        if p.is_file() and ".state" not in p.parts
    }


def test_a_rebuild_with_nothing_changed_writes_nothing(root: Path, renders: list) -> None:
    before = outputs(root)
    result = build(load_config(root))
    assert result.written == () and result.removed == ()
    # pages, contents, search pages, indexes and feeds, style, search script, chooser, books
    assert result.unchanged == len(before) == 4 + 5 + 5 + 4 + 5 + 4 * 3 + 3 + 4
    assert renders == []
    assert outputs(root) == before


def test_one_catalog_rebuilds_only_what_depends_on_it(root: Path, renders: list) -> None:
    path = root / "locales" / "tr" / "LC_MESSAGES" / "central-asia-our-common-home.po"
    po = read_catalog(path)
    next(e for e in po if e.msgctxt is None).msgstr = "[tr] değişti"
    write_catalog(path, po)
    result = build(load_config(root))
    # The page, the book, and what shows or holds the article's words: contents and feed (its lead), search.
    assert rel(root, result) == {
        "html/tr/central-asia-our-common-home.html",
        "html/tr/index.html",
        "epub/test-tr.epub",
        "html/tr/search-index.js",
        "html/tr/feed.xml",
    }
    assert renders == [("tr", "central-asia-our-common-home")]  # one rendering serves page and chapter
    assert "[tr] değişti" in (root / "build" / "html" / "tr" / "central-asia-our-common-home.html").read_text(
        encoding="utf-8"
    )


def test_a_translated_title_also_changes_the_contents(root: Path) -> None:
    path = root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po"
    po = read_catalog(path)
    next(e for e in po if e.msgctxt == "title").msgstr = "Казахи и узбеки"
    write_catalog(path, po)
    assert rel(root, build(load_config(root))) == {
        "html/ru/kazakhs-and-uzbeks.html",
        "html/ru/index.html",
        "html/ru/search-index.js",
        "html/ru/feed.xml",
        "epub/test-ru.epub",
    }


def test_crossing_the_threshold_updates_switchers_and_removes_the_page(root: Path) -> None:
    path = root / "locales" / "kk" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po"
    po = read_catalog(path)
    for entry in po:
        entry.msgstr = ""
    write_catalog(path, po)
    result = build(load_config(root))
    assert {p.relative_to(root / "build").as_posix() for p in result.removed} == {"html/kk/kazakhs-and-uzbeks.html"}
    assert not (root / "build" / "html" / "kk" / "kazakhs-and-uzbeks.html").exists()
    # Other languages' pages of the article lose their Kazakh alternate; Kazakh contents link to the original.
    assert rel(root, result) == {
        "html/en/kazakhs-and-uzbeks.html",
        "html/ru/kazakhs-and-uzbeks.html",
        "html/tr/kazakhs-and-uzbeks.html",
        "html/kk/index.html",
        "html/kk/search-index.js",
        "html/kk/feed.xml",
        "epub/test-kk.epub",
    }
    contents = (root / "build" / "html" / "kk" / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/kazakhs-and-uzbeks.html"' in contents


def test_a_ui_catalog_rebuilds_its_language(root: Path) -> None:
    path = root / "locales" / "ru" / "LC_MESSAGES" / "ui.po"
    path.write_text(path.read_text(encoding="utf-8").replace('"Примечания"', '"Сноски"'), encoding="utf-8")
    written = rel(root, build(load_config(root)))
    assert {w.split("/")[1] for w in written if w.startswith("html/")} == {"ru"}
    assert "epub/test-ru.epub" in written and not any("-kk" in w or "-tr" in w or "-en" in w for w in written)
    assert "Сноски" in (root / "build" / "html" / "ru" / "president-visit-to-uzbekistan.html").read_text(
        encoding="utf-8"
    )


def test_a_changed_source_rebuilds_its_article_everywhere(root: Path) -> None:
    path = root / "seeds" / "no-term-national-minority.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    written = rel(root, build(load_config(root)))
    pages = {w for w in written if w.endswith("no-term-national-minority.html")}
    assert pages == {f"html/{lang}/no-term-national-minority.html" for lang in ("en", "ru", "kk", "tr")}
    assert {w for w in written if w.startswith("epub/")} == {
        f"epub/test-{lang}.epub" for lang in ("en", "ru", "kk", "tr")
    }
    page = (root / "build" / "html" / "ru" / "no-term-national-minority.html").read_text(encoding="utf-8")
    assert '<p class="fallback" lang="en">A new closing paragraph.</p>' in page


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "build").rglob("*")
        if p.is_file() and ".state" not in p.parts
    }


def test_a_rebuild_of_the_changed_articles_alone_equals_a_whole_build(root: Path, tmp_path: Path) -> None:
    def revise(lang: str, slug: str, fn: Callable[[polib.POEntry], None]) -> None:
        path = root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
        po = read_catalog(path)
        for entry in po:
            fn(entry)
        write_catalog(path, po)

    def retitle(entry: polib.POEntry) -> None:
        if entry.msgctxt == "title":
            entry.msgstr = "Казахи и узбеки"

    def revise_body(entry: polib.POEntry) -> None:
        if entry.msgctxt is None and entry.msgstr:
            entry.msgstr += " (пересмотрено)"

    def empty(entry: polib.POEntry) -> None:
        entry.msgstr = ""

    source = root / "seeds" / "no-term-national-minority.md"
    changes: list[Callable[[], None]] = [
        lambda: revise("ru", "kazakhs-and-uzbeks", retitle),
        lambda: revise("tr", "central-asia-our-common-home", revise_body),
        lambda: revise("kk", "kazakhs-and-uzbeks", empty),  # below the threshold: its page goes
        lambda: source.write_text(source.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8"),
        lambda: (root / "locales" / "tr" / "LC_MESSAGES" / "president-visit-to-uzbekistan.po").unlink(),
        lambda: translate_catalog(root / "locales" / "kk" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po", pseudo("kk")),
    ]
    for number, change in enumerate(changes):
        change()
        lines: list[str] = []
        build(load_config(root), report=lines.append)
        assert "1 article(s) changed since the last build; the rest is kept as it was" in lines, number
        whole = tmp_path / f"whole{number}"
        shutil.copytree(root, whole, ignore=shutil.ignore_patterns("build"))
        build(load_config(whole))
        assert tree(root) == tree(whole), number
    # Anything else changed (here an output touched) and every article is looked at again.
    (root / "build" / "html" / "ru" / "index.html").write_text("edited", encoding="utf-8")
    lines = []
    build(load_config(root), report=lines.append)
    assert not any("changed since the last build" in line for line in lines)
    assert tree(root) == tree(whole)


@pytest.mark.parametrize("where", ["failed child", "one CPU"])
def test_books_are_written_here_when_no_child_can(
    root: Path, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "failed child":
        monkeypatch.setattr(making, "forked", lambda work: lambda: None)
    else:
        monkeypatch.setattr(making, "cpus", lambda: 1)
    translate_catalog(root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po", lambda s: f"[ru2] {s}")
    result = build(load_config(root))
    assert "epub/test-ru.epub" in rel(root, result)
    whole = tmp_path / "whole"
    shutil.copytree(root, whole, ignore=shutil.ignore_patterns("build"))
    build(load_config(whole))
    assert tree(root) == tree(whole)


def test_outputs_looked_at_in_a_child_process_give_the_same_answers(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_module, "LOOK_AHEAD", 0)  # as for a large archive
    monkeypatch.setattr(state_module, "cpus", lambda: 2)
    lines: list[str] = []
    assert build(load_config(root), report=lines.append).written == ()
    assert lines == ["nothing changed since the last build"]
    translate_catalog(root / "locales" / "tr" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po", lambda s: f"[tr2] {s}")
    lines.clear()
    assert "html/tr/kazakhs-and-uzbeks.html" in rel(root, build(load_config(root), report=lines.append))
    assert "1 article(s) changed since the last build; the rest is kept as it was" in lines
    page = root / "build" / "html" / "kk" / "kazakhs-and-uzbeks.html"
    page.write_text("touched", encoding="utf-8")
    assert rel(root, build(load_config(root))) == {"html/kk/kazakhs-and-uzbeks.html"}
    whole = tmp_path / "whole"
    shutil.copytree(root, whole, ignore=shutil.ignore_patterns("build"))
    build(load_config(whole))
    assert tree(root) == tree(whole)


def test_a_deleted_or_edited_output_is_made_again(root: Path) -> None:
    page = root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html"
    original = page.read_bytes()
    page.unlink()
    book = root / "build" / "epub" / "test-tr.epub"
    book.write_bytes(b"not a book")
    assert rel(root, build(load_config(root))) == {"html/ru/kazakhs-and-uzbeks.html", "epub/test-tr.epub"}
    assert page.read_bytes() == original


def test_without_its_state_a_build_rewrites_nothing_that_is_unchanged(root: Path) -> None:
    (root / "build" / ".state" / "editions.db").write_bytes(b"{damaged")
    before = outputs(root)
    result = build(load_config(root))
    assert result.written == () and outputs(root) == before


def test_a_state_of_another_version_or_format_is_replaced(root: Path) -> None:
    state = root / "build" / ".state" / "editions.db"
    with sqlite3.connect(state) as db:
        db.execute("UPDATE meta SET value = 'older' WHERE name = 'version'")
    (root / "build" / ".state" / "editions.json").write_text("{}", encoding="utf-8")  # an older release's
    before = outputs(root)
    assert build(load_config(root)).written == () and outputs(root) == before
    with sqlite3.connect(state) as db:
        assert db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()[0] == VERSION
    assert not (root / "build" / ".state" / "editions.json").exists()
    assert build(load_config(root)).written == ()  # and the next build is a no-op again


def test_draft_shows_suggestions_then_a_normal_build_hides_them(root: Path) -> None:
    path = root / "locales" / "ru" / "LC_MESSAGES" / "no-term-national-minority.po"
    po = read_catalog(path)
    entry = next(e for e in po if e.msgctxt is None)
    entry.msgstr, entry.flags = "НЕПРОВЕРЕННЫЙ ВАРИАНТ", ["fuzzy"]
    write_catalog(path, po)
    page = root / "build" / "html" / "ru" / "no-term-national-minority.html"
    build(load_config(root), ["ru"])
    assert "НЕПРОВЕРЕННЫЙ" not in page.read_text(encoding="utf-8")
    assert 'class="fallback" lang="en"' in page.read_text(encoding="utf-8")
    build(load_config(root), ["ru"], draft=True)
    text = page.read_text(encoding="utf-8")
    assert '<p class="draft"><span class="watermark">не проверено</span> НЕПРОВЕРЕННЫЙ ВАРИАНТ' in text
    assert 'class="draft-banner"' in text and "Черновое издание" in text
    build(load_config(root), ["ru"])
    assert "НЕПРОВЕРЕННЫЙ" not in page.read_text(encoding="utf-8")


def test_choosing_languages_and_formats(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    result = build(load_config(root), ["ru"], ["html"])
    made = rel(root, result)
    # The English pages come too: contents below the threshold link to them.
    assert {w.split("/")[1] for w in made if w.count("/") == 2} == {"ru", "en"}
    assert not (root / "build" / "epub").exists()
    assert rel(root, build(load_config(root), ["kk"], ["epub"])) == set()  # nothing in Kazakh reaches the threshold
    assert rel(root, build(load_config(root), ["ru"], ["epub"])) == {"epub/test-ru.epub"}


def test_bad_choices_and_inputs_are_one_clear_error(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={})
    config = load_config(root)
    with pytest.raises(ConfigError, match="'uz' has no edition"):
        build(config, ["uz"])
    with pytest.raises(ConfigError, match="unknown format 'pdf'"):
        build(config, None, ["pdf"])
    (root / "seeds" / "Bad Name.md").write_text("---\ntitle: x\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="slug 'Bad Name' is not allowed"):
        build(config)
    (root / "seeds" / "Bad Name.md").unlink()
    ui = root / "locales" / "ru" / "LC_MESSAGES" / "ui.po"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace('"Опубликовано %(date)s"', '"Опубликовано %(day)s"'), encoding="utf-8"
    )
    with pytest.raises(CatalogError) as caught:
        build(config, ["ru"])
    assert caught.value.path == ui and caught.value.line is not None
    assert "Published %(date)s" in str(caught.value)


def test_an_output_path_that_would_leave_build_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    toml = root / "workflow.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('name = "test"', 'name = "../../escape"'), encoding="utf-8"
    )
    # Refused as soon as the configuration is read, with the line that says it.
    with pytest.raises(ConfigError, match=r"workflow.toml:\d+: edition.name '../../escape'"):
        build(load_config(root), ["en"], ["epub"])
    assert not (tmp_path / "escape-en.epub").exists()
    from workflow.fsutil import safe_join

    with pytest.raises(PathError):
        safe_join(root / "build", "html", "..", "..", "etc", "passwd")


def test_progress_is_reported_on_long_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", seeds=False)
    for index in range(240):
        (root / "seeds" / f"a{index:03d}.md").write_text(
            f"---\ntitle: Article {index}\n---\n\nText {index}.\n", encoding="utf-8"
        )
    lines: list[str] = []
    build(load_config(root), ["en"], ["html"], report=lines.append)
    assert "100 of 240 articles" in lines and "200 of 240 articles" in lines
    assert "en: 240 of 240 articles in the edition" in lines


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--project", str(root), *args])
    return result.exit_code, result.output


def test_build_command_prints_each_path_written(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    code, out = cli(root, "build", "-l", "ru", "--format", "html", "--format", "epub")
    assert code == 0, out
    assert "wrote build/html/ru/kazakhs-and-uzbeks.html" in out and "wrote build/epub/test-ru.epub" in out
    assert "ru: 5 of 5 articles in the edition" in out
    code, out = cli(root, "build", "-l", "ru")
    assert code == 0 and "0 file(s) written" in out and "wrote" not in out
    code, out = cli(root, "build", "--lang", "xx")
    assert code == 1 and out.strip().splitlines()[-1].startswith("workflow: error: language 'xx' has no edition")


def test_the_build_program_ends_quickly_with_its_output_whole(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill=MIXED)
    command = [sys.executable, "-m", "workflow", "--project", str(root), "build"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    written = int(lines[-1].split()[0])
    assert written == len([line for line in lines if line.startswith("wrote ")]) > 40
    assert (root / ".workflow.lock").read_bytes() == b"ended\n"  # the lock was let go as usual
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "nothing changed since the last build" in again.stdout  # the state was saved
    (root / "workflow.toml").write_text("[project\n", encoding="utf-8")
    broken = subprocess.run(command, capture_output=True, text=True, check=False)
    assert broken.returncode == 1 and "workflow: error:" in broken.stdout + broken.stderr


def test_publish_runs_the_whole_chain(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    shutil.copytree(Path(__file__).resolve().parent.parent / "locales" / "ru", root / "locales" / "ru")
    for path in (root / "locales" / "ru" / "LC_MESSAGES").glob("*.po"):
        if path.stem != "ui":
            path.unlink()  # only the UI catalog: articles are extracted and merged by publish
    code, out = cli(root, "publish")
    assert code == 0, out
    assert (root / "locales" / "ui.pot").is_file() and (root / "locales" / "kk" / "LC_MESSAGES" / "ui.po").is_file()
    assert (root / "locales" / "ru" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po").is_file()
    for lang in ("en", "ru", "kk", "tr"):
        assert f"wrote build/html/{lang}/index.html" in out
    assert "wrote build/epub/test-en.epub" in out and "wrote build/html/index.html" in out
    # Nothing is translated yet: the Russian contents (in Russian) link to the English originals.
    contents = (root / "build" / "html" / "ru" / "index.html").read_text(encoding="utf-8")
    assert "Содержание" in contents and 'href="../en/kazakhs-and-uzbeks.html"' in contents
    code, out = cli(root, "publish")
    assert code == 0 and "editions: 0 file(s) written" in out


def test_a_catalog_filled_later_publishes_the_article(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={})
    build(load_config(root), ["tr"])
    assert not (root / "build" / "html" / "tr" / "kazakhs-and-uzbeks.html").exists()
    translate_catalog(root / "locales" / "tr" / "LC_MESSAGES" / "kazakhs-and-uzbeks.po", lambda s: f"[tr] {s}")
    written = rel(root, build(load_config(root), ["tr"]))
    assert {"html/tr/kazakhs-and-uzbeks.html", "html/tr/index.html", "epub/test-tr.epub"} <= written
    assert os.path.getsize(root / "build" / "epub" / "test-tr.epub") > 0


def test_a_deleted_article_and_an_emptied_book_are_removed(root: Path) -> None:
    (root / "seeds" / "kazakhs-and-uzbeks.md").unlink()
    for path in (root / "locales" / "kk" / "LC_MESSAGES").glob("[!u]*.po"):
        po = read_catalog(path)
        for entry in po:
            entry.msgstr = ""
        write_catalog(path, po)
    lines: list[str] = []
    result = build(load_config(root), report=lines.append)
    removed = {p.relative_to(root / "build").as_posix() for p in result.removed}
    assert {f"html/{lang}/kazakhs-and-uzbeks.html" for lang in ("en", "ru", "tr")} <= removed
    assert "epub/test-kk.epub" in removed and not (root / "build" / "epub" / "test-kk.epub").exists()
    assert {p for p in removed if p.startswith("html/kk/")} == {
        f"html/kk/{slug}.html"
        for slug in ("central-asia-our-common-home", "kazakhs-and-uzbeks", "no-term-national-minority")
        + ("president-visit-to-uzbekistan",)
    }
    assert "kk: no article reaches the threshold; no EPUB" in lines
    kk = (root / "build" / "html" / "kk" / "index.html").read_text(encoding="utf-8")
    assert "../../epub/test-kk.epub" not in kk and "kazakhs-and-uzbeks" not in kk


def test_extract_and_update_keep_the_ui_catalogs_in_step_with_the_templates(tmp_path: Path) -> None:
    from workflow.pipeline import extract, update

    root = pseudo_project(tmp_path / "p", fill={})
    pot = (root / "locales" / "ui.pot").read_text(encoding="utf-8")
    for msgid in ("Contents", "Footnotes", "unreviewed", "Back to text", "Read in %(language)s"):
        assert f'msgid "{msgid}"' in pot
    assert 'msgid "%(num)s view"\nmsgid_plural "%(num)s views"' in pot
    assert "#: templates/html/article.html:" in pot and "#: workflow/editions/render.py:" in pot
    # A project with its own templates: a new string reaches ui.pot, then ui.po, untranslated.
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")
    contents = root / "templates" / "html" / "contents.html"
    contents.write_text(
        contents.read_text(encoding="utf-8").replace(
            "<h2>{{ _('Contents') }}</h2>", "<h2>{{ _('All articles') }}</h2>"
        ),
        encoding="utf-8",
    )
    config = load_config(root)
    extract(config)
    update(config)
    ru = read_catalog(root / "locales" / "ru" / "LC_MESSAGES" / "ui.po")
    by_id = {e.msgid: e for e in ru if not e.obsolete}
    assert by_id["All articles"].msgstr == "" and by_id["Footnotes"].msgstr == "Примечания"
    assert by_id["%(num)s view"].msgstr_plural == {
        0: "%(num)s просмотр",
        1: "%(num)s просмотра",
        2: "%(num)s просмотров",
    }
    build(config, ["ru"], ["html"])
    page = (root / "build" / "html" / "ru" / "index.html").read_text(encoding="utf-8")
    assert "<h2>All articles</h2>" in page and "<title>Содержание" in page
