"""Translation memory: what editors already reviewed, offered again for the same or a similar source.

Matching:
- exact: the same source text (any article, any context) gives its reviewed translation;
  when sources were translated differently, the most frequent translation wins, then the
  first by origin, so the choice is deterministic;
- near: the best reviewed source whose similarity (rapidfuzz ``fuzz.ratio``, the
  normalised Indel similarity that Poedit-style tools show) reaches the cutoff.

Comparing every pending unit with every memory entry is quadratic and, for paragraphs,
far too slow (20,000 × 20,000 paragraphs would take minutes even in rapidfuzz). So every
query costs a bounded amount of work, whatever the memory holds:
- short queries (at most ``SHORT`` characters) are scored against every entry of
  compatible length in one ``process.cdist`` call per chunk while that stays within
  ``SCAN_BUDGET`` comparisons (exact, and fast because rapidfuzz compares short strings
  many at a time); beyond it, against the entries sharing the most character trigrams;
- longer queries are scored only against the ``CANDIDATES`` entries sharing the most
  distinctive words with them (an inverted index of words that are not too common, read
  rarest first up to ``IDS_BUDGET`` postings). A paragraph that is 75 % the same in
  characters shares most of its rarer words, so the right candidate is among them; when
  every word is common, word pairs and triples stand in for them;
- a query with nothing distinctive at all is scored against the ``SCAN_LIMIT`` entries
  closest to it in length.
The score itself is always rapidfuzz's, never a guess.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

SHORT = 64  # characters; rapidfuzz's multi-string SIMD path covers strings up to 64
CANDIDATES = 16  # memory entries scored per long query
COMMON = 0.02  # words in more than this share of entries are not indexed (at least MIN_COMMON entries)
MIN_COMMON = 64
MAX_COMMON = 1024  # …and never in more than this many: a posting list is bounded, whatever the memory's size
IDS_BUDGET = 8192  # postings read per query, rarest features first
SCAN_BUDGET = 1_000_000_000  # short-string comparisons (SIMD, ~1 ns each) for the exhaustive pass over short queries
SCAN_LIMIT = 512  # entries scored for a query with nothing distinctive
PHRASES_FROM = 256  # long queries without a distinctive word that pay for indexing word pairs and triples
CHUNK = 2048  # queries per cdist call: bounds the score matrix's memory
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class MemoryEntry:
    source: str
    target: str
    origin: str  # where the reviewed translation lives: an article slug or a TMX file name
    context: str | None = None


@dataclass(frozen=True)
class Match:
    entry: MemoryEntry
    score: int  # 0..100 (rounded), 100 only for an exact match

    @property
    def exact(self) -> bool:
        return self.score == 100


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _phrases(text: str) -> set[str]:
    """Word pairs and triples: distinctive where every single word is common."""
    words = _WORD.findall(text.lower())
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return pairs | {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)}


def _trigrams(text: str) -> set[str]:
    text = f" {text.lower()} "
    return {text[i : i + 3] for i in range(len(text) - 2)}


def _window(length: int, cutoff: float) -> tuple[int, int]:
    """Lengths a string can have and still reach ``cutoff`` (0..100) against one of ``length``.

    ratio = 1 - indel / (a + b) and indel >= |a - b|, so b must lie in this window.
    """
    c = cutoff / 100
    if c <= 0:
        return 0, 1 << 62
    return int(length * c / (2 - c)), int(length * (2 - c) / c) + 1


class Memory:
    """Reviewed (source, target) pairs of one language, indexed for exact and near lookups."""

    def __init__(self, entries: Iterable[MemoryEntry]) -> None:
        grouped: dict[str, Counter[str]] = {}
        first: dict[tuple[str, str], MemoryEntry] = {}
        for entry in sorted(entries, key=lambda e: (e.source, e.origin, e.target, e.context or "")):
            if not entry.source.strip() or not entry.target.strip():
                continue
            grouped.setdefault(entry.source, Counter())[entry.target] += 1
            first.setdefault((entry.source, entry.target), entry)
        chosen: list[MemoryEntry] = []
        for source, targets in grouped.items():
            # most_common keeps first-seen order among equals: the first by origin.
            target = targets.most_common(1)[0][0]
            chosen.append(first[(source, target)])
        # Sorted by length for the length windows; by text within a length for determinism.
        chosen.sort(key=lambda e: (len(e.source), e.source))
        self.entries: tuple[MemoryEntry, ...] = tuple(chosen)
        self._sources = [e.source for e in chosen]
        self._lengths = [len(s) for s in self._sources]
        self._length_array = np.asarray(self._lengths, dtype=np.int64)
        self._exact = {e.source: e for e in chosen}
        self._limit = min(MAX_COMMON, max(MIN_COMMON, int(len(self._sources) * COMMON)))
        self._postings = self._index(_words, long=True)
        self._phrase_postings: dict[str, np.ndarray] | None = None  # built when first needed
        self._trigram_postings: dict[str, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def _index(self, features: Callable[[str], set[str]], long: bool) -> dict[str, np.ndarray]:
        """Feature → entries holding it (long or short entries), for features not too common."""
        postings: dict[str, list[int]] = {}
        for number, source in enumerate(self._sources):
            if (len(source) > SHORT) == long:
                for feature in features(source):
                    postings.setdefault(feature, []).append(number)
        return {w: np.asarray(ids, dtype=np.int32) for w, ids in postings.items() if len(ids) <= self._limit}

    def match(self, queries: Sequence[str], similarity: float) -> list[Match | None]:
        """For each query, its exact match, else its best near match at or above ``similarity`` (0..1)."""
        cutoff = similarity * 100
        found: list[Match | None] = [None] * len(queries)
        short: list[int] = []
        plain: list[int] = []  # long queries without a distinctive word
        for number, query in enumerate(queries):
            entry = self._exact.get(query)
            if entry is not None:
                found[number] = Match(entry, 100)
            elif similarity < 1 and self.entries:
                if len(query) <= SHORT:
                    short.append(number)
                elif not self._near_by(self._postings, _words(query), number, query, cutoff, found):
                    plain.append(number)
        if len(plain) >= PHRASES_FROM and self._phrase_postings is None:
            self._phrase_postings = self._index(_phrases, long=True)
        for number in plain:
            query = queries[number]
            phrases = self._phrase_postings
            if phrases is None or not self._near_by(phrases, _phrases(query), number, query, cutoff, found):
                self._near_by_length(number, query, cutoff, found)
        if self._scan_cost(queries, short, cutoff) <= SCAN_BUDGET:
            self._near_by_scan(queries, short, cutoff, found)
        else:
            if self._trigram_postings is None:
                self._trigram_postings = self._index(_trigrams, long=False)
            for number in short:
                query = queries[number]
                if not self._near_by(self._trigram_postings, _trigrams(query), number, query, cutoff, found):
                    self._near_by_length(number, query, cutoff, found)
        return found

    def _scan_cost(self, queries: Sequence[str], numbers: list[int], cutoff: float) -> int:
        """How many comparisons scoring ``numbers`` against every entry of compatible length takes."""
        cost = 0
        for number in numbers:
            lo, hi = _window(len(queries[number]), cutoff)
            cost += bisect.bisect_right(self._lengths, hi) - bisect.bisect_left(self._lengths, lo)
            if cost > SCAN_BUDGET:
                break
        return cost

    def _near_by_length(self, number: int, query: str, cutoff: float, found: list[Match | None]) -> None:
        """Score the ``SCAN_LIMIT`` entries closest in length: a bounded last resort."""
        lo, hi = _window(len(query), cutoff)
        first, last = bisect.bisect_left(self._lengths, lo), bisect.bisect_right(self._lengths, hi)
        middle = bisect.bisect_left(self._lengths, len(query))
        first = max(first, min(middle - SCAN_LIMIT // 2, last - SCAN_LIMIT))
        last = min(last, first + SCAN_LIMIT)
        if first >= last:
            return
        best = process.extractOne(query, self._sources[first:last], scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            found[number] = Match(self.entries[first + best[2]], min(99, round(best[1])))

    def _near_by(
        self,
        postings: dict[str, np.ndarray],
        features: set[str],
        number: int,
        query: str,
        cutoff: float,
        found: list[Match | None],
    ) -> bool:
        """Score the entries sharing most indexed features; False when the query has none indexed.

        Features are read rarest first, up to ``IDS_BUDGET`` postings: the work per query is
        bounded however large the memory grows.
        """
        lists = sorted((postings[w] for w in features if w in postings), key=len)
        if not lists:
            return False
        total, kept = 0, list[np.ndarray]()
        for ids in lists:
            if kept and total + len(ids) > IDS_BUDGET:
                break
            kept.append(ids)
            total += len(ids)
        lists = kept
        ids, counts = np.unique(np.concatenate(lists), return_counts=True)
        lo, hi = _window(len(query), cutoff)
        lengths = self._length_array[ids]
        keep = (lengths >= lo) & (lengths <= hi)
        ids, counts = ids[keep], counts[keep]
        if len(ids) == 0:
            return True
        if len(ids) > CANDIDATES:
            top = np.argpartition(-counts, CANDIDATES - 1)[:CANDIDATES]
            ids, counts = ids[top], counts[top]
        order = np.lexsort((ids, -counts))
        candidates = [int(i) for i in ids[order]]
        best = process.extractOne(query, [self._sources[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            found[number] = Match(self.entries[candidates[best[2]]], min(99, round(best[1])))
        return True

    def _near_by_scan(
        self, queries: Sequence[str], numbers: list[int], cutoff: float, found: list[Match | None]
    ) -> None:
        """Score every entry of compatible length, a chunk of similar-length queries at a time."""
        numbers = sorted(numbers, key=lambda n: len(queries[n]))
        for start in range(0, len(numbers), CHUNK):
            chunk = numbers[start : start + CHUNK]
            lo = _window(len(queries[chunk[0]]), cutoff)[0]
            hi = _window(len(queries[chunk[-1]]), cutoff)[1]
            first = bisect.bisect_left(self._lengths, lo)
            last = bisect.bisect_right(self._lengths, hi)
            if first >= last:
                continue
            scores = process.cdist(
                [queries[n] for n in chunk],
                self._sources[first:last],
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
                dtype=np.uint8,
                workers=-1,
            )
            best = scores.argmax(axis=1)
            for row, number in enumerate(chunk):
                score = int(scores[row, best[row]])
                if score and score >= cutoff:
                    found[number] = Match(self.entries[first + int(best[row])], min(99, score))
