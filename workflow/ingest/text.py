"""Plain-text scrapes (select-all-and-paste of a news page) -> article blocks, by classifying lines.

Every non-empty line is a block (sites render paragraphs as lines). Each is classified the
way boilerplate removers (jusText, boilerpipe) classify blocks, by its shape, not its site:
- *prose*: running text (8+ words ending a sentence, or 25+ words);
- *debris*: site furniture with a recognisable shape: share/print/follow buttons, cookie and
  subscription notices, comment forms, "Skip to content", "Advertisement", image credits,
  legal notices ("All rights reserved", a line opening with "©"/"Copyright") — never a
  sentence of prose, whatever word it contains;
- *barrier*: a short heading that opens another page's teasers ("Related stories", "Most
  read", "You may also like", "Comments"): the article does not run past it;
- *date*, *byline*: metadata lines (see :mod:`.metadata`);
- *chrome*: short lines repeated in several imported files of one site (menus, footers);
- *short*: everything else (menu items, subheadings, captions, list items).
The article is the densest run of prose: prose lines joined across gaps of a few non-prose
lines, never across a barrier; the run with most prose words wins. Above it, the header gives
the title (the headline nearest the date/byline, not a menu line or a standfirst ending in a
full stop), the section, date and byline; after it, a name and a role line are a signature.
Inside the run, short lines before prose are subheadings, bullet lines are list items, a
dash line after a speaker label is a quotation, ``[i]`` notes become footnotes. Whatever is
dropped is returned with its reason, for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Meta
from .markdown import attach_notes, escape_markdown, linkify
from .metadata import find_byline, find_date, is_date_line, looks_like_name, normalise_name
from .model import Block, Extract, Removed

# Site furniture by shape: the whole line is a button, a notice or a form label.
_DEBRIS = re.compile(
    "|".join(
        (
            r"^(beginning|start|end) of (the )?form\.?$",
            r"^(share|paylaş|поделиться|бөлісу|tweet|print|e-?mail|facebook|twitter|telegram|whatsapp|vk|linkedin|"
            r"pinterest|reddit|copy link|save|comment|comments|shares?|reddit|flipboard|messenger|sms|pocket)"
            r"(\s+(this|on|via|it|article|story|page|link|by email))*[:!]?"
            r"(\s*[,|/]?\s*(share|facebook|twitter|telegram|whatsapp|vk|print|e-?mail|linkedin|pinterest|reddit|"
            r"messenger|copy link|\d+))*$",
            r"^share (on|via|to|with) \w+",
            r"^(this|the) (post|article|page|news) is (also )?available in\b",
            r"^(also )?available in:",
            r"^(read|view) (this )?in:",
            r"^skip to\b",
            r"^(advertisement|advertising|sponsored( content)?|ad|story continues below|continue reading( below)?)\W*$",
            r"^(image|photo|picture|video|media) (copyright|caption|source|credit)",
            r"^(?=(\S+\s+){0,4}\S+$).*\b(share|sharing|permalink)\b",  # a short line about sharing
            r"^copy (this |the )?link\b",
            r"\b(playback|video player|this video)\b.{0,40}\b(unsupported|not supported|unavailable|requires)\b",
            r"^\(?(image|photo|picture|video|photograph|credit)s?( credit)?:.{0,80}$",
            r"^(getty images|ap photo|shutterstock)\b.{0,40}$",
            r"^(tags?|topics?|filed under|categories|category|keywords)\s*:",
            r"^(read|see) (also|more|next)\s*:",
            r"^(related|recommended|more)\s*:",
            r"^(sign (up|in)|log ?in|register|subscribe|newsletter|follow us|join us|download (our|the) app)\b.{0,80}$",
            r"\b(cookies?)\b.{0,120}\b(accept|consent|agree|use|policy|settings|experience)\b",
            r"^(accept|agree|ok|got it|i agree|close|next|previous|back to top|load more|show more|menu|search)\W*$",
            r"^(leave a (reply|comment)|post (a )?comment|add (a )?comment|your email address will not be published"
            r"|required fields are marked|name\s*\*|email\s*\*|website|save my name|notify me)\b",
            r"\b(these are external links|opens? in a new (window|tab))\b",
            r"^(please )?(enable|turn on) javascript\b",
            r"^\d+\s+(comments?|shares?|views?|min(ute)?s? read)$",
            r"^(image|photo|picture|slide)\s+\d+\s+(of|/)\s+\d+$",
            r"\b(unsubscribe|no spam|newsletter|inbox|activation link|sign up for|subscribe to)\b",
            r"^(opinions|views) expressed (by|in|here)\b.{0,80}(own|author)",
            r"^(this|the) (article|story|post) (was|is) (first )?(originally )?(published|posted|appeared)\b.{0,80}$",
            r"^(there was an error|thank you for (signing up|subscribing)|please (try again|enter|log in))\b",
        )
    ),
    re.I,
)
# Notices addressed to the reader, whole sentences but never an article's.
_NOTICE = re.compile(
    r"^(we|this (web)?site|our (web)?site|this page) uses? cookies\b|\bby (continuing|using|browsing)\b.{0,60}"
    r"\byou (agree|accept|consent)\b|^your email address will not be published\b|"
    r"\bsubscribe to our newsletter\b|\bactivation link\b|\bsuccess?fully subscribed\b|\bunsubscribe at any ?time\b|"
    r"\b(update|upgrade) (to )?(a modern|a newer|your) browser\b|^this copy is for your personal\b|"
    r"^(an error (has )?occurred|there was an error)\b|^write to .{1,60}@",
    re.I,
)
# Legal notices: dropped when the line is one, not when a sentence mentions copyright.
_LEGAL = re.compile(
    r"all rights reserved|use of (the )?materials|hyperlink to .* is (necessary|required)|"
    r"request (an )?authori[sz]ation|reprint(ing)? (is )?(only )?(permitted|allowed)|"
    r"^(©|\(c\)|copyright\b)|©\s*(19|20)\d\d",
    re.I,
)
_BARRIER = re.compile(
    r"^[\[(]?\s*((similar|related|recommended|more|other|popular|latest|trending|top|featured|suggested)"
    r"( (posts|articles|news|stories|links|topics|content|videos|reads|coverage|from \S+.*|on \S+.*|in \S+.*))?"
    r"|you (may|might) (also )?(like|enjoy|be interested in)|also read|read (also|more|next)|see also|"
    r"most (read|popular|viewed|shared|commented)|what to read next|editor'?s? picks|don'?t miss|"
    r"((top|most|reader|readers'?|best|latest|all|read|view|show)( rated)? )*comments?( \(\d+\))?|\d+ (comments?|replies)|"
    r"leave a (reply|comment)|join the (conversation|discussion)|"
    r"more (news|stories|articles|videos)( from .*)?|around the (web|site)|from the web|promoted stories|"
    r"tags|topics|keywords|share this( article| story)?)( (in|from|on|at|for) \S+( \S+){0,3})?\W*$",
    re.I,
)
# "2 days ago at 07:52 am", "Updated 3 hours ago": a time stamp without a date.
_RELATIVE_TIME = re.compile(
    r"^(updated|posted|published)?\s*\d+\s*(sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b.{0,20}$", re.I
)
_NOTE_RE = re.compile(r"^\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]\s*(?P<text>.+)$", re.I)
_MARKER_RE = re.compile(r"\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]", re.I)
_BULLET_RE = re.compile(r"^[-•*·–▪●◦■]\s*")
_NUMBERED_RE = re.compile(r"^(\d{1,2})[.)]\s+\S")
_DASH_RE = re.compile(r"^[—–-]\s*")
# A photo caption carries its credit: "(AP Photo/Evan Vucci)", "Photo: Reuters", "… / AFP".
_AGENCIES = r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock|REX|Xinhua|PA|Bloomberg|iStock)"
_CAPTION = re.compile(
    rf"\((?:[^()]{{0,40}}\b)?{_AGENCIES}\b[^()]{{0,40}}\)\s*$|"
    r"\((?:photo|image|picture|file photo|credit)[^()]{0,60}\)\s*$|"
    rf"^(?:photo|image|picture|file photo)\s*:|[/|]\s*{_AGENCIES}\s*(?:photo)?\s*$",
    re.I,
)
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$")
_VIEWS_RE = re.compile(r"^[0-3]?\d[./-][01]?\d[./-]\d{4}\s+(\d[\d\s,.]*)$")
_PROSE_END = re.compile(r"[.!?…。！？][\"»”’')\]」』]*$")
_SENTENCE_END = ".!?:;…\"»”’'"
_TURKISH = re.compile(r"[ğşıİĞŞ]|\b(ve|bir|ile|olarak|yılında|arasında)\b")
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LIST_LINES = 25  # short lines after a colon that read as a list, not as a gap
_COMMENTS = re.compile(r"comment|repl(y|ies)|conversation|discussion", re.I)
_GAP = 6  # non-prose lines a run of prose may step over (captions, subheadings, short list items)


@dataclass(frozen=True)
class Line:
    text: str
    kind: str  # prose, short, debris, legal, barrier, date, byline, chrome
    words: int


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _words(line: str) -> int:
    """Words, counting two CJK characters as one (those scripts do not separate words by spaces)."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A line that reads as running text: a sentence of 8+ words, or a long run of words.

    Titles often end in a quotation or run long, but rarely end with a full stop.
    """
    line = _MARKER_RE.sub("", line)  # a closing footnote marker does not end a sentence
    n = _words(line)
    if line.endswith(("...", "…")) and n < 40:
        return False  # a teaser cut short, not a paragraph
    if not _PROSE_END.search(line) and (
        line.count(",") + line.count("|") >= n / 5 or (n >= 25 and not re.search(r"[.,;:!?。，]", line))
    ):
        return False  # a list of tags or links, not a sentence
    return n >= 25 or (n >= 8 and bool(_PROSE_END.search(line)))


def _clean(line: str) -> str:
    # Collapse runs of plain spaces (not NBSP: an editor's typography stays).
    return re.sub(r" {2,}", " ", line.replace("\t", " ")).strip()


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


def split_lines(text: str) -> list[str]:
    lines = [_clean(raw) for raw in text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [line for line in lines if line]


def classify(lines: Sequence[str], chrome: frozenset[str] = frozenset()) -> list[Line]:
    """Each line's kind, from its own shape and from lines shared with other files of the site."""
    found = []
    for text in lines:
        n = _words(text)
        prose = is_prose(text)
        if _BARRIER.match(text) and n <= 8:
            kind = "barrier"
        elif (not prose and _DEBRIS.search(text)) or _NOTICE.search(text):
            kind = "debris"
        elif _LEGAL.search(text) and (not prose or re.match(r"^(©|\(c\)|copyright\b)", text, re.I)):
            kind = "legal"
        elif is_date_line(text) or _RELATIVE_TIME.match(text):
            kind = "date"
        elif find_byline(text):
            kind = "byline"
        elif prose:
            kind = "prose"
        elif text in chrome:
            kind = "chrome"
        elif _BULLET_RE.match(text) or _NUMBERED_RE.match(text) or _URL_LINE.match(text):
            kind = "item"  # a list item or a bare link: part of whatever text it stands in
        else:
            kind = "short"
        found.append(Line(text, kind, n))
    return found


