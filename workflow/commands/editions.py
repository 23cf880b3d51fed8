"""The ``build`` command: HTML and EPUB editions. Work lives in workflow.editions."""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import app, guarded, locked, project, say


@app.command()
@guarded
def build(
    langs: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Edition language (repeatable, the source too); all by default."),
    ] = None,
    formats: Annotated[
        list[str] | None, typer.Option("--format", "-f", help="html or epub (repeatable); both by default.")
    ] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Show fuzzy suggestions, marked as unreviewed.")] = False,
) -> None:
    """Build build/html/… and build/epub/<edition>-<lang>.epub from the sources and catalogs."""
    from ..editions.build import build as run

    config = project()
    with locked(config):
        result = run(config, langs, formats, draft=draft, report=say)
    for path in result.written:
        say(f"wrote {config.relative(path)}")
    say(f"{len(result.written)} file(s) written, {result.unchanged} unchanged")
