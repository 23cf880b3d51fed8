"""Characters a page or a book cannot carry: the editions remove them, so the translation says less.

A C0 or C1 control character (other than tab and line ends), U+FFFE/U+FFFF or a lone surrogate
in a msgstr is invisible in an editor and fatal in an EPUB chapter; the editions drop it
(workflow/textsafe.py), and this check tells the editor where it was.
"""

from __future__ import annotations

from ..textsafe import NOT_XML
from .base import EntryCheck, Pair


def check_control(pair: Pair) -> list[str]:
    found = dict.fromkeys(f"U+{ord(ch):04X}" for ch in NOT_XML.findall(pair.dst))
    if not found:
        return []
    return [f"control character(s) {', '.join(found)}: invisible here and removed from the editions; delete them"]


CONTROL = EntryCheck("control", "error", "control characters that no page or book can carry", check_control)