@dataclass(frozen=True)
class _Run:
    start: int
    end: int
    prose_words: int
    prose_lines: int
    lines: int  # every line from start to end
    stamps: int  # date and byline lines inside the run
    headed: bool  # a date or byline stands just above it, as above an article

    @property
    def score(self) -> float:
        # An article is prose paragraph after paragraph; a teaser list or a comment thread
        # interleaves headlines, names and dates with its texts: thin prose, many stamps.
        score = self.prose_words * self.prose_lines / self.lines - 40 * max(0, self.stamps - 1)
        return score * 3 if self.headed and self.stamps <= 1 else score


def _runs(lines: Sequence[Line]) -> list[_Run]:
    """Runs of prose joined across gaps of a few non-prose lines, never across a barrier.

    A list (bullet or numbered lines, or short lines after a line ending in a colon) does
    not widen the gap: it continues the text that introduced it.
    """
    found: list[_Run] = []
    start = end = -1
    words = count = gap = stamps = pending = listed = 0
    for index, line in enumerate([*lines, Line("", "barrier", 0)]):
        if line.kind == "prose":
            if start < 0:
                start = index
            end, gap, listed = index, 0, _LIST_LINES if line.text.endswith(":") else 0
            stamps, pending = stamps + pending, 0
            words += line.words
            count += 1
            continue
        if line.kind in ("debris", "legal"):
            continue  # furniture inside an article (an ad slot, a share bar) does not end it
        if start >= 0 and (line.kind == "item" or (listed and line.kind == "short")):
            end, gap, listed = index, 0, max(0, listed - 1)
            continue
        if start >= 0 and line.kind == "short" and line.words >= 4 and _PROSE_END.search(line.text):
            end, gap = index, 0  # a short sentence goes on with the text
            continue
        if start >= 0 and line.kind == "short" and line.text.endswith(":"):
            listed = _LIST_LINES
        gap += 1
        pending += start >= 0 and line.kind in ("date", "byline")  # counted once prose follows
        if start >= 0 and (line.kind == "barrier" or gap > _GAP):
            headed = any(
                x.kind == "byline" or (x.kind == "date" and find_date(x.text)) for x in lines[max(0, start - 4) : start]
            )
            found.append(_Run(start, end, words, count, end - start + 1, stamps, headed))
            start, words, count, gap, stamps, pending, listed = -1, 0, 0, 0, 0, 0, 0
    return found


