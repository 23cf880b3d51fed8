"""Bidirectional controls: invisible characters that reorder what a reader sees ("Trojan Source").

An override (U+202D/U+202E), embedding (U+202A/U+202B) or isolate (U+2066–U+2069) makes a
translation display in another order than it reads in the catalog: a figure or a name can
show reversed on the page while the editor reviewed it the right way round. Russian, Kazakh
and Turkish never need one; a direction mark (U+200E, U+200F, U+061C) is only noted.
"""

from __future__ import annotations

from .base import EntryCheck, Pair, Problem

_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_MARKS = {"\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u061c": "ARABIC LETTER MARK"}


def _named(chars: set[str], names: dict[str, str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {names[c]}" for c in sorted(chars))


def check_bidi(pair: Pair) -> list[Problem]:
    problems = []
    controls = {c for c in pair.dst if c in _CONTROLS} - set(pair.src)
    if controls:
        problems.append(
            Problem(
                f"bidi control(s) {_named(controls, _CONTROLS)}: the text shows in another order than it reads; delete them"
            )
        )
    marks = {c for c in pair.dst if c in _MARKS} - set(pair.src)
    if marks:
        problems.append(Problem(f"invisible direction mark(s) {_named(marks, _MARKS)} not in the source", "info"))
    return problems


CHECK = EntryCheck("bidi", "error", "bidirectional override, embedding or isolate characters", check_bidi)
