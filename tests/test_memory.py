"""Translation memory: exact and near matches, which entries count, agreement with an exhaustive scan."""

from __future__ import annotations

import random
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from tests.conftest import make_project
from workflow.catalogs import write_catalog
from workflow.config import load_config
from workflow.pretranslate.memory import Memory, MemoryEntry
from workflow.pretranslate.tmstore import memory_entries

PARAGRAPH = (
    "Parliamentary diplomacy plays a special role in strengthening allied relations, which has recently "
    "been gaining more and more progressive character between the two brotherly states."
)


def test_exact_match_names_its_origin() -> None:
    memory = Memory([MemoryEntry("Conclusion", "Заключение", "formula")])
    (match,) = memory.match(["Conclusion"], 0.75)
    assert match is not None and match.exact and match.score == 100
    assert match.entry.target == "Заключение" and match.entry.origin == "formula"


def test_most_frequent_translation_wins_then_first_origin() -> None:
    memory = Memory(
        [
            MemoryEntry("Astana", "Астана", "b-article"),
            MemoryEntry("Astana", "Нур-Султан", "a-article"),
            MemoryEntry("Astana", "Астана", "c-article"),
            MemoryEntry("Tashkent", "Ташкент", "z"),
            MemoryEntry("Tashkent", "Тошкент", "y"),
        ]
    )
    astana, tashkent = memory.match(["Astana", "Tashkent"], 0.75)
    assert astana is not None and astana.entry.target == "Астана" and astana.entry.origin == "b-article"
    assert tashkent is not None and tashkent.entry.origin == "y"


def test_near_match_of_an_edited_paragraph() -> None:
    edited = PARAGRAPH.replace("special role", "particular role").replace("brotherly", "fraternal")
    memory = Memory(
        [MemoryEntry(PARAGRAPH, "Парламентская дипломатия …", "visit"), MemoryEntry("Other", "Другое", "x")]
    )
    (match,) = memory.match([edited], 0.75)
    assert match is not None and not match.exact
    assert match.entry.source == PARAGRAPH
    assert match.score == round(fuzz.ratio(edited, PARAGRAPH)) and 75 <= match.score < 100


def test_near_match_of_a_short_text_and_cutoff() -> None:
    memory = Memory([MemoryEntry("Conclusions", "Выводы", "a"), MemoryEntry("Introduction", "Введение", "a")])
    near, far = memory.match(["Conclusion", "Summary"], 0.75)
    assert near is not None and near.entry.source == "Conclusions" and near.score == 95
    assert far is None
    assert memory.match(["Conclusion"], 1.0) == [None]  # similarity 1: exact matches only


def test_empty_memory_and_empty_targets() -> None:
    assert Memory([]).match(["Anything"], 0.5) == [None]
    assert len(Memory([MemoryEntry("Source", "  ", "a")])) == 0


def _corpus(count: int, seed: int) -> tuple[list[MemoryEntry], list[str]]:
    rng = random.Random(seed)
    words = [f"w{n}{'x' * (n % 5)}" for n in range(600)]
    weights = [1 / (rank + 1) for rank in range(len(words))]

    def text() -> str:
        return " ".join(rng.choices(words, weights, k=rng.choice([2, 4, 6, 25, 40, 60])))

    entries = [MemoryEntry(text(), f"t{i}", "a") for i in range(count)]
    queries = []
    for _ in range(count):
        source = rng.choice(entries).source.split(" ")
        if rng.random() < 0.5:
            for _ in range(max(1, len(source) // 10)):
                source[rng.randrange(len(source))] = rng.choice(words)
            queries.append(" ".join(source))
        else:
            queries.append(text())
    return entries, queries


def test_agrees_with_an_exhaustive_rapidfuzz_scan() -> None:
    entries, queries = _corpus(600, seed=3)
    memory = Memory(entries)
    sources = [e.source for e in memory.entries]
    found = memory.match(queries, 0.75)
    agree = 0
    for query, ours in zip(queries, found, strict=True):
        best = process.extractOne(query, sources, scorer=fuzz.ratio, score_cutoff=75)
        expected = None if best is None else (100 if best[1] == 100 else min(99, round(best[1])))
        got = None if ours is None else ours.score
        if expected is not None and expected >= 90:
            assert got == expected, query  # a close edit is never missed
        agree += got == expected
    assert agree >= 0.97 * len(queries)


def _catalog(entries: list[polib.POEntry]) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    for entry in entries:
        po.append(entry)
    return po


def test_memory_holds_reviewed_entries_only(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", seeds=False)
    config = load_config(root)
    po = _catalog(
        [
            polib.POEntry(msgid="Reviewed", msgstr="Проверено"),
            polib.POEntry(msgid="Suggested", msgstr="Предложено", flags=["fuzzy"]),
            polib.POEntry(msgid="Empty", msgstr=""),
            polib.POEntry(msgid="Gone", msgstr="Ушло", obsolete=True),
            polib.POEntry(msgctxt="title", msgid="Title", msgstr="Заголовок"),
        ]
    )
    write_catalog(config.po_path("ru", "one"), po)
    write_catalog(config.po_path("kk", "one"), _catalog([polib.POEntry(msgid="Reviewed", msgstr="Тексерілді")]))
    found = memory_entries(config, "ru")
    assert [(e.source, e.target, e.origin, e.context) for e in found] == [
        ("Reviewed", "Проверено", "one", None),
        ("Title", "Заголовок", "one", "title"),
    ]
