"""The command line: parse options, call the stages, print. Errors become one line here."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .config import Config, find_root, load_config
from .errors import EXIT_INTERRUPTED, ConfigError, WorkflowError, describe_os_error, exit_code
from .fsutil import project_lock
from .termsafe import shown

app = typer.Typer(
    name="workflow",
    help="Segment articles into gettext catalogs, pre-translate them offline, publish HTML and EPUB editions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])
_state: dict[str, Path | None] = {"project": None}

LangOpt = Annotated[
    list[str] | None, typer.Option("--lang", "-l", help="Target language (repeatable); all by default.")
]
SlugOpt = Annotated[
    list[str] | None, typer.Option("--article", "-a", help="Article slug (repeatable); all by default.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def say(message: str) -> None:
    typer.echo(message)


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"workflow: error: {message}", err=True)
    raise typer.Exit(code)


def guarded(fn: F) -> F:
    """Turn our own errors and Ctrl-C into one line and a non-zero exit, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            check_environment()
            return fn(*args, **kwargs)
        except WorkflowError as exc:
            fail(shown(str(exc)), exit_code(exc))
        except OSError as exc:
            # The file system said no (full disk, read-only, permissions, a folder where a file
            # belongs): one line naming the path, never a traceback.
            fail(shown(describe_os_error(exc)), exit_code(exc))
        except KeyboardInterrupt:
            typer.echo("workflow: interrupted; finished files are kept, none is half-written", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


# 2107-12-31 23:59:59 UTC: the last moment a zip (EPUB) timestamp can hold.
_LAST_EPOCH = 4354819199


def check_environment() -> None:
    """Refuse a SOURCE_DATE_EPOCH no output can carry, before anything is written."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch.strip() == "":
        return
    if not epoch.strip().isdigit() or int(epoch) > _LAST_EPOCH:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={shown(epoch)[:40]!r} is not a time in seconds from 1970 to 2107 "
            "(e.g. $(git log -1 --format=%ct)); set it right or unset it"
        )


def project() -> Config:
    start = _state["project"] or Path.cwd()
    return load_config(find_root(start))


def locked(config: Config) -> Any:
    """The project lock; taking it removes the temp files a killed run left behind."""
    if config.build_outside:
        # Writing outside the project is allowed for the editions only, and never silently.
        typer.echo(f"workflow: note: paths.build is outside the project: {config.build_dir}", err=True)
    return project_lock(config.root, clean=(config.seeds_dir, config.locales_dir, config.build_dir))


@app.callback()
def main(
    project_dir: Annotated[
        Path | None, typer.Option("--project", "-C", help="Project folder (default: the one holding workflow.toml).")
    ] = None,
) -> None:
    _state["project"] = project_dir


_END_QUICKLY = False  # set by a command that has closed everything it opened (see end_quickly)


def end_quickly() -> None:
    """Let this process end without freeing its objects one by one, once the command has returned.

    A build of a large archive holds a million small objects; the interpreter's clean-up took
    0.2 s of a one-catalog rebuild. Only for a command that has closed every file, database and
    child process it opened, and only when run as a program (``python -m workflow``).
    """
    global _END_QUICKLY
    _END_QUICKLY = True


def say_built(config: Config, result: Any, prefix: str = "") -> None:
    """What a build wrote and removed, then its counts (``result``: an editions Result)."""
    for path in result.written:
        say(f"wrote {config.relative(path)}")
    for path in result.removed:
        say(f"removed {config.relative(path)} (no longer in the edition)")
    say(
        f"{prefix}{len(result.written)} file(s) written, {result.unchanged} unchanged, {len(result.removed)} removed, "
        f"in {config.relative(config.build_dir)}"
    )


@app.command("import")
@guarded
def import_(
    raw: Annotated[list[str], typer.Argument(help="Saved pages (.html, .htm, .html.gz), URLs, or scraped text files.")],
    slug: Annotated[
        list[str] | None, typer.Option("--slug", help="Slug per file, in order (default: from the title).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing source.")] = False,
) -> None:
    """Turn a saved page, a URL or scraped text into seeds/<slug>.md for an editor to read over.

    What import drops is listed in build/import/<slug>.removed.txt.
    """
    from .ingest import import_files

    config = project()
    progress = _progress if sys.stderr.isatty() and sys.stdout.isatty() and len(raw) > 1 else None
    with locked(config):
        results = import_files(
            raw,
            config.seeds_dir,
            slugs=slug or [],
            force=force,
            removed_dir=config.build_dir / "import",
            progress=progress,
        )
    for result in results:
        say(f"wrote {config.relative(result.path)}")
        for warning in result.warnings:
            say(f"  note: {warning}")
        if result.removed_path is not None:
            say(f"  dropped {result.removed} block(s), listed in {config.relative(result.removed_path)}")


def _progress(done: int, total: int, name: str) -> None:
    end = "\n" if done == total else ""
    typer.echo(f"\rimporting {done}/{total} {name[-50:]:<50}", nl=False, err=True)
    if end:
        typer.echo("", err=True)


@app.command()
@guarded
def extract(slugs: SlugOpt = None) -> None:
    """Write locales/<slug>.pot from the article sources."""
    from .pipeline import extract as run

    config = project()
    with locked(config):
        run(config, slugs, report=say)


@app.command()
@guarded
def update(langs: LangOpt = None, slugs: SlugOpt = None) -> None:
    """Create or update locales/<lang>/LC_MESSAGES/<slug>.po from the templates, keeping every translation."""
    from .pipeline import update as run

    config = project()
    with locked(config):
        run(config, langs, slugs, report=say)


@app.command()
@guarded
def status(langs: LangOpt = None, slugs: SlugOpt = None, as_json: JsonOpt = False) -> None:
    """Translated / fuzzy / untranslated units and words per article and language."""
    from .pipeline import missing_models
    from .pipeline import status as run
    from .report import status_json, status_table

    config = project()
    rows = run(config, langs, slugs)
    notes = missing_models(config, rows)
    if as_json:
        say(json.dumps({**status_json(rows), "notes": notes}, ensure_ascii=False, indent=2))
        return
    say(status_table(rows))
    for lang, note in notes.items():
        say(f"{lang}: {note}")


@app.command()
@guarded
def publish(langs: LangOpt = None) -> None:
    """Run the whole chain: extract, update, status, build (HTML and EPUB for every language)."""
    from .editions.build import build as run_build
    from .pipeline import extract as run_extract
    from .pipeline import status as run_status
    from .pipeline import update as run_update
    from .report import status_table

    config = project()
    with locked(config):
        run_extract(config, report=say)
        run_update(config, langs, report=say)
        say(status_table(run_status(config, langs)))
        result = run_build(config, report=say)
    say_built(config, result, prefix="editions: ")


from . import commands as _commands  # noqa: E402,F401  (registers the other command groups)


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:  # outside a command: while options are parsed or a command is imported
        typer.echo("workflow: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as done:
        if _END_QUICKLY and (done.code is None or isinstance(done.code, int)):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code or 0)
        raise
