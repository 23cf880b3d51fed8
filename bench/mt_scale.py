"""MT of an archive: one process against local Ray with 1 and 2 workers, on the same CPUs.

The corpus is ``bench.corpus``'s synthetic archive (default 1,000 articles) with one word of
every sentence replaced at random, so that sentences are distinct as in a real archive
(otherwise the seeds' few hundred paragraphs would repeat and the engine would see each
sentence once), in three languages: ru, kk (through a ``target_prefix``, as NLLB) and tr. The
model is the tests' tiny real Argos package (SentencePiece and a CTranslate2 Transformer that
copies its input, built here), so the engine's share of the work is far smaller than a real
model's: the figures show the overhead of the cluster path, not a real model's speed
(docs/throughput.md turns them into one).

Configurations, each translating every catalog from empty, timed from ``translate()`` to the
last catalog written, with the outputs checked byte-identical:

1. one process, CTranslate2 with as many threads as CPUs;
2. one process, 1 thread (on a machine shared with other work, often faster than 1);
3. local Ray, 1 worker with as many threads as CPUs;
4. local Ray, one worker per CPU with 1 thread each.

Ray's start-up (``ray.init``) is timed apart; its share is start-up / (start-up + run of 4).
Each Ray run also starts its actors (one pool per language); the time to the first block back
is given. The driver's own costs are measured too: reading and writing every catalog, and
protecting and splitting every unit.

Goals: 4 reaches >= 90% of 1's sentences per second; start-up < 15% of the run at 1,000 articles.

Run: python -m bench.mt_scale [--articles 1000] [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("ru", "kk", "tr")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    first_blocks: tuple[float, ...] = ()  # Ray: per language, seconds until the first block came back


@dataclass
class Result:
    articles: int
    entries: int  # per language
    sentences: int  # distinct sentences per language, all languages
    cpus: int
    runs: list[Run] = field(default_factory=list)
    startup: float | None = None  # ray.init; None when Ray was already running
    catalog_io: float = 0.0  # reading and writing every catalog once
    planning: float = 0.0  # protecting and splitting every unit once
    identical: bool = True

    def rate(self, run: Run) -> float:
        return self.sentences / run.seconds


def diversify(root: Path, seed: int = 11) -> None:
    """One word of every body sentence replaced by another of the corpus, so that sentences differ."""
    paths = sorted((root / "seeds").glob("*.md"))
    vocabulary = sorted({w for p in paths for w in _WORD.findall(p.read_text(encoding="utf-8").split("---", 2)[-1])})
    rng = random.Random(seed)
    for path in paths:
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        lines = []
        for line in body.split("\n"):
            if line.strip() and not line.startswith("#"):
                parts = []
                for sentence in _SENTENCE.split(line):
                    words = list(_WORD.finditer(sentence))
                    if words:
                        w = rng.choice(words)
                        sentence = sentence[: w.start()] + rng.choice(vocabulary) + sentence[w.end() :]
                    parts.append(sentence)
                line = " ".join(parts)
            lines.append(line)
        path.write_text(f"---{front}---" + "\n".join(lines), encoding="utf-8")


def prepare(work: Path, articles: int) -> Path:
    """The corpus project with its catalogs created (all empty), a pristine copy, and the three models."""
    from bench.corpus import make_corpus
    from tests.tinymodel import build_package
    from workflow.config import load_config
    from workflow.models import install
    from workflow.pipeline import extract, update

    root = make_corpus(work / "proj", articles, LANGS, translated=False)
    diversify(root)
    packages = work / "packages"
    for lang in LANGS:
        prefix = "kaz_Cyrl" if lang == "kk" else ""
        install(build_package(work, to_code=lang, target_prefix=prefix, upper=True).archive, packages)
    with (root / "workflow.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'[paths]\nmodels = "{packages}"\n')
    config = load_config(root)
    extract(config)
    update(config, list(LANGS))
    shutil.copytree(config.locales_dir, work / "pristine")
    return root


def reset(root: Path, work: Path) -> None:
    shutil.rmtree(root / "locales")
    shutil.copytree(work / "pristine", root / "locales")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def driver_costs(root: Path) -> tuple[float, float, int, int]:
    """Seconds to read and write every catalog, seconds to plan every unit; entries and sentences per language."""
    from workflow.catalogs import read_catalog, write_catalog
    from workflow.config import load_config
    from workflow.pretranslate.argos import plan_units

    config = load_config(root)
    paths = [config.po_path(lang, p.stem) for lang in LANGS for p in sorted(config.seeds_dir.glob("*.md"))]
    start = time.perf_counter()
    for path in paths:
        write_catalog(path, read_catalog(path))
    io_seconds = time.perf_counter() - start
    texts = list(dict.fromkeys(e.msgid for p in paths[: len(paths) // len(LANGS)] for e in read_catalog(p) if e.msgid))
    start = time.perf_counter()
    _, sentences = plan_units(texts)
    planning = (time.perf_counter() - start) * len(LANGS)
    return io_seconds, planning, len(texts), len(sentences) * len(LANGS)


def timed_first_blocks() -> tuple[list[float], object]:
    """Record, per Ray run of a language, the seconds until its first block came back (actors start first)."""
    from workflow.pretranslate import cluster

    firsts: list[float] = []
    original = cluster.RayEngine.translate

    def translate(self: cluster.RayEngine, sentences: Sequence[str]) -> Iterator[list[str]]:
        start = time.perf_counter()
        for number, block in enumerate(original(self, sentences)):
            if number == 0:
                firsts.append(time.perf_counter() - start)
            yield block

    cluster.RayEngine.translate = translate  # type: ignore[method-assign]
    return firsts, original


def translate_all(root: Path, work: Path, name: str, **mt: object) -> tuple[Run, dict[str, bytes]]:
    from workflow.config import load_config
    from workflow.pretranslate.fill import translate

    reset(root, work)
    config = load_config(root)
    config = dataclasses.replace(config, mt=dataclasses.replace(config.mt, **mt))  # type: ignore[arg-type]
    start = time.perf_counter()
    summaries = translate(config, list(LANGS), chain=("argos",))
    seconds = time.perf_counter() - start
    for summary in summaries:
        if summary.left or not summary.mt:
            raise SystemExit(f"{name}: {summary.line()}")
    return Run(name, seconds), snapshot(root)


def measure(work: Path, articles: int, cpus: int | None = None) -> Result:
    """Every configuration on a corpus of ``articles`` articles in ``work``; starts local Ray unless it runs."""
    import ray

    from workflow.pretranslate import argos, cluster

    cpus = cpus or os.cpu_count() or 2
    root = prepare(work, articles)
    io_seconds, planning, entries, sentences = driver_costs(root)
    result = Result(articles, entries, sentences, cpus, catalog_io=io_seconds, planning=planning)

    single, expected = translate_all(root, work, f"one process, {cpus} threads", threads=cpus)
    result.runs.append(single)
    argos._ENGINES.clear()  # its idle thread pool must not slow down what follows
    one, got = translate_all(root, work, "one process, 1 thread", threads=1)
    result.runs.append(one)
    result.identical = got == expected
    argos._ENGINES.clear()

    if not ray.is_initialized():
        start = time.perf_counter()
        ray.init(
            num_cpus=cpus,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            _node_ip_address="127.0.0.1",
        )
        result.startup = time.perf_counter() - start
    firsts, original = timed_first_blocks()
    try:
        for workers, threads in ((1, cpus), (cpus, 1)):
            firsts.clear()
            name = f"local Ray, {workers} worker(s) × {threads} thread(s)"
            run, got = translate_all(root, work, name, cluster="ray", workers=workers, threads=threads)
            result.runs.append(dataclasses.replace(run, first_blocks=tuple(firsts)))
            result.identical = result.identical and got == expected
    finally:
        cluster.RayEngine.translate = original  # type: ignore[method-assign]
    return result


def report(result: Result) -> list[str]:
    single = result.runs[0]
    lines = [
        f"corpus: {result.articles:,} articles × {len(LANGS)} languages ({', '.join(LANGS)}), "
        f"{result.entries:,} entries per language, {result.sentences:,} distinct sentences in all; "
        f"tiny real model (copies its input); {result.cpus} CPU(s)",
        f"{'configuration':40}{'seconds':>10}{'sentences/s':>14}{'of one process':>16}",
    ]
    for run in result.runs:
        lines.append(
            f"{run.name:40}{run.seconds:>10.1f}{result.rate(run):>14,.0f}{result.rate(run) / result.rate(single):>16.0%}"
        )
    last = result.runs[-1]
    if result.startup is not None:
        share = result.startup / (result.startup + last.seconds)
        lines.append(
            f"Ray start-up (ray.init): {result.startup:.1f} s = {share:.0%} of start-up + the last run (goal < 15%)"
        )
    else:
        lines.append("Ray start-up: not measured (Ray was already running)")
    for run in result.runs[2:]:
        firsts = ", ".join(f"{s:.1f}" for s in run.first_blocks)
        lines.append(f"{run.name}: seconds to the first block per language (actors start): {firsts}")
    lines.append(
        f"driver, one pass: reading and writing every catalog {result.catalog_io:.1f} s, "
        f"protecting and splitting every unit {result.planning:.1f} s"
    )
    ratio = result.rate(last) / result.rate(single)
    lines.append(
        f"{last.name} against {single.name}: {ratio:.0%} (goal >= 90%: {'met' if ratio >= 0.9 else 'NOT met'})"
    )
    best = max(result.runs[:2], key=result.rate)
    lines.append(
        f"{last.name} against the faster one process ({best.name}): {result.rate(last) / result.rate(best):.0%}"
    )
    lines.append(f"catalogs byte-identical across all runs: {'yes' if result.identical else 'NO'}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="12 articles: a smoke test in seconds")
    args = parser.parse_args(argv)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    work = Path(tempfile.mkdtemp(prefix="mt-scale-"))
    try:
        # argostranslate reads these when imported: keep it inside the bench's folder.
        os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(work / name.lower())
        result = measure(work, 12 if args.quick else args.articles)
    finally:
        import ray

        ray.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report(result)))
    if not result.identical:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
