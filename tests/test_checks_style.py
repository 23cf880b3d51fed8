"""House style: terminology (avoided terms), no-break spaces, initials, honorifics; and the
project-wide checks: one term written one way (consistency), ё/е (yo)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.checks_util import GLOSSARY, LANGS, found, write_po
from workflow.checks import check_catalog
from workflow.checks.base import Pair
from workflow.checks.style import check_terminology

NB = "\u00a0"

# --- terminology -------------------------------------------------------------------------

MINORITIES = "The state creates conditions for the languages of all ethnic minorities of our country."
AVOIDED = {
    "ru": "Государство создает условия для языков всех этнических меньшинств нашей страны.",
    "kk": "Мемлекет еліміздегі барлық этникалық азшылықтардың тілдеріне жағдай жасайды.",
    "tr": "Devlet, ülkemizdeki tüm etnik azınlıkların dilleri için koşullar yaratıyor.",
}
PREFERRED = {
    "ru": "Государство создает условия для языков всех этносов нашей страны.",
    "kk": "Мемлекет еліміздегі барлық этностардың тілдеріне жағдай жасайды.",
    "tr": "Devlet, ülkemizdeki tüm etnik grupların dilleri için koşullar yaratıyor.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_forbidden_term_is_an_error(lang: str) -> None:
    (problem,) = check_terminology(Pair(MINORITIES, AVOIDED[lang], lang, "paragraph", GLOSSARY))
    assert problem.severity == "error" and "forbidden for 'ethnic minorities'" in problem.message
    assert found("terminology", PREFERRED[lang], lang, MINORITIES) == []


@pytest.mark.parametrize(
    ("lang", "dst"),
    [
        ("ru", "Выступая на 27-й сессии Ассамблеи народа Казахстана, он сказал…"),
        ("kk", "Қазақстан халқы Ассамблеясының 27-сессиясында сөйлеген сөзінде ол айтты…"),
    ],
)
def test_deprecated_term_is_a_warning(lang: str, dst: str) -> None:
    src = "Speaking at the 27th session of the Assembly of People of Kazakhstan, he said…"
    (problem,) = check_terminology(Pair(src, dst, lang, "paragraph", GLOSSARY))
    assert problem.severity == "warning" and "'XXVII session'" in problem.message


def test_turkish_national_press_is_forbidden_for_ethnic_newspapers() -> None:
    src = "The largest national newspapers are supported by the State."
    assert found("terminology", "En büyük ulusal gazeteler devlet tarafından desteklenmektedir.", "tr", src)
    good = "Etnik grupların en büyük gazeteleri devlet tarafından desteklenmektedir."
    assert found("terminology", good, "tr", src) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_deprecated_source_spelling_is_a_note_for_the_source(lang: str) -> None:
    dst = {"ru": "Секретариат АНК.", "kk": "ҚХА Хатшылығы.", "tr": "KHA Sekreterliği."}[lang]
    (problem,) = check_terminology(Pair("The ANC Secretariat.", dst, lang, "paragraph", GLOSSARY))
    assert problem.severity == "info" and "'ANC' for 'APK'" in problem.message


# --- nbsp --------------------------------------------------------------------------------

NAMES = "N.A. Nazarbayev spoke of a market of 75 million people and 2,350 km of border."
NBSP_CLEAN = {
    "ru": f"Н.{NB}А.{NB}Назарбаев говорил о рынке в 75{NB}млн человек и 2{NB}350{NB}км границы.",
    "kk": f"Н.{NB}Ә.{NB}Назарбаев 75{NB}млн адамдық нарық пен 2{NB}350{NB}км шекара туралы айтты.",
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_nbsp_after_initials_and_before_units(lang: str) -> None:
    assert found("nbsp", NBSP_CLEAN[lang], lang, NAMES) == []
    plain = NBSP_CLEAN[lang].replace(f".{NB}", ". ", 1).replace(f"75{NB}млн", "75 млн").replace(f"{NB}км", " км")
    messages = found("nbsp", plain, lang, NAMES)
    assert len(messages) == 3
    assert any("initials" in m for m in messages) and any("'75 млн'" in m for m in messages)
    assert any(f"'2{NB}350 км'" in m for m in messages)
    joined = NBSP_CLEAN[lang].replace(f".{NB}", ".", 1)  # "Н.А." with no space at all
    assert found("nbsp", joined, lang, NAMES)


def test_nbsp_is_not_a_rule_of_turkish() -> None:
    assert (
        found("nbsp", "Nursultan Nazarbayev 75 milyon kişilik bir pazardan ve 2.350 km sınırdan söz etti.", "tr") == []
    )


# --- initials ----------------------------------------------------------------------------


def test_patronymic_initials_in_turkish() -> None:
    src = "Yelbasy N.A. Nazarbayev and Sh.M. Mirziyoyev met K. Tokayev."
    dst = "Elbaşı N.A. Nazarbayev ve Ş. M. Mirziyoyev, K. Tokayev ile görüştü."
    messages = found("initials", dst, "tr", src)
    assert len(messages) == 2 and "'N.A. Nazarbayev'" in messages[0]
    good = "Elbaşı Nursultan Nazarbayev ve Şevket Mirziyoyev, Kasım Cömert Tokayev ile görüştü. A.g.e., s. 5."
    assert found("initials", good, "tr", src) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_initials_are_how_russian_and_kazakh_name_people(lang: str) -> None:
    assert found("initials", NBSP_CLEAN[lang], lang, NAMES) == []


# --- honorifics --------------------------------------------------------------------------

CALQUE = "The December visit of the Dear President of Kazakhstan Kassym-Jomart Tokayev was historic."
HONORIFIC = {
    "ru": "Декабрьский визит уважаемого Президента Казахстана Касым-Жомарта Токаева стал историческим.",
    "kk": "Құрметті Президент Қасым-Жомарт Тоқаевтың желтоқсандағы сапары тарихи болды.",
    "tr": "Kazakistan Cumhurbaşkanı Sayın Kasım Cömert Tokayev’in aralık ziyareti tarihîdir.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_honorific_without_an_address_in_the_source(lang: str) -> None:
    (message,) = found("honorifics", HONORIFIC[lang], lang, CALQUE)
    assert "form of address the source does not have" in message


@pytest.mark.parametrize("lang", LANGS)
def test_honorific_answering_an_address_passes(lang: str) -> None:
    src = "Dear President, dear colleagues, welcome."
    dst = {
        "ru": "Уважаемый Президент, уважаемые коллеги, добро пожаловать.",
        "kk": "Құрметті Президент, құрметті әріптестер, қош келдіңіздер.",
        "tr": "Sayın Cumhurbaşkanı, değerli meslektaşlarım, hoş geldiniz.",
    }[lang]
    assert found("honorifics", dst, lang, src) == []


def test_turkish_honorific_found_in_capitals_and_adjectives_left_alone() -> None:
    assert found("honorifics", "SAYIN CUMHURBAŞKANI TOKAYEV ZİYARET ETTİ.", "tr", CALQUE)
    assert found("honorifics", "Bu değerli bir katkıdır.", "tr", "This is a valuable contribution.") == []
    assert found("honorifics", "Оған құрметті атақ берілді.", "kk", "He was given an honorary title.") == []


# --- consistency and yo (the project: every catalog of the language) ---------------------


def _project(tmp_path: Path, lang: str, units: dict[str, list[tuple[str, str]]]) -> Path:
    folder = tmp_path / lang / "LC_MESSAGES"
    for slug, pairs in units.items():
        write_po(folder / f"{slug}.po", lang, [polib.POEntry(msgid=s, msgstr=d) for s, d in pairs])
    return folder


def _found(folder: Path, slug: str, lang: str, check: str) -> list[str]:
    return [f.message for f in check_catalog(folder / f"{slug}.po", lang, GLOSSARY, (check,))]


SESSIONS = {
    "ru": ("XXVII сессия Ассамблеи прошла в апреле.", "Выступая на 27-й сессии Ассамблеи, он сказал."),
    "kk": ("Ассамблеяның XXVII сессиясы сәуірде өтті.", "Ассамблеяның 27-сессиясында ол айтты."),
    "tr": ("Asamble’nin XXVII. oturumu nisanda yapıldı.", "Asamble’nin 27. oturumunda konuştu."),
}


@pytest.mark.parametrize("lang", LANGS)
def test_roman_and_arabic_numbering_of_one_thing(tmp_path: Path, lang: str) -> None:
    roman, arabic = SESSIONS[lang]
    folder = _project(
        tmp_path,
        lang,
        {"a": [("The XXVII session was held in April.", roman)], "b": [("At the 27th session he said.", arabic)]},
    )
    (message,) = _found(folder, "b", lang, "consistency") or _found(folder, "a", lang, "consistency")
    assert "Roman and in Arabic numerals" in message
    same = _project(tmp_path / "same", lang, {"a": [("x", roman)], "b": [("y", roman.replace("прошла", "была"))]})
    assert _found(same, "a", lang, "consistency") == _found(same, "b", lang, "consistency") == []


COMPOUNDS = {
    "ru": ("Это общественно-политическое событие.", "Это общественнополитическое событие."),
    "kk": ("Бұл қоғамдық-саяси оқиға.", "Бұл қоғамдықсаяси оқиға."),
    "tr": ("Kültürler arası bağlar güçlendi.", "Kültürlerarası bağlar güçlendi, kültürler arası diyalog sürdü."),
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_compound_written_two_ways(tmp_path: Path, lang: str) -> None:
    first, second = COMPOUNDS[lang]
    folder = _project(tmp_path, lang, {"a": [("one", first)], "b": [("two", second)]})
    messages = _found(folder, "a", lang, "consistency") + _found(folder, "b", lang, "consistency")
    assert len(messages) == 1 and "one compound written two ways" in messages[0]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("ru", "Нурсултан Назарбаев прибыл.", "Он прибыл в Нур-Султан."),  # a man and a city
        ("kk", "Сыртқы саясатымен танымал.", "Сыртқы саясаты мен экономикасы."),  # "policy and economy"
        ("tr", "Avrupa Güvenlik ve İşbirliği Teşkilatı toplandı.", "Bölgesel iş birliği gelişti."),  # an official name
        ("tr", "Asamble Yılı’nın sonunda.", "Yılının sonunda."),  # an apostrophe is not a space
        ("ru", "Он сделал то же самое.", "Он тоже пришел."),  # different words
    ],
)
def test_names_particles_and_different_words_are_not_compounds(
    tmp_path: Path, lang: str, first: str, second: str
) -> None:
    folder = _project(tmp_path, lang, {"a": [("one", first)], "b": [("two", second)]})
    assert _found(folder, "a", lang, "consistency") == _found(folder, "b", lang, "consistency") == []


def test_russian_adjective_from_the_short_and_the_long_name_within_an_article(tmp_path: Path) -> None:
    article = [
        ("Kazakh-Uzbek relations are strong.", "Казахстанско-узбекские отношения прочны."),
        ("Kazakh-Uzbek ties grow.", "Казахстанско-узбекские связи растут."),
        ("Kazakhstan-Uzbekistan border.", "Договор о казахстанско-узбекистанской границе."),
    ]
    folder = _project(tmp_path, "ru", {"a": article, "b": [("friendship", "Символ казахско-узбекской дружбы.")]})
    (message,) = _found(folder, "a", "ru", "consistency")
    assert "'казахстан-узбекистан-…' here" in message and "short and from the long name" in message
    assert _found(folder, "b", "ru", "consistency") == []  # another article, the peoples' friendship


def test_yo_and_ye_in_one_word_across_the_project(tmp_path: Path) -> None:
    folder = _project(
        tmp_path,
        "ru",
        {
            "article": [("a", "Работа еще не закончена."), ("b", "Еще одно заседание."), ("c", "Мирзиёев прибыл.")],
            "ui": [("c", "Фрагменты ещё не переведены.")],
        },
    )
    (message,) = _found(folder, "ui", "ru", "yo")
    assert "'ещё' here, 'еще' elsewhere (article)" in message
    assert _found(folder, "article", "ru", "yo") == []


def test_yo_leaves_words_that_differ_by_it(tmp_path: Path) -> None:
    folder = _project(tmp_path, "ru", {"a": [("a", "Все пришли.")], "b": [("b", "Всё решено.")]})
    assert _found(folder, "a", "ru", "yo") == _found(folder, "b", "ru", "yo") == []


@pytest.mark.parametrize("lang", ["kk", "tr"])
def test_yo_is_a_russian_rule(tmp_path: Path, lang: str) -> None:
    folder = _project(tmp_path, lang, {"a": [("a", "ещё")], "b": [("b", "еще")]})
    assert _found(folder, "a", lang, "yo") == []
