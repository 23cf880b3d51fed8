"""Keep markup, links, footnote markers and numbers away from the MT engine, and put them back.

A unit's inline Markdown is replaced by numbered placeholders ``⟨0⟩``, ``⟨1⟩``, … before
translation. They use no underscore (argostranslate turns ``_`` into a space) and
characters an engine has no piece for, which CTranslate2 copies back from the source
(``replace_unknowns``). Protected:

- code spans, autolinks ``<https://…>``, bare URLs, images, footnote markers ``[^ii]``,
  backslash escapes and numbers ("$5", "87.2%", "29.12.2022") as whole atoms;
- links ``[text](url)``: the brackets and the target are placeholders, the text is translated;
- emphasis delimiters (``*``, ``**``, ``_``) as paired open/close placeholders.

:func:`restore` is tolerant of what engines do to placeholders (spaces inside, repeats,
losses): a lost footnote marker, URL or number is appended, a lost half of a pair is put
back at the edge, so a suggestion never silently drops a link or a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    ATOM = "atom"  # code, URL, image, escape: appended if lost
    NUMBER = "number"
    NOTE = "note"  # footnote marker: travels with its sentence's end
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True)
class Slot:
    text: str
    kind: Kind
    partner: int | None = None  # the other half of an OPEN/CLOSE pair
    link: bool = False  # a CLOSE that carries a link target


@dataclass(frozen=True)
class Protected:
    text: str  # the unit with placeholders
    slots: tuple[Slot, ...]


PLACEHOLDER = re.compile(r"⟨\s*(\d+)\s*⟩")
_SPACED_PLACEHOLDER = re.compile(r"(\s*)⟨\s*(\d+)\s*⟩")

_PATTERNS: list[tuple[str, str]] = [
    ("placeholder", r"⟨\s*\d+\s*⟩"),  # a literal placeholder in the source must not be confused with ours
    ("escape", r"\\[!-/:-@\[-`{-~]"),
    ("code", r"(?P<ticks>`+).+?(?P=ticks)"),
    ("autolink", r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"),
    ("image", r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    ("note", r"\[\^[^\]\s]+\]"),
    (
        "link",
        r"\[(?P<label>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
        r"(?P<target>\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])",
    ),
    ("url", r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'”’]"),
    ("number", r"(?<![\w.,])[$€£¥₸]?\d+(?:[.,:/]\d+)*%?(?![\w])"),
    ("emphasis", r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])"),
]
_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))
_KINDS = {"note": Kind.NOTE, "number": Kind.NUMBER}
_LETTER = re.compile(r"[^\W\d_]")


def protect(text: str) -> Protected:
    """``text`` with its markup, links, notes and numbers replaced by placeholders."""
    slots: list[Slot] = []
    marks: dict[str, int] = {}  # emphasis delimiter -> slot number of its unmatched opener
    out = _scan(text, slots, marks)
    # An emphasis delimiter left without a partner is a literal character, not markup.
    final = tuple(Slot(s.text, Kind.ATOM) if s.kind is Kind.OPEN and s.partner is None else s for s in slots)
    return Protected(out, final)


def _scan(text: str, slots: list[Slot], marks: dict[str, int]) -> str:
    out: list[str] = []
    pos = 0
    for match in _SCANNER.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        name = match.lastgroup or ""
        if name == "link":
            opener = len(slots)
            slots.append(Slot("[", Kind.OPEN, link=True))
            inner = _scan(match.group("label"), slots, {})
            closer = len(slots)
            slots.append(Slot("]" + match.group("target"), Kind.CLOSE, partner=opener, link=True))
            slots[opener] = Slot("[", Kind.OPEN, partner=closer, link=True)
            out.append(f"⟨{opener}⟩{inner}⟨{closer}⟩")
            continue
        value = match.group()
        number = len(slots)
        if name == "emphasis":
            opener_at = marks.pop(value, None)
            if opener_at is None:
                marks[value] = number
                slots.append(Slot(value, Kind.OPEN))
            else:
                slots.append(Slot(value, Kind.CLOSE, partner=opener_at))
                slots[opener_at] = Slot(value, Kind.OPEN, partner=number)
        else:
            slots.append(Slot(value, _KINDS.get(name, Kind.ATOM)))
        out.append(f"⟨{number}⟩")
    out.append(text[pos:])
    return "".join(out)


def has_words(text: str) -> bool:
    """True when protected ``text`` has anything an engine should translate."""
    return _LETTER.search(PLACEHOLDER.sub("", text)) is not None


def detach(sentence: str, slots: tuple[Slot, ...]) -> tuple[str, str, str]:
    """Split off leading openers/notes and trailing closers/notes: ``(head, core, tail)``.

    A footnote marker after a sentence's full stop, or bold around a whole sentence, goes
    round the translation instead of through the engine, which might move or drop it.
    """
    head_end = 0
    for match in re.finditer(r"\s*⟨(\d+)⟩\s*", sentence):
        if match.start() != head_end or not _at_edge(slots, match.group(1), head=True):
            break
        head_end = match.end()
    tail_start = len(sentence)
    for match in reversed(list(re.finditer(r"\s*⟨(\d+)⟩\s*", sentence))):
        if match.end() != tail_start or match.start() < head_end or not _at_edge(slots, match.group(1), head=False):
            break
        tail_start = match.start()
    return sentence[:head_end], sentence[head_end:tail_start], sentence[tail_start:]


def _at_edge(slots: tuple[Slot, ...], number: str, *, head: bool) -> bool:
    index = int(number)
    if index >= len(slots):
        return False
    kind = slots[index].kind
    return kind is Kind.NOTE or kind is (Kind.OPEN if head else Kind.CLOSE)


def restore(text: str, protected: Protected) -> str:
    """The translation with each placeholder replaced by its markup; lost ones put back."""
    slots = protected.slots
    seen: set[int] = set()

    def back(match: re.Match[str]) -> str:
        index = int(match.group(2))
        if index >= len(slots) or index in seen:
            return ""  # an engine's invention or repetition goes, with the space before it
        seen.add(index)
        return match.group(1) + slots[index].text

    out = _SPACED_PLACEHOLDER.sub(back, text)
    lost = [i for i in range(len(slots)) if i not in seen]
    for index in lost:
        slot = slots[index]
        partner_lost = slot.partner is not None and slot.partner not in seen
        if slot.kind is Kind.OPEN:
            if partner_lost and not slot.link:
                continue  # both halves of an emphasis gone: the words stay, plain
            out = slot.text + out
        elif slot.kind is Kind.CLOSE:
            if partner_lost and not slot.link:
                continue
            out = out + slot.text
        elif slot.kind is Kind.NOTE:
            out = out + slot.text
        else:
            out = f"{out} {slot.text}" if out else slot.text
    return out
