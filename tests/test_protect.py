"""Markup, links, notes and numbers kept from the engine and put back, whatever the engine does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workflow.pretranslate.protect import PLACEHOLDER, Kind, detach, has_words, protect, restore


def slots_of(text: str) -> list[tuple[str, Kind]]:
    return [(s.text, s.kind) for s in protect(text).slots]


def test_protects_each_kind_of_markup() -> None:
    text = (
        'Trade reached $5 billion, 87.2% of [the **plan**](https://example.org/a_(b) "t") '
        "on 29.12.2022.[^ii] See <https://akorda.kz/en_x>, www.akorda.kz/en and `code_x`."
    )
    p = protect(text)
    assert "_" not in p.text  # argostranslate turns "_" into spaces
    assert "https" not in p.text and "[^ii]" not in p.text and "**" not in p.text
    assert slots_of(text) == [
        ("$5", Kind.NUMBER),
        ("87.2%", Kind.NUMBER),
        ("[", Kind.OPEN),
        ("**", Kind.OPEN),
        ("**", Kind.CLOSE),
        ('](https://example.org/a_(b) "t")', Kind.CLOSE),
        ("29.12.2022", Kind.NUMBER),
        ("[^ii]", Kind.NOTE),
        ("<https://akorda.kz/en_x>", Kind.ATOM),
        ("www.akorda.kz/en", Kind.ATOM),
        ("`code_x`", Kind.ATOM),
    ]
    assert "the" in p.text and "plan" in p.text  # link text is translated
    assert restore(p.text, p) == text


def test_words_with_digits_and_intraword_underscores_stay_text() -> None:
    p = protect("the 30th anniversary of snake_case and Kalkan-2021")
    assert p.text == "the 30th anniversary of snake_case and Kalkan-⟨0⟩"
    assert [s.text for s in p.slots] == ["2021"]


def test_unpaired_delimiter_is_a_literal_atom() -> None:
    p = protect("a * b")
    assert [(s.text, s.kind) for s in p.slots] == [("*", Kind.ATOM)]


def test_literal_placeholder_in_source_survives() -> None:
    text = "Write ⟨0⟩ literally and 5 more."
    p = protect(text)
    assert restore(p.text, p) == text


def test_restore_tolerates_spaces_repeats_and_inventions() -> None:
    p = protect("See **this** note.[^i]")
    assert p.text == "See ⟨0⟩this⟨1⟩ note.⟨2⟩"
    assert restore("Voir ⟨ 0 ⟩ceci⟨1 ⟩ note.⟨2⟩ ⟨2⟩ ⟨9⟩", p) == "Voir **ceci** note.[^i]"


def test_restore_puts_back_what_the_engine_dropped() -> None:
    p = protect("Read [the report](https://x.org/r) of 2022 by **them**.[^iv]")
    # Engine lost the link's closing half, the number, the note and all emphasis.
    out = restore("Lisez ⟨0⟩le rapport de par eux.", p)
    assert out.startswith("Lisez [le rapport de par eux.")
    assert "](https://x.org/r)" in out and "2022" in out and out.count("[^iv]") == 1
    assert "**" not in out  # both halves of an emphasis gone: the words stay, plain


def test_lost_link_keeps_its_target() -> None:
    p = protect("[Text](https://x.org)")
    assert restore("Texte", p) == "[Texte](https://x.org)"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("⟨0⟩Bold sentence.⟨1⟩", ("⟨0⟩", "Bold sentence.", "⟨1⟩")),
        ("It ended.⟨2⟩", ("", "It ended.", "⟨2⟩")),
        ("⟨3⟩ starts with a number.", ("", "⟨3⟩ starts with a number.", "")),
    ],
)
def test_detach_moves_edge_markup_round_the_engine(sentence: str, expected: tuple[str, str, str]) -> None:
    p = protect("**Bold sentence.** It ended.[^i] 5 starts with a number.")
    assert detach(sentence, p.slots) == expected


def test_has_words() -> None:
    assert has_words("Ibid.")
    assert not has_words("⟨0⟩, ⟨1⟩.")


markdownish = st.lists(
    st.sampled_from(list("ab Z.,*_`[]()<>^!$%:/0123456789⟨⟩\\\"'\u00a0") + ["https://x.y/z", "[^i]", "**"]),
    max_size=40,
).map("".join)


@given(markdownish)
def test_round_trip_through_a_copying_engine(text: str) -> None:
    p = protect(text)
    assert restore(p.text, p) == text


@given(markdownish)
def test_placeholders_are_numbered_slots(text: str) -> None:
    p = protect(text)
    numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(p.text)]
    assert sorted(numbers) == list(range(len(p.slots)))
