from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import REPO
from workflow.segment import _block_parser, blocks, find_blocks, markdown, reassemble, units
from workflow.sources import read_article, read_articles

DOC = """\
# Title

Para one with **bold** and a note.[^i] Second
line here.

- item *one*
- item two

> quoted **text**
> continues

## Sub ##

1. first

[^i]: Note, <https://example.com/a_b>, (Date).
"""


def test_blocks_have_kinds_and_unwrapped_text() -> None:
    found = [(b.kind, b.text) for b in blocks(DOC)]
    assert found == [
        ("heading 1", "Title"),
        ("paragraph", "Para one with **bold** and a note.[^i] Second line here."),
        ("list item", "item *one*"),
        ("list item", "item two"),
        ("quote", "quoted **text** continues"),
        ("heading 2", "Sub"),
        ("list item", "first"),
        ("footnote i", "Note, <https://example.com/a_b>, (Date)."),
    ]


def test_reassemble_with_pseudo_translator_keeps_structure() -> None:
    out = reassemble(DOC, lambda s: f"({s})")
    assert "# (Title)" in out
    assert "- (item *one*)" in out
    assert "> (quoted **text** continues)" in out
    assert "## (Sub) ##" in out
    assert "[^i]: (Note, <https://example.com/a_b>, (Date).)" in out
    assert [b.text for b in blocks(out)] == [f"({b.text})" for b in blocks(DOC)]


def test_reassemble_identity_on_every_seed() -> None:
    for article in read_articles(REPO / "seeds"):
        assert reassemble(article.body, lambda s: s) == article.body


def test_a_translation_starting_like_a_list_stays_a_paragraph() -> None:
    # The unit is written on one line: no re-wrapping can start a line with "- " or "1. ".
    long = "word " * 40 + "- not a list 1. nor this"
    out = reassemble("Para.\n", lambda s: long.strip())
    assert [b.kind for b in blocks(out)] == ["paragraph"]


def test_non_breaking_spaces_are_kept() -> None:
    assert blocks("2\u00a0350 km\n")[0].text == "2\u00a0350 km"


def test_units_include_front_matter_with_context_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nauthor_role: Editor\n---\n\nFirst.\n\nSecond.\n", encoding="utf-8")
    found = [(u.context, u.text, u.line, u.kind) for u in units(read_article(path))]
    assert found == [
        ("title", "T", 2, "front matter: title"),
        ("author_role", "Editor", 3, "front matter: author_role"),
        (None, "First.", 6, "paragraph"),
        (None, "Second.", 8, "paragraph"),
    ]


words = (
    st.text(alphabet="abcdefghij ÄäЖжқ.,*", min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda s: bool(s) and not s.startswith(("*", ".", ",")) and not s.endswith("*"))
)
block = st.one_of(
    words,
    words.map(lambda s: "## " + s),
    words.map(lambda s: "- " + s),
    words.map(lambda s: "> " + s),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(block, min_size=1, max_size=8))
def test_reassemble_is_identity_and_translates_every_block(parts: list[str]) -> None:
    body = "\n\n".join(parts) + "\n"
    assert reassemble(body, lambda s: s) == body
    translated = reassemble(body, lambda s: "X" + s)
    assert [b.text for b in blocks(translated)] == ["X" + b.text for b in blocks(body)]


# Blocks are found without parsing inline text that cites no footnote: the same blocks as a full parse.
_MARKDOWN_PIECES = [
    "Text", " ", "\n", "\n\n", "[^1]", "[^2]", "[^a b]", "^[inline note]", "[^1]: Note one", "\n[^2]: Note two\n",
    "[^x]:", "    indented", "> ", "- ", "1. ", "# ", "## ", "`code [^1]`", "*em*", "[link](u)", "[ref]", "\n[ref]: /u\n",
    "\\[^1]", "![i](s)", "```\n[^1]\n```", "&#91;^1]", "===", "---", "\t", "   ", "^", "[", "]", ":",
    "\r\n", "\r", "\0",  # line ends and NULs the normalize rule rewrites
]  # fmt: skip


def _both_ways(body: str) -> tuple[object, object]:
    def found(parser: MarkdownIt) -> object:
        try:
            return find_blocks(body, parser)
        except IndexError as exc:  # a footnote defined inside a footnote's list: both fail alike
            return repr(exc)

    return found(markdown()), found(_block_parser())


def test_blocks_are_those_of_a_full_parse_over_seeds_and_docs() -> None:
    bodies = [
        DOC,
        *(
            path.read_text(encoding="utf-8")
            for pattern in ("seeds/*.md", "*.md", "docs/*.md")
            for path in REPO.glob(pattern)
        ),
    ]
    assert len(bodies) > 5
    for body in bodies:
        full, fast = _both_ways(body)
        assert full == fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=40).map("".join))
def test_blocks_are_those_of_a_full_parse(body: str) -> None:
    full, fast = _both_ways(body)
    assert full == fast
