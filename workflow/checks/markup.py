"""Inline Markdown of a unit: links and their targets, footnote markers, emphasis and code.

Both sides are parsed with markdown-it (CommonMark, as the editions render them), so "broken"
means what a reader would see: a delimiter that no longer pairs is left as a literal ``*``,
`` ` ``, ``[`` or ``<`` in the text, and a construct of the source is missing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from .base import EntryCheck, Pair, Problem
from .spans import AUTOLINK, FOOTNOTE, LINK_TARGET, URL, bare_urls

_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Delimiters that, left as literal text, show a construct did not close or open.
_LITERALS = {"*": "emphasis", "_": "emphasis", "`": "code", "[": "link", "]": "link", "<": "autolink", ">": "autolink"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Shape:
    """The inline constructs of a text, and the delimiters it shows as literal text."""

    strong: int
    em: int
    links: int
    autolinks: int
    code: tuple[str, ...]
    tags: tuple[str, ...]  # HTML tags, which editions show as text
    literal: tuple[tuple[str, int], ...]

    def literal_count(self, mark: str) -> int:
        return dict(self.literal).get(mark, 0)


@lru_cache(maxsize=8192)
def shape(text: str) -> Shape:
    tokens = _markdown().parseInline(FOOTNOTE.sub(" ", text))
    counts: Counter[str] = Counter()
    literal: Counter[str] = Counter()
    code: list[str] = []
    tags: list[str] = []
    in_autolink = False
    for token in tokens[0].children or [] if tokens else []:
        if token.type in ("strong_open", "em_open", "code_inline"):
            counts[token.type] += 1
            if token.type == "code_inline":
                code.append(token.content)
        elif token.type == "link_open":
            in_autolink = token.markup == "autolink"
            counts["autolink" if in_autolink else "link"] += 1
        elif token.type == "link_close":
            in_autolink = False
        elif token.type == "text" and not in_autolink:
            plain = URL.sub(" ", token.content)
            tags += _TAG.findall(plain)
            plain = _TAG.sub(" ", plain)
            literal.update(ch for ch in plain if ch in _LITERALS)
    return Shape(
        strong=counts["strong_open"],
        em=counts["em_open"],
        links=counts["link"],
        autolinks=counts["autolink"],
        code=tuple(sorted(code)),
        tags=tuple(tags),
        literal=tuple(sorted(literal.items())),
    )


def check_markup(pair: Pair) -> list[str]:
    src, dst = shape(pair.src), shape(pair.dst)
    problems = []
    stray: dict[str, list[str]] = {}
    for mark, construct in _LITERALS.items():
        if dst.literal_count(mark) > src.literal_count(mark):
            stray.setdefault(construct, []).append(mark)
    for construct, marks in sorted(stray.items()):
        problems.append(f"broken {construct}: stray {' '.join(marks)} shown as text")
    spare, added = Counter(src.tags), []
    for tag in dst.tags:
        if spare[tag]:
            spare[tag] -= 1
        else:
            added.append(tag)
    if added:
        problems.append(f"HTML {' '.join(dict.fromkeys(added))} not in the source: editions show it as text")
    for label, a, b in (
        ("bold (**)", src.strong, dst.strong),
        ("emphasis (*)", src.em, dst.em),
        ("links", src.links, dst.links),
        ("autolinks (<…>)", src.autolinks, dst.autolinks),
        ("code spans", len(src.code), len(dst.code)),
    ):
        if a != b:
            problems.append(f"{label}: {a} in the source, {b} in the translation")
    if len(src.code) == len(dst.code) and src.code != dst.code:
        changed = sorted(set(src.code) - set(dst.code))
        problems.append(f"code `{changed[0] if changed else src.code[0]}` must stay as in the source")
    return problems


def urls(text: str) -> Counter[str]:
    """Every URL and link target of ``text``: [..](target), <autolink>, bare http(s)://…"""
    found: Counter[str] = Counter(m.group(1).strip("<>") for m in LINK_TARGET.finditer(text))
    text = LINK_TARGET.sub("] ", text)
    found.update(m.group(1) for m in AUTOLINK.finditer(text))
    found.update(bare_urls(AUTOLINK.sub(" ", text)))
    return found


def check_urls(pair: Pair) -> list[str]:
    src, dst = urls(pair.src), urls(pair.dst)
    missing, extra = sorted((src - dst).elements()), sorted((dst - src).elements())
    if len(missing) == 1 and len(extra) == 1:
        return [f"link target {missing[0]} became {extra[0]}"]
    return [f"link target {u} is missing or changed" for u in missing] + [
        f"link target {u} is not in the source" for u in extra
    ]


def check_footnotes(pair: Pair) -> list[Problem]:
    src = Counter(m.group(0) for m in FOOTNOTE.finditer(pair.src))
    dst = Counter(m.group(0) for m in FOOTNOTE.finditer(pair.dst))
    return [Problem(f"footnote marker {m} is missing") for m in sorted((src - dst).elements())] + [
        Problem(f"footnote marker {m} is not in the source") for m in sorted((dst - src).elements())
    ]


URLS = EntryCheck("urls", "error", "URLs and link targets of the source missing or changed", check_urls)
FOOTNOTES = EntryCheck("footnotes", "error", "footnote markers [^i] missing or added", check_footnotes)
MARKUP = EntryCheck(
    "markup", "error", "inline Markdown broken or unbalanced: emphasis, links, autolinks, code", check_markup
)
