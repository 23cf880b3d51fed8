"""Plain-text scrapes (select-all-and-paste of a news page) -> an article, line by line.

The lines are classified and the article's run found by :mod:`.boilerplate`. Above the run,
the header gives the title (the title-like line nearest the date or byline: not a menu line,
not a standfirst of two sentences), the section, the date and the byline; after it, a name
with a comma or a role line is the signature, a name shown twice and a biography the author
box. Inside the run, short lines before prose are subheadings, bullet and numbered lines
lists, a dash line after a speaker label a quotation, a line with a photo credit a caption,
``[i]`` notes footnotes; a "Related" box set into the article is dropped. Every line that is
not kept or used for the front matter is returned with the reason it was dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Meta
from .boilerplate import (
    BULLET_RE,
    NUMBERED_RE,
    PROSE_END,
    Line,
    article_span,
    classify,
    is_prose,
    page_words,
    run_words,
    split_lines,
    trim_teasers,
    words,
)
from .markdown import attach_notes, escape_markdown, linkify
from .metadata import find_byline, find_date, is_date_line, looks_like_name, normalise_name
from .model import Block, Extract, Removed

_NOTE_RE = re.compile(r"^\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]\s*(?P<text>.+)$", re.I)
_DASH_RE = re.compile(r"^[—–-]\s*")
# A photo caption carries its credit: "(AP Photo/Evan Vucci)", "Photo: Reuters", "… / AFP".
_AGENCIES = r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock|REX|Xinhua|PA|Bloomberg|iStock)"
_CAPTION = re.compile(
    rf"\((?:[^()]{{0,40}}\b)?{_AGENCIES}\b[^()]{{0,40}}\)\s*$|"
    r"\((?:photo|image|picture|file photo|credit)[^()]{0,60}\)\s*$|"
    rf"^(?:photo|image|picture|file photo)\s*:|[/|]\s*{_AGENCIES}\s*(?:photo)?\s*$",
    re.I,
)
_VIEWS_RE = re.compile(r"^[0-3]?\d[./-][01]?\d[./-]\d{4}\s+(\d[\d\s,.]*)$")
_SENTENCE_END = ".!?:;…\"»”’'"
_TURKISH = re.compile(r"[ğşıİĞŞ]|\b(ve|bir|ile|olarak|yılında|arasında)\b")
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _title(lines: Sequence[Line], stop: int, anchor: int | None) -> int | None:
    """Index of the headline among ``lines[:stop]``: nearest the date/byline, else nearest the body."""

    def candidate(line: Line, min_words: int) -> bool:
        return (
            line.kind == "short"
            and min_words <= line.words <= 25
            and not line.text.endswith((".", ":", ","))
            and not BULLET_RE.match(line.text)
            and not re.search(r"[.!?] [A-Z]", line.text)  # a standfirst of two sentences
            and find_date(line.text) is None
        )

    if anchor is not None:
        for index in range(anchor - 1, max(-1, anchor - 7), -1):
            if candidate(lines[index], 3):
                return index
        for index in range(anchor + 1, stop):
            if candidate(lines[index], 4):
                return index
    for index in range(stop - 1, max(-1, stop - 12), -1):
        if candidate(lines[index], 4):
            return index
    return None


def _metadata_lines(lines: Sequence[Line], start: int, stop: int) -> list[int]:
    return [i for i in range(start, stop) if lines[i].kind in ("date", "byline")]


@dataclass(frozen=True)
class _Header:
    """What the lines above the article say about it."""

    meta_lines: frozenset[int]  # date and byline lines used for the front matter
    title_at: int | None
    top: int  # first line of the article's header (headline, date or body)
    date: dt.date | None
    views: int | None
    author: str | None
    section: str | None


@dataclass(frozen=True)
class _Signature:
    author: str | None = None
    role: str | None = None
    bio: str | None = None
    used: tuple[str, ...] = ()  # lines that went into the front matter
    trim: int = 0  # of them, how many close the kept body


def parse_scrape(text: str, *, chrome: frozenset[str] = frozenset(), original: str | None = None) -> Extract:
    """Turn one scraped text into an article. ``chrome``: short lines shared by several files of the site."""
    lines = classify(split_lines(text), chrome)
    span = article_span(lines)
    start, end = span if span else (len(lines), len(lines) - 1)
    while end + 1 < len(lines) and _NOTE_RE.match(lines[end + 1].text):
        end += 1  # the article's notes follow its last paragraph
    end = trim_teasers(lines, start, end)
    header = _header(lines, start, end)
    kept, removed = _partition(lines, start, end, header)
    signature = _signature(lines, end, kept) if header.author is None else _Signature()
    kept = kept[: len(kept) - signature.trim]
    removed = [r for r in removed if r.text not in signature.used]
    warnings = []
    bio_lang = _foreign_language(signature.bio)
    if bio_lang:
        warnings.append(
            f"the author's biography is in '{bio_lang}', not in the source language: "
            "give it in the source language in author_bio (the original can be its translation)"
        )
    title = lines[header.title_at].text if header.title_at is not None else ""
    if not title:
        warnings.append("no title found: write one in the front matter")
    if header.date is None:
        warnings.append("no date found")
    blocks, note_warnings = attach_notes(_structure(kept))
    meta = Meta(
        title=title,
        date=header.date,
        views=header.views,
        section=header.section,
        author=header.author or signature.author,
        author_role=signature.role,
        author_bio=signature.bio,
        original=original,
        extra=(("author_bio_lang", bio_lang),) if bio_lang else (),
    )
    notes = tuple(warnings + note_warnings)
    return Extract(meta, tuple(blocks), tuple(removed), notes, run_words(lines, span), page_words(lines))


def _header(lines: Sequence[Line], start: int, end: int) -> _Header:
    """Title, date, byline and section from the lines above the body (or a byline under its lead)."""
    # Metadata lines within 15 lines above the body, share bars and other debris not counted.
    head_from, seen = start, 0
    while head_from > 0 and seen < 15:
        head_from -= 1
        seen += lines[head_from].kind not in ("debris", "legal")
    meta_lines = _metadata_lines(lines, head_from, start) or _metadata_lines(lines, start, min(end + 1, start + 4))
    anchor = meta_lines[0] if meta_lines and meta_lines[0] < start else None
    title_at = _title(lines, start, anchor)
    date = views = author = None
    for index in meta_lines:
        line = lines[index]
        if line.kind == "date" and date is None:
            date = find_date(line.text)
            if m := _VIEWS_RE.match(line.text):
                views = int(re.sub(r"\D", "", m.group(1)))
        elif line.kind == "byline" and author is None:
            author = find_byline(line.text)
            date = date or find_date(line.text)
    if date is None:  # a date beside the headline or in a byline farther up
        date = next((d for x in lines[head_from:start] if x.words <= 16 and (d := find_date(x.text))), None)
    top = min(i for i in (title_at, anchor, start) if i is not None)
    section = next(
        (
            lines[i].text
            for i in range(top - 1, max(-1, top - 3), -1)
            if lines[i].kind in ("short", "chrome") and lines[i].words <= 4 and lines[i].text[-1:] not in _SENTENCE_END
        ),
        None,
    )
    return _Header(frozenset(meta_lines), title_at, top, date, views, author, section)


def _partition(lines: Sequence[Line], start: int, end: int, header: _Header) -> tuple[list[str], list[Removed]]:
    """The article's lines, and every other line with the reason it was dropped."""
    kept: list[str] = []
    removed: list[Removed] = []
    in_box = False  # between a "Related" heading set into the article and the next paragraph
    reasons = {"short": "outside the article", "prose": "outside the article", "chrome": "site menu"}
    for index, line in enumerate(lines):
        inside = start <= index <= end
        in_box = inside and (line.kind == "barrier" or (in_box and line.kind != "prose"))
        standfirst = (  # running text between headline and body is the article's
            not inside
            and header.top < index < start
            and line.kind in ("short", "prose")
            and (line.words >= 15 or (line.words >= 6 and bool(PROSE_END.search(line.text))))
            and line.text.count(",") < line.words / 5  # not a list of tags
        )
        if index == header.title_at:
            continue
        if index in header.meta_lines or (line.kind in ("date", "byline") and inside):
            removed.append(Removed(line.kind, line.text))
        elif in_box:
            removed.append(Removed("related box", line.text))
        elif (inside or standfirst) and line.words >= 6 and line.text in kept:
            removed.append(Removed("repeated", line.text))  # a gallery caption or a pull quote shown again
        elif (inside and line.kind in ("prose", "short", "chrome", "item")) or standfirst:
            kept.append(line.text)
        elif line.text == header.section and index < header.top:
            removed.append(Removed("section", line.text))
        else:
            removed.append(Removed(reasons.get(line.kind, line.kind), line.text))
    return kept, removed


