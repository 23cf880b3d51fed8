"""Checks of a catalog as a file: plural forms against its header, and GNU ``msgfmt --check``."""

from __future__ import annotations

import os
import re
import subprocess
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import polib

from ..errors import ConfigError
from ..languages import plural_count
from .base import Catalog, Hit, Severity

_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _header_line(catalog: Catalog, field: str) -> int:
    needle = f'"{field}:'
    return next((n for n, line in enumerate(catalog.lines, 1) if line.startswith(needle)), 1)


@dataclass(frozen=True)
class PluralsCheck:
    name: str = "plurals"
    severity: Severity = "error"
    summary: str = "plural forms not matching the header's nplurals (or the header not matching the language)"

    def run(self, catalog: Catalog) -> Iterator[Hit]:
        plural = [e for e in catalog.po if e.msgid_plural and not e.obsolete]
        header = catalog.po.metadata.get("Plural-Forms", "")
        match = _NPLURALS.search(header)
        expected = plural_count(catalog.lang)
        if match is None:
            if plural:
                yield Hit(None, 1, f"no Plural-Forms header; {catalog.lang} has {expected} plural forms")
            nplurals = expected
        else:
            nplurals = int(match.group(1))
            if nplurals != expected:
                line = _header_line(catalog, "Plural-Forms")
                yield Hit(None, line, f"Plural-Forms says nplurals={nplurals}; {catalog.lang} has {expected} (CLDR)")
        for entry in plural:
            forms = len(entry.msgstr_plural)
            if forms != nplurals:
                yield Hit(entry, None, f"{forms} plural form(s); the header's Plural-Forms says {nplurals}")


def _entry_at(po: polib.POFile, line: int) -> polib.POEntry | None:
    """The entry a line of the file belongs to (None: the header)."""
    active = sorted((e for e in po if e.linenum), key=lambda e: e.linenum)
    index = bisect_right([e.linenum for e in active], line) - 1
    return active[index] if index >= 0 else None


def msgfmt_messages(path: os.PathLike[str] | str) -> tuple[int, list[tuple[int, Severity, str]]]:
    """Run ``msgfmt --check``: its exit code and each (line, severity, message) it printed."""
    try:
        done = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, os.fspath(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},  # messages in English, as parsed here
        )
    except FileNotFoundError:
        raise ConfigError(
            "msgfmt (GNU gettext) is not installed; install gettext, e.g. apt-get install gettext"
        ) from None
    prefix = re.escape(os.fspath(path))
    found: list[tuple[int, Severity, str]] = []
    for raw in done.stderr.splitlines():
        match = re.match(rf"^{prefix}:(\d+):(?:\d+:)? (.*)$", raw)
        if match is None:
            continue
        line, message = int(match.group(1)), match.group(2).strip()
        if message.startswith("...") and found and found[-1][2].endswith("..."):
            # msgfmt splits one problem over two lines ("nplurals = 2..." / "...but some have 3").
            last = found.pop()
            found.append((line, last[1], f"{last[2][:-3]} {message[3:]}"))
            continue
        severity: Severity = "warning" if message.startswith("warning:") else "error"
        found.append((line, severity, message.removeprefix("warning:").strip()))
    return done.returncode, found


@dataclass(frozen=True)
class MsgfmtCheck:
    name: str = "msgfmt"
    severity: Severity = "error"
    summary: str = "what GNU msgfmt --check reports (format strings, header, syntax), at its line"

    def run(self, catalog: Catalog) -> Iterator[Hit]:
        code, messages = msgfmt_messages(catalog.path)
        for line, severity, message in messages:
            yield Hit(_entry_at(catalog.po, line), line, message, severity)
        if code != 0 and not any(severity == "error" for _, severity, _ in messages):
            yield Hit(None, 1, "msgfmt --check failed")


PLURALS = PluralsCheck()
MSGFMT = MsgfmtCheck()
