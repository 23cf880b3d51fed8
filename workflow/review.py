"""The review dashboard: build/review/index.html, one static page that opens from file://.

Per language and article: a progress bar (translated / fuzzy / untranslated), the check
findings, and each fuzzy entry with its source, its suggestion, where the suggestion came
from (the ``mt:`` / ``tm:`` comment pre-translation left), and a word-level diff against the
previous source when ``update`` kept one. Translations are untrusted: the page is rendered
with autoescape on, and the diff is plain data that the template escapes like the rest.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .catalogs import progress, read_catalog, state_of
from .checks import CHECKS, Finding, catalog_paths, check_catalogs
from .config import BUILTIN_TEMPLATES, Config
from .errors import CatalogError, ReviewError
from .fsutil import write_text_atomic
from .glossary import read_glossary
from .languages import language_name
from .model import Progress, State
from .pipeline import choose_langs
from .textsafe import finalize

TEMPLATE = "review/index.html"


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "del" (only in the previous source), "ins" (only in the new one)
    text: str


@dataclass(frozen=True)
class FuzzyEntry:
    line: int
    msgctxt: str | None
    source: str
    suggestion: str
    origin: str
    diff: tuple[Segment, ...]  # empty when there is no previous source
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Change:
    """What happened to one entry since a revision."""

    line: int
    msgctxt: str | None
    source: str
    what: tuple[str, ...]  # "new", "source", "translation", "state"
    source_diff: tuple[Segment, ...] = ()
    translation_diff: tuple[Segment, ...] = ()
    state: str = ""  # "fuzzy → translated"

    def summary(self) -> str:
        return ", ".join(("state " + self.state) if w == "state" else w for w in self.what)


@dataclass(frozen=True)
class CatalogReview:
    slug: str
    lang: str
    path: str
    progress: Progress
    findings: tuple[Finding, ...]
    fuzzy: tuple[FuzzyEntry, ...]
    changes: tuple[Change, ...] = field(default=())

    def share(self, state: State) -> float:
        """Percentage of units in ``state``, for the bar."""
        total = self.progress.total
        return round(100 * self.progress.counts.get(state, 0) / total, 2) if total else 0.0

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The change from ``old`` to ``new``, word by word (spaces kept with their words)."""
    a, b = re.findall(r"\s*\S+\s*", old), re.findall(r"\s*\S+\s*", new)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return tuple(segments)


def origin_of(entry: polib.POEntry) -> str:
    """Where a suggestion came from: the provenance comment pre-translation wrote, if any."""
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(("mt:", "tm:", "review:")):
            return line.strip()
    if entry.previous_msgid:
        return "the source changed (workflow update kept the old translation)"
    return "not recorded"


def _fuzzy(po: polib.POFile, findings: Sequence[Finding]) -> tuple[FuzzyEntry, ...]:
    by_entry: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault((finding.msgctxt, finding.msgid), []).append(finding)
    items = []
    for entry in po:
        if entry.obsolete or state_of(entry) is not State.FUZZY:
            continue
        found = by_entry.get((entry.msgctxt, entry.msgid), [])
        items.append(
            FuzzyEntry(
                line=found[0].line if found else entry.linenum or 1,
                msgctxt=entry.msgctxt,
                source=entry.msgid,
                suggestion=entry.msgstr or "\n".join(v for _, v in sorted(entry.msgstr_plural.items())),
                origin=origin_of(entry),
                diff=word_diff(entry.previous_msgid, entry.msgid) if entry.previous_msgid else (),
                findings=tuple(found),
            )
        )
    return tuple(items)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ReviewError(f"--since needs git: {exc.strerror}", root) from exc


def check_revision(root: Path, rev: str) -> str:
    """The commit ``rev`` names; a ReviewError says so when it names none."""
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if found.returncode != 0 or rev.startswith("-"):
        raise ReviewError(f"{rev!r} is no revision of this project's git history (try a tag, a commit or HEAD~3)", root)
    return found.stdout.decode().strip()


