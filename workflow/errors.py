"""One exception tree for every mistake a user can make; only the CLI turns them into a line."""

from __future__ import annotations

import errno
from pathlib import Path

# Exit codes: what kind of failure it was, so scripts and CI can tell them apart (README, "Exit codes").
EXIT_INPUT = 1  # a file given to workflow is wrong (source, catalog, workflow.toml, model, TMX) or check found errors
EXIT_USAGE = 2  # unknown command or option (typer)
EXIT_LOCKED = 3  # another run holds the project lock
EXIT_FILESYSTEM = 4  # the file system refused: permissions, read-only, full disk, a folder where a file belongs
EXIT_LIMIT = 5  # an input exceeds a resource limit (archive size, front matter size, YAML aliases)
EXIT_INTERRUPTED = 130  # Ctrl-C


class WorkflowError(Exception):
    """A user-facing error: where it happened, what, and how to fix it."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        # All three in args, so the error survives pickling from a worker process.
        super().__init__(message, path, line)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"


class ConfigError(WorkflowError):
    """workflow.toml is missing, malformed or names something unknown."""


class SourceError(WorkflowError):
    """An article source (front matter or body) cannot be read."""


class CatalogError(WorkflowError):
    """A .po/.pot file cannot be read or written."""


class LockError(WorkflowError):
    """Another workflow run holds the project lock."""

    exit_code = EXIT_LOCKED


class FileSystemError(WorkflowError):
    """The file system refused a read or write that the input did not cause."""

    exit_code = EXIT_FILESYSTEM


class LimitError(WorkflowError):
    """An input is larger or deeper than a configured limit allows."""

    exit_code = EXIT_LIMIT


class PathError(WorkflowError):
    """A slug or path would leave the project folder."""


class ModelError(WorkflowError):
    """A translation model package is missing, unsafe, corrupt or cannot be fetched."""


class TmxError(WorkflowError):
    """A TMX translation memory file cannot be read or written."""


class ReviewError(WorkflowError):
    """A review round cannot go on: an unknown revision, or a review table that does not fit."""


class ServeError(WorkflowError):
    """The preview server cannot start (e.g. its port is taken)."""


_HINTS = {
    errno.ENOSPC: "the disk is full; free some space and run again (no file was half-written)",
    errno.EDQUOT: "the disk quota is exhausted; free some space and run again (no file was half-written)",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EISDIR: "is a folder, where a file was expected",
    errno.ENOTDIR: "a file stands where a folder was expected",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "a symbolic link that is refused or loops",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EEXIST: "already exists",
}


def describe_os_error(exc: OSError) -> str:
    """One line for an ``OSError``: the path(s), then what went wrong in words."""
    what = _HINTS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    where = " → ".join(paths)
    return f"{where}: {what}" if where else what


def exit_code(exc: BaseException) -> int:
    """The exit code that says what kind of failure ``exc`` is."""
    if isinstance(exc, WorkflowError):
        return exc.exit_code
    if isinstance(exc, OSError):
        return EXIT_FILESYSTEM
    return EXIT_INPUT
