"""The ``check`` command: quality findings over the catalogs. Work lives in workflow.checks."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from ..cli import JsonOpt, LangOpt, SlugOpt, app, guarded, project, say


@app.command()
@guarded
def check(
    langs: LangOpt = None,
    slugs: SlugOpt = None,
    as_json: JsonOpt = False,
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only this check (repeatable).")] = None,
) -> None:
    """Quality checks: numbers, links, markup, footnotes, glossary, script, typography, plurals, msgfmt.

    Exits 1 when a finding of error severity exists. Accept a finding for one entry with the
    flag '#, ignore-<check>' and a translator comment '# accepted <check>: <reason>'.
    """
    from ..checks import run_checks

    config = project()
    findings = run_checks(config, langs, slugs, only or ())
    errors = sum(f.severity == "error" for f in findings)
    if as_json:
        rows = [{**asdict(f), "path": config.relative(f.path)} for f in findings]
        say(
            json.dumps(
                {"findings": rows, "errors": errors, "warnings": len(findings) - errors}, ensure_ascii=False, indent=2
            )
        )
    else:
        for finding in findings:
            say(finding.line_text(config.root))
        say(f"{errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        raise typer.Exit(1)


@app.command()
@guarded
def review(langs: LangOpt = None, slugs: SlugOpt = None) -> None:
    """Write build/review/index.html: progress, findings and fuzzy entries with diffs, per language and article."""
    from ..review import write_review

    config = project()
    say(f"wrote {config.relative(write_review(config, langs, slugs))}")
