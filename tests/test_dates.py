"""Golden tests: dates, numbers, plurals and language names per language (Babel + shipped ui.po)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.editions_util import read_page, shared_site
from workflow.config import load_config
from workflow.editions.context import local_date, local_number
from workflow.editions.ui import translations
from workflow.languages import language_name

DATES = {
    "en": "April 23, 2019",
    "ru": "23 апреля 2019\u202fг.",  # CLDR puts a narrow no-break space before the abbreviation
    "kk": "2019\u202fж. 23 сәуір",
    "tr": "23 Nisan 2019",
}


@pytest.mark.parametrize(("lang", "text"), DATES.items())
def test_long_dates(lang: str, text: str) -> None:
    assert local_date(dt.date(2019, 4, 23), lang) == text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "November 15, 2019"),
        ("ru", "15 ноября 2019\u202fг."),
        ("kk", "2019\u202fж. 15 қараша"),
        ("tr", "15 Kasım 2019"),
    ],
)
def test_long_dates_other_months(lang: str, text: str) -> None:
    assert local_date(dt.date(2019, 11, 15), lang) == text


@pytest.mark.parametrize(
    ("lang", "numbers"),
    [
        ("en", {2066: "2,066", 1234567: "1,234,567"}),
        ("ru", {2066: "2\xa0066", 1234567: "1\xa0234\xa0567"}),
        ("kk", {2066: "2\xa0066", 1234567: "1\xa0234\xa0567"}),
        ("tr", {2066: "2.066", 1234567: "1.234.567"}),
    ],
)
def test_numbers(lang: str, numbers: dict[int, str]) -> None:
    for number, text in numbers.items():
        assert local_number(number, lang) == text


PLURALS = {
    "en": {1: "1 view", 2: "2 views", 5: "5 views"},
    "ru": {
        1: "1 просмотр",
        3: "3 просмотра",
        5: "5 просмотров",
        11: "11 просмотров",
        21: "21 просмотр",
        22: "22 просмотра",
        111: "111 просмотров",
        594: "594 просмотра",
    },
    "kk": {1: "1 рет қаралды", 5: "5 рет қаралды"},
    "tr": {1: "1 görüntülenme", 5: "5 görüntülenme"},
}


@pytest.mark.parametrize(("lang", "counts"), PLURALS.items())
def test_plural_views_from_the_shipped_ui_catalogs(lang: str, counts: dict[int, str]) -> None:
    words = translations(load_config(REPO), lang)
    for n, text in counts.items():
        assert words.ngettext("%(num)s view", "%(num)s views", n) % {"num": n} == text


def test_shipped_ui_catalogs_are_complete() -> None:
    from babel.messages.pofile import read_po

    with (REPO / "locales" / "ui.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    for lang in ("ru", "kk", "tr"):
        with (REPO / "locales" / lang / "LC_MESSAGES" / "ui.po").open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        done = {
            m.id
            for m in catalog
            if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
        }
        assert done == template, (lang, template - done)


def test_language_names_in_their_own_language() -> None:
    assert [language_name(lang) for lang in ("en", "ru", "kk", "tr")] == ["English", "Русский", "Қазақ тілі", "Türkçe"]
    assert language_name("en", "tr") == "İngilizce"  # a capital dotted İ, from CLDR, not from a case transform


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_site(tmp_path_factory.getbasetemp())


@pytest.mark.parametrize(
    ("lang", "published", "views"),
    [
        ("en", "Published April 23, 2019", "829 views"),
        ("ru", "Опубликовано 23 апреля 2019\u202fг.", "829 просмотров"),
        ("kk", "Жарияланған күні: 2019\u202fж. 23 сәуір", "829 рет қаралды"),
        ("tr", "Yayın tarihi: 23 Nisan 2019", "829 görüntülenme"),
    ],
)
def test_pages_show_localized_dates_and_plurals(site: Path, lang: str, published: str, views: str) -> None:
    text = read_page(site / "build" / "html" / lang / "kazakhs-and-uzbeks.html").text
    assert published in text and views in text


def test_a_few_form_and_a_grouped_number_on_pages(site: Path) -> None:
    assert "594 просмотра" in read_page(site / "build" / "html" / "ru" / "central-asia-our-common-home.html").text
    assert "2\xa0066 просмотров" in read_page(site / "build" / "html" / "ru" / "formula-of-peace-and-accord.html").text
    assert "2.066 görüntülenme" in read_page(site / "build" / "html" / "tr" / "formula-of-peace-and-accord.html").text
