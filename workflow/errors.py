"""One exception tree for every mistake a user can make; only the CLI turns them into a line."""

from __future__ import annotations

from pathlib import Path


class WorkflowError(Exception):
    """A user-facing error: where it happened, what, and how to fix it."""

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
