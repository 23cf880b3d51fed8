"""numbers: figures, amounts, percentages and dates, read with each language's conventions."""

from __future__ import annotations

import pytest

from tests.checks_util import CLEAN, LANGS, SOURCE, all_found, found
from workflow.checks.base import Pair
from workflow.checks.numbers import check_numbers, figures

AMOUNTS = "Trade reached $10.4 billion in 2022, up from 600,000 tonnes and 2,350 km of border (29.12.2022)."
CLEAN_AMOUNTS = {
    "ru": "Товарооборот в 2022 году достиг 10,4\u00a0млрд долларов; ранее — 600 тысяч тонн и 2\u202f350\u00a0км границы (29.12.2022).",
    "kk": "Тауар айналымы 2022 жылы 10,4\u00a0млрд долларға жетті, бұрын 600 мың тонна және 2\u00a0350\u00a0км шекара (29.12.2022).",
    "tr": "Ticaret hacmi 2022’de 10,4 milyar dolara ulaştı; önceden 600.000 ton ve 2.350 km sınır (29.12.2022).",
}
SPELLED = "The two countries marked the XXI century with a fourth meeting."
CLEAN_SPELLED = {
    "ru": "Две страны отметили XXI век четвёртой встречей.",
    "kk": "Екі ел XXI ғасырды төртінші кездесумен атап өтті.",
    "tr": "İki ülke 21. yüzyılı 4. toplantıyla kutladı.",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("src", "clean"), [(SOURCE, CLEAN), (AMOUNTS, CLEAN_AMOUNTS), (SPELLED, CLEAN_SPELLED)])
def test_clean_figures_pass(lang: str, src: str, clean: dict[str, str]) -> None:
    assert all_found(clean[lang], lang, src) == {}


DEFECTS = {
    "changed digit": {lang: CLEAN[lang].replace("2019", "2018", 1) for lang in LANGS},
    "dropped number": {
        "ru": CLEAN["ru"].replace("1\u00a0025 ", ""),
        "kk": CLEAN["kk"].replace("1\u202f025 ", ""),
        "tr": CLEAN["tr"].replace("1.025 ", ""),
    },
    "English grouping": {
        "ru": CLEAN["ru"].replace("1\u00a0025", "1,025"),
        "kk": CLEAN["kk"].replace("1\u202f025", "1,025"),
        "tr": CLEAN["tr"].replace("1.025", "1,025"),
    },
    "not a percentage": {
        "ru": CLEAN["ru"].replace("87,2\u00a0%", "87,2"),
        "kk": CLEAN["kk"].replace("87,2\u00a0%", "87,2"),
        "tr": CLEAN["tr"].replace("%87,2", "87,2"),
    },
    "range end": {
        "ru": CLEAN["ru"].replace("14–15", "14–16"),
        "kk": CLEAN["kk"].replace("14–15", "14–16"),
        "tr": CLEAN["tr"].replace("14-15", "14-16"),
    },
}
AMOUNT_DEFECTS = {
    "scale word": {
        "ru": CLEAN_AMOUNTS["ru"].replace("млрд", "млн"),
        "kk": CLEAN_AMOUNTS["kk"].replace("млрд", "млн"),
        "tr": CLEAN_AMOUNTS["tr"].replace("milyar", "milyon"),
    },
    "date": {lang: CLEAN_AMOUNTS[lang].replace("29.12.2022", "28.12.2022") for lang in LANGS},
    "decimal": {
        "ru": CLEAN_AMOUNTS["ru"].replace("10,4", "10,5"),
        "kk": CLEAN_AMOUNTS["kk"].replace("10,4", "1,04"),
        "tr": CLEAN_AMOUNTS["tr"].replace("10,4", "104"),
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(DEFECTS))
def test_seeded_number_defect_is_found(kind: str, lang: str) -> None:
    dst = DEFECTS[kind][lang]
    assert dst != CLEAN[lang]
    assert found("numbers", dst, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(AMOUNT_DEFECTS))
def test_seeded_amount_defect_is_found(kind: str, lang: str) -> None:
    dst = AMOUNT_DEFECTS[kind][lang]
    assert dst != CLEAN_AMOUNTS[lang]
    assert found("numbers", dst, lang, AMOUNTS)


def test_locale_readings() -> None:
    assert [f.value for f in figures("2,350 and 87.2% and 10.4 billion", "en")] == ["2350", "87.2", "10400000000"]
    assert [f.value for f in figures("2 350, 2\u00a0350, 2\u202f350 и 87,2 %", "ru")] == ["2350"] * 3 + ["87.2"]
    assert [f.value for f in figures("2.350 ve %87,2 ve 3 bina", "tr")] == ["2350", "87.2", "3"]
    # A year is not a digit group: "в 2018 600 000" is two numbers.
    assert [f.value for f in figures("в 2018 600 000 человек", "ru")] == ["2018", "600000"]
    assert [(f.value, f.percent) for f in figures("yüzde 40", "tr")] == [("40", True)]
    # Roman numerals, also typed with Cyrillic look-alikes, are numbers; "I" alone is not.
    assert [f.value for f in figures("XXI век, ХХІ ғасыр, IV встреча", "kk")] == ["21", "21", "4"]
    assert figures("I think so", "en") == ()
    # URLs and footnote markers are not figures of the text.
    assert figures("see <https://x.org/2019/5> and [^12]", "en") == ()


def test_change_is_reported_as_one_message() -> None:
    assert found("numbers", CLEAN["ru"].replace("2019", "2018", 1), "ru") == ["2019 of the source became 2018"]


def test_added_number_is_a_warning_only() -> None:
    problems = check_numbers(Pair("The meeting was held in Astana.", "Встреча прошла в Астане в 2020 году.", "ru"))
    assert [(p.message, p.severity) for p in problems] == [("2020 is not in the source", "warning")]


WORDED = "The group of 9 deputies met at the 1st Forum in 2017-18."
CLEAN_WORDED = {
    "ru": "Группа из девяти депутатов собралась на первом Форуме в 2017–2018 годах.",
    "kk": "Тоғыз депутаттан тұратын топ 2017–2018 жылдары бірінші форумда жиналды.",
    "tr": "Dokuz milletvekilinden oluşan grup 2017–2018 yıllarında birinci Forum’da toplandı.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_small_numbers_in_words_and_full_year_ranges_pass(lang: str) -> None:
    assert found("numbers", CLEAN_WORDED[lang], lang, WORDED) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_changed_small_number_in_words_is_still_found(lang: str) -> None:
    wrong = {"ru": ("девяти", "восьми"), "kk": ("Тоғыз", "Сегіз"), "tr": ("Dokuz", "Sekiz")}[lang]
    assert found("numbers", CLEAN_WORDED[lang].replace(*wrong), lang, WORDED) == [
        "9 of the source is missing or changed"
    ]
