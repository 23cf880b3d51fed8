"""Import: scraped article text -> a clean Markdown source with front matter.

Heuristics, none fitted to particular articles (each is a rule about how news sites
are scraped; an editor reads the result over):
- every non-empty line of a scrape is one block (sites render paragraphs as lines);
- the *header* runs until the first line that reads as prose (12+ words, or 8+ words
  ending in sentence punctuation); in it, a ``dd.mm.yyyy [views]`` line gives the date
  and view count, short lines repeated at the top of several imported files, or short
  lines standing beside a longer one, are site sections, and the longest remaining
  line of 4+ words is the title; with none, the title is left for the editor;
- share buttons, language switches, "Beginning/End of the form", copyright notices and
  everything from a "Similar/Related Posts" line on are scraping debris;
- ``[i]``-style markers become Markdown footnotes when a note with the same label
  stands at the end; URLs in notes become autolinks;
- a name line (2-4 capitalised words, optionally ending in a comma) near the end,
  followed by a role line, is the signature: author and author's role; a name line
  repeated and followed by a paragraph is an author box: author and biography;
- a line ending in ":" followed by a line opening with a dash is a speaker label and
  its quotation;
- a short line with no sentence punctuation before prose is a subheading.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .fsutil import safe_join
from .model import Meta
from .sources import check_slug, write_article

_DATE_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(\d[\d\s,.]*))?$")
_DEBRIS = [
    re.compile(p, re.I)
    for p in (
        r"^(beginning|start|end) of (the )?form\.?$",
        r"^(share|paylaş|поделиться|бөлісу|tweet|print|e-?mail|facebook|twitter|telegram|whatsapp|vk)"
        r"(\s+(this|on|via|it))?[:!]?(\s+(share|paylaş|facebook|twitter|telegram|whatsapp|vk|print|e-?mail))*$",
        r"^(this|the) (post|article|page|news) is (also )?available in\b",
        r"^(also )?available in:",
        r"^(read|view) (this )?in:",
    )
]
_BOILERPLATE = re.compile(
    r"all rights reserved|use of (the )?materials|©|\bcopyright\b|hyperlink to .* is (necessary|required)|"
    r"request (an )?authori[sz]ation|reprint(ing)? (is )?(only )?(permitted|allowed)",
    re.I,
)
_TRAILER = re.compile(
    r"^(similar|related|recommended|more|other|popular)\s+(posts|articles|news|stories)\.?:?$|^read also:?$|^see also:?$",
    re.I,
)
_NOTE_RE = re.compile(r"^\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]\s*(?P<text>.+)$", re.I)
_MARKER_RE = re.compile(r"\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]", re.I)
_URL_RE = re.compile(r"(?<![<(])\bhttps?://[^\s<>()\"”]+[^\s<>()\"”.,;:]")
_NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІÇĞİÖŞÜ][\w’'.-]*"
_NAME_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}},?$")
_DASH_RE = re.compile(r"^[—–-]\s*")
_SENTENCE_END = ".!?:;…\"»”’'"
_TURKISH = re.compile(r"[ğşıİĞŞ]|\b(ve|bir|ile|olarak|yılında|arasında)\b")
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@dataclass(frozen=True)
class Scrape:
    """A scraped text turned into front matter, body and notes for the editor."""

    meta: Meta
    body: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    path: Path
    slug: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _words(line: str) -> int:
    return len(line.split())


_PROSE_END = re.compile(r"[.!?…][\"»”’')\]]*$")


def _is_prose(line: str) -> bool:
    """A line that reads as running text: a sentence of 8+ words, or a long run of words.

    Titles often end in a quotation or run long, but rarely end with a full stop.
    """
    line = _MARKER_RE.sub("", line)  # a closing footnote marker does not end a sentence
    n = _words(line)
    return n >= 25 or (n >= 8 and bool(_PROSE_END.search(line)))


def _is_debris(line: str) -> bool:
    return any(p.search(line) for p in _DEBRIS) or bool(_BOILERPLATE.search(line))


def _clean(line: str) -> str:
    # Collapse runs of plain spaces (not NBSP: an editor's typography stays).
    return re.sub(r" {2,}", " ", line.replace("\t", " ")).strip()


def escape_markdown(text: str) -> str:
    """Escape what CommonMark would read as markup in plain scraped prose."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`<>|])", r"\\\1", text)
    text = re.sub(r"\[(?!\^)", r"\\[", text)
    text = re.sub(r"^([#+=~-])", r"\\\1", text)
    text = re.sub(r"^(\d{1,9})([.)])(\s|$)", r"\1\\\2\3", text)
    return text


