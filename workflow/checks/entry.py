"""The checks of one entry: each returns the messages of what it found (empty: clean)."""

from __future__ import annotations

import re
from collections import Counter

import polib

from ..glossary import Glossary, fold
from ..languages import plural_count
from .langdata import DEFAULT, KAZAKH_LETTERS, LANGS

_URL = re.compile(r"https?://[^\s<>()\"”»]+[^\s<>()\"”».,;:]")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?")
_NUMBER_EN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")  # English groups with commas only
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _plain(text: str) -> str:
    """Text without URLs and footnote markers, which other checks own."""
    return _FOOTNOTE.sub(" ", _URL.sub(" ", text))


def _canonical(token: str, lang: str) -> str:
    if lang == "en":
        value = token.replace(",", "")
    elif lang in ("tr", "de", "id") and _GROUPED_DOT.match(token):
        value = token.replace(".", "")
    else:
        value = re.sub(r"[ \u00a0\u202f]", "", token).replace(",", ".")
    value = value.rstrip("0").rstrip(".") if "." in value else value
    return value


def numbers_of(text: str, lang: str) -> Counter[str]:
    text = _plain(text)
    found: Counter[str] = Counter(_DATE.findall(text))
    text = _DATE.sub(" ", text)
    # Ranges "14-15", "2006–2008" are two numbers; a hyphen is never a separator inside one.
    for token in (_NUMBER_EN if lang == "en" else _NUMBER).findall(text):
        found[_canonical(token.strip(), lang)] += 1
    return found


def numbers(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    src, dst = numbers_of(entry.msgid, "en"), numbers_of(entry.msgstr, lang)
    messages = [f"number {n} of the source is missing or changed" for n in sorted(src - dst)]
    messages += [f"number {n} is not in the source" for n in sorted(dst - src)]
    return messages


def urls(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    src, dst = Counter(_URL.findall(entry.msgid)), Counter(_URL.findall(entry.msgstr))
    return [f"link target {u} is missing or changed" for u in sorted(src - dst)] + [
        f"link target {u} is not in the source" for u in sorted(dst - src)
    ]


def footnotes(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    src, dst = Counter(_FOOTNOTE.findall(entry.msgid)), Counter(_FOOTNOTE.findall(entry.msgstr))
    return [f"footnote marker {m} is missing" for m in sorted(src - dst)] + [
        f"footnote marker {m} is not in the source" for m in sorted(dst - src)
    ]


def _markup_counts(text: str) -> dict[str, int]:
    text = _URL.sub(" ", text)
    return {
        "**": text.count("**"),
        "*": len(re.findall(r"(?<![*\\])\*(?!\*)", text)),
        "`": text.count("`"),
        "[": len(re.findall(r"(?<!\\)\[(?!\^)", text)),
        "](": text.count("]("),
        "<": len(re.findall(r"(?<!\\)<https?:", text)),
    }


def markup(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    src, dst = _markup_counts(entry.msgid), _markup_counts(entry.msgstr)
    messages = []
    for mark in ("**", "*", "`"):
        if dst[mark] % 2:
            messages.append(f"unbalanced {mark}: emphasis or code is not closed")
        elif dst[mark] != src[mark]:
            messages.append(f"{mark} appears {dst[mark]} times, {src[mark]} in the source")
    if (dst["["], dst["]("], dst["<"]) != (src["["], src["]("], src["<"]):
        messages.append("links differ from the source (brackets, targets or autolinks)")
    return messages


def glossary(entry: polib.POEntry, lang: str, terms: Glossary) -> list[str]:
    return [
        f"glossary: '{t.src}' should be '{t.targets[lang]}'" for t in terms.missing(entry.msgid, entry.msgstr, lang)
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", _plain(re.sub(r"\]\([^)]*\)", "]", text)))


def script(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    data = LANGS.get(lang, DEFAULT)
    words = _words(entry.msgstr)
    if data.script == "cyrillic":
        source_words = {fold(w, "en") for w in _words(entry.msgid)}
        latin = [w for w in words if re.search(r"[A-Za-z]", w) and len(w) > 1 and fold(w, "en") not in source_words]
        return [f"Latin word(s) in {lang} text: {', '.join(sorted(set(latin))[:5])}"] if latin else []
    cyrillic = [w for w in words if re.search(r"[\u0400-\u04ff]", w)]
    source_cyr = set(_words(entry.msgid))
    cyrillic = [w for w in cyrillic if w not in source_cyr]
    return [f"Cyrillic word(s) in {lang} text: {', '.join(sorted(set(cyrillic))[:5])}"] if cyrillic else []


def kazakh_letters(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    if lang != "kk":
        return []
    words = [w for w in _words(entry.msgstr) if re.search(r"[\u0400-\u04ff]", w)]
    if len(words) >= 6 and not any(ch in KAZAKH_LETTERS for w in words for ch in w):
        return ["no Kazakh letter (ә ғ қ ң ө ұ ү і) in a long unit: is this Russian?"]
    return []


def plurals(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    if not entry.msgid_plural:
        return []
    expected = plural_count(lang)
    got = len(entry.msgstr_plural)
    return [f"{got} plural forms, the header's Plural-Forms says {expected}"] if got != expected else []


def identical(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    same = entry.msgstr.strip() == entry.msgid.strip()
    return ["translation is identical to the source"] if same and len(_words(entry.msgid)) >= 3 else []


_FINAL = re.compile(r"([.!?:;…])[\"»”’'\)\]\s]*$")


def punctuation(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    src = _FINAL.search(_FOOTNOTE.sub("", entry.msgid))
    dst = _FINAL.search(_FOOTNOTE.sub("", entry.msgstr))
    if bool(src) != bool(dst):
        return ["sentence-final punctuation differs from the source" + (" (missing)" if src else " (added)")]
    if src and dst and (src.group(1) == "?") != (dst.group(1) == "?"):
        return ["a question in one language is not a question in the other"]
    return []


def whitespace(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    messages = []
    if entry.msgstr != entry.msgstr.strip() and entry.msgid == entry.msgid.strip():
        messages.append("leading or trailing whitespace")
    if re.search(r"[^\S\n]{2,}", entry.msgstr.replace("\u00a0", "x")) and not re.search(r" {2,}", entry.msgid):
        messages.append("doubled spaces")
    return messages


def quotes(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    data = LANGS.get(lang)
    if data is None or not data.wrong_quotes:
        return []
    text = _URL.sub(" ", entry.msgstr)
    wrong = sorted({q for q in data.wrong_quotes if q in text})
    return [f"quotation marks {' '.join(wrong)}: {lang} uses {data.quotes}"] if wrong else []


def repeated_words(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    data = LANGS.get(lang, DEFAULT)
    messages = []
    for match in re.finditer(r"(?<![\w-])([^\W\d_]+)\s+\1(?![\w-])", entry.msgstr, re.IGNORECASE):
        pair = fold(match.group(0), lang)
        if pair in data.reduplications or re.search(rf"(?i)\b{re.escape(match.group(0))}\b", entry.msgid):
            continue
        messages.append(f"repeated word: '{match.group(0)}'")
    return messages


def length(entry: polib.POEntry, lang: str, _: Glossary) -> list[str]:
    if len(entry.msgid) < 40:
        return []
    low, high = LANGS.get(lang, DEFAULT).length
    ratio = len(entry.msgstr) / len(entry.msgid)
    if ratio < low or ratio > high:
        return [f"length is {ratio:.1f}× the source, far from the norm for {lang} ({low}–{high}×)"]
    return []
