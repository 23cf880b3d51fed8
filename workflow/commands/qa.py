"""The ``check`` and ``review`` commands. Work lives in workflow.checks and workflow.review."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer

from ..cli import JsonOpt, LangOpt, SlugOpt, app, guarded, project, say

OnlyOpt = Annotated[
    list[str] | None,
    typer.Option("--only", help="Run only this check (repeatable), e.g. --only numbers --only urls."),
]


@app.command()
@guarded
def check(langs: LangOpt = None, slugs: SlugOpt = None, as_json: JsonOpt = False, only: OnlyOpt = None) -> None:
    """Quality checks of the catalogs: figures, links, markup, footnotes, glossary, script, typography, plurals, msgfmt.

    Prints 'path:line: severity: check: message [entry]' per finding and exits 1 when one is an
    error. Accept a finding for one entry with the flag '#, ignore-<check>' and the translator
    comment '# accepted <check>: <reason>'.
    """
    from ..checks import SEVERITIES, catalog_paths, run_checks
    from ..pipeline import choose_langs

    config = project()
    findings = run_checks(config, langs, slugs, only)
    catalogs = len(catalog_paths(config, choose_langs(config, langs), slugs))
    counts = Counter(f.severity for f in findings)
    by_check = dict(sorted(Counter(f.check for f in findings).items()))
    if as_json:
        rows = [
            {
                "path": config.relative(f.path),
                "line": f.line,
                "slug": f.slug,
                "lang": f.lang,
                "msgctxt": f.msgctxt,
                "msgid": f.msgid,
                "check": f.check,
                "severity": f.severity,
                "message": f.message,
            }
            for f in findings
        ]
        summary = {s: counts.get(s, 0) for s in SEVERITIES}
        result = {"catalogs": catalogs, "findings": rows, "counts": summary, "by_check": by_check}
        say(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            say(finding.line_text(config.root))
        checks = ", ".join(f"{name} {n}" for name, n in by_check.items())
        say(
            f"{catalogs} catalog(s): {counts.get('error', 0)} error(s), {counts.get('warning', 0)} warning(s), "
            f"{counts.get('info', 0)} note(s)" + (f" ({checks})" if checks else "")
        )
    if counts.get("error"):
        raise typer.Exit(1)


@app.command()
@guarded
def review(langs: LangOpt = None, slugs: SlugOpt = None) -> None:
    """Write build/review/index.html: progress, findings and fuzzy entries with diffs, per language and article."""
    from ..review import write_review

    config = project()
    say(f"wrote {config.relative(write_review(config, langs, slugs))}")