def _linkify(text: str) -> str:
    return _URL_RE.sub(lambda m: "<" + m.group(0).replace("\\_", "_") + ">", text)


def slugify(text: str, limit: int = 60) -> str:
    text = text.replace("ı", "i").replace("İ", "I")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def parse_scrape(text: str, *, chrome: frozenset[str] = frozenset(), original: str | None = None) -> Scrape:
    """Turn one scraped text into a source. ``chrome``: header lines seen in several files."""
    lines = [_clean(raw) for raw in text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    warnings: list[str] = []

    # Everything from a "Similar Posts" line on is another page's teaser list.
    for index, line in enumerate(lines):
        if _TRAILER.match(line):
            lines = lines[:index]
            break
    lines = [line for line in lines if not _is_debris(line)]

    # Header: up to the first prose line.
    first_prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    header, rest = lines[:first_prose], lines[first_prose:]
    date: dt.date | None = None
    views: int | None = None
    candidates: list[str] = []
    for line in header:
        match = _DATE_RE.match(line)
        if match and date is None:
            day, month, year = (int(match.group(i)) for i in (1, 2, 3))
            try:
                date = dt.date(year, month, day)
            except ValueError:
                candidates.append(line)
                continue
            if match.group(4):
                views = int(re.sub(r"\D", "", match.group(4)))
        else:
            candidates.append(line)
    sections = [c for c in candidates if c in chrome or (_words(c) <= 3 and c[-1:] not in _SENTENCE_END)]
    titles = [c for c in candidates if c not in sections and _words(c) >= 4]
    title = max(titles, key=len) if titles else ""
    leftovers = [c for c in candidates if c not in sections and c != title]
    if not title:
        warnings.append("no title found: write one in the front matter")
    if date is None:
        warnings.append("no date found")
    # A header line that is neither section nor title is kept as text: nothing is lost.
    rest = leftovers + rest

    # Author box (name shown twice, then a biography) after everything else.
    author = role = bio = None
    bio_lang = None
    if len(rest) >= 3 and rest[-3] == rest[-2] and _NAME_RE.match(rest[-3]):
        author, bio = rest[-3].rstrip(","), rest[-1]
        rest = rest[:-3]

    # Footnotes at the end.
    notes: dict[str, str] = {}
    while rest and (m := _NOTE_RE.match(rest[-1])):
        notes[m.group("label").lower()] = m.group("text")
        rest.pop()
    notes = dict(reversed(list(notes.items())))

    # Signature: a name line, then the author's role.
    if author:
        pass
    elif len(rest) >= 2 and _NAME_RE.match(rest[-2]) and not _is_prose(rest[-2]):
        author, role = rest[-2].rstrip(","), rest[-1]
        rest = rest[:-2]
    elif len(rest) >= 2 and _NAME_RE.match(rest[-1]):
        author = rest[-1].rstrip(",")
        rest = rest[:-1]
    if author and author.isupper() is False and re.search(r"\b[A-ZÇĞİÖŞÜ]{3,}\b", author):
        # "Dauren ZHAİLİN": sites often upper-case surnames; readers expect normal case.
        author = " ".join(w if not w.isupper() else w[0] + w[1:].lower().replace("i̇", "i") for w in author.split())
    if bio and _TURKISH.search(bio):
        bio_lang = "tr"
    elif bio and _CYRILLIC.search(bio):
        bio_lang = "ru"
    if bio_lang:
        warnings.append(
            f"the author's biography is in '{bio_lang}', not in the source language: "
            "give it in the source language in author_bio (the original can be its translation)"
        )

    body_lines: list[str] = []
    used_notes: set[str] = set()
    for index, line in enumerate(rest):
        following = rest[index + 1] if index + 1 < len(rest) else ""
        if line.endswith(":") and _words(line) <= 15 and _DASH_RE.match(following):
            body_lines.append(_markup(line, notes, used_notes))
            continue
        if _DASH_RE.match(line) and index > 0 and rest[index - 1].endswith(":") and _words(rest[index - 1]) <= 15:
            body_lines.append("> " + _markup(_DASH_RE.sub("", line, count=1), notes, used_notes))
            continue
        if (
            index > 0
            and _words(line) <= 10
            and line[-1:] not in _SENTENCE_END + ","
            and not _DASH_RE.match(line)
            and _is_prose(following)
        ):
            body_lines.append("## " + _markup(line, notes, used_notes))
            continue
        body_lines.append(_markup(line, notes, used_notes))
    unused = [label for label in notes if label not in used_notes]
    for label in unused:
        warnings.append(f"note [{label}] has no marker in the text; kept as a footnote at the end")
    footnotes = [f"[^{label}]: {_linkify(escape_markdown(notes[label]))}" for label in notes]
    if unused:
        body_lines.append(" ".join(f"[^{label}]" for label in unused))
    body = "\n\n".join(body_lines + footnotes)

    extra: tuple[tuple[str, str], ...] = (("author_bio_lang", bio_lang),) if bio_lang else ()
    meta = Meta(
        title=title,
        date=date,
        views=views,
        section=sections[0] if sections else None,
        author=author,
        author_role=role,
        author_bio=bio,
        original=original,
        extra=extra,
    )
    return Scrape(meta=meta, body=body, warnings=tuple(warnings))


def _markup(line: str, notes: dict[str, str], used: set[str]) -> str:
    text = _linkify(escape_markdown(line))

    def marker(match: re.Match[str]) -> str:
        label = match.group("label").lower()
        if label in notes:
            used.add(label)
            return f"[^{label}]"
        return match.group(0)

    # escape_markdown turned "[i]" into "\[i]"; restore real footnote markers.
    return re.sub(r"\\\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]", marker, text, flags=re.I)


def site_chrome(texts: Sequence[str]) -> frozenset[str]:
    """Short lines that open several scrapes: the site's own navigation, not an article's."""
    counts: Counter[str] = Counter()
    for text in texts:
        head = [_clean(x) for x in text.split("\n") if _clean(x)][:4]
        counts.update(set(line for line in head if _words(line) <= 6))
    return frozenset(line for line, n in counts.items() if n >= 2)


def import_files(
    raws: Sequence[Path], seeds_dir: Path, *, slugs: Sequence[str] = (), force: bool = False
) -> list[ImportResult]:
    """Import scraped files into ``seeds_dir``; never overwrite an editor's source unless forced."""
    if slugs and len(slugs) != len(raws):
        raise SourceError(f"{len(slugs)} --slug values for {len(raws)} files; give one per file or none")
    texts = []
    for raw in raws:
        try:
            texts.append(raw.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise SourceError("not UTF-8 text", raw) from exc
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror}", raw) from exc
    chrome = site_chrome(texts)
    root = seeds_dir.parent
    planned = []
    for index, (raw, text) in enumerate(zip(raws, texts, strict=True)):
        try:
            original = raw.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            original = raw.name
        scrape = parse_scrape(text, chrome=chrome, original=original)
        slug = slugs[index] if slugs else (slugify(scrape.meta.title) or slugify(raw.stem) or f"article-{index + 1}")
        check_slug(slug, raw)
        path = safe_join(seeds_dir, f"{slug}.md")
        if path.exists() and not force:
            raise SourceError(
                f"{path.name} exists and may hold an editor's work; pass --force to overwrite it or --slug for another name",
                path,
            )
        planned.append((path, slug, scrape))
    results = []
    for path, slug, scrape in planned:
        write_article(path, scrape.meta, scrape.body)
        results.append(ImportResult(path=path, slug=slug, warnings=scrape.warnings))
    return results
