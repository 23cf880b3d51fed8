"""Boilerplate removal on the lines of a page's visible text: what each line is, and where the article runs.

Every non-empty line is a block (sites render paragraphs as lines). Each is classified the
way boilerplate removers (jusText, boilerpipe) classify blocks, by its shape, not its site:
- *prose*: running text (8+ words ending a sentence, or 25+ words; not a teaser cut short
  with "…", not a list of tags);
- *debris*: site furniture with a recognisable shape: share/print/follow buttons, cookie and
  subscription notices, comment forms, "Skip to content", "Advertisement", image credits;
  never a sentence of prose, whatever word it contains (only notices addressed to the reader,
  "We use cookies…", are dropped as whole sentences);
- *legal*: a line that is a legal notice ("All rights reserved", opening with "©");
- *barrier*: a short heading that opens other pages' teasers or the comments ("Related
  stories", "Most read", "You may also like", "12 Comments");
- *date*, *byline*: metadata lines (see :mod:`.metadata`);
- *chrome*: short lines repeated in several imported files of one site (menus, footers);
- *item*: a bullet or numbered line, or a bare link;
- *short*: everything else (menu items, subheadings, captions).
The article is the densest run of prose: prose lines joined across gaps of a few other
lines (a list after a colon is no gap), never across a comments heading. A teaser list or a
comment thread loses to the article because its prose is thin and carries many names and
dates; a run with a date or byline just above it (a headline block) counts three times.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .metadata import find_byline, find_date, is_date_line

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
_MARKER_RE = re.compile(r"\[(?P<label>[ivxlc]{1,6}|\d{1,3})\]", re.I)
BULLET_RE = re.compile(r"^[-•*·–▪●◦■]\s*")
NUMBERED_RE = re.compile(r"^(\d{1,2})[.)]\s+\S")
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$")
PROSE_END = re.compile(r"[.!?…。！？][\"»”’')\]」』]*$")
_LIST_LINES = 25  # short lines after a colon that read as a list, not as a gap
_COMMENTS = re.compile(r"comment|repl(y|ies)|conversation|discussion", re.I)
_GAP = 6  # non-prose lines a run of prose may step over (captions, subheadings, short list items)


@dataclass(frozen=True)
class Line:
    """One line of visible text, as the boilerplate rules see it."""

    text: str
    kind: str  # prose, short, item, debris, legal, barrier, date, byline, chrome
    words: int


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def words(line: str) -> int:
    """Words, counting two CJK characters as one (those scripts do not separate words by spaces)."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A line that reads as running text: a sentence of 8+ words, or a long run of words.

    Titles often end in a quotation or run long, but rarely end with a full stop.
    """
    line = _MARKER_RE.sub("", line)  # a closing footnote marker does not end a sentence
    n = words(line)
    if line.endswith(("...", "…")) and n < 40:
        return False  # a teaser cut short, not a paragraph
    if not PROSE_END.search(line) and (
        line.count(",") + line.count("|") >= n / 5 or (n >= 25 and not re.search(r"[.,;:!?。，]", line))
    ):
        return False  # a list of tags or links, not a sentence
    return n >= 25 or (n >= 8 and bool(PROSE_END.search(line)))


def _clean(line: str) -> str:
    # Collapse runs of plain spaces (not NBSP: an editor's typography stays).
    return re.sub(r" {2,}", " ", line.replace("\t", " ")).strip()


def split_lines(text: str) -> list[str]:
    lines = [_clean(raw) for raw in text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [line for line in lines if line]


def classify(lines: Sequence[str], chrome: frozenset[str] = frozenset()) -> list[Line]:
    """Each line's kind, from its own shape and from lines shared with other files of the site."""
    found = []
    for text in lines:
        n = words(text)
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
        elif BULLET_RE.match(text) or NUMBERED_RE.match(text) or _URL_LINE.match(text):
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
        if start >= 0 and line.kind == "short" and line.words >= 4 and PROSE_END.search(line.text):
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
        and not PROSE_END.search(lines[i - 1].text)
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


def trim_teasers(lines: Sequence[Line], start: int, end: int) -> int:
    """The span's end without a trailing teaser list: three or more headlines, each followed by
    a one-line summary (an article's sections run to several paragraphs)."""
    pairs, index = 0, end
    while index - 1 > start and lines[index].kind == "prose" and lines[index].words <= 45:
        head = lines[index - 1]
        if head.kind != "short" or head.words > 20 or PROSE_END.search(head.text) or head.text.endswith(":"):
            break
        pairs, index = pairs + 1, index - 2
    if pairs >= 3 and index > start:
        return index
    return end


def page_words(lines: Sequence[Line]) -> int:
    """Words of running text anywhere on the page."""
    return sum(line.words for line in lines if line.kind == "prose")


def run_words(lines: Sequence[Line], span: tuple[int, int] | None) -> int:
    """Words of prose in the article span: what a kept body is measured against."""
    return sum(line.words for line in lines[span[0] : span[1] + 1] if line.kind == "prose") if span else 0


def site_chrome(texts: Sequence[str]) -> frozenset[str]:
    """Short lines found in several scrapes: the site's own navigation and footer, not an article's."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({line for line in split_lines(text) if words(line) <= 6 and not is_prose(line)})
    return frozenset(line for line, n in counts.items() if n >= 2)
