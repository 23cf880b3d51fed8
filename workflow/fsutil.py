"""Atomic writes and the project lock: an editor's work is never half-written or interleaved."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import LockError, PathError

# Batch writes flush the file system once before renaming (survives power loss, not just a crash
# or Ctrl-C); WORKFLOW_FAST_WRITES=1 skips that flush where only process crashes matter (benchmarks).
_DURABLE = os.environ.get("WORKFLOW_FAST_WRITES") != "1"


def _mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


# mkstemp creates files readable by the owner only; outputs get the usual permissions.
_FILE_MODE = _mode()


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file and rename; return False if unchanged.

    Skipping identical content keeps mtimes stable, so incremental builds stay incremental.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, _FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Ctrl-C or a crash mid-write leaves the old file in place, never a torn one.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def write_many_atomic(items: list[tuple[Path, bytes]]) -> list[bool]:
    """Write many files, each atomically, with one flush to disk for all of them.

    Temp files are written first, the file system is synced once, then each temp file is
    renamed over its target: every file is either its old or its new self, never torn,
    and one sync replaces thousands of per-file fsyncs (which dominate on slow disks).
    """
    pending: list[tuple[str, Path]] = []
    changed: list[bool] = []
    made: set[Path] = set()
    try:
        for path, data in items:
            try:
                if path.read_bytes() == data:
                    changed.append(False)
                    continue
            except OSError:
                pass
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            pending.append((tmp, path))
            os.fchmod(fd, _FILE_MODE)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            changed.append(True)
        if pending and _DURABLE:
            os.sync()
        while pending:
            tmp, path = pending[0]
            os.replace(tmp, path)
            pending.pop(0)
    except BaseException:
        for tmp, _ in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return changed


def write_text_atomic(path: Path, text: str) -> bool:
    return write_bytes_atomic(path, text.encode("utf-8"))


def safe_join(root: Path, *parts: str) -> Path:
    """Join ``parts`` under ``root``, refusing anything that would escape it."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise PathError(f"path {'/'.join(parts)!r} would leave {root}")
    return target


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the project so two runs cannot interleave writes."""
    lock_path = root / ".workflow.lock"
    fh = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockError(
                "another workflow run is working on this project; wait for it to finish and try again",
                lock_path,
            ) from None
        yield
    finally:
        fh.close()
