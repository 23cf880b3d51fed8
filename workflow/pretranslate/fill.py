"""The translate stage: every empty entry of the chosen catalogs gets a suggestion, if one exists.

Recipe, per language:
1. read the catalogs; the pending entries are the empty ones (reviewed entries and
   existing suggestions are never touched; plural entries are left to people);
2. run the translator chain (memory, then MT), each on what the previous left, with
   identical sources asked once;
3. mark each suggestion ``fuzzy`` with its provenance as a translator comment (which
   ``update`` carries over), and a near match's source as the previous msgid;
4. write each catalog atomically as soon as no later step can change it, so Ctrl-C keeps
   every finished catalog and a re-run continues with the rest (they are still empty);
5. say what was filled from where, and what was left and why.

With ``[mt] cluster`` set, the MT step's sentences fan out over Ray (``cluster.py``) for the
whole run; this recipe, and every catalog read and write, stays in this process.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..catalogs import read_catalog, state_of, write_catalog
from ..config import Config
from ..model import State
from ..pipeline import choose_langs, source_paths
from . import TRANSLATORS, Broken, Meter, Request, Suggestion, Unavailable

Report = Callable[[str], None]
CHAIN = ("memory", "argos")
_PROVENANCE = re.compile(r"^(?:mt|tm): ")


def _quiet(_: str) -> None:
    return None


@dataclass(frozen=True)
class LangSummary:
    lang: str
    catalogs: int
    pending: int  # empty entries before the run
    exact: int = 0
    near: int = 0
    mt: int = 0
    engine: str = ""  # the MT engine that filled entries, as provenance names it
    notes: tuple[str, ...] = ()  # why entries were left
    written: tuple[Path, ...] = ()
    broken: bool = False  # a translator exists but failed (e.g. a corrupt model)

    @property
    def filled(self) -> int:
        return self.exact + self.near + self.mt

    @property
    def left(self) -> int:
        return self.pending - self.filled

    def line(self) -> str:
        if not self.pending:
            text = f"{self.lang}: nothing to fill in {self.catalogs} catalog(s): every entry has a translation or a suggestion"
            return "; ".join([text, *self.notes])
        parts = []
        if self.exact or self.near:
            parts.append(f"{self.exact + self.near} from memory ({self.exact} exact, {self.near} near)")
        if self.mt:
            parts.append(f"{self.mt} by MT ({self.engine})")
        filled = "filled " + " and ".join(parts) if parts else "nothing filled"
        left = f"{self.left} entries left for human translation" if self.left else "none left"
        # The last step's reason first: it is the one that would have filled the rest.
        return "; ".join([f"{self.lang}: {filled}", left, *(reversed(self.notes) if self.left else ())])


@dataclass
class _Catalog:
    """One catalog being filled: the read file and its pending entries."""

    path: Path
    po: polib.POFile
    pending: list[polib.POEntry]
    changed: bool = False
    done: bool = False


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: {"exact": 0, "near": 0, "mt": 0})
    engine: str = ""
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    broken: bool = False


def is_pending(entry: polib.POEntry) -> bool:
    return not entry.obsolete and not entry.msgid_plural and state_of(entry) is State.UNTRANSLATED


def apply(entry: polib.POEntry, suggestion: Suggestion) -> None:
    """Put a suggestion in an empty entry: fuzzy, with where it came from."""
    entry.msgstr = suggestion.text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    entry.previous_msgid = suggestion.previous
    entry.previous_msgctxt = None
    kept = [line for line in (entry.tcomment or "").splitlines() if not _PROVENANCE.match(line)]
    entry.tcomment = "\n".join([*kept, suggestion.provenance])


def translate(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    *,
    chain: Sequence[str] = CHAIN,
    report: Report = _quiet,
    progress: Meter | None = None,
) -> list[LangSummary]:
    """Fill the empty entries of the chosen catalogs; one summary per language.

    ``progress(label, done, total)`` gets the MT step's sentence counts, for a progress bar.
    """
    chosen = choose_langs(config, langs)
    stems = [path.stem for path in source_paths(config, slugs)]
    with _machine_session(config, chain, report):
        return [_fill_language(config, lang, stems, chain, report, progress) for lang in chosen]


def _machine_session(config: Config, chain: Sequence[str], report: Report) -> contextlib.AbstractContextManager[None]:
    """Ray for the run when the MT step fans out; a GPU asked for and missing is said before any work."""
    if "argos" not in chain:
        return contextlib.nullcontext()
    if not config.mt.cluster:
        if (config.mt.device, config.mt.compute_type) != ("auto", "auto"):
            from .device import place

            place(config.mt)
        return contextlib.nullcontext()
    from .cluster import session

    return session(config.mt, report)


def _fill_language(
    config: Config, lang: str, stems: list[str], chain: Sequence[str], report: Report, progress: Meter | None
) -> LangSummary:
    catalogs: list[_Catalog] = []
    missing = []
    plural = 0
    for stem in stems:
        path = config.po_path(lang, stem)
        if not path.is_file():
            missing.append(stem)
            continue
        po = read_catalog(path)
        plural += sum(1 for e in po if not e.obsolete and e.msgid_plural and state_of(e) is State.UNTRANSLATED)
        catalogs.append(_Catalog(path, po, [e for e in po if is_pending(e)]))
    tally = _Tally()
    if missing:
        tally.notes.append(f"{len(missing)} catalog(s) missing ({', '.join(missing)}): run `workflow update` first")
    if plural:
        tally.notes.append(f"{plural} plural entries are not pre-translated")
    pending = sum(len(c.pending) for c in catalogs)
    try:
        if pending:
            _run_chain(config, lang, catalogs, chain, tally, report, progress)
    finally:
        # Whatever was filled is kept, even when a step failed or was interrupted.
        for catalog in catalogs:
            if catalog.changed and not catalog.done:
                _write(config, catalog, tally, report)
    return LangSummary(
        lang=lang,
        catalogs=len(catalogs),
        pending=pending,
        exact=tally.counts["exact"],
        near=tally.counts["near"],
        mt=tally.counts["mt"],
        engine=tally.engine,
        notes=tuple(tally.notes),
        written=tuple(tally.written),
        broken=tally.broken,
    )


def _run_chain(
    config: Config,
    lang: str,
    catalogs: list[_Catalog],
    chain: Sequence[str],
    tally: _Tally,
    report: Report,
    progress: Meter | None,
) -> None:
    loaded = {c.path: c.po for c in catalogs}
    by_text: dict[str, list[tuple[_Catalog, polib.POEntry]]] = {}
    for catalog in catalogs:
        for entry in catalog.pending:
            by_text.setdefault(entry.msgid, []).append((catalog, entry))
    filled: set[str] = set()
    if "argos" not in chain:
        tally.notes.append("machine translation turned off (--no-mt)")
    for step, name in enumerate(chain):
        todo = [text for text in by_text if text not in filled]
        if not todo:
            break
        try:
            translator = TRANSLATORS[name](Request(config, config.src_lang, lang, loaded, report, progress))
        except Unavailable as exc:
            tally.notes.append(exc.message)
            tally.broken = tally.broken or isinstance(exc, Broken)
            report(f"{lang}: {exc.message}")
            continue
        final = step == len(chain) - 1
        # Catalogs in the order their last waiting entry comes up in ``todo``.
        last: dict[int, tuple[int, _Catalog]] = {}
        for position, text in enumerate(todo):
            for catalog, _ in by_text[text]:
                last[id(catalog)] = (position, catalog)
        queue = sorted(last.values(), key=lambda item: item[0])
        before = dict(tally.counts)
        for position, suggestion in translator.suggest(todo):
            text = todo[position]
            if suggestion is not None:
                for catalog, entry in by_text[text]:
                    apply(entry, suggestion)
                    catalog.changed = True
                    tally.counts[suggestion.how] += 1
                if suggestion.how == "mt":
                    tally.engine = translator.describe()
                filled.add(text)
            while final and queue and queue[0][0] <= position:
                catalog = queue.pop(0)[1]
                if catalog.changed and not catalog.done:
                    _write(config, catalog, tally, report)
        gained = {k: tally.counts[k] - before[k] for k in tally.counts if tally.counts[k] != before[k]}
        report(
            f"{lang}: {translator.describe()}: " + (", ".join(f"{v} {k}" for k, v in gained.items()) or "nothing found")
        )
        # Catalogs with nothing left for later steps are final now.
        for catalog in catalogs:
            if not catalog.done and catalog.changed and all(e.msgid in filled for e in catalog.pending):
                _write(config, catalog, tally, report)


def _write(config: Config, catalog: _Catalog, tally: _Tally, report: Report) -> None:
    changed = write_catalog(catalog.path, catalog.po)
    catalog.done = True
    tally.written.append(catalog.path)
    report(f"{'wrote' if changed else 'unchanged'} {config.relative(catalog.path)}")
