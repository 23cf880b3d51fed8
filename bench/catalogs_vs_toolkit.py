"""Extract + update of three languages: workflow vs Translate Toolkit (md2po + pot2po) and GNU msgmerge.

Same corpus, same run. Stage 1 creates the catalogs from nothing; stage 2 updates them after
10% of the articles had a paragraph edited. Each tool runs as its own processes; wall time
and peak memory (max RSS of the processes) are printed, with the ratio to ours.

    python -m bench.catalogs_vs_toolkit [--articles 1000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus

LANGS = ("ru", "kk", "tr")
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def run(cmd: list[str], cwd: Path) -> int:
    """Run ``cmd``; return its peak RSS in KiB."""
    out = subprocess.run([sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    return int(out.stdout.strip().splitlines()[-1])


def timed(label: str, steps: list[tuple[list[str], Path]]) -> tuple[float, int]:
    start = time.perf_counter()
    peak = 0
    for cmd, cwd in steps:
        peak = max(peak, run(cmd, cwd))
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:8.2f} s   peak {peak / 1024:7.1f} MB", flush=True)
    return elapsed, peak


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
    args = parser.parse_args()
    tk = [shutil.which("md2po"), shutil.which("pot2po"), shutil.which("msgmerge")]
    if not all(tk):
        raise SystemExit("needs md2po and pot2po (pip install translate-toolkit) and msgmerge (gettext)")
    workflow = [sys.executable, "-m", "workflow"]
    with tempfile.TemporaryDirectory() as tmp:
        ours = make_corpus(Path(tmp) / "ours", args.articles, LANGS, translated=False)
        theirs = Path(tmp) / "tk"
        shutil.copytree(ours / "seeds", theirs / "seeds")
        md2po = [tk[0], "--pot", "--duplicates=merge", "-i", "seeds", "-o", "pot"]

        def pot2po(lang: str, template: bool) -> list[str]:
            cmd = [tk[1], "-i", "pot", "-o", f"{lang}.new" if template else lang]
            return cmd + (["-t", lang] if template else [])

        print(f"{args.articles} articles, {len(LANGS)} languages")
        print("stage 1: create catalogs")
        ours1, ours1_mem = timed(
            "workflow extract + update", [(workflow + ["extract"], ours), (workflow + ["update"], ours)]
        )
        tk1, tk1_mem = timed(
            "Translate Toolkit md2po + pot2po", [(md2po, theirs)] + [(pot2po(lang, False), theirs) for lang in LANGS]
        )

        edit_sources(ours)
        shutil.rmtree(theirs / "seeds")
        shutil.copytree(ours / "seeds", theirs / "seeds")
        print("stage 2: update after editing 10% of the articles")
        ours2, ours2_mem = timed(
            "workflow extract + update", [(workflow + ["extract"], ours), (workflow + ["update"], ours)]
        )
        tk2, tk2_mem = timed(
            "Translate Toolkit md2po + pot2po -t",
            [(md2po, theirs)] + [(pot2po(lang, True), theirs) for lang in LANGS],
        )
        merge_script = (
            "set -e; for l in " + " ".join(LANGS) + "; do for f in pot/*.pot; do b=$(basename $f .pot); "
            "msgmerge -q --previous -o $l.gnu/$b.po $l/$b.po $f; done; done"
        )
        for lang in LANGS:
            (theirs / f"{lang}.gnu").mkdir()
        gnu2, gnu2_mem = timed("GNU msgmerge (update step only)", [(["bash", "-c", merge_script], theirs)])
        print()
        print(f"create: workflow is {tk1 / ours1:.1f}x faster than Translate Toolkit")
        print(
            f"update: workflow is {tk2 / ours2:.1f}x faster than Translate Toolkit, "
            f"{gnu2 / ours2:.1f}x GNU msgmerge (which does not extract)"
        )
        print(f"end to end: {(tk1 + tk2) / (ours1 + ours2):.1f}x faster than Translate Toolkit")
        print(
            f"peak memory: workflow {max(ours1_mem, ours2_mem) / 1024:.0f} MB, "
            f"Translate Toolkit {max(tk1_mem, tk2_mem) / 1024:.0f} MB, msgmerge {gnu2_mem / 1024:.0f} MB"
        )


if __name__ == "__main__":
    main()
