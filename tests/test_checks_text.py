"""The text checks, each for every language: a clean translation passes, a seeded defect is found."""

from __future__ import annotations

import pytest

from tests.checks_util import CLEAN, LANGS, SOURCE, all_found, found

SHORT = "The meeting was useful."
LONG = (
    "The members of the Assembly discussed how the friendship between the two peoples "
    "can grow stronger in the years to come."
)
CLEAN_LONG = {
    "ru": "Члены Ассамблеи обсудили, как дружба между двумя народами может стать ещё крепче в ближайшие годы.",
    "kk": "Ассамблея мүшелері екі халық арасындағы достықты алдағы жылдары қалай нығайтуға болатынын талқылады.",
    "tr": "Asamble üyeleri, iki halk arasındaki dostluğun önümüzdeki yıllarda nasıl daha da güçlenebileceğini görüştü.",
}
WORD = {"ru": "мероприятий", "kk": "іс-шара", "tr": "etkinlik"}
VERB = {"ru": "провела", "kk": "өткізді", "tr": "düzenledi"}
CLOSE_QUOTES = {"ru": ("«Единство»", '"Единство"'), "kk": ("«Бірлік»", "“Бірлік”"), "tr": ("“Birlik”", "«Birlik»")}

DEFECTS = {
    "identical": {lang: SOURCE for lang in LANGS},
    "script": {
        "ru": CLEAN["ru"].replace("мероприятий", "meropriyatiy"),
        "kk": CLEAN["kk"].replace("Астанада", "Aстанада"),  # a Latin A among Cyrillic letters
        "tr": CLEAN["tr"].replace("etkinlik", "этkinlik"),
    },
    "language": {
        # Kazakh with Russian pasted in; Russian with Kazakh pasted in; Turkish left in English words.
        "kk": CLEAN_LONG["ru"],
        "ru": CLEAN["ru"].replace("в Астане", "Астанада өтті"),
        "tr": "Asamble members discussed how the friendship between peoples can grow stronger and more durable.",
    },
    "punctuation": {
        "ru": CLEAN["ru"].replace("».[^ii]", "»[^ii]"),
        "kk": CLEAN["kk"].replace("ұранымен.", "ұранымен?"),
        "tr": CLEAN["tr"].replace("sloganıyla.", "sloganıyla!"),
    },
    "whitespace": {
        "ru": CLEAN["ru"] + " ",
        "kk": CLEAN["kk"].replace("жылы ", "жылы  "),
        "tr": " " + CLEAN["tr"],
    },
    "quotes": {lang: CLEAN[lang].replace(*CLOSE_QUOTES[lang]) for lang in LANGS},
    "repeated-words": {lang: CLEAN[lang].replace(VERB[lang], f"{VERB[lang]} {VERB[lang]}") for lang in LANGS},
    "length": {lang: CLEAN[lang][: len(CLEAN[lang]) // 3] for lang in LANGS},
}
CASES = sorted(DEFECTS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("check", CASES)
def test_seeded_defect_is_found(check: str, lang: str) -> None:
    src = LONG if check == "language" and lang == "kk" else SOURCE
    dst = DEFECTS[check][lang]
    assert found(check, dst, lang, src), (check, lang, dst)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("src", [SOURCE, LONG])
def test_clean_translation_passes_every_check(lang: str, src: str) -> None:
    dst = CLEAN[lang] if src == SOURCE else CLEAN_LONG[lang]
    assert all_found(dst, lang, src) == {}


# Clean cases each check must not mistake for a defect ------------------------------------


@pytest.mark.parametrize(
    ("lang", "src", "dst"),
    [
        ("tr", "Assel Satubaldina", "Assel Satubaldina"),  # a name stays a name
        ("ru", "The Astana Times", "The Astana Times"),
        ("kk", "<https://apk.kz/en>", "<https://apk.kz/en>"),
        ("tr", "Ibid.", "Ibid."),
        ("tr", "Leonardo da Vinci", "Leonardo da Vinci"),
    ],
)
def test_names_and_links_may_stay_identical(lang: str, src: str, dst: str) -> None:
    assert found("identical", dst, lang, src) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_title_cased_phrase_left_in_english_is_untranslated(lang: str) -> None:
    src = "Zhanseit Tuimebayev, Deputy Chairman of APK:"
    assert found("identical", src, lang, src) == ["the translation is the source text, untranslated"]


@pytest.mark.parametrize(
    ("lang", "dst"),
    [
        ("ru", "Газета The Astana Times сообщила о визите Tokayev’s team в XXI веке."),
        ("kk", "The Astana Times газеті XXI ғасырдағы сапар туралы жазды."),
        ("tr", "The Astana Times gazetesi, XXI. yüzyıldaki ziyareti yazdı."),
    ],
)
def test_latin_words_of_the_source_and_roman_numerals_are_not_the_wrong_script(lang: str, dst: str) -> None:
    src = "The Astana Times wrote about the visit of Tokayev’s team in the 21st century."
    assert found("script", dst, lang, src) == []


def test_quotations_may_keep_their_language_in_russian() -> None:
    src = 'Abay noted: "Ozbek oz agam", which means: Uzbeks are our brothers.'
    dst = "Абай говорил: «Өзбек — өз ағам», что означает: узбеки — наши братья."
    assert found("language", dst, "ru", src) == []
    assert found("language", "Абай өз ағам деді: узбеки — наши братья.", "ru", src)


@pytest.mark.parametrize(
    ("lang", "dst"),
    [
        ("ru", "Торговля между Казахстаном and Узбекистаном растёт."),
        ("kk", "Қазақстан and Өзбекстан арасындағы сауда өсуде."),
        ("tr", "Kazakistan and Özbekistan arasındaki ticaret artıyor."),
    ],
)
def test_english_left_in_a_translation_is_found_but_titles_may_stay(lang: str, dst: str) -> None:
    src = "Trade between Kazakhstan and Uzbekistan is growing."
    assert found("language", dst, lang, src) == ["source-language words left in: and"]
    titled = dst.replace(" and ", " *Kazakhstan and Uzbekistan* ")
    assert found("language", titled, lang, src) == []


def test_russian_function_words_in_kazakh_are_found() -> None:
    src = "Read the statement on the OSCE website."
    assert found("language", "Мәлімдемені ЕҚЫҰ сайтынан оқыңыз.", "kk", src) == []
    assert found("language", "Заявление можно прочитать на сайте ЕҚЫҰ.", "kk", src) == ["Russian words in kk text: на"]


def test_glossary_names_with_kazakh_letters_are_russian_too() -> None:
    src = "The Rukhani zhangyru programme continues."
    assert found("language", "Программа «Рухани жаңғыру» продолжается.", "ru", src) == []
    assert found("language", "Программа Рухани жаңғыру продолжается.", "ru", src) == []


@pytest.mark.parametrize(
    ("lang", "dst"),
    [
        ("tr", "Kazakistan ve Özbekistan teker teker, yavaş yavaş, ara ara yakınlaştı."),
        ("tr", "Evet, evet dedi."),  # punctuation between: speech, not a slip
        ("ru", "Они еле-еле успели, а потом чуть чуть отдохнули."),
        ("kk", "Достық бірте бірте нығайды."),
    ],
)
def test_real_reduplication_is_not_a_repeated_word(lang: str, dst: str) -> None:
    assert found("repeated-words", dst, lang, "The friendship grew step by step.") == []


@pytest.mark.parametrize(
    ("lang", "dst", "repeat"),
    [
        ("tr", "Merhaba Merhaba, dostlar.", "Merhaba Merhaba"),
        ("tr", "İki ülke iki ülke arasında anlaştı.", "İki ülke iki ülke"),  # Turkish İ/i folded the Turkish way
        ("ru", "Это это важно.", "Это это"),
        ("kk", "Бұл бұл маңызды.", "Бұл бұл"),
    ],
)
def test_repeated_words_and_phrases_are_found(lang: str, dst: str, repeat: str) -> None:
    assert found("repeated-words", dst, lang, "Hello, friends.") == [f"repeated: '{repeat}'"]


def test_a_repetition_of_the_source_is_kept() -> None:
    assert found("repeated-words", "Çok çok güzel.", "tr", "It is very very nice.") == []


@pytest.mark.parametrize(
    ("src", "dst", "lang"),
    [
        ('He said: "We are friends."', "Он сказал: «Мы друзья».", "ru"),  # the period moves outside the quote
        ('The action "With love, in Kazakhstan!".', "“Sevgiyle, Kazakistan’da!” etkinliği.", "tr"),
        ("Is it so?", "Солай ма?", "kk"),
        ("Wait...", "Подождите…", "ru"),
        ("Introduction", "Kirish", "tr"),
    ],
)
def test_final_punctuation_beyond_quotes_and_brackets(src: str, dst: str, lang: str) -> None:
    assert found("punctuation", dst, lang, src) == []


@pytest.mark.parametrize("lang", LANGS)
def test_whitespace_kinds(lang: str) -> None:
    clean = CLEAN[lang]
    assert found("whitespace", clean.replace(", ", " , ", 1), lang) == ["space before ','"]
    assert found("whitespace", clean.replace(" ", "\n", 1), lang) == ["1 line break(s), 0 in the source"]
    # No-break spaces in figures ("87,2 %", "1 025") are the language's typography, not doubled spaces.
    assert found("whitespace", clean, lang) == []


def test_russian_inner_quotes_are_right_and_unbalanced_quotes_are_found() -> None:
    src = 'The motto "Unity in diversity" was chosen.'
    assert found("quotes", "Выбран девиз «Единство „в“ многообразии».", "ru", src) == []
    assert found("quotes", "Выбран девиз «Единство в многообразии.", "ru", src) == [
        "unbalanced «»: 1 opening, 0 closing"
    ]
    # A quotation running on into the next paragraph is not asked to balance.
    assert (
        found(
            "quotes", "«Первый Президент всегда выступал за интеграцию.", "ru", '"First President always advocated it.'
        )
        == []
    )


@pytest.mark.parametrize("lang", LANGS)
def test_short_units_are_not_judged_by_length(lang: str) -> None:
    assert found("length", {"ru": "Да.", "kk": "Иә.", "tr": "Evet."}[lang], lang, SHORT) == []
