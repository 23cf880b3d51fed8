"""glossary: the terms of locales/glossary.tbx that a translation must use."""

from __future__ import annotations

import pytest

from tests.checks_util import CLEAN, LANGS, all_found, found

# The term "Assembly of People of Kazakhstan" replaced by another body's name.
MISSED = {
    "ru": CLEAN["ru"].replace("Ассамблея народа Казахстана", "Совет народа Казахстана"),
    "kk": CLEAN["kk"].replace("Қазақстан халқы Ассамблеясы", "Қазақстан халқы Кеңесі"),
    "tr": CLEAN["tr"].replace("Kazakistan Halkı Asamblesi", "Kazakistan Halkı Meclisi"),
}
# Inflected forms of the terms count as used.
INFLECTED = {
    "ru": ("The Assembly of People of Kazakhstan met in Astana.", "В Астане собралась Ассамблея народа Казахстана."),
    "kk": (
        "Members of the Assembly of People of Kazakhstan met in Astana.",
        "Қазақстан халқы Ассамблеясының мүшелері Астанада жиналды.",
    ),
    "tr": (
        "Members of the Assembly of People of Kazakhstan met in Astana.",
        "Kazakistan Halkı Asamblesi’nin üyeleri Astana’da toplandı.",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_missed_term_is_found(lang: str) -> None:
    assert found("glossary", MISSED[lang], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_terms_used_pass(lang: str) -> None:
    assert found("glossary", CLEAN[lang], lang) == []
    src, dst = INFLECTED[lang]
    assert all_found(dst, lang, src) == {}


def test_message_names_the_expected_term() -> None:
    assert found("glossary", MISSED["tr"], "tr") == [
        "glossary: 'Assembly of People of Kazakhstan' should be 'Kazakistan Halkı Asamblesi'"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_term_inside_a_url_is_not_text(lang: str) -> None:
    src = "See <https://example.org/kazakhstan-and-uzbekistan>."
    dst = {
        "ru": "См. <https://example.org/kazakhstan-and-uzbekistan>.",
        "kk": "<https://example.org/kazakhstan-and-uzbekistan> қараңыз.",
        "tr": "Bkz. <https://example.org/kazakhstan-and-uzbekistan>.",
    }[lang]
    assert found("glossary", dst, lang, src) == []
