"""The ``check`` and ``review`` commands. Work lives in workflow.checks and workflow.review."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from ..cli import JsonOpt, LangOpt, SlugOpt, app, guarded, locked, project, say
from ..termsafe import shown

OnlyOpt = Annotated[
    list[str] | None,
    typer.Option("--only", help="Run only this check (repeatable), e.g. --only numbers --only urls."),
]


@app.command()
@guarded
def check(langs: LangOpt = None, slugs: SlugOpt = None, as_json: JsonOpt = False, only: OnlyOpt = None) -> None:
    """Quality checks of the catalogs: figures, links, markup, footnotes, glossary, script, typography, plurals, msgfmt.

    Prints 'path:line: severity: check: message [entry]' per finding and exits 1 when one is an
    error. Accept a finding for one entry with the translator comment
    '# accepted <check>: <reason>' (Weblate's '#, ignore-<check>' flag is honoured beside it).
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
            # A msgstr can hold escape sequences and bidi controls: shown, never sent to the terminal.
            say(shown(finding.line_text(config.root)))
        checks = ", ".join(f"{name} {n}" for name, n in by_check.items())
        say(
            f"{catalogs} catalog(s): {counts.get('error', 0)} error(s), {counts.get('warning', 0)} warning(s), "
            f"{counts.get('info', 0)} note(s)" + (f" ({checks})" if checks else "")
        )
    if counts.get("error"):
        raise typer.Exit(1)


SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="A git revision of the catalogs (tag, commit, HEAD~3): show what changed since."),
]


@app.command()
@guarded
def review(langs: LangOpt = None, slugs: SlugOpt = None, since: SinceOpt = None) -> None:
    """Write build/review/index.html: progress, findings and fuzzy entries with diffs, per language and article.

    With --since REV, also what changed in each entry since that revision (new entries, source,
    translation and state, as word diffs), listed here one line per entry.
    """
    from ..review import collect, save_review

    config = project()
    with locked(config):
        catalogs = collect(config, langs, slugs, since)
        out = save_review(config, catalogs, since)
    if since is not None:
        for item in catalogs:
            for change in item.changes:
                say(shown(f"{item.path}:{change.line}: {change.summary()} [{change.source[:60]}]"))
        total = sum(len(item.changes) for item in catalogs)
        say(f"{total} entr{'y' if total == 1 else 'ies'} changed since {since}")
    say(f"wrote {config.relative(out)}")


@app.command("review-export")
@guarded
def review_export(
    lang: Annotated[str, typer.Option("--lang", "-l", help="The language to review.")],
    slugs: SlugOpt = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Default: build/review/<lang>.csv.")] = None,
) -> None:
    """Write a bilingual table (CSV) of one language for an outside reviewer to annotate.

    Columns: language, article, context, source, translation, state, findings, and for the
    reviewer: correction, severity, category, comment. Bring it back with 'workflow review-import'.
    """
    from ..reviewtable import export_table

    config = project()
    with locked(config):
        written = export_table(config, lang, slugs, out)
    say(f"wrote {config.relative(written)}")


@app.command("review-import")
@guarded
def review_import(
    table: Annotated[Path, typer.Argument(help="A table from 'workflow review-export', annotated.")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who reviewed, for the translator comments.")] = "",
) -> None:
    """Bring an annotated review table back: corrections become fuzzy suggestions with the reviewer's comment.

    A translation is never overwritten silently: the replaced text stays in a translator comment
    and the entry is fuzzy until an editor accepts it.
    """
    from ..reviewtable import import_table

    config = project()
    with locked(config):
        result = import_table(config, table, reviewer)
    for path in result.written:
        say(f"wrote {config.relative(path)}")
    for line in result.skipped:
        say(f"  skipped {line}")
    say(
        f"{result.suggested} correction(s) as fuzzy suggestions, {result.commented} comment(s) added, "
        f"{result.unchanged} row(s) without change, {len(result.skipped)} skipped"
    )
