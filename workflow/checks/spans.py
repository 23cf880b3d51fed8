"""Spans of a unit's text that one check owns and the others must not read as prose.

URLs (bare, autolinks, link targets) and footnote markers belong to the markup checks; code
spans to the code check; placeholders of UI strings ("%(num)s") to msgfmt. Numbers inside a URL are not figures of the text, a footnote marker
``[^ii]`` is not two letters, a link target is not a word in the wrong script.
"""

from __future__ import annotations

import re
from functools import lru_cache

FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# Bare URLs stop at spaces, angle brackets and quotes; trailing sentence punctuation is not theirs.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»“”‘’]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?'’)"
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>", re.IGNORECASE)
LINK_TARGET = re.compile(r"\]\((<[^>\n]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\)")
CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Placeholders of the templates' own strings (ui.po): "%(num)s", "%s", "{name}"; msgfmt owns them.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd](?![^\W\d_])|\{\w+\}")


def trim_url(url: str) -> str:
    """A bare URL without the punctuation that ends the sentence around it."""
    while url and url[-1] in _URL_TAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def bare_urls(text: str) -> list[str]:
    return [trim_url(m.group(0)) for m in URL.finditer(text)]


@lru_cache(maxsize=8192)
def prose(text: str) -> str:
    """``text`` with code, link targets, autolinks, URLs, footnote markers and placeholders blanked out."""
    text = PLACEHOLDER.sub(" ", CODE.sub(" ", text))
    text = LINK_TARGET.sub("] ", text)
    text = AUTOLINK.sub(" ", text)
    text = URL.sub(" ", text)
    return FOOTNOTE.sub(" ", text)
