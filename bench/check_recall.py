"""Seeded defects: recall and false positives of `workflow check` and Translate Toolkit's pofilter.

A deterministic generator takes reviewed translations (the shipped catalogs of a language
when they are complete, and the hand-written set in bench/check_corpus.py), and seeds one
defect per chosen entry: a number dropped or changed, a URL changed, a link broken, a
footnote marker dropped or added, a word in the wrong script, a glossary term missed,
emphasis broken, a word doubled, the final punctuation changed, stray whitespace, the wrong
quotation marks, the source left untranslated, the text cut short, another language pasted.
Every kind gets its own catalog per language (the other entries stay clean), and both tools
run over the same files in the same run.

A defect counts as found when a check meant for its kind flags its entry; a false positive is
a clean entry that such a check flags. pofilter runs with all its default tests; kinds that
none of its tests is meant for show "—".

    python -m bench.check_recall [--per-kind 20] [--seed 7] [--hand] [--quick]

``--quick`` (two defects per kind, the hand-written set) checks that the bench runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from bench.check_corpus import UNITS
from workflow.catalogs import new_catalog, read_catalog, write_catalog
from workflow.glossary import Glossary, fold, read_glossary
from workflow.languages import plural_forms

REPO = Path(__file__).resolve().parent.parent
LANGS = ("ru", "kk", "tr")
Key = tuple[str | None, str]


@dataclass(frozen=True)
class Unit:
    msgctxt: str | None
    msgid: str
    msgstr: str
    comment: str


# The clean corpus ------------------------------------------------------------------------


def shipped(lang: str) -> list[Unit] | None:
    """The shipped article catalogs of ``lang`` when every entry is translated and reviewed."""
    units = []
    for source in sorted((REPO / "seeds").glob("*.md")):
        path = REPO / "locales" / lang / "LC_MESSAGES" / f"{source.stem}.po"
        if not path.is_file():
            return None
        for entry in read_catalog(path):
            if entry.obsolete:
                continue
            if not entry.msgstr or "fuzzy" in entry.flags:
                return None
            units.append(Unit(entry.msgctxt, entry.msgid, entry.msgstr, entry.comment or ""))
    return units or None


def hand_written(lang: str) -> list[Unit]:
    column = 2 + LANGS.index(lang)
    return [Unit(None, row[1], row[column], row[0]) for row in UNITS]


# Mutations: each returns the defective translation, or None when it does not apply ---------

_PROTECTED = re.compile(
    r"\]\([^)]*\)|<https?:[^>]*>|https?://\S+|\[\^[^\]]+\]|`[^`]*`"  # link targets, autolinks, URLs, notes, code
)
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]{4,}")
RU_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
            "a",
            "gh",
            "q",
            "ng",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
        strict=True,
    )
)
TR_CYRILLIC = dict(zip("abcçdefgğhıijklmnoöprsştuüvyz", "абджчдефгғхыижклмноөпрсштуүвйз", strict=False))
TR_CYRILLIC["c"] = "дж"
HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "А": "A", "Е": "E", "О": "O"}
HOMOGLYPHS |= {"К": "K", "М": "M", "Н": "H", "Р": "P", "С": "C", "Т": "T", "В": "B"}
LATIN_HOMOGLYPHS = {v: k for k, v in HOMOGLYPHS.items()}
FILLER = {"ru": "организация", "kk": "ұйым", "tr": "kurum"}
WRONG_QUOTES = {"ru": ('"', '"'), "kk": ("“", "”"), "tr": ("«", "»")}
RIGHT_QUOTES = {"ru": ("«", "»"), "kk": ("«", "»"), "tr": ("“", "”")}


@dataclass(frozen=True)
class Context:
    lang: str
    glossary: Glossary
    neighbour: dict[str, str]  # msgid -> the same unit in the neighbouring Cyrillic language


def _free(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` outside link targets, URLs, footnote markers and code."""
    taken = [m.span() for m in _PROTECTED.finditer(text)]
    return [m for m in pattern.finditer(text) if not any(a < m.end() and m.start() < b for a, b in taken)]


