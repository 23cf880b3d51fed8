"""A deterministic corpus for benchmarks: the seed articles' paragraphs scaled to N articles.

``python -m bench.corpus DEST N`` writes a whole project (workflow.toml, seeds/, and with
``--translated`` catalogs filled by a pseudo-translator: most entries reviewed, some fuzzy,
some empty, as a real project mid-way looks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.pipeline import extract, update
from workflow.segment import blocks
from workflow.sources import read_articles

REPO = Path(__file__).resolve().parent.parent


def _paragraphs() -> tuple[list[str], list[str]]:
    """Body blocks of the seeds, split into headings and other blocks."""
    headings, others = [], []
    for article in read_articles(REPO / "seeds"):
        for block in blocks(article.body):
            if block.kind.startswith("footnote"):
                continue
            (headings if block.kind.startswith("heading") else others).append(block.text)
    return headings, others


def pseudo(text: str, lang: str) -> str:
    """A stand-in translation that keeps markup, numbers and links, as a reviewer would."""
    return f"⟦{lang}⟧ {text}"


def make_corpus(
    dest: Path, n_articles: int, langs: tuple[str, ...] = ("ru", "kk", "tr"), *, translated: bool = True, seed: int = 7
) -> Path:
    """Write a project of ``n_articles`` articles at ``dest`` (replaced if it exists); return ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "seeds").mkdir(parents=True)
    (dest / "locales").mkdir()
    titles = dict.fromkeys(["en", *langs], "Benchmark edition")
    (dest / "workflow.toml").write_text(
        f'[project]\nname = "bench"\n[languages]\nsource = "en"\ntargets = {list(langs)!r}\n'.replace("'", '"')
        + '[edition]\nname = "bench"\nthreshold = 0.5\n[edition.titles]\n'
        + "".join(f'{lang} = "{title}"\n' for lang, title in titles.items()),
        encoding="utf-8",
    )
    shutil.copy(REPO / "locales" / "glossary.tbx", dest / "locales" / "glossary.tbx")
    ui_pot = REPO / "locales" / "ui.pot"
    if ui_pot.is_file():
        shutil.copy(ui_pot, dest / "locales" / "ui.pot")
        for lang in langs:
            ui_po = REPO / "locales" / lang / "LC_MESSAGES" / "ui.po"
            if ui_po.is_file():
                (dest / "locales" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
                shutil.copy(ui_po, dest / "locales" / lang / "LC_MESSAGES" / "ui.po")
    rng = random.Random(seed)
    headings, others = _paragraphs()
    start = dt.date(2019, 1, 1)
    for index in range(n_articles):
        body = []
        for _ in range(rng.randint(8, 30)):
            if rng.random() < 0.12:
                body.append("## " + rng.choice(headings))
            body.append(rng.choice(others))
        title = " ".join(rng.choice(others).split()[: rng.randint(5, 11)]).rstrip(",.;:")
        date = start + dt.timedelta(days=index % 1500)
        text = (
            f"---\ntitle: {title!r}\ndate: {date.isoformat()}\nviews: {rng.randint(10, 5000)}\n"
            f"author: Bench Author {index % 17}\n---\n\n" + "\n\n".join(body) + "\n"
        )
        (dest / "seeds" / f"article-{index:05d}.md").write_text(text, encoding="utf-8")
    if translated:
        fill_catalogs(dest, langs, seed=seed)
    return dest


def fill_catalogs(dest: Path, langs: tuple[str, ...], *, seed: int = 7) -> None:
    """Extract and update, then pseudo-translate: 90% reviewed, 5% fuzzy, 5% left empty."""
    config = load_config(dest)
    extract(config)
    update(config)
    rng = random.Random(seed)
    for lang in langs:
        for path in sorted((dest / "locales" / lang / "LC_MESSAGES").glob("article-*.po")):
            po = read_catalog(path)
            for entry in po:
                roll = rng.random()
                if roll < 0.95:
                    entry.msgstr = pseudo(entry.msgid, lang)
                    if roll >= 0.90:
                        entry.flags.append("fuzzy")
            po.metadata["Last-Translator"] = "bench"
            write_catalog(path, po)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--translated", action="store_true")
    args = parser.parse_args()
    make_corpus(args.dest, args.n, translated=args.translated)
    print(f"wrote {args.n} articles to {args.dest}")


if __name__ == "__main__":
    main()