def _teaserish(lines: Sequence[Line], run: _Run) -> bool:
    """Whether most of a run's prose lines are one-line summaries under headlines."""
    under_headline = sum(
        1
        for i in range(run.start + 1, run.end + 1)
        if lines[i].kind == "prose"
        and lines[i - 1].kind == "short"
        and lines[i - 1].words <= 20
        and not _PROSE_END.search(lines[i - 1].text)
    )
    return under_headline >= 2 and under_headline >= 0.5 * run.prose_lines


def article_span(lines: Sequence[Line]) -> tuple[int, int] | None:
    """First and last line of the article: the densest run of prose, joined with dense neighbours.

    A neighbour joins across a short stretch of other lines, even across a "Related" box set
    into the article, when it is itself dense prose; never across a comments heading.
    """
    runs = _runs(lines)
    if not runs:
        return None
    best = max(range(len(runs)), key=lambda i: runs[i].score)
    first = last = best

    def joins(a: _Run, b: _Run, added: _Run) -> bool:  # b follows a
        between = [line for line in lines[a.end + 1 : b.start] if line.kind not in ("debris", "legal")]
        barriers = [line for line in between if line.kind == "barrier"]
        density = added.prose_lines / added.lines
        if any(_COMMENTS.search(line.text) for line in barriers) or added.stamps > 1:
            return False
        if barriers and (_teaserish(lines, added) or (len(barriers) > 1 and len(between) > 2 * _GAP)):
            return False  # after a box set into an article, prose of its own follows, not more teasers
        if barriers:  # a box of teasers: kicker and headline pairs, a dozen lines or more
            long_box = len(between) <= 3 * _GAP and density >= 0.6 and added.prose_words >= 80
            return long_box or (len(between) <= 2 * _GAP and density >= 0.45 and added.prose_words >= 40)
        return len(between) <= 2 * _GAP and density >= 0.4

    while first > 0 and joins(runs[first - 1], runs[first], runs[first - 1]):
        first -= 1
    while last + 1 < len(runs) and joins(runs[last], runs[last + 1], runs[last + 1]):
        last += 1
    return runs[first].start, runs[last].end


