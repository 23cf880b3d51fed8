"""Checks across every catalog of one language: one thing written one way in the whole project.

A reviewer reads the edition, not one catalog, and notices what one catalog cannot show:

- ``consistency``: the same term written two ways in the language's catalogs: one compound
  closed, open or hyphenated ("kültürlerarası" / "kültürler arası", "sosyo-politik" /
  "sosyopolitik"); one numbered thing in Roman and in Arabic numerals ("XXVII сессия" /
  "27-й сессии"); and, where the language builds adjectives from country names, one
  compound from the short and the long name ("казахстанско-узбекский" /
  "казахстанско-узбекистанский").
- ``yo``: a word written with ё in one place and with е in another («ещё» / «еще»), in a
  language whose house style may choose either but must keep to one.

The project is the catalogs next to the one checked (``<lang>/LC_MESSAGES/*.po``, the UI's
too), read once per run. Findings go on the entries that write the less frequent form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..catalogs import read_catalog
from ..errors import CatalogError
from ..glossary import fold
from .base import Catalog, Hit, Severity, has_translation
from .langdata import lang_data
from .numbers import _roman
from .spans import prose

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
Key = tuple[str, str | None, str]  # (slug, msgctxt, msgid)
Texts = dict[Key, str]  # every translated entry of the language: its translation's prose
Finder = Callable[[Texts, str], dict[Key, list[str]]]


@lru_cache(maxsize=64)
def _texts(folder: Path, stamps: tuple[tuple[str, int], ...]) -> Texts:
    texts: Texts = {}
    for name, _ in stamps:
        try:
            po = read_catalog(folder / name)
        except CatalogError:
            continue  # an unreadable catalog has its own msgfmt finding
        for entry in po:
            if entry.obsolete or not has_translation(entry):
                continue
            text = entry.msgstr or " ".join(v for _, v in sorted(entry.msgstr_plural.items()))
            texts[(Path(name).stem, entry.msgctxt, entry.msgid)] = prose(text)
    return texts


def project_texts(catalog: Catalog) -> Texts:
    """The translations of every catalog of the language, the checked one as it is in memory."""
    folder = catalog.path.parent
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.po") if p.is_file()))
    texts = dict(_texts(folder, stamps))
    for key in [k for k in texts if k[0] == catalog.slug]:
        del texts[key]
    for entry in catalog.po:
        if not entry.obsolete and has_translation(entry):
            text = entry.msgstr or " ".join(v for _, v in sorted(entry.msgstr_plural.items()))
            texts[(catalog.slug, entry.msgctxt, entry.msgid)] = prose(text)
    return texts


def _report(forms: dict[str, dict[str, set[Key]]], what: str) -> dict[Key, list[str]]:
    """For each group of variant forms, a message on the entries that write a less frequent form."""
    found: dict[Key, list[str]] = defaultdict(list)
    for variants in forms.values():
        if len(variants) < 2:
            continue
        ranked = sorted(variants, key=lambda form: (-len(variants[form]), form))
        main = ranked[0]
        for form in ranked[1:]:
            for key in sorted(variants[form], key=lambda k: (k[0], k[2])):
                found[key].append(f"'{form}' here, '{main}' elsewhere ({_where(variants, main)}): {what}")
    return found


def _where(forms: dict[str, set[Key]], form: str) -> str:
    slugs = sorted({key[0] for key in forms[form]})
    return ", ".join(slugs[:3]) + (" …" if len(slugs) > 3 else "")


def _is_name(text: str, match: re.Match[str]) -> bool:
    """A proper name keeps its own spelling: "Nur-Sultan" the city and "Nursultan" the man.

    A capital that opens a sentence, a quotation or the unit is not a name's.
    """
    word = match.group(0)
    if not word[:1].isupper() or word.isupper():
        return False
    before = text[: match.start()].rstrip()
    return bool(before) and before[-1] not in '.!?:;«“"(—–-'


def _compound_variants(texts: Texts, lang: str) -> dict[str, dict[str, set[Key]]]:
    """Compounds written closed, open and hyphenated, keyed by their closed form (names left out)."""
    words: dict[str, set[Key]] = defaultdict(set)
    pairs: dict[str, set[Key]] = defaultdict(set)
    for key, text in texts.items():
        tokens = [m.group(0) for m in _WORD.finditer(text) if not _is_name(text, m)]
        for word in tokens:
            words[fold(word, lang)].add(key)
        for first, second in zip(tokens, tokens[1:], strict=False):
            if not re.search(r"['’-]", first + second) and text.find(f"{first} {second}") >= 0:
                pairs[fold(f"{first} {second}", lang)].add(key)
    data = lang_data(lang)
    skip = data.function_words | data.open_compound_parts
    groups: dict[str, dict[str, set[Key]]] = defaultdict(dict)
    for word, keys in words.items():
        if "-" in word and "'" not in word:
            closed = word.replace("-", "")
            if closed in words and len(closed) >= 6:
                groups[closed][word] = keys
                groups[closed][closed] = words[closed]
    for pair, keys in pairs.items():
        first, second = pair.split(" ")
        closed = first + second
        if (
            len(first) >= 2
            and len(second) >= 3
            and len(closed) >= 7
            and first not in skip
            and second not in data.enclitics
            and closed in words
        ):
            groups[closed][pair] = keys
            groups[closed][closed] = words[closed]
    return groups


def _numbering_variants(texts: Texts, lang: str) -> dict[str, dict[str, set[Key]]]:
    """One numbered thing in Roman and in Arabic numerals: "XXVII сессия" and "27-й сессии"."""
    roman = re.compile(r"(?<![^\W\d_])([IVXХІ]{2,})\.?\s+([^\W\d_]{4,})")
    arabic = re.compile(r"(?<![\d.,])(\d{1,3})(?:-[^\W\d_]{1,3}\s+|\.\s+|-|\s+)([^\W\d_]{4,})")
    groups: dict[str, dict[str, set[Key]]] = defaultdict(dict)
    for key, text in texts.items():
        for match in roman.finditer(text):
            stem = fold(match.group(2), lang)[:4]
            label = f"{match.group(1)} {stem}…"
            groups[f"{_roman(match.group(1))} {stem}"].setdefault(label, set()).add(key)
        for match in arabic.finditer(text):
            stem = fold(match.group(2), lang)[:4]
            value = int(match.group(1))
            groups[f"{value} {stem}"].setdefault(f"{value} {stem}…", set()).add(key)
    return {name: forms for name, forms in groups.items() if _mixes_numerals(forms)}


def _mixes_numerals(forms: dict[str, set[Key]]) -> bool:
    kinds = {form[0].isdigit() for form in forms}
    return len(kinds) == 2


def _adjective_variants(texts: Texts, lang: str) -> dict[str, dict[str, set[Key]]]:
    """Country adjectives from the short and the long name: "-узбекский" and "-узбекистанский"."""
    endings = lang_data(lang).adjective_endings
    if not endings:
        return {}
    ending = re.compile(rf"(?:{'|'.join(endings)})$")
    by_base: dict[tuple[str, ...], dict[str, set[Key]]] = defaultdict(dict)
    for key, text in texts.items():
        for word in _WORD.findall(text):
            if "-" not in word or "'" in word or "’" in word:
                continue
            parts = fold(word, lang).split("-")
            bases = tuple(ending.sub("", p) for p in parts)
            if all(bases) and ending.search(parts[-1]):
                # Compared within one article: "казахско-узбекская дружба" (of the peoples) in one
                # text and "казахстанско-узбекские отношения" (of the states) in another are both right.
                by_base[(key[0], *bases)].setdefault(word, set()).add(key)
    groups: dict[str, dict[str, set[Key]]] = {}
    seen = sorted(by_base)
    for index, bases in enumerate(seen):
        for other in seen[index + 1 :]:
            if len(other) != len(bases) or bases == other:
                continue
            if bases[0] != other[0]:
                continue
            differ = [(a, b) for a, b in zip(bases[1:], other[1:], strict=True) if a != b]
            if len(differ) == 1 and _extends(*differ[0]):
                name = "-".join(bases)  # the article and the bases
                group = groups.setdefault(name, {})
                for forms in (by_base[bases], by_base[other]):
                    for form, keys in forms.items():
                        group.setdefault(_lemma(form, ending), set()).update(keys)
    return groups


def _extends(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) >= 3


def _lemma(word: str, ending: re.Pattern[str]) -> str:
    return "-".join(ending.sub("", p) for p in word.lower().split("-")) + "-…"


def find_consistency(texts: Texts, lang: str) -> dict[Key, list[str]]:
    found: dict[Key, list[str]] = defaultdict(list)
    for finder, what in (
        (_compound_variants, "one compound written two ways; keep one"),
        (_numbering_variants, "one numbering written in Roman and in Arabic numerals; keep one"),
        (_adjective_variants, "one adjective built from the short and from the long name; keep one"),
    ):
        for key, messages in _report(finder(texts, lang), what).items():
            found[key] += messages
    return found


def find_yo(texts: Texts, lang: str) -> dict[Key, list[str]]:
    pairs = lang_data(lang).optional_letters
    if not pairs:
        return {}
    distinct = lang_data(lang).distinct_yo_words
    groups: dict[str, dict[str, set[Key]]] = defaultdict(dict)
    for key, text in texts.items():
        for word in _WORD.findall(text):
            low = word.lower()
            plain = low
            for letter, bare in pairs:
                plain = plain.replace(letter, bare)
            groups[plain].setdefault(low, set()).add(key)
    forms = {
        plain: variants
        for plain, variants in groups.items()
        if len(variants) > 1 and not any(v in distinct for v in variants)
    }
    letters = ", ".join(f"{a}/{b}" for a, b in pairs)
    return _report(forms, f"{letters} written both ways; keep to the house style")


@dataclass(frozen=True)
class ProjectCheck:
    """A check that reads every catalog of the language and reports on the checked one's entries."""

    name: str
    severity: Severity
    summary: str
    fn: Finder

    def run(self, catalog: Catalog) -> Iterator[Hit]:
        found = self.fn(project_texts(catalog), catalog.lang)
        if not found:
            return
        for entry in catalog.po:
            if entry.obsolete:
                continue
            for message in dict.fromkeys(found.get((catalog.slug, entry.msgctxt, entry.msgid), [])):
                yield Hit(entry, None, message)


CONSISTENCY = ProjectCheck(
    "consistency", "warning", "one term written two ways across the language's catalogs", find_consistency
)
YO = ProjectCheck("yo", "warning", "ё and е in the same word across the language's catalogs (ru)", find_yo)
