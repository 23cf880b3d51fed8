"""Editions of all four languages, HTML and EPUB: workflow against Sphinx + MyST, same corpus, same run.

For each size (default 100, 300 and 1,000 articles) bench.corpus makes a project (sources,
and catalogs pseudo-translated: most entries reviewed, some fuzzy, some empty). Then:

- ours: ``workflow build`` (every language, both formats, durable writes as users get them),
  then the same command again with nothing changed (the no-op rebuild);
- Sphinx 9 with MyST reading the same Markdown (front matter title as the page title,
  ``html_sidebars = {"**": []}`` so a 1,000-entry sidebar does not slow every page), its
  catalogs made by its own gettext builder and filled by the same pseudo-translator, one
  ``html`` and one ``epub`` build per language (``-E``: from scratch, as ours was;
  ``-j auto``: every core, as ours uses).

Then ours alone at a larger size (default 10,000) to show how its cost grows. For ours, each size
also shows the rebuild after one catalog changed (one reviewed entry of one Russian article).
Times are wall clock, with ours also as CPU time (user + system of all its processes: steadier
than wall time on a busy machine, so the per-article growth is shown in both); memory is the
peak resident set of the largest process of each tool (getrusage of the children). Run:
``python -m bench.editions_vs_sphinx [--sizes 100 300 1000] [--ours-only 10000] [--quick]``;
``--quick`` (3 articles; Sphinx for Russian only) checks that the bench runs, not speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polib

from bench.corpus import make_corpus, pseudo
from bench.prepare import compile_workflow
from workflow.catalogs import read_catalog, write_catalog

LANGS = ("en", "ru", "kk", "tr")
# Runs a command; prints the peak RSS (KiB) of its process tree's largest member and its CPU seconds.
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
    "sys.exit(code)\n"
)
CONF = """\
project = "Benchmark edition"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
myst_title_to_header = True
myst_footnote_transition = False
html_sidebars = {"**": []}
locale_dirs = ["locales/"]
gettext_compact = False
exclude_patterns = ["_build", "locales"]
epub_show_urls = "no"
suppress_warnings = ["myst.header", "epub.unknown_project_files", "toc.not_included", "misc.highlighting_failure"]
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0


def run(cmd: list[str], cwd: Path) -> Run:
    os.sync()  # outside the clock: what ran before reaches the disk, so no run pays for another's writes
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {done.returncode}) in {cwd}:\n{done.stderr[-2000:]}")
    peak, cpu = done.stdout.strip().splitlines()[-1].split()
    return Run(elapsed, int(peak) / 1024, float(cpu))


def ours(corpus: Path) -> Run:
    return run([sys.executable, "-m", "workflow", "build"], corpus)


def change_one_catalog(corpus: Path) -> None:
    """An editor revises one reviewed entry of one Russian catalog."""
    path = sorted((corpus / "locales" / "ru" / "LC_MESSAGES").glob("article-*.po"))[0]
    po = read_catalog(path)
    entry = next(e for e in po if e.msgstr and "fuzzy" not in e.flags and not e.obsolete)
    entry.msgstr += " (revised)"
    write_catalog(path, po)


@dataclass(frozen=True)
class Ours:
    first: Run
    noop: Run
    one_catalog: Run


def ours_runs(corpus: Path) -> Ours:
    first = ours(corpus)
    noop = ours(corpus)
    change_one_catalog(corpus)
    return Ours(first, noop, ours(corpus))


HEAD = (
    f"{'articles':>8}  {'workflow':>10}  {'per article':>11}  {'Sphinx+MyST':>12}  {'ratio':>7}"
    f"  {'no-op rebuild':>13}  {'1 catalog':>9}  {'peak MB ours / Sphinx':>22}"
    f"  {'CPU s: build, per article, no-op, 1 catalog':>44}"
)


