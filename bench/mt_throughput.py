"""MT throughput in sentences per second, one run, one model, the same units:

(a) ``workflow translate`` (the stage: read catalogs, protect, split, batch through
    CTranslate2, restore, write catalogs), MT only;
(b) argostranslate's ``translate()`` called once per unit, as a script would use it;
(c) bare CTranslate2 ``translate_batch`` over the same sentences, pre-tokenized: the
    engine's limit, with the decoding settings (a) uses.

The model is the tests' tiny real Argos package (SentencePiece + a CTranslate2
Transformer that copies its input), built here; the units are the seed articles'
entries (a few hundred sentences). Each figure is the best of ``--repeat`` runs after a
warm-up, models loaded before timing, each configuration in a fresh process: two
CTranslate2 thread pools alive in one process slow each other down several-fold, which
would distort whichever is measured second. (b) and (c) run with CTranslate2's default
threading (intra_threads=0, argostranslate's default) and with one intra-op thread; (a)
runs with both too, so each comparison is like with like.

argostranslate's own sentence splitter (MiniSBD) downloads a model on first use; this
machine is offline, so for (b) its splitter is replaced by workflow's offline one.

Goals: (a) >= 3x (b) at argostranslate's defaults; (a) >= 85% of (c) at the same threads.

Run: python -m bench.mt_throughput [--repeat 3] [--quick]

``--quick`` (one article, one run, default threading only) checks that the bench runs, not speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CONFIG, make_project

NAMES = {
    "a": "(a) workflow translate (stage, MT only)",
    "b": "(b) argostranslate translate() per unit",
    "c": "(c) bare CTranslate2 translate_batch",
}


def best_of(repeat: int, run: Callable[[], None], before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def isolate(work: Path) -> None:
    """argostranslate reads these when imported: keep it inside the bench's folder."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(work / name.lower())


def prepare(work: Path, *, quick: bool = False) -> None:
    from tests.tinymodel import build_package
    from workflow.config import load_config
    from workflow.models import install
    from workflow.pipeline import extract, update

    tiny = build_package(work, to_code="ru")
    install(tiny.archive, work / "packages")
    models = f'[paths]\nmodels = "{work / "packages"}"\n\n[edition]'
    root = make_project(work / "proj", config=CONFIG.replace("[edition]", models))
    if quick:
        for extra in sorted((root / "seeds").glob("*.md"))[1:]:
            extra.unlink()
    config = load_config(root)
    extract(config)
    update(config, ["ru"])
    shutil.copytree(config.locales_dir / "ru", work / "pristine")


