"""urls, footnotes, markup: link targets, footnote markers and inline Markdown survive translation."""

from __future__ import annotations

import pytest

from tests.checks_util import CLEAN, LANGS, all_found, found

LINK_TEXT = {"ru": "[отчёт]", "kk": "[есепті]", "tr": "[rapora]"}
EMPHASIS = {"ru": "*87,2\u00a0%*", "kk": "*87,2\u00a0%*", "tr": "*%87,2*"}

DEFECTS: dict[str, dict[str, dict[str, str]]] = {
    "urls": {
        "changed target": {lang: CLEAN[lang].replace("report_2019)", "report_2018)") for lang in LANGS},
        "changed autolink": {lang: CLEAN[lang].replace("<https://apk.kz/en>", "<https://apk.kz/ru>") for lang in LANGS},
        "dropped autolink": {lang: CLEAN[lang].replace("<https://apk.kz/en>", "") for lang in LANGS},
    },
    "footnotes": {
        "dropped marker": {lang: CLEAN[lang].replace("[^ii]", "") for lang in LANGS},
        "changed marker": {lang: CLEAN[lang].replace("[^ii]", "[^iii]") for lang in LANGS},
        "added marker": {lang: CLEAN[lang].replace("2019", "2019[^i]", 1) for lang in LANGS},
    },
    "markup": {
        "unclosed bold": {lang: CLEAN[lang].replace("**", "", 1) for lang in LANGS},
        "dropped emphasis": {lang: CLEAN[lang].replace(EMPHASIS[lang], EMPHASIS[lang].strip("*")) for lang in LANGS},
        "space breaks link": {lang: CLEAN[lang].replace("](https", "] (https") for lang in LANGS},
        "unclosed link text": {lang: CLEAN[lang].replace(LINK_TEXT[lang], LINK_TEXT[lang][:-1]) for lang in LANGS},
        "broken autolink": {lang: CLEAN[lang].replace("apk.kz/en>", "apk.kz/en") for lang in LANGS},
        "unclosed code": {lang: CLEAN[lang].replace("`#APK2019`", "`#APK2019") for lang in LANGS},
        "changed code": {lang: CLEAN[lang].replace("`#APK2019`", "`#АПК2019`") for lang in LANGS},
    },
}
CASES = [(check, kind) for check, kinds in DEFECTS.items() for kind in kinds]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("check", "kind"), CASES)
def test_seeded_defect_is_found(check: str, kind: str, lang: str) -> None:
    dst = DEFECTS[check][kind][lang]
    assert dst != CLEAN[lang]
    assert found(check, dst, lang), (check, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_clean_translation_passes(lang: str) -> None:
    assert all_found(CLEAN[lang], lang) == {}


@pytest.mark.parametrize("lang", LANGS)
def test_link_targets_only_belong_to_urls(lang: str) -> None:
    """A changed target is one urls finding: the link itself is intact, so markup stays quiet."""
    result = all_found(DEFECTS["urls"]["changed target"][lang], lang)
    assert result == {"urls": ["link target https://example.org/report_2019 became https://example.org/report_2018"]}


def test_broken_link_keeps_its_url_so_only_markup_fires() -> None:
    result = all_found(DEFECTS["markup"]["space breaks link"]["ru"], "ru")
    assert set(result) == {"markup"}
    assert "broken link: stray [ ] shown as text" in result["markup"]


def test_html_in_a_translation_is_named_as_html() -> None:
    src = "Read the <b>report</b>."
    assert found("markup", "Прочтите <b>отчёт</b>.", "ru", src) == []
    assert found("markup", "Прочтите <script>alert(1)</script> отчёт.", "ru", src) == [
        "HTML <script> </script> not in the source: editions show it as text"
    ]


def test_literal_marks_of_the_source_are_not_broken_markup() -> None:
    src = "Use 5 * 3 [sic] and a_b."
    assert found("markup", "Используйте 5 * 3 [sic] и a_b.", "ru", src) == []


def test_footnote_messages_name_the_marker() -> None:
    assert found("footnotes", CLEAN["kk"].replace("[^ii]", "[^iii]"), "kk") == [
        "footnote marker [^ii] is missing",
        "footnote marker [^iii] is not in the source",
    ]


def test_bare_urls_lose_sentence_punctuation() -> None:
    src = "Details: https://example.org/a_(b), and www.apk.kz."
    assert found("urls", "Подробности: https://example.org/a_(b), а также www.apk.kz.", "ru", src) == []
    assert found("urls", "Подробности: https://example.org/a_(c), а также www.apk.kz.", "ru", src) == [
        "link target https://example.org/a_(b) became https://example.org/a_(c)"
    ]
