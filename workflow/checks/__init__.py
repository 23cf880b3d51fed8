"""Quality checks over catalogs: each finding says where, which check, how bad, and why.

Checks are plain functions in an explicit registry (``CHECKS``); language facts live in
``langdata``. An editor accepts a finding for one entry with a flag and a reason, as Weblate
and Translate Toolkit do::

    # accepted numbers: the source writes "2017-18", the translation the full years
    #, ignore-numbers
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalogs import read_catalog
from ..config import Config
from ..glossary import Glossary, read_glossary
from ..pipeline import choose_langs, source_paths
from . import entry as entry_checks


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    lang: str
    check: str
    severity: str  # "error" | "warning"
    message: str
    msgid: str = ""
    msgctxt: str | None = None

    def line_text(self, root: Path) -> str:
        try:
            where = self.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            where = str(self.path)
        excerpt = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        tail = f" [{excerpt}]" if excerpt else ""
        return f"{where}:{self.line}: {self.severity}: {self.check}: {self.message}{tail}"


EntryCheck = Callable[[polib.POEntry, str, Glossary], list[str]]

# name -> (severity, function returning messages); explicit, in report order.
CHECKS: dict[str, tuple[str, EntryCheck]] = {
    "numbers": ("error", entry_checks.numbers),
    "urls": ("error", entry_checks.urls),
    "footnotes": ("error", entry_checks.footnotes),
    "markup": ("error", entry_checks.markup),
    "glossary": ("error", entry_checks.glossary),
    "script": ("error", entry_checks.script),
    "kazakh-letters": ("error", entry_checks.kazakh_letters),
    "plurals": ("error", entry_checks.plurals),
    "identical": ("warning", entry_checks.identical),
    "punctuation": ("warning", entry_checks.punctuation),
    "whitespace": ("warning", entry_checks.whitespace),
    "quotes": ("warning", entry_checks.quotes),
    "repeated-words": ("warning", entry_checks.repeated_words),
    "length": ("warning", entry_checks.length),
}
ALL_CHECKS = (*CHECKS, "msgfmt", "accepted")
_ACCEPT = re.compile(r"^accepted ([\w-]+):\s*(\S.*)$")


def accepted(entry: polib.POEntry) -> tuple[set[str], list[str]]:
    """Checks this entry's reviewer accepted (flag with a reason), and flags missing a reason."""
    flagged = {f[len("ignore-") :] for f in entry.flags if f.startswith("ignore-")}
    reasons = {m.group(1) for line in (entry.tcomment or "").splitlines() if (m := _ACCEPT.match(line.strip()))}
    return flagged & reasons, sorted(flagged - reasons)


def check_entry(
    entry: polib.POEntry, lang: str, glossary: Glossary, only: Sequence[str] = ()
) -> list[tuple[str, str, str]]:
    """(check, severity, message) for one entry; accepted checks stay quiet."""
    if entry.obsolete or not (entry.msgstr or any(entry.msgstr_plural.values())):
        return []
    ok, unexplained = accepted(entry)
    found: list[tuple[str, str, str]] = []
    for name in unexplained:
        if not only or "accepted" in only:
            found.append(("accepted", "error", f"'ignore-{name}' needs a reason: add '# accepted {name}: <why>'"))
    fuzzy = "fuzzy" in entry.flags
    for name, (severity, fn) in CHECKS.items():
        if name in ok or (only and name not in only):
            continue
        for message in fn(entry, lang, glossary):
            found.append(
                (name, "warning" if fuzzy else severity, message[1] if isinstance(message, tuple) else message)
            )
    return found


def msgfmt_findings(path: Path, lang: str) -> list[Finding]:
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    findings = []
    for line in done.stderr.splitlines():
        match = re.match(rf"^{re.escape(str(path))}:(\d+): (.*)$", line)
        if match and "warning" not in match.group(2):
            findings.append(Finding(path, int(match.group(1)), lang, "msgfmt", "error", match.group(2)))
    if done.returncode != 0 and not findings:
        findings.append(Finding(path, 1, lang, "msgfmt", "error", (done.stderr.strip().splitlines() or ["failed"])[-1]))
    return findings


def run_checks(
    config: Config,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    only: Sequence[str] = (),
) -> list[Finding]:
    for name in only:
        if name not in ALL_CHECKS:
            from ..errors import ConfigError

            raise ConfigError(f"unknown check {name!r}; choose from {', '.join(ALL_CHECKS)}")
    glossary = read_glossary(config.locales_dir / "glossary.tbx")
    findings: list[Finding] = []
    for lang in choose_langs(config, langs):
        for source in source_paths(config, slugs):
            path = config.po_path(lang, source.stem)
            if not path.is_file():
                continue
            findings.extend(check_catalog(path, lang, glossary, only))
    return findings


def check_catalog(path: Path, lang: str, glossary: Glossary, only: Sequence[str] = ()) -> list[Finding]:
    po = read_catalog(path)
    findings = []
    for entry in po:
        for name, severity, message in check_entry(entry, lang, glossary, only):
            findings.append(
                Finding(path, entry.linenum or 1, lang, name, severity, message, entry.msgid, entry.msgctxt)
            )
    if not only or "msgfmt" in only:
        findings.extend(msgfmt_findings(path, lang))
    return findings