def catalog_at(root: Path, path: Path, rev: str) -> polib.POFile | None:
    """The catalog at ``path`` as it was at ``rev``; None when it did not exist then."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    shown = _git(root, "show", f"{rev}:./{relative}")
    if shown.returncode != 0:
        return None
    try:
        return polib.pofile(shown.stdout.decode("utf-8"), wrapwidth=0)
    except (OSError, ValueError, UnicodeError) as exc:
        raise ReviewError(f"the catalog at {rev} cannot be read: {exc}", path) from exc


def _text(entry: polib.POEntry) -> str:
    return entry.msgstr or "\n".join(v for _, v in sorted(entry.msgstr_plural.items()))


def _counterparts(old: polib.POFile, new: polib.POFile) -> dict[int, polib.POEntry]:
    """For each current entry (by id), the entry it was at the revision: same key, previous msgid, or similar."""
    by_key = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    by_key.update({(e.msgctxt, e.msgid): e for e in old if e.obsolete and (e.msgctxt, e.msgid) not in by_key})
    current = [e for e in new if not e.obsolete]
    found: dict[int, polib.POEntry] = {}
    for entry in current:
        prior = by_key.get((entry.msgctxt, entry.msgid))
        if prior is None and entry.previous_msgid:
            prior = by_key.get((entry.previous_msgctxt or entry.msgctxt, entry.previous_msgid))
        if prior is not None:
            found[id(entry)] = prior
    keys = {(e.msgctxt, e.msgid) for e in current}
    gone = [e for e in old if not e.obsolete and (e.msgctxt, e.msgid) not in keys and e not in found.values()]
    for entry in current:
        if id(entry) in found or not gone:
            continue
        scored = [
            (difflib.SequenceMatcher(a=e.msgid, b=entry.msgid, autojunk=False).ratio(), i) for i, e in enumerate(gone)
        ]
        ratio, index = max(scored)
        if ratio >= 0.6 and gone[index].msgctxt == entry.msgctxt:
            found[id(entry)] = gone.pop(index)
    return found


def changes_since(old: polib.POFile | None, new: polib.POFile) -> tuple[Change, ...]:
    """What changed in each entry of ``new`` since ``old`` (None: the catalog is new)."""
    prior = _counterparts(old, new) if old is not None else {}
    found = []
    for entry in new:
        if entry.obsolete:
            continue
        line, before = entry.linenum or 1, prior.get(id(entry))
        if before is None:
            found.append(Change(line, entry.msgctxt, entry.msgid, ("new",), state=state_of(entry).value))
            continue
        what, was, now = [], state_of(before) if not before.obsolete else None, state_of(entry)
        if before.msgid != entry.msgid:
            what.append("source")
        if _text(before) != _text(entry):
            what.append("translation")
        if was is not now:
            what.append("state")
        if what:
            found.append(
                Change(
                    line,
                    entry.msgctxt,
                    entry.msgid,
                    tuple(what),
                    word_diff(before.msgid, entry.msgid) if "source" in what else (),
                    word_diff(_text(before), _text(entry)) if "translation" in what else (),
                    f"{was.value if was else 'obsolete'} → {now.value}" if "state" in what else "",
                )
            )
    return tuple(found)


def collect(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    since: str | None = None,
) -> list[CatalogReview]:
    """What the dashboard shows, for each catalog of the chosen languages and articles.

    ``since``: a git revision; each catalog then also lists what changed in its entries since.
    """
    if since is not None:
        check_revision(config.root, since)
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    paths = catalog_paths(config, choose_langs(config, langs), slugs)
    findings = check_catalogs(paths, glossary, CHECKS, tuple(CHECKS), src_lang=config.src_lang)
    found: list[CatalogReview] = []
    for path, lang in paths:
        mine = tuple(f for f in findings if f.path == path)
        try:
            po = read_catalog(path)
        except CatalogError:  # an unreadable catalog is shown by its msgfmt finding alone
            po = polib.POFile()
        changes = changes_since(catalog_at(config.root, path, since), po) if since is not None else ()
        found.append(
            CatalogReview(
                slug=path.stem,
                lang=lang,
                path=config.relative(path),
                progress=progress(po, path.stem, lang),
                findings=mine,
                fuzzy=_fuzzy(po, mine),
                changes=changes,
            )
        )
    return found


def _environment(config: Config) -> Environment:
    loaders = [FileSystemLoader(str(config.templates_dir)), FileSystemLoader(str(BUILTIN_TEMPLATES))]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # translations are untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,  # a msgstr's control characters never reach the page
    )


def render_review(config: Config, catalogs: Sequence[CatalogReview], since: str | None = None) -> str:
    by_lang: dict[str, list[CatalogReview]] = {}
    for item in catalogs:
        by_lang.setdefault(item.lang, []).append(item)
    sections = [(lang, language_name(lang, "en"), items) for lang, items in by_lang.items()]
    return (
        _environment(config)
        .get_template(TEMPLATE)
        .render(title=config.project, sections=sections, State=State, checks=CHECKS, since=since)
    )


def write_review(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    since: str | None = None,
) -> Path:
    """Write build/review/index.html and return its path."""
    return save_review(config, collect(config, langs, slugs, since), since)


def save_review(config: Config, catalogs: Sequence[CatalogReview], since: str | None = None) -> Path:
    """Write the dashboard of ``catalogs`` (from ``collect``) to build/review/index.html."""
    out = config.build_dir / "review" / "index.html"
    write_text_atomic(out, render_review(config, catalogs, since))
    return out
