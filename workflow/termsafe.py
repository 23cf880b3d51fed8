"""Text from files shown on a terminal: control and bidi characters made visible, long words cut.

A msgstr, a model's metadata.json or a file name can hold escape sequences (which recolour or
rewrite the terminal), bidi overrides (which reorder what a reader sees) or a 100,000-character
"word"; every line workflow prints from such text goes through ``shown``.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

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


# -- the one sanitising step every edition output goes through ---------------------------------
# Characters XML 1.0 cannot carry (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone
# surrogates) make an EPUB chapter fatal for reading systems (EPUBCheck RSC-016) and are parse
# errors in HTML; C1 controls and DEL are invisible and never meant. They can come from any
# untrusted text (a msgstr, ui.po, an imported page, a title in workflow.toml) and are removed
# from every value a template prints; `workflow check` reports them in catalogs.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without characters an XML or HTML document cannot carry."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def finalize(value: object) -> object:
    """Jinja's ``finalize``: every value a template prints passes here, markup kept as markup."""
    if isinstance(value, Markup):
        cleaned = clean_text(str(value))
        return value if cleaned == value else Markup(cleaned)
    if isinstance(value, str):
        return clean_text(value)
    return value
