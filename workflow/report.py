"""Progress as a table for people and as JSON for programs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Progress, State


def status_json(rows: Sequence[Progress]) -> dict[str, Any]:
    def one(row: Progress) -> dict[str, Any]:
        return {
            "article": row.slug,
            "lang": row.lang,
            "total": row.total,
            "words": row.total_words,
            **{state.value: row.counts.get(state, 0) for state in State},
            **{f"{state.value}_words": row.words.get(state, 0) for state in State},
            "complete": round(row.ratio, 4),
        }

    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        lang = totals.setdefault(row.lang, {"total": 0, "words": 0, **{s.value: 0 for s in State}})
        lang["total"] += row.total
        lang["words"] += row.total_words
        for state in State:
            lang[state.value] += row.counts.get(state, 0)
    return {"catalogs": [one(r) for r in rows], "totals": totals}


def status_table(rows: Sequence[Progress]) -> str:
    head = ("article", "lang", "translated", "fuzzy", "untranslated", "words", "done")
    body: list[tuple[str, ...]] = []

    def cells(name: str, lang: str, counts: dict[State, int], words: dict[State, int]) -> tuple[str, ...]:
        total = sum(counts.values())
        done = counts.get(State.TRANSLATED, 0) / total if total else 1.0
        return (
            name,
            lang,
            f"{counts.get(State.TRANSLATED, 0)} ({words.get(State.TRANSLATED, 0)} w)",
            f"{counts.get(State.FUZZY, 0)} ({words.get(State.FUZZY, 0)} w)",
            f"{counts.get(State.UNTRANSLATED, 0)} ({words.get(State.UNTRANSLATED, 0)} w)",
            str(sum(words.values())),
            f"{done:.0%}",
        )

    totals: dict[str, tuple[dict[State, int], dict[State, int]]] = {}
    for row in rows:
        body.append(cells(row.slug, row.lang, row.counts, row.words))
        counts, words = totals.setdefault(row.lang, ({s: 0 for s in State}, {s: 0 for s in State}))
        for state in State:
            counts[state] += row.counts.get(state, 0)
            words[state] += row.words.get(state, 0)
    foot = [cells("total", lang, c, w) for lang, (c, w) in sorted(totals.items())]
    widths = [max(len(r[i]) for r in (head, *body, *foot)) for i in range(len(head))]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule, *map(line, body), rule, *map(line, foot)])
