"""The ``build`` command: HTML and EPUB editions. Work lives in workflow.editions."""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import app, end_quickly, guarded, locked, project, say, say_built


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
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Show fuzzy suggestions, watermarked as unreviewed, where the original would show."
        ),
    ] = False,
) -> None:
    """Build the HTML site (build/html/) and the EPUB books (build/epub/<edition>-<lang>.epub).

    Only what changed since the last build is made again; files whose bytes are the same are
    not rewritten. An article joins a language's edition once edition.threshold of it is
    translated and reviewed; until then that language's contents link to the original.
    """
    from ..editions.build import build as run

    config = project()
    with locked(config):
        result = run(config, langs, formats, draft=draft, report=say)
    say_built(config, result)
    end_quickly()  # the state is saved and closed, the books' child processes are done


@app.command()
@guarded
def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port on localhost (0: any free one).")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    draft: Annotated[
        bool, typer.Option("--draft", help="Show fuzzy suggestions, watermarked as unreviewed (as build --draft).")
    ] = False,
) -> None:
    """Build, serve build/html on localhost, and rebuild when a source, catalog, template or workflow.toml changes.

    Open pages reload by themselves after each rebuild. Ctrl-C stops.
    """
    from ..editions.serve import serve as run

    run(project().root, host=host, port=port, draft=draft, report=say)