def row(n: int, mine: Ours, theirs: Run | None) -> str:
    sphinx_s = f"{theirs.seconds:10.1f} s" if theirs else f"{'(not run)':>12}"
    ratio = f"{theirs.seconds / mine.first.seconds:6.1f}x" if theirs else f"{'':>7}"
    peak = max(mine.first.peak_mb, mine.noop.peak_mb, mine.one_catalog.peak_mb)
    return (
        f"{n:8d}  {mine.first.seconds:8.2f} s  {mine.first.seconds / n * 1000:8.1f} ms  {sphinx_s}  {ratio}"
        f"  {mine.noop.seconds:11.2f} s  {mine.one_catalog.seconds:7.2f} s"
        f"  {peak:10.0f} / {f'{theirs.peak_mb:.0f}' if theirs else '-':<9}"
        f"  {mine.first.cpu:10.1f}  {mine.first.cpu / n * 1000:6.1f} ms  {mine.noop.cpu:6.2f}  {mine.one_catalog.cpu:6.2f}"
    )


def sphinx_project(corpus: Path, dest: Path) -> Path:
    """A Sphinx project over the same sources, with catalogs in Sphinx's own segmentation."""
    dest.mkdir(parents=True)
    sources = sorted((corpus / "seeds").glob("*.md"))
    for md in sources:
        shutil.copy(md, dest / md.name)
    toc = "\n".join(p.stem for p in sources)
    (dest / "index.md").write_text(
        f"# Benchmark edition\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8"
    )
    (dest / "conf.py").write_text(CONF, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-j", "auto", "-b", "gettext", ".", "_build/gettext"],
        cwd=dest,
        check=True,
        capture_output=True,
    )
    for lang in LANGS[1:]:
        for pot in sorted((dest / "_build" / "gettext").glob("*.pot")):
            po = polib.pofile(str(pot))
            for entry in po:
                entry.msgstr = pseudo(entry.msgid, lang)
            po.metadata["Language"] = lang
            target = dest / "locales" / lang / "LC_MESSAGES" / f"{pot.stem}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(target))
    return dest


def sphinx(project: Path, langs: tuple[str, ...] = LANGS) -> tuple[Run, dict[str, float]]:
    """Every language, html then epub; the total, and the time of each build."""
    total, peak, each = 0.0, 0.0, {}
    for lang in langs:
        for builder in ("html", "epub"):
            cmd = [sys.executable, "-m", "sphinx", "-q", "-E", "-j", "auto", "-b", builder, "-D", f"language={lang}"]
            result = run([*cmd, ".", f"_build/{builder}-{lang}"], project)
            each[f"{lang} {builder}"] = result.seconds
            total += result.seconds
            peak = max(peak, result.peak_mb)
    return Run(total, peak), each


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--ours-only", type=int, nargs="*", default=[10000])
    parser.add_argument("--quick", action="store_true", help="3 articles, both tools: checks that the bench runs")
    args = parser.parse_args()
    sizes, ours_only = ([3], []) if args.quick else (args.sizes, args.ours_only)
    compile_workflow()
    print(
        "Editions of en, ru, kk, tr as HTML and EPUB (8 outputs per article): wall time, peak RSS; bytecode compiled beforehand"
    )
    print(HEAD, flush=True)
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs", flush=True)
    per_article: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        for n in sizes:
            corpus = make_corpus(Path(tmp) / f"c{n}", n)
            mine = ours_runs(corpus)
            project = sphinx_project(corpus, Path(tmp) / f"s{n}")
            theirs, each = sphinx(project, ("ru",) if args.quick else LANGS)
            print(row(n, mine, theirs), flush=True)
            print("          Sphinx per build: " + ", ".join(f"{k} {v:.1f} s" for k, v in each.items()), flush=True)
            per_article[n] = (mine.first.seconds / n, mine.first.cpu / n)
            shutil.rmtree(project)
            shutil.rmtree(corpus)
        for n in ours_only:
            corpus = make_corpus(Path(tmp) / f"o{n}", n)
            mine = ours_runs(corpus)
            print(row(n, mine, None), flush=True)
            per_article[n] = (mine.first.seconds / n, mine.first.cpu / n)
            shutil.rmtree(corpus)
    if len(per_article) > 1:
        small, large = min(per_article), max(per_article)
        wall, cpu = (per_article[large][i] / per_article[small][i] - 1 for i in (0, 1))
        print(f"per-article time {small} -> {large} articles: wall {wall:+.0%}, CPU {cpu:+.0%}")
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
