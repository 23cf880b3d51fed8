"""Build all four languages, HTML and EPUB: workflow vs Sphinx + MyST, same corpus, same run.

For each size (default 100, 300, 1000 articles) the corpus of bench.corpus is built by
`workflow build` (all languages, both formats), then by Sphinx with MyST reading the same
Markdown sources, with catalogs made from Sphinx's own gettext segmentation and filled by
the same pseudo-translator (so Sphinx really translates), `html_sidebars = {"**": []}`,
one `html` and one `epub` build per language. Then a no-op rebuild of ours, and ours alone
at a larger size to show how its cost grows. Times are wall-clock; memory is peak RSS.

    python -m bench.editions_vs_sphinx [--sizes 100 300 1000] [--ours-only 10000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from bench.corpus import make_corpus, pseudo

LANGS = ("en", "ru", "kk", "tr")
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
CONF = """\
project = "bench"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = []
html_sidebars = {"**": []}
locale_dirs = ["locales/"]
gettext_compact = False
exclude_patterns = ["_build", "locales"]
epub_show_urls = "no"
suppress_warnings = ["myst.header", "epub.unknown_project_files", "toc.not_included", "misc.highlighting_failure"]
"""


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {out.returncode})")
    return elapsed, int(out.stdout.strip().splitlines()[-1])


def sphinx_project(corpus: Path, dest: Path) -> Path:
    """A Sphinx project over the same sources, with catalogs in Sphinx's own segmentation."""
    dest.mkdir(parents=True)
    for md in sorted((corpus / "seeds").glob("*.md")):
        shutil.copy(md, dest / md.name)
    toc = "\n".join(p.stem for p in sorted((corpus / "seeds").glob("*.md")))
    (dest / "index.md").write_text(
        f"# Benchmark edition\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8"
    )
    (dest / "conf.py").write_text(CONF, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", ".", "_build/gettext"],
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


def sphinx_builds(project: Path) -> tuple[float, int]:
    total, peak = 0.0, 0
    for lang in LANGS:
        for builder in ("html", "epub"):
            elapsed, rss = run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-q",
                    "-E",
                    "-b",
                    builder,
                    "-D",
                    f"language={lang}",
                    ".",
                    f"_build/{builder}-{lang}",
                ],
                project,
            )
            total += elapsed
            peak = max(peak, rss)
    return total, peak


def ours(corpus: Path) -> tuple[float, int]:
    return run([sys.executable, "-m", "workflow", "build"], corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--ours-only", type=int, nargs="*", default=[10000])
    args = parser.parse_args()
    print("articles  workflow build   Sphinx+MyST    ratio   no-op rebuild   peak MB (ours / Sphinx)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = make_corpus(Path(tmp) / f"c{n}", n, ("ru", "kk", "tr"))
            t_ours, m_ours = ours(corpus)
            t_noop, _ = ours(corpus)
            sphinx = sphinx_project(corpus, Path(tmp) / f"s{n}")
            t_sphinx, m_sphinx = sphinx_builds(sphinx)
            print(
                f"{n:8d}  {t_ours:12.2f} s  {t_sphinx:11.2f} s  {t_sphinx / t_ours:6.1f}x  {t_noop:12.2f} s"
                f"   {m_ours / 1024:6.0f} / {m_sphinx / 1024:.0f}",
                flush=True,
            )
            shutil.rmtree(sphinx)
        for n in args.ours_only:
            corpus = make_corpus(Path(tmp) / f"o{n}", n, ("ru", "kk", "tr"))
            t_ours, m_ours = ours(corpus)
            t_noop, _ = ours(corpus)
            print(
                f"{n:8d}  {t_ours:12.2f} s  {'(not run)':>13}  {'':6}   {t_noop:12.2f} s   {m_ours / 1024:6.0f} / -",
                flush=True,
            )


if __name__ == "__main__":
    main()
