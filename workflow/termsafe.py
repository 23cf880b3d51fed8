"""Text from files shown on a terminal: control and bidi characters made visible, long words cut.

A msgstr, a model's metadata.json or a file name can hold escape sequences (which recolour or
rewrite the terminal), bidi overrides (which reorder what a reader sees) or a 100,000-character
"word"; every line workflow prints from such text goes through ``shown``.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates, and the invisible direction marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")
LONG_WORD = 200  # characters of one run without spaces shown before it is cut
_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _cut(match: re.Match[str]) -> str:
    word = match.group(0)
    return f"{word[: LONG_WORD // 2]}…[{len(word):,} characters]"


def shown(text: str) -> str:
    """``text`` safe to print as one line: controls and bidi characters as ``\\xNN``/``\\uNNNN``, long runs cut."""
    return _LONG.sub(_cut, _UNSAFE.sub(_escape, text))


def is_control(char: str, allow: str = "") -> bool:
    """A C0/C1 control (other than those in ``allow``), a line or paragraph separator, or a bidi control."""
    return (unicodedata.category(char) == "Cc" and char not in allow) or char in BIDI_CONTROLS or char in "\u2028\u2029"
