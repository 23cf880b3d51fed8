"""Article import on the public article-extraction benchmark (181 news and blog pages).

For each page, the body our import keeps is scored against the hand-annotated body with the
benchmark's own metric: tokens are ``\\w+`` runs, shingles are 4 consecutive tokens; per page
tp/fp/fn are shingle-count overlaps normalised by their sum; precision and recall are averaged
over pages (pages with tp+fp = 0 skipped for precision, tp+fn = 0 for recall); F1 comes from the
two averages. Rows: our HTML import (``.html.gz``), our text import (the select-all-and-paste
``.txt``), trafilatura on the same HTML in the same run (plain-text output), and keeping every
line of the text. Pages our import refuses (lost article) count as empty output and are listed.
On the ten pages with hand-read metadata, title, date and author hits are counted for both imports.
Speed is pages per CPU-second of this process (wall time on a shared machine says little).

The data lives beside the repository (``../shared/bench-data/article-extraction-benchmark``);
it is never read by the tests.

Run: python -m bench.import_benchmark [--quick | --limit N] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from workflow.errors import SourceError
from workflow.ingest.importer import _Input, extract_input
from workflow.ingest.model import Extract

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench-data" / "article-extraction-benchmark"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


@dataclass
class Score:
    name: str
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0
    refused: list[str] = field(default_factory=list)

    def add(self, predicted: str, truth: str) -> None:
        pred, gold = shingles(predicted), shingles(truth)
        tp = sum((pred & gold).values())
        fp = sum((pred - gold).values())
        fn = sum((gold - pred).values())
        total = tp + fp + fn
        if total == 0:
            return
        tp, fp, fn = tp / total, fp / total, fn / total
        if tp + fp > 0:
            self.precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            self.recalls.append(tp / (tp + fn))

    def row(self) -> str:
        p = sum(self.precisions) / max(1, len(self.precisions))
        r = sum(self.recalls) / max(1, len(self.recalls))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rate = self.pages / self.seconds if self.seconds else 0.0
        return f"{self.name:<22} F1 {f1:.3f}  P {p:.3f}  R {r:.3f}  {rate:7.1f} pages per CPU-second  refused {len(self.refused)}"


def plain(markdown: str) -> str:
    """Body Markdown reduced to its text (link targets dropped, as a reader sees it)."""
    return re.sub(r"\]\([^)]*\)", "]", markdown)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"\w+", text.lower()))


def run_ours(score: Score, item: _Input, truth: str) -> Extract | None:
    started = time.process_time()
    try:
        extract: Extract | None = extract_input(item)
    except SourceError:
        extract = None
        score.refused.append(item.name)
    score.seconds += time.process_time() - started
    score.pages += 1
    score.add(plain(extract.body) if extract else "", truth)
    return extract


def timed(score: Score, fn: Callable[[], str], truth: str) -> None:
    started = time.process_time()
    text = fn()
    score.seconds += time.process_time() - started
    score.pages += 1
    score.add(text, truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--quick", action="store_true", help="the first 10 pages (seconds)")
    parser.add_argument("--show-errors", action="store_true", help="list refused pages and metadata misses")
    args = parser.parse_args()
    if not (DATA / "ground-truth.json").exists():
        raise SystemExit(f"benchmark data not found in {DATA}")
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: (10 if args.quick else args.limit) or None]
    ours_html, ours_text = Score("workflow import (html)"), Score("workflow import (text)")
    peer, everything = Score("trafilatura (html)"), Score("keep everything (text)")
    hits = Counter[str]()
    misses: list[str] = []
    import gzip

    from workflow.ingest.html import decode_html

    for page in ids:
        body = truth[page]["articleBody"]
        html = decode_html(gzip.decompress((DATA / "html" / f"{page}.html.gz").read_bytes()))
        text = (DATA / "text" / f"{page}.txt").read_text(encoding="utf-8")
        got_html = run_ours(ours_html, _Input(f"html/{page}.html.gz", html, html=True), body)
        got_text = run_ours(ours_text, _Input(f"text/{page}.txt", text, html=False), body)
        timed(peer, lambda html=html: trafilatura.extract(html, include_comments=False) or "", body)
        timed(everything, lambda text=text: text, body)
        meta_path = DATA / "metadata" / f"{page}.json"
        if meta_path.exists():
            expected = json.loads(meta_path.read_text(encoding="utf-8"))
            for kind, got in (("html", got_html), ("text", got_text)):
                title_ok = got is not None and _norm(got.meta.title) == _norm(expected["title"])
                date_ok = got is not None and str(got.meta.date) == expected["date"]
                hits[f"{kind} title"] += title_ok
                hits[f"{kind} date"] += date_ok
                hits[f"{kind} author"] += got is not None and got.meta.author == expected["author"]
                hits[f"{kind} both"] += title_ok and date_ok
                if not (title_ok and date_ok):
                    misses.append(
                        f"{kind} {page[:8]}: title {got.meta.title if got else None!r} date {got.meta.date if got else None}"
                        f" (expected {expected['title']!r} {expected['date']})"
                    )
    print(f"{len(ids)} pages from {DATA}")
    for score in (ours_html, ours_text, peer, everything):
        print(score.row())
    pages = sum(1 for page in ids if (DATA / "metadata" / f"{page}.json").exists())
    for kind in ("html", "text"):
        print(
            f"metadata ({kind}): title {hits[kind + ' title']}/{pages}, date {hits[kind + ' date']}/{pages}, "
            f"both {hits[kind + ' both']}/{pages}, author {hits[kind + ' author']}/{pages}"
        )
    if args.show_errors:
        for score in (ours_html, ours_text):
            for name in score.refused:
                print(f"refused by {score.name}: {name}")
        for line in misses:
            print(line)


if __name__ == "__main__":
    main()