def number_drop(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    found = _free(unit.msgstr, _NUMBER)
    if not found or not _NUMBER.search(_PROTECTED.sub(" ", unit.msgid)):
        return None
    m = rng.choice(found)
    return (unit.msgstr[: m.start()].rstrip() + " " + unit.msgstr[m.end() :].lstrip()).strip()


def number_change(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    found = _free(unit.msgstr, _NUMBER)
    if not found:
        return None
    m = rng.choice(found)
    digits = [i for i in range(m.start(), m.end()) if unit.msgstr[i].isdigit()]
    i = rng.choice(digits)
    new = str((int(unit.msgstr[i]) + rng.randint(1, 8)) % 10)
    return unit.msgstr[:i] + new + unit.msgstr[i + 1 :]


_URLISH = re.compile(r"https?://[^\s)>]+")


def url_change(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    found = list(_URLISH.finditer(unit.msgstr))
    if not found:
        return None
    m = rng.choice(found)
    url = m.group(0).rstrip(".,;")
    if rng.random() < 0.5:
        changed = url.replace(".kz", ".com", 1) if ".kz" in url else url.replace("https://", "http://", 1)
    else:
        positions = [i for i, ch in enumerate(url) if ch.isalnum() and i > url.index("//") + 2]
        i = rng.choice(positions)
        changed = url[:i] + ("x" if url[i] != "x" else "y") + url[i + 1 :]
    return unit.msgstr[: m.start()] + changed + unit.msgstr[m.start() + len(url) :]


def link_break(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    options = []
    for m in re.finditer(r"\]\(", unit.msgstr):
        options += [(m.start(), m.end(), "] ("), (m.start(), m.start() + 1, "")]
    for m in re.finditer(r"<https?:[^>]*>", unit.msgstr):
        options += [(m.end() - 1, m.end(), ""), (m.start(), m.start() + 1, "")]
    if not options:
        return None
    start, end, new = rng.choice(options)
    return unit.msgstr[:start] + new + unit.msgstr[end:]


_NOTE = re.compile(r"\[\^[^\]]+\]")


def footnote_drop(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    found = list(_NOTE.finditer(unit.msgstr))
    if not found:
        return None
    m = rng.choice(found)
    return unit.msgstr[: m.start()] + unit.msgstr[m.end() :]


def footnote_add(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", unit.msgstr)]
    if not ends or _NOTE.search(unit.msgid) or len(unit.msgid) < 60:
        return None
    i = rng.choice(ends)
    return unit.msgstr[:i] + f"[^{rng.choice(['i', 'ii', 'iii', '1', '2'])}]" + unit.msgstr[i:]


def script_swap(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    source = {fold(w, "en") for w in re.findall(r"[^\W\d_]+", unit.msgid)}
    words = [m for m in _free(unit.msgstr, _WORD)]
    if ctx.lang in ("ru", "kk"):
        words = [m for m in words if all(ch.lower() in RU_LATIN for ch in m.group(0))]
    else:
        words = [m for m in words if all(ch.lower() in TR_CYRILLIC for ch in m.group(0))]
    if not words:
        return None
    m = rng.choice(words)
    word = m.group(0)
    if rng.random() < 0.5:  # a whole word in the other script
        table = RU_LATIN if ctx.lang in ("ru", "kk") else TR_CYRILLIC
        new = "".join(table[ch.lower()].replace("-", "") for ch in word)
        if fold(new, "en") in source:
            return None
    else:  # one look-alike letter from the other script
        table = HOMOGLYPHS if ctx.lang in ("ru", "kk") else LATIN_HOMOGLYPHS
        spots = [i for i, ch in enumerate(word) if ch in table]
        if not spots:
            return None
        i = rng.choice(spots)
        new = word[:i] + table[word[i]] + word[i + 1 :]
    return unit.msgstr[: m.start()] + new + unit.msgstr[m.end() :]


def glossary_miss(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    used = [
        t
        for t in ctx.glossary.in_source(unit.msgid)
        if t.targets.get(ctx.lang) and t not in ctx.glossary.missing(unit.msgid, unit.msgstr, ctx.lang)
    ]
    if not used:
        return None
    term = rng.choice(used)
    first = fold(re.findall(r"[\w'’-]+", term.targets[ctx.lang])[0], ctx.lang)
    prefix = first if len(first) <= 3 else first[:3]
    filler = FILLER[ctx.lang]

    def swap(m: re.Match[str]) -> str:
        return filler if fold(m.group(0), ctx.lang).startswith(prefix) else m.group(0)

    new = re.sub(r"[\w'’-]+", swap, unit.msgstr)
    return new if new != unit.msgstr else None


def emphasis_break(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    marks = [m for m in re.finditer(r"\*\*|(?<!\*)\*(?!\*)", unit.msgstr)]
    if not marks:
        return None
    m = rng.choice(marks)
    return unit.msgstr[: m.start()] + unit.msgstr[m.end() :]


def word_double(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    words = _free(unit.msgstr, re.compile(r"(?<![\w’'-])[^\W\d_]{3,}(?![\w’'-])"))
    if not words:
        return None
    m = rng.choice(words)
    return unit.msgstr[: m.end()] + " " + m.group(0) + unit.msgstr[m.end() :]


def punct_change(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    text = unit.msgstr
    tail = re.search(r"(?:\[\^[^\]]+\]|[\s\"'»”’“)\]*_])*$", text)
    end = tail.start() if tail else len(text)
    body, rest = text[:end], text[end:]
    if body.endswith((".", "!", "?", ":", ";", "…")):
        mark = body[-1]
        choices = ["", *(m for m in ".!?" if m != mark)]
        return body[:-1] + rng.choice(choices) + rest
    if body and body[-1].isalnum():
        return body + rng.choice([".", "!", ":"]) + rest
    return None


def whitespace(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    choice = rng.randrange(3)
    if choice == 0:
        return unit.msgstr + " "
    if choice == 1:
        return " " + unit.msgstr
    spaces = [m.start() for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", unit.msgstr)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return unit.msgstr[:i] + "  " + unit.msgstr[i + 1 :]


def quotes(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    opening, closing = RIGHT_QUOTES[ctx.lang]
    wrong_open, wrong_close = WRONG_QUOTES[ctx.lang]
    if opening in unit.msgstr and closing in unit.msgstr:
        return unit.msgstr.replace(opening, wrong_open).replace(closing, wrong_close)
    words = _free(unit.msgstr, _WORD)
    if not words:
        return None
    m = rng.choice(words)
    return unit.msgstr[: m.start()] + wrong_open + m.group(0) + wrong_close + unit.msgstr[m.end() :]


def untranslated(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    words = re.findall(r"[^\W\d_]+", _PROTECTED.sub(" ", unit.msgid))
    return unit.msgid if len(words) >= 4 and unit.msgid != unit.msgstr else None


def truncate(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    if len(unit.msgid) < 80:
        return None
    cut = int(len(unit.msgstr) * rng.uniform(0.25, 0.45))
    space = unit.msgstr.rfind(" ", 0, cut)
    return unit.msgstr[: space if space > 0 else cut]


def wrong_language(rng: random.Random, unit: Unit, ctx: Context) -> str | None:
    other = ctx.neighbour.get(unit.msgid)
    if other is None or len(re.findall(r"[^\W\d_]+", other)) < 8:
        return None
    return other


Mutation = Callable[[random.Random, Unit, Context], "str | None"]


@dataclass(frozen=True)
class Kind:
    name: str
    mutate: Mutation
    ours: frozenset[str]  # workflow checks meant for it
    theirs: frozenset[str]  # pofilter tests meant for it (empty: none)
    langs: tuple[str, ...] = LANGS


def _kind(name: str, fn: Mutation, ours: str, theirs: str = "", langs: tuple[str, ...] = LANGS) -> Kind:
    return Kind(name, fn, frozenset(ours.split()), frozenset(theirs.split()), langs)


KINDS = (
    _kind("number dropped", number_drop, "numbers", "numbers"),
    _kind("number changed", number_change, "numbers", "numbers"),
    _kind("URL changed", url_change, "urls", "urls"),
    _kind("link broken", link_break, "markup urls", "brackets urls xmltags"),
    _kind("footnote dropped", footnote_drop, "footnotes", "brackets"),
    _kind("footnote added", footnote_add, "footnotes", "brackets"),
    _kind("wrong script", script_swap, "script"),  # pofilter: validchars, only when configured
    _kind("glossary term missed", glossary_miss, "glossary"),
    _kind("emphasis broken", emphasis_break, "markup"),
    _kind("word doubled", word_double, "repeated-words", "doublewords"),
    _kind("final punctuation", punct_change, "punctuation", "endpunc"),
    _kind("whitespace", whitespace, "whitespace", "doublespacing startwhitespace endwhitespace"),
    _kind("quotation marks", quotes, "quotes", "doublequoting"),
    _kind("left untranslated", untranslated, "identical", "unchanged"),
    _kind("text cut short", truncate, "length", "short"),
    _kind("other language pasted", wrong_language, "language script", "", ("ru", "kk")),
)


# Building the catalogs -------------------------------------------------------------------


def _write(path: Path, lang: str, units: list[Unit]) -> None:
    po = new_catalog(
        {
            "Project-Id-Version": "check-recall",
            "PO-Revision-Date": "2026-01-01 00:00+0000",
            "Last-Translator": "bench",
            "Language-Team": lang,
            "Language": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms(lang),
        }
    )
    for unit in units:
        po.append(polib.POEntry(msgctxt=unit.msgctxt, msgid=unit.msgid, msgstr=unit.msgstr, comment=unit.comment))
    write_catalog(path, po)


def _slug(kind: Kind) -> str:
    return re.sub(r"\W+", "-", kind.name).strip("-")


def seed_defects(
    corpora: dict[str, list[Unit]], ctxs: dict[str, Context], per_kind: int, seed: int
) -> dict[tuple[str, str], dict[Key, Unit]]:
    """For each (kind, lang): the mutated units by key (at most ``per_kind``)."""
    seeded: dict[tuple[str, str], dict[Key, Unit]] = {}
    for kind in KINDS:
        for lang in kind.langs:
            rng = random.Random(f"{seed}-{kind.name}-{lang}")
            units = list(corpora[lang])
            rng.shuffle(units)
            chosen: dict[Key, Unit] = {}
            for unit in units:
                if len(chosen) >= per_kind:
                    break
                new = kind.mutate(rng, unit, ctxs[lang])
                if new is not None and new != unit.msgstr:
                    chosen[(unit.msgctxt, unit.msgid)] = replace(unit, msgstr=new)
            seeded[(kind.name, lang)] = chosen
    return seeded


def build_project(root: Path, corpora: dict[str, list[Unit]], seeded: dict[tuple[str, str], dict[Key, Unit]]) -> None:
    root.mkdir(parents=True)
    (root / "workflow.toml").write_text(
        '[project]\nname = "check recall"\n[languages]\nsource = "en"\ntargets = ["ru", "kk", "tr"]\n',
        encoding="utf-8",
    )
    (root / "locales").mkdir()
    shutil.copy(REPO / "locales" / "glossary.tbx", root / "locales" / "glossary.tbx")
    for lang, units in corpora.items():
        folder = root / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        _write(folder / "clean.po", lang, units)
        for kind in KINDS:
            if lang in kind.langs:
                mutated = seeded[(kind.name, lang)]
                _write(folder / f"{_slug(kind)}.po", lang, [mutated.get((u.msgctxt, u.msgid), u) for u in units])


# Running the two tools -------------------------------------------------------------------

Flags = dict[tuple[str, str, Key], set[str]]  # (lang, catalog, key) -> names of checks/tests that fired


def run_workflow(root: Path) -> tuple[Flags, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "workflow", "--project", str(root), "check", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"workflow check failed:\n{done.stderr[-2000:]}")
    flags: Flags = defaultdict(set)
    for f in json.loads(done.stdout)["findings"]:
        flags[(f["lang"], f["slug"], (f["msgctxt"], f["msgid"]))].add(f["check"])
    return flags, elapsed


def run_pofilter(root: Path, tool: str) -> tuple[Flags, float]:
    flags: Flags = defaultdict(set)
    elapsed = 0.0
    for lang in LANGS:
        source = root / "locales" / lang / "LC_MESSAGES"
        if not source.is_dir():
            continue
        out = root / "pofilter" / lang
        out.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        done = subprocess.run(
            [tool, "--progress=none", f"--language={lang}", "-i", str(source), "-o", str(out)],
            capture_output=True,
            text=True,
        )
        elapsed += time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"pofilter failed:\n{done.stderr[-2000:]}")
        for path in sorted(out.glob("*.po")):
            for entry in polib.pofile(str(path)):
                tests = {
                    line.split(")", 1)[1].split(":", 1)[0].strip()
                    for line in (entry.tcomment or "").splitlines()
                    if line.startswith("(pofilter)")
                }
                if tests:
                    flags[(lang, path.stem, (entry.msgctxt, entry.msgid))] |= tests
    return flags, elapsed


# Scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    found: int
    total: int
    false_positives: int

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


def score(
    kind: Kind, meant: frozenset[str], flags: Flags, corpora: dict[str, list[Unit]], seeded: dict
) -> Score | None:
    if not meant:
        return None
    found = total = fps = 0
    for lang in kind.langs:
        mutated = seeded[(kind.name, lang)]
        for unit in corpora[lang]:
            key = (unit.msgctxt, unit.msgid)
            fired = bool(flags.get((lang, _slug(kind), key), set()) & meant)
            if key in mutated:
                total += 1
                found += fired
            else:
                fps += fired
    return Score(found, total, fps)


def _cell(s: Score | None) -> str:
    return "—" if s is None else f"{s.found:>3}/{s.total:<3} {s.recall:6.1%}  fp {s.false_positives:>3}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=20, help="defects per kind and language (at most)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--hand", action="store_true", help="use the hand-written corpus for every language")
    parser.add_argument("--quick", action="store_true", help="2 defects per kind, hand-written set: checks it runs")
    args = parser.parse_args()
    if args.quick:
        args.per_kind, args.hand = 2, True
    # The venv's scripts need not be on PATH (python -m bench… from a fresh clone).
    tool = shutil.which(
        "pofilter", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    )
    if tool is None:
        raise SystemExit("needs pofilter on PATH (pip install translate-toolkit)")

    glossary = read_glossary(REPO / "locales" / "glossary.tbx")
    corpora, origin = {}, {}
    for lang in LANGS:
        # The hand-written set always joins: it brings the links, emphasis and code the articles lack.
        units = None if args.hand else shipped(lang)
        if units:
            keys = {(u.msgctxt, u.msgid) for u in units}
            extra = [u for u in hand_written(lang) if (u.msgctxt, u.msgid) not in keys]
            corpora[lang], origin[lang] = units + extra, "shipped catalogs + the hand-written set"
        else:
            corpora[lang], origin[lang] = hand_written(lang), "hand-written set"
    # For "another language pasted": the same unit in the neighbouring Cyrillic language.
    lookup = {lang: {u.msgid: u.msgstr for u in [*hand_written(lang), *(shipped(lang) or [])]} for lang in ("ru", "kk")}
    ctxs = {
        lang: Context(lang, glossary, lookup["kk" if lang == "ru" else "ru"] if lang != "tr" else {}) for lang in LANGS
    }
    seeded = seed_defects(corpora, ctxs, args.per_kind, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        build_project(root, corpora, seeded)
        ours, our_time = run_workflow(root)
        theirs, their_time = run_pofilter(root, tool)

    for lang in LANGS:
        print(f"{lang}: {len(corpora[lang])} reviewed units from the {origin[lang]}")
    defects = sum(len(v) for v in seeded.values())
    print(f"{defects} seeded defects in {len(KINDS)} kinds; seed {args.seed}\n")
    print(f"{'defect kind':<24} {'workflow check':<28} {'pofilter':<28}")
    worst_gap = []
    for kind in KINDS:
        mine = score(kind, kind.ours, ours, corpora, seeded)
        peer = score(kind, kind.theirs, theirs, corpora, seeded)
        print(f"{kind.name:<24} {_cell(mine):<28} {_cell(peer):<28}")
        if mine is not None and peer is not None:
            worst_gap.append(mine.recall - peer.recall)
    all_ours = [score(k, k.ours, ours, corpora, seeded) for k in KINDS]
    total_found = sum(s.found for s in all_ours if s)
    print(f"\nworkflow check: {total_found}/{defects} found ({total_found / defects:.1%}) in {our_time:.2f} s")
    print(f"pofilter:       {their_time:.2f} s (ratio {their_time / our_time:.1f}× ours)")
    clean_ours = sum(len(v) for (lang, slug, _), v in ours.items() if slug == "clean")
    clean_theirs = sum(len(v) for (lang, slug, _), v in theirs.items() if slug == "clean")
    units = sum(len(c) for c in corpora.values())
    print(f"clean catalogs ({units} units): workflow check {clean_ours} finding(s), pofilter {clean_theirs} failure(s)")
    if worst_gap:
        print(f"recall minus pofilter's on kinds both cover: min {min(worst_gap):+.1%}")


if __name__ == "__main__":
    main()