def _trim_teasers(lines: Sequence[Line], start: int, end: int) -> int:
    """The span's end without a trailing teaser list: three or more headlines, each followed by
    a one-line summary (an article's sections run to several paragraphs)."""
    pairs, index = 0, end
    while index - 1 > start and lines[index].kind == "prose" and lines[index].words <= 45:
        head = lines[index - 1]
        if head.kind != "short" or head.words > 20 or _PROSE_END.search(head.text) or head.text.endswith(":"):
            break
        pairs, index = pairs + 1, index - 2
    if pairs >= 3 and index > start:
        return index
    return end


def run_words(lines: Sequence[Line], span: tuple[int, int] | None) -> int:
    """Words of prose in the article span: what a kept body is measured against."""
    return sum(line.words for line in lines[span[0] : span[1] + 1] if line.kind == "prose") if span else 0


def _title(lines: Sequence[Line], stop: int, anchor: int | None) -> int | None:
    """Index of the headline among ``lines[:stop]``: nearest the date/byline, else nearest the body."""

    def candidate(line: Line, min_words: int) -> bool:
        return (
            line.kind == "short"
            and min_words <= line.words <= 25
            and not line.text.endswith((".", ":", ","))
            and not _BULLET_RE.match(line.text)
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
    end = _trim_teasers(lines, start, end)
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
    return Extract(meta, tuple(blocks), tuple(removed), tuple(warnings + note_warnings), run_words(lines, span))


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
            and (line.words >= 15 or (line.words >= 6 and bool(_PROSE_END.search(line.text))))
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
    if len(kept) >= 3 and looks_like_name(kept[-2]) and _is_role(Line(kept[-1], "short", _words(kept[-1]))):
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
        line.kind == "short"
        and 2 <= line.words <= 40
        and not _PROSE_END.search(line.text)
        and "." not in line.text[-6:]
    )


def _structure(lines: Sequence[str]) -> list[Block]:
    """Kept lines -> blocks: lists, speaker quotes, subheadings, paragraphs."""
    found: list[Block] = []
    numbered = {i for i, line in enumerate(lines) if _NUMBERED_RE.match(line)}
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else ""
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            _BULLET_RE.match(line)
            and not line.startswith("—")
            and (_BULLET_RE.match(following) or _BULLET_RE.match(before) or before.endswith(":"))
        ):
            found.append(Block("item", _markup(_BULLET_RE.sub("", line, count=1))))
        elif index in numbered and (index - 1 in numbered or index + 1 in numbered):
            found.append(Block("item", _markup(line.split(None, 1)[1]), ordered=True))
        elif _DASH_RE.match(line) and before.endswith(":") and _words(before) <= 15:
            found.append(Block("quote", _markup(_DASH_RE.sub("", line, count=1))))
        elif _CAPTION.search(line):
            found.append(Block("caption", _markup(line)))  # kept for the editor, marked as such
        elif (
            index > 0
            and _words(line) <= 10
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


def site_chrome(texts: Sequence[str]) -> frozenset[str]:
    """Short lines found in several scrapes: the site's own navigation and footer, not an article's."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({line for line in split_lines(text) if _words(line) <= 6 and not is_prose(line)})
    return frozenset(line for line, n in counts.items() if n >= 2)
