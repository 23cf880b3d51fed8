"""Spans of a unit's text that one check owns and the others must not read as prose.

URLs (bare, autolinks, link targets) and footnote markers belong to the markup checks; code
spans to the code check; placeholders of UI strings ("%(num)s") to msgfmt. Numbers inside a URL are not figures of the text, a footnote marker
``[^ii]`` is not two letters, a link target is not a word in the wrong script.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Every pattern here is linear in the text's length: each repetition stops at the character that
# would open the next construct ("[", "(", "<") and none backtracks into a longer scan, so a
# hostile msgstr of 60 KB of "](" or "[^" costs milliseconds, not minutes.
FOOTNOTE = re.compile(r"\[\^([^\[\]\s]++)\]")
# Bare URLs stop at spaces, angle brackets and quotes; trailing sentence punctuation is not theirs.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»“”‘’]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?'’)"
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>", re.IGNORECASE)
# A destination is <...> or text with balanced parentheses one level deep, as CommonMark allows.
LINK_TARGET = re.compile(
    r"\]\((<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\)"
)
_BACKTICKS = re.compile(r"`+")
# Placeholders of the templates' own strings (ui.po): "%(num)s", "%s", "{name}"; msgfmt owns them.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd](?![^\W\d_])|\{\w+\}")


def trim_url(url: str) -> str:
    """A bare URL without the punctuation that ends the sentence around it."""
    opened, closed = url.count("("), url.count(")")  # counted once: the loop below stays linear
    end = len(url)
    while end and url[end - 1] in _URL_TAIL:
        if url[end - 1] == ")":
            if opened >= closed:
                break
            closed -= 1
        end -= 1
    return url[:end]


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span, as CommonMark pairs backtick strings: an opener closes at
    the next backtick string of the same length. One pass over the backtick strings, so linear
    (the regex ``(`+)(.+?)\\1`` it replaces was cubic on a long run of backticks)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for number in range(len(runs) - 1, -1, -1):
        width = runs[number][1] - runs[number][0]
        following[number] = seen.get(width)
        seen[width] = number
    spans = []
    number = 0
    while number < len(runs):
        closer = following[number]
        if closer is None:
            number += 1
            continue
        spans.append((runs[number][0], runs[closer][1]))
        number = closer + 1
    return spans


def blank_code(text: str, filler: str = " ") -> str:
    """``text`` with every code span replaced by ``filler``."""
    spans = code_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], filler]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def bare_urls(text: str) -> list[str]:
    return [trim_url(m.group(0)) for m in URL.finditer(text)]


@lru_cache(maxsize=8192)
def prose(text: str) -> str:
    """``text`` with code, link targets, autolinks, URLs, footnote markers and placeholders blanked out."""
    text = PLACEHOLDER.sub(" ", blank_code(text))
    text = LINK_TARGET.sub("] ", text)
    text = AUTOLINK.sub(" ", text)
    text = URL.sub(" ", text)
    return FOOTNOTE.sub(" ", text)