def measure(work: Path, which: str, threads: int, repeat: int) -> tuple[float, int]:
    """Sentences per second of one configuration, in this (fresh) process."""
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)  # read by argostranslate and by workflow
    from workflow.catalogs import read_catalog
    from workflow.config import load_config
    from workflow.pipeline import source_paths
    from workflow.pretranslate import argos as engine_module
    from workflow.pretranslate.fill import is_pending, translate

    config = load_config(work / "proj")
    copies = sorted((work / "pristine" / "LC_MESSAGES").glob("*.po"))
    pristine = {config.po_path("ru", p.stem): p.read_bytes() for p in copies}
    # What translate fills: the pending entries of the articles' catalogs (not ui.po, whose
    # words are the templates', nor plural entries, which MT leaves to a person).
    articles = {path.stem for path in source_paths(config)}
    units = [e.msgid for p in copies if p.stem in articles for e in read_catalog(p) if is_pending(e)]
    _, sentences = engine_module.plan_units(units)
    package = engine_module.find(work / "packages", "en", "ru")
    assert package is not None

    def reset() -> None:
        for path, data in pristine.items():
            path.write_bytes(data)

    if which == "a":

        def stage() -> None:
            result = translate(config, ["ru"], chain=("argos",))[0]
            assert result.mt == len(units), result.line()

        reset()
        stage()  # warm-up: loads the model (kept for the next run, as in a long session)
        return len(sentences) / best_of(repeat, stage, reset), len(sentences)

    if which == "c":
        import ctranslate2

        engine = engine_module.load_engine(package)
        tokens = engine.encode(sentences)
        options = engine.options
        engine_module._ENGINES.clear()  # only the bare translator stays alive
        del engine
        bare = ctranslate2.Translator(
            str(package.path / "model"), device="cpu", intra_threads=threads, compute_type=options.compute_type
        )
        bare.translate_batch(tokens[:8])

        def engine_limit() -> None:
            bare.translate_batch(
                tokens,
                max_batch_size=options.max_batch_size,
                batch_type=options.batch_type,
                beam_size=options.beam_size,
                num_hypotheses=1,
                length_penalty=0.2,
                replace_unknowns=True,
            )

        return len(sentences) / best_of(repeat, engine_limit), len(sentences)

    from argostranslate import sbd
    from argostranslate import translate as argos

    from workflow.pretranslate.sentences import split

    def offline_split(self: object, text: str) -> list[str]:
        return split(text) or [text]

    sbd.MiniSBDSentencizer.split_sentences = offline_split  # type: ignore[method-assign]
    sbd.StanzaSentencizer.split_sentences = offline_split  # type: ignore[method-assign]
    for text in units[:3]:
        argos.translate(text, "en", "ru")  # warm-up: loads the model

    def per_unit() -> None:
        for text in units:
            argos.translate(text, "en", "ru")

    return len(sentences) / best_of(repeat, per_unit), len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one article, one run: checks that the bench runs")
    parser.add_argument("--measure", choices=sorted(NAMES), help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        isolate(args.work)
        rate, count = measure(args.work, args.measure, args.threads, args.repeat)
        print(f"{rate} {count}")
        return

    repeat, all_threads = (1, (0,)) if args.quick else (args.repeat, (0, 1))
    work = Path(tempfile.mkdtemp(prefix="mt-bench-"))
    try:
        isolate(work)
        prepare(work, quick=args.quick)
        figures: dict[tuple[str, int], float] = {}
        count = 0
        for which in NAMES:
            for threads in all_threads:
                out = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "bench.mt_throughput",
                        "--measure",
                        which,
                        "--threads",
                        str(threads),
                        "--work",
                        str(work),
                        "--repeat",
                        str(repeat),
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if out.returncode != 0:
                    raise SystemExit(f"{NAMES[which]} failed:\n{out.stderr[-3000:]}")
                rate, number = out.stdout.split()[-2:]
                figures[(which, threads)], count = float(rate), int(number)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"units: the seed articles' entries, {count} sentences; tiny model (copies its input)")
    print("decoding as argostranslate: beam 4, compute_type auto (int8 on this CPU); (a) and (c) batch 1024 tokens")
    print("(b) uses workflow's offline sentence splitter in place of argostranslate's MiniSBD, which downloads")
    print(f"{'sentences/second':44}{'intra_threads=0 (default)':>27}{'intra_threads=1':>18}")
    for key, name in NAMES.items():
        one = f"{figures[(key, 1)]:>18,.0f}" if (key, 1) in figures else f"{'(not run)':>18}"
        print(f"{name:44}{figures[(key, 0)]:>27,.0f}{one}")
    ab = figures[("a", 0)] / figures[("b", 0)]
    print(f"(a)/(b) at argostranslate's defaults: {ab:.1f}x (goal >= 3x: {'met' if ab >= 3 else 'NOT met'})")
    if ("a", 1) in figures:
        print(f"(a)/(b) at intra_threads=1: {figures[('a', 1)] / figures[('b', 1)]:.1f}x")
    for threads in all_threads:
        ac = figures[("a", threads)] / figures[("c", threads)]
        print(f"(a)/(c) at intra_threads={threads}: {ac:.0%} (goal >= 85%: {'met' if ac >= 0.85 else 'NOT met'})")


if __name__ == "__main__":
    main()
