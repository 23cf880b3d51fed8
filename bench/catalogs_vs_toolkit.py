"""Extract + update of three languages: workflow vs Translate Toolkit (md2po + pot2po) and GNU msgmerge.

Same corpus, same run. Stage 1 creates the catalogs from nothing; stage 2 updates them after
10% of the articles had a paragraph edited. Each tool runs as its own processes; wall time,
CPU time (user + system of the processes: steadier than wall time on a busy machine) and peak
memory (max RSS of the processes) are printed, with the ratios to ours, and the load average.

    python -m bench.catalogs_vs_toolkit [--articles 1000] [--quick]

``--quick`` (5 articles, seconds) checks that the bench runs, not speed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus
from bench.prepare import compile_workflow

LANGS = ("ru", "kk", "tr")
# Runs a command; prints the peak RSS (KiB) of its largest process and the CPU seconds of all of them.
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
    "sys.exit(code)\n"
)


def run(cmd: list[str], cwd: Path) -> tuple[int, float]:
    """Run ``cmd``; return its peak RSS in KiB and its CPU seconds."""
    out = subprocess.run([sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    peak, cpu = out.stdout.strip().splitlines()[-1].split()
    return int(peak), float(cpu)


def timed(label: str, steps: list[tuple[list[str], Path]]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of ``steps`` run one after the other."""
    # Outside the clock, the writes of what ran before (the corpus, the other tool) reach the disk:
    # workflow makes its own writes durable, and would otherwise also pay for flushing theirs.
    os.sync()
    start = time.perf_counter()
    peak, cpu = 0, 0.0
    for cmd, cwd in steps:
        step_peak, step_cpu = run(cmd, cwd)
        peak, cpu = max(peak, step_peak), cpu + step_cpu
    elapsed = time.perf_counter() - start
    print(f"  {label:<40} {elapsed:8.2f} s wall {cpu:8.2f} s CPU   peak {peak / 1024:6.1f} MB", flush=True)
    return elapsed, cpu, peak


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def edit_sources(project: Path, share: float = 0.1, seed: int = 11) -> None:
    rng = random.Random(seed)
    for path in sorted((project / "seeds").glob("*.md")):
        if rng.random() < share:
            text = path.read_text(encoding="utf-8")
            head, _, body = text.partition("\n---\n")
            paragraphs = body.split("\n\n")
            i = rng.randrange(1, len(paragraphs))
            paragraphs[i] = paragraphs[i].replace(" the ", " this ", 1) + " (updated)"
            path.write_text(head + "\n---\n" + "\n\n".join(paragraphs), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="5 articles: checks that the bench runs")
    args = parser.parse_args()
    n_articles = 5 if args.quick else args.articles
    # The venv's scripts need not be on PATH (python -m bench… from a fresh clone).
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    tk = [shutil.which(name, path=path) for name in ("md2po", "pot2po", "msgmerge")]
    if not all(tk):
        raise SystemExit("needs md2po and pot2po (pip install translate-toolkit) and msgmerge (gettext)")
    workflow = [sys.executable, "-m", "workflow"]
    with tempfile.TemporaryDirectory() as tmp:
        ours = make_corpus(Path(tmp) / "ours", n_articles, LANGS, translated=False)
        theirs = Path(tmp) / "tk"
        shutil.copytree(ours / "seeds", theirs / "seeds")
        md2po = [tk[0], "--pot", "--duplicates=merge", "-i", "seeds", "-o", "pot"]

        def pot2po(lang: str, template: bool) -> list[str]:
            cmd = [tk[1], "-i", "pot", "-o", f"{lang}.new" if template else lang]
            return cmd + (["-t", lang] if template else [])

        compile_workflow()
        print(f"{n_articles} articles, {len(LANGS)} languages; {load()}; bytecode compiled beforehand")
        print("stage 1: create catalogs")
        ours1, ours1_cpu, ours1_mem = timed(
            "workflow extract + update", [(workflow + ["extract"], ours), (workflow + ["update"], ours)]
        )
        tk1, tk1_cpu, tk1_mem = timed(
            "Translate Toolkit md2po + pot2po", [(md2po, theirs)] + [(pot2po(lang, False), theirs) for lang in LANGS]
        )

        edit_sources(ours)
        shutil.rmtree(theirs / "seeds")
        shutil.copytree(ours / "seeds", theirs / "seeds")
        print("stage 2: update after editing 10% of the articles")
        ours2, ours2_cpu, ours2_mem = timed(
            "workflow extract + update", [(workflow + ["extract"], ours), (workflow + ["update"], ours)]
        )
        tk2, tk2_cpu, tk2_mem = timed(
            "Translate Toolkit md2po + pot2po -t",
            [(md2po, theirs)] + [(pot2po(lang, True), theirs) for lang in LANGS],
        )
        merge_script = (
            "set -e; for l in " + " ".join(LANGS) + "; do for f in pot/*.pot; do b=$(basename $f .pot); "
            "msgmerge -q --previous -o $l.gnu/$b.po $l/$b.po $f; done; done"
        )
        for lang in LANGS:
            (theirs / f"{lang}.gnu").mkdir()
        gnu2, gnu2_cpu, gnu2_mem = timed("GNU msgmerge (update step only)", [(["bash", "-c", merge_script], theirs)])
        print(f"\n{load()}\n{'workflow is … faster':42} {'wall':>8} {'CPU':>8}")
        rows = [
            ("create, than Translate Toolkit", tk1 / ours1, tk1_cpu / ours1_cpu),
            ("update, than Translate Toolkit", tk2 / ours2, tk2_cpu / ours2_cpu),
            ("update, than GNU msgmerge (no extract)", gnu2 / ours2, gnu2_cpu / ours2_cpu),
            (
                "end to end, than Translate Toolkit",
                (tk1 + tk2) / (ours1 + ours2),
                (tk1_cpu + tk2_cpu) / (ours1_cpu + ours2_cpu),
            ),
        ]
        for label, wall, cpu in rows:
            print(f"  {label:40} {wall:7.1f}x {cpu:7.1f}x")
        print(
            f"peak memory: workflow {max(ours1_mem, ours2_mem) / 1024:.0f} MB, "
            f"Translate Toolkit {max(tk1_mem, tk2_mem) / 1024:.0f} MB, msgmerge {gnu2_mem / 1024:.0f} MB"
        )


if __name__ == "__main__":
    main()
