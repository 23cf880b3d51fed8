"""Dates, bylines and author names as news pages print them, in any site's layout.

Dates: every common English form (``November 20, 2019 - 11:28``, ``20 Nov 2019 08:00 GMT``,
``16:42, 14 April 2021``, ``Wed 20 Nov 2019``, ``2019-11-20``) and ``dd.mm.yyyy``; a regex
finds the date in a line, python-dateutil reads it. Bylines: ``By X``, ``By X and Y in
Section on DATE``, ``Author: X``, ``Written/Posted/Reported by X``, and a wire agency credit
standing alone (``PTI``, ``Reuters``).
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),  # November 20, 2019
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),  # 20 Nov 2019
    re.compile(rf"\b{_YEAR}-[01]?\d-[0-3]?\d(?!\d)"),  # 2019-11-20, 2019-11-20T12:48:14Z
    re.compile(rf"\b[0-3]?\d\.[01]?\d\.{_YEAR}"),  # 20.11.2019: day first (also glued to text)
    re.compile(rf"\b[01]?\d/[0-3]?\d/{_YEAR}"),  # 11/20/2019: an English site's order
]
# A line that is only a date (with weekday, time, zone, "Published"/"Updated", views count).
_DATE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|modified|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|est|edt|pst|pdt|cst|cdt|mst|mdt|ist|cet|cest|eet|msk|aest|aedt|jst|kst|hkt|sgt|wib|et|pt|ct|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"date|time|views?|hours?|days?|weeks?|months?|years?|ago|first|read|min|mins|minutes?|reading|updated:|published:)\b",
    re.I,
)
_WIRE = re.compile(
    r"^(PTI|IANS|ANI|UNI|AFP|AP|Reuters|Xinhua|dpa|EFE|TASS|ANSA|Bloomberg|Agencies|"
    r"Associated Press|Press Trust of India|Agence France-Presse)(?:\s*[/&]\s*\w+)?(?:,\s*[A-Z][\w .-]*)?[.,]?$"
)
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:de|van|von|der|da|di|al|bin|le|la|du)|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_BY_RE = re.compile(
    rf"^(?:(?:Written|Posted|Reported|Words|Story|Text|Edited)\s+)?[Bb]y:?\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?P<rest>(?:\s*[,|·•—–-]\s*|\s+(?:in|on|at|for|from|published|updated)\b).*)?$"
)
_LABEL_RE = re.compile(
    rf"^(?:Author|Authors|Writer|Reporter|Byline|Editor)\s*:\s*(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\.?$"
)
_ROLE_TAIL = re.compile(r",?\s+(?:Staff|Correspondent|Reporter|Writer|Editor|Contributor)\b.*$")
# Names that are site furniture, not people (footer links look like "Contact Us", "Privacy Policy").
_NOT_NAMES = re.compile(
    r"\b(?:us|policy|privacy|terms|contact|about|home|news|subscribe|advertise|careers|sitemap|cookies?|"
    r"rights|reserved|follow|newsletter|login|register|sign|search|menu|share|print|email|comments?|"
    r"feedback|help|faq|jobs|archive|rss|more|read|latest|top|video|photos?|opinion|sport|business)\b",
    re.I,
)


def find_date(line: str) -> dt.date | None:
    """The first date written in ``line``, or None."""
    for form in _DATE_FORMS:
        match = form.search(line)
        if not match:
            continue
        text = match.group(0)
        dayfirst = "." in text and not re.search("[A-Za-z]", text)
        try:
            value = dateparser.parse(text, dayfirst=dayfirst, default=dt.datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            continue
        return value.date()
    return None


_BY_HINT = re.compile(r"\b[Bb]y\b|^(?:Author|Authors|Writer|Reporter|Byline|Editor)s?\s*:")
_TRAILING_BY = re.compile(rf"\s+[|·•—–-]?\s*[Bb]y\s+{_NAME}$")


def is_date_line(line: str) -> bool:
    """A line that only states when the article was published (its words are date words).

    A byline may follow the date ("Monday November 18, 2019 7:45 am PST by Joe Rossignol").
    """
    if len(line) > 160 or not re.search(r"\d\d", line) or find_date(line) is None:
        return False  # every date form has a two-digit run (the year at least)
    rest = _TRAILING_BY.sub("", line)
    for form in _DATE_FORMS:
        rest = form.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    rest = re.sub(r"\b\d{1,2}[:.]\d\d\b|\b\d[\d\s,.]*\b|[^\w]+", " ", rest)
    return len(rest.split()) <= 1


def find_byline(line: str) -> str | None:
    """The author named by a byline line, or None; never a footer link or a sentence."""
    line = line.strip()
    if len(line) > 160 or not (_BY_HINT.search(line) or _WIRE.match(line)):
        return None  # most lines: no "by", no label, no agency
    if (by := _TRAILING_BY.search(line)) and is_date_line(line[: by.start()]):
        line = by.group(0).strip(" |·•—–-")
    if len(line.split()) > 20 or len(line) > 160:
        return None
    if wire := _WIRE.match(line):
        return wire.group(1)
    match = _BY_RE.match(line) or _LABEL_RE.match(line)
    if not match:
        return None
    names = _ROLE_TAIL.sub("", match.group("names")).strip(" ,")
    if not names or _NOT_NAMES.search(names) or not names[:1].isupper() or names.split()[0] in ("The", "A", "An"):
        return None
    return normalise_name(names)


def looks_like_name(line: str) -> bool:
    """2-4 capitalised words and nothing a footer link or a web address would say."""
    words = line.rstrip(",").split()
    return (
        2 <= len(words) <= 4
        and all(re.match(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІÇĞİÖŞÜ][\w’'-]*\.?$", w) for w in words)
        and words[0].lower() not in ("the", "via", "by", "from", "in", "on")
        and not _NOT_NAMES.search(line)
    )


def normalise_name(name: str) -> str:
    """ "Dauren ZHAİLİN" -> "Dauren Zhailin": sites upper-case surnames, readers expect normal case."""
    name = " ".join(name.rstrip(",").split())
    if name.isupper() and len(name) > 5:
        return " ".join(w[0] + w[1:].lower().replace("i̇", "i") for w in name.split())
    if re.search(r"\b[A-ZÇĞİÖŞÜ]{3,}\b", name):
        return " ".join(w if not w.isupper() else w[0] + w[1:].lower().replace("i̇", "i") for w in name.split())
    return name
