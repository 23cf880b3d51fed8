"""Offline English sentence splitting: names, initials, figures, abbreviations, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workflow.pretranslate.sentences import spans, split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The First President N.A. Nazarbayev spoke. Then he left.",
            ["The First President N.A. Nazarbayev spoke.", "Then he left."],
            id="initials",
        ),
        pytest.param(
            "President Sh.M. Mirziyoyev arrived in Astana. Talks began.",
            ["President Sh.M. Mirziyoyev arrived in Astana.", "Talks began."],
            id="two-letter-initial",
        ),
        pytest.param(
            "K.K.Tokayev met him. They talked.",
            ["K.K.Tokayev met him.", "They talked."],
            id="initials-without-space",
        ),
        pytest.param(
            "Trade is approaching $5 billion. Measures are being taken.",
            ["Trade is approaching $5 billion.", "Measures are being taken."],
            id="currency",
        ),
        pytest.param(
            "It grew by 87.2% in 2021. Growth continued.",
            ["It grew by 87.2% in 2021.", "Growth continued."],
            id="decimal-and-year",
        ),
        pytest.param(
            "Thus, Art. 1 enshrines the principle. Art. 2 provides more.",
            ["Thus, Art. 1 enshrines the principle.", "Art. 2 provides more."],
            id="article-abbreviation",
        ),
        pytest.param(
            "Mr. Smith and Dr. Jones met, e.g. in Tashkent. No. 5 was signed.",
            ["Mr. Smith and Dr. Jones met, e.g. in Tashkent.", "No. 5 was signed."],
            id="titles-eg-no",
        ),
        pytest.param(
            "He said: “We agree.” Then he signed.",
            ["He said: “We agree.”", "Then he signed."],
            id="closing-quote",
        ),
        pytest.param(
            "“Mutual trade exceeds $4 billion”, Official Source, (Date of Access:29.12.2022).",
            ["“Mutual trade exceeds $4 billion”, Official Source, (Date of Access:29.12.2022)."],
            id="footnote-reference",
        ),
        pytest.param(
            "Is it true? Yes! It is… Really.",
            ["Is it true?", "Yes!", "It is…", "Really."],
            id="question-exclamation-ellipsis",
        ),
        pytest.param(
            "See primeminister.kz for details. Then continue.",
            ["See primeminister.kz for details.", "Then continue."],
            id="domain",
        ),
        pytest.param(
            "It ended in the U.S. Later it moved, i.e. abroad.",
            ["It ended in the U.S. Later it moved, i.e. abroad."],
            id="ambiguous-kept-together",
        ),
        pytest.param("no capital. so no split.", ["no capital. so no split."], id="lower-case-after"),
        pytest.param(
            "It reached 10 billion dollars.⟨3⟩ At the same time, more.",
            ["It reached 10 billion dollars.⟨3⟩", "At the same time, more."],
            id="placeholder-after-stop",
        ),
        pytest.param("  Padded sentence.  ", ["Padded sentence."], id="padding"),
        pytest.param("", [], id="empty"),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_cover_all_but_whitespace() -> None:
    text = "One. Two three.  Four?\nFive."
    found = spans(text)
    assert [text[a:b] for a, b in found] == ["One.", "Two three.", "Four?", "Five."]
    gaps = [text[b:a] for (_, b), (a, _) in zip(found, found[1:], strict=False)]
    assert gaps == [" ", "  ", "\n"]


@given(st.text(alphabet="ab .!?AB\n”⟨⟩1", max_size=80))
def test_spans_are_ordered_and_separated_by_whitespace(text: str) -> None:
    found = spans(text)
    cursor = 0
    for start, end in found:
        assert cursor <= start < end
        assert text[cursor:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        cursor = end
    assert text[cursor:].strip() == ""