def _signature(lines: Sequence[Line], end: int, kept: Sequence[str]) -> _Signature:
    """The author at the end: an author box (name twice, then a biography) closing the body, or
    a name with a comma or a role line under it (a lone name there is as likely a tag or a link)."""
    if len(kept) >= 3 and kept[-3] == kept[-2] and looks_like_name(kept[-3]) and is_prose(kept[-1]):
        return _Signature(normalise_name(kept[-3]), None, kept[-1], (kept[-3], kept[-1]), trim=3)
    tail = [line for line in lines[end + 1 : end + 6] if line.kind not in ("debris", "legal")][:2]
    tail = tail[: next((i for i, x in enumerate(tail) if x.kind not in ("short", "prose", "chrome")), 2)]
    if tail and looks_like_name(tail[0].text):
        role = tail[1].text if len(tail) > 1 and _is_role(tail[1]) else None
        if tail[0].text.endswith(",") or role:
            return _Signature(normalise_name(tail[0].text), role, None, tuple(x for x in (tail[0].text, role) if x))
        return _Signature()
    if len(kept) >= 2 and looks_like_name(kept[-1]) and kept[-1].endswith(","):
        return _Signature(normalise_name(kept[-1]), used=(kept[-1],), trim=1)
    if len(kept) >= 3 and looks_like_name(kept[-2]) and _is_role(Line(kept[-1], "short", words(kept[-1]))):
        return _Signature(normalise_name(kept[-2]), kept[-1], None, (kept[-2], kept[-1]), trim=2)
    return _Signature()


