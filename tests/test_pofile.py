"""Strict reading (msgfmt's rules, file:line, nothing written) and GNU-identical writing of catalogs."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import REPO, make_project
from workflow.catalogs import format_catalog, read_catalog
from workflow.cli import app
from workflow.errors import CatalogError
from workflow.pofile import format_po, parse

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
GOOD = HEADER + 'msgid "Kazakhs and Uzbeks"\nmsgstr "Казахи и узбеки"\n'

# name: (file bytes, line msgfmt and we report)
BROKEN: dict[str, tuple[bytes, int]] = {
    "unterminated last msgstr": ((GOOD[:-2] + " ОТРЕДАКТИРОВАНО\n").encode(), 7),
    "unterminated msgid at the end": ((GOOD + '\nmsgid "unterminated\n').encode(), 9),
    "unquoted msgstr": ((HEADER + 'msgid "a"\nmsgstr Казахи и узбеки\n').encode(), 7),
    "invalid escape": ((HEADER + 'msgid "a"\nmsgstr "b\\q"\n').encode(), 7),
    "duplicate msgid": ((GOOD + '\nmsgid "Kazakhs and Uzbeks"\nmsgstr "Другое"\n').encode(), 9),
    "duplicate of an obsolete entry": ((GOOD + '\n#~ msgid "Kazakhs and Uzbeks"\n#~ msgstr "x"\n').encode(), 9),
    "missing msgstr": ((HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n').encode(), 6),
    "plural forms out of order": (
        (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\nmsgstr[0] "y"\n').encode(),
        8,
    ),
    "mixed obsolete marks": ((HEADER + 'msgid "a"\n#~ msgstr "b"\n').encode(), 7),
    "merge-conflict markers": ((GOOD + "<<<<<<< HEAD\n").encode(), 8),
    "backslash at the end of a comment": ((HEADER + '# see C:\\\nmsgid "a"\nmsgstr "b"\n').encode(), 6),
    "unknown charset": (GOOD.replace("UTF-8", "foobar").encode(), 3),
    "UTF-8 text under a latin charset": (GOOD.replace("UTF-8", "ISO-8859-5").encode(), 3),
    "bytes invalid in the charset": ((HEADER + 'msgid "a"\nmsgstr "b').encode() + b'\xff\xfe"\n', 7),
    "byte-order mark": (b"\xef\xbb\xbf" + GOOD.encode(), 1),
    "NUL byte": ((HEADER + 'msgid "a"\nmsgstr "b\0c"\n').encode(), 7),
    "context separator in a string": ((HEADER + 'msgid "a"\nmsgstr "b\x04c"\n').encode(), 7),
    "newline at the end of one side only": ((HEADER + 'msgid "a\\n"\nmsgstr "b"\n').encode(), 6),
}


def msgfmt_accepts(data: bytes, tmp_path: Path) -> bool:
    path = tmp_path / "probe.po"
    path.write_bytes(data)
    return subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_what_msgfmt_refuses_is_refused_with_its_line(case: str, tmp_path: Path) -> None:
    data, line = BROKEN[case]
    path = tmp_path / "x.po"
    path.write_bytes(data)
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert caught.value.path == path and caught.value.line == line, str(caught.value)
    strict_extra = {"unknown charset", "UTF-8 text under a latin charset", "NUL byte"}
    # msgfmt refuses the same files; the three extra refusals are files msgfmt reads as garbage.
    assert msgfmt_accepts(data, tmp_path) == (case in strict_extra)


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("\n", "\r\n"),  # CRLF, as msgfmt reads it
        HEADER + 'msgid\n"a" "b"\nmsgstr "c"\n',  # keyword and strings on other lines, two strings on one
        HEADER + '  msgid "a"\n\tmsgstr "\\101\\x42"\n',  # indented, octal and hex escapes
        HEADER + '#X a comment of an unknown kind\nmsgid "a"\nmsgstr "b"\n',
    ],
)
def test_what_msgfmt_accepts_is_read(text: str, tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(text.encode())
    assert msgfmt_accepts(text.encode(), tmp_path)
    po = read_catalog(path)
    assert len(po) == 1 and po[0].msgstr in ("Казахи и узбеки", "c", "AB", "b")


def test_a_latin1_catalog_is_read_and_written_back_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_bytes(
        GOOD.replace("UTF-8", "ISO-8859-1").replace("Казахи и узбеки", "Kazakhs et Ouzbeks, café").encode("latin-1")
    )
    po = read_catalog(path)
    assert po[0].msgstr == "Kazakhs et Ouzbeks, café"
    written = format_catalog(po)
    assert "charset=UTF-8" in written and "café" in written
    assert read_catalog_text(written, tmp_path)[0].msgstr == "Kazakhs et Ouzbeks, café"


def read_catalog_text(text: str, tmp_path: Path) -> polib.POFile:
    path = tmp_path / "again.po"
    path.write_text(text, encoding="utf-8")
    return read_catalog(path)


# -- every command refuses, names file:line, and writes nothing -----------------------------
runner = CliRunner()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("strict") / "p")
    result = runner.invoke(app, ["--project", str(root), "update"])
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("case", ["unterminated last msgstr", "unquoted msgstr", "duplicate msgid", "byte-order mark"])
@pytest.mark.parametrize("command", [["status"], ["update"], ["build", "-f", "html"], ["check", "-l", "ru"]])
def test_every_command_refuses_a_broken_catalog_and_changes_no_byte(
    published: Path, tmp_path: Path, case: str, command: list[str]
) -> None:
    root = tmp_path / "p"
    shutil.copytree(published, root)
    path = root / "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po"
    data, _ = BROKEN[case]
    broken = path.read_bytes() + b"\n" + data.split(b"\n\n", 1)[1] if case != "byte-order mark" else data
    path.write_bytes(broken)
    before = {p: p.read_bytes() for p in sorted(root.glob("locales/**/*.po*"))}
    result = runner.invoke(app, ["--project", str(root), *command])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po:" in result.output
    assert {p: p.read_bytes() for p in sorted(root.glob("locales/**/*.po*"))} == before


# -- GNU tools leave our files byte-identical --------------------------------------------------
SHIPPED_PO = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))
SHIPPED = sorted((REPO / "locales").glob("*.pot")) + SHIPPED_PO


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO / "locales")))
def test_msgcat_no_wrap_leaves_every_shipped_catalog_unchanged(path: Path) -> None:
    done = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED_PO, ids=lambda p: str(p.relative_to(REPO / "locales")))
def test_msgmerge_previous_leaves_every_shipped_catalog_unchanged(path: Path, tmp_path: Path) -> None:
    template = REPO / "locales" / f"{path.stem}.pot"
    out = tmp_path / "merged.po"
    done = subprocess.run(
        ["msgmerge", "--no-wrap", "--previous", "-q", "-o", str(out), str(path), str(template)], capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO / "locales")))
def test_we_write_back_every_shipped_catalog_byte_for_byte(path: Path) -> None:
    assert format_catalog(read_catalog(path)) == path.read_text(encoding="utf-8")


def test_babel_round_trip_differs_only_in_what_babel_always_rewrites() -> None:
    """Babel's read_po/write_po: the remaining differences are Babel's own (README: Catalogs)."""
    from babel.messages.pofile import read_po, write_po

    path = REPO / "locales/ru/LC_MESSAGES/kazakhs-and-uzbeks.po"
    buffer = io.BytesIO()
    write_po(buffer, read_po(io.BytesIO(path.read_bytes())), width=0, include_previous=True)
    ours = path.read_text(encoding="utf-8").splitlines()
    babel = buffer.getvalue().decode("utf-8").splitlines()
    header_end = ours.index("")
    # The body, entry by entry, is the same; the header differs in field order, the charset's
    # case and Babel's own Generated-By line.
    assert [line for line in babel[babel.index("") :] if line] == [line for line in ours[header_end:] if line]
    assert sorted(ours[:header_end]) != sorted(babel[: babel.index("")])


# -- property: what we write, GNU writes the same; what we read back is what we wrote ----------
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0\r\x04"), min_size=0, max_size=40
)
entries = st.lists(
    st.tuples(
        st.one_of(st.none(), st.text(alphabet="abcdefgh_ ", min_size=1, max_size=8)),
        texts.filter(bool),
        texts,
        st.lists(st.from_regex(r"[a-z][a-z0-9_-]{0,12}(/[a-z][a-z0-9_-]{0,12}){0,2}\.md", fullmatch=True), max_size=6),
        st.booleans(),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).filter(
            lambda note: not any(line.endswith("\\") for line in note.split("\n"))
        ),
    ),
    max_size=6,
    unique_by=lambda e: (e[0], e[1]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries)
def test_gnu_msgcat_writes_what_we_write_and_we_read_it_back(tmp_path: Path, found: list) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    for ctxt, msgid, msgstr, refs, fuzzy, note in found:
        if msgid.startswith("\n") != msgstr.startswith("\n") or msgid.endswith("\n") != msgstr.endswith("\n"):
            msgstr = ""  # msgfmt's rule; an empty msgstr is always allowed
        po.append(
            polib.POEntry(
                msgctxt=ctxt,
                msgid=msgid,
                msgstr=msgstr,
                occurrences=[(ref, str(i + 1)) for i, ref in enumerate(refs)],
                flags=["fuzzy"] if fuzzy else [],
                tcomment=note,
            )
        )
    text = format_po(po)
    done = subprocess.run(["msgcat", "--no-wrap", "-"], input=text.encode(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    if po or done.stdout:
        assert done.stdout.decode() == text
    back = parse(text, Path("x.po"))
    assert [(e.msgctxt, e.msgid, e.msgstr, e.occurrences, e.flags, e.tcomment) for e in back] == [
        (e.msgctxt, e.msgid, e.msgstr, e.occurrences, e.flags if e.msgstr else [], e.tcomment) for e in po
    ]
