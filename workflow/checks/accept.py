"""Accepted exceptions: a reviewer silences one check for one entry, and must say why.

The acceptance is a translator comment, ``# accepted <check>: <reason>``: it says why, and
every gettext tool keeps it (``workflow update``, msgmerge, msgcat, Babel, Poedit, Weblate).
Weblate's and Translate Toolkit's flag ``#, ignore-<check>`` is honoured too when it comes
with such a reason, but it is not needed: GNU msgcat and msgmerge drop flags they do not know,
so a flag alone would be lost by the first msgmerge an editor runs. A flag without a reason
silences nothing and is itself a finding; an acceptance whose check no longer finds anything
is pointed out too.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import polib

from .base import Severity

ACCEPTED = "accepted"
FLAG = "ignore-"
_REASON = re.compile(r"^\s*accepted\s+([\w-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Acceptance:
    checks: frozenset[str]  # explained: these stay quiet
    unexplained: tuple[str, ...]  # flagged without a reason


def acceptance(entry: polib.POEntry) -> Acceptance:
    flagged = {flag[len(FLAG) :] for flag in entry.flags if flag.startswith(FLAG)}
    reasons = {}
    for line in (entry.tcomment or "").splitlines():
        match = _REASON.match(line)
        if match:
            reasons[match.group(1)] = match.group(2)
    explained = {name for name, reason in reasons.items() if reason}
    return Acceptance(checks=frozenset(explained), unexplained=tuple(sorted(flagged - explained)))


def acceptance_problems(
    found: Acceptance, known: Collection[str], fired: Collection[str], ran: Collection[str]
) -> list[tuple[Severity, str]]:
    """What is wrong with an entry's acceptances, given the checks that ``ran`` and ``fired`` on it."""
    problems: list[tuple[Severity, str]] = []
    for name in found.unexplained:
        problems.append(("error", f"'#, {FLAG}{name}' needs a reason: add '# {ACCEPTED} {name}: <why>'"))
    for name in sorted(found.checks | set(found.unexplained)):
        if name not in known:
            problems.append(("warning", f"'{ACCEPTED} {name}' names no check; the checks are: {', '.join(known)}"))
    for name in sorted(found.checks):
        if name in ran and name not in fired:
            problems.append(("info", f"'# {ACCEPTED} {name}' is no longer needed: the check finds nothing here"))
    return problems
