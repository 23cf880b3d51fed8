"""Translation memory matching: 20,000 pending units against 20,000 reviewed entries.

Text is generated deterministically: pseudo-words with a Zipf-like frequency (as in real
prose), a mix of short units (headings, names, titles) and paragraphs of 20-120 words.
Pending units are 10 % exact copies of memory entries, 20 % edited copies (a few words
replaced, inserted or dropped) and 70 % new text.

Figures: build and match time (goal: under 5 s for the match), what was found, and the
peer measured in the same run: an exhaustive rapidfuzz ``process.extractOne`` of each
query over every entry, timed on a sample and extrapolated; the sample also shows how
often our best near match equals the exhaustive one.

Run: python -m bench.memory_match [--units 20000] [--sample 200] [--quick]

``--quick`` (500 units, a sample of 20) checks that the bench runs, not speed.
"""

from __future__ import annotations

import argparse
import random
import time

from rapidfuzz import fuzz, process

from workflow.pretranslate.memory import Memory, MemoryEntry

SIMILARITY = 0.75


def vocabulary(rng: random.Random, size: int = 12000) -> tuple[list[str], list[float]]:
    syllables = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["th", "sh", "ch", "st", "an", "er"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)})
    rng.shuffle(words)
    words = words[:size]
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf
    return words, weights


def unit(rng: random.Random, words: list[str], weights: list[float]) -> str:
    count = rng.randint(2, 8) if rng.random() < 0.3 else rng.randint(20, 120)
    text = " ".join(rng.choices(words, weights, k=count))
    return text[:1].upper() + text[1:] + ("" if count < 9 else ".")


def edit(rng: random.Random, text: str, words: list[str], weights: list[float]) -> str:
    tokens = text.split(" ")
    for _ in range(max(1, len(tokens) // rng.randint(12, 30))):
        at = rng.randrange(len(tokens))
        action = rng.random()
        if action < 0.5:
            tokens[at] = rng.choices(words, weights)[0]
        elif action < 0.75:
            tokens.insert(at, rng.choices(words, weights)[0])
        elif len(tokens) > 2:
            del tokens[at]
    return " ".join(tokens)


def corpus(units: int, seed: int = 5) -> tuple[list[MemoryEntry], list[str]]:
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    memory = [MemoryEntry(unit(rng, words, weights), f"t{i}", f"article-{i % 400}") for i in range(units)]
    pending = []
    for _ in range(units):
        roll = rng.random()
        if roll < 0.1:
            pending.append(rng.choice(memory).source)
        elif roll < 0.3:
            pending.append(edit(rng, rng.choice(memory).source, words, weights))
        else:
            pending.append(unit(rng, words, weights))
    return memory, pending


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="500 units, a sample of 20: checks that it runs")
    args = parser.parse_args()
    if args.quick:
        args.units, args.sample = 500, 20

    entries, pending = corpus(args.units)
    print(f"memory: {len(entries)} entries; pending: {len(pending)} units; similarity {SIMILARITY:.0%}")
    avg = sum(len(p) for p in pending) / len(pending)
    print(f"average pending length {avg:.0f} characters")

    start = time.perf_counter()
    memory = Memory(entries)
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = memory.match(pending, SIMILARITY)
    matched = time.perf_counter() - start
    exact = sum(1 for m in found if m is not None and m.exact)
    near = sum(1 for m in found if m is not None and not m.exact)
    print(f"build {built:.2f} s; match {matched:.2f} s ({len(pending) / matched:,.0f} units/s)")
    print(f"found: {exact} exact, {near} near, {len(pending) - exact - near} none")
    print(f"goal: match under 5 s -> {'met' if matched < 5 else 'NOT met'}")

    # Peer: exhaustive rapidfuzz scan, one query at a time, on a sample of non-exact queries.
    rng = random.Random(11)
    sample = rng.sample([i for i, m in enumerate(found) if m is None or not m.exact], args.sample)
    sources = [e.source for e in memory.entries]
    start = time.perf_counter()
    agree = 0
    for i in sample:
        best = process.extractOne(pending[i], sources, scorer=fuzz.ratio, score_cutoff=SIMILARITY * 100)
        ours = found[i]
        if best is None:
            agree += ours is None
        else:
            agree += ours is not None and min(99, round(best[1])) == ours.score
    peer = (time.perf_counter() - start) / len(sample) * len(pending)
    print(
        f"peer (exhaustive extractOne per query): {peer:.1f} s for {len(pending)} units (extrapolated from {len(sample)})"
    )
    print(
        f"ratio peer/ours: {peer / matched:.1f}x; same best score as exhaustive on {agree}/{len(sample)} sampled queries"
    )


if __name__ == "__main__":
    main()