def _foreign_language(text: str | None) -> str | None:
    """'tr' or 'ru' for an author biography a site printed in its other language."""
    if text and _TURKISH.search(text):
        return "tr"
    if text and _CYRILLIC.search(text):
        return "ru"
    return None


def _is_role(line: Line) -> bool:
    """A line under a name that gives the author's position, not a sentence or a link."""
    return (
        line.kind == "short" and 2 <= line.words <= 40 and not PROSE_END.search(line.text) and "." not in line.text[-6:]
    )


def _structure(lines: Sequence[str]) -> list[Block]:
    """Kept lines -> blocks: lists, speaker quotes, subheadings, paragraphs."""
    found: list[Block] = []
    numbered = {i for i, line in enumerate(lines) if NUMBERED_RE.match(line)}
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else ""
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            BULLET_RE.match(line)
            and not line.startswith("—")
            and (BULLET_RE.match(following) or BULLET_RE.match(before) or before.endswith(":"))
        ):
            found.append(Block("item", _markup(BULLET_RE.sub("", line, count=1))))
        elif index in numbered and (index - 1 in numbered or index + 1 in numbered):
            found.append(Block("item", _markup(line.split(None, 1)[1]), ordered=True))
        elif _DASH_RE.match(line) and before.endswith(":") and words(before) <= 15:
            found.append(Block("quote", _markup(_DASH_RE.sub("", line, count=1))))
        elif _CAPTION.search(line):
            found.append(Block("caption", _markup(line)))  # kept for the editor, marked as such
        elif (
            index > 0
            and words(line) <= 10
            and line[-1:] not in _SENTENCE_END + ","
            and not _DASH_RE.match(line)
            and not is_date_line(line)
            and is_prose(following)
        ):
            found.append(Block("heading", _markup(line)))
        else:
            found.append(Block("paragraph", _markup(line)))
    return found


def _markup(line: str) -> str:
    return linkify(escape_markdown(line))
