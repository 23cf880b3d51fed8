"""Atomic writes and the project lock: an editor's work is never half-written or interleaved."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import FileSystemError, LockError, PathError, describe_os_error

# Batch writes flush their files to disk before renaming (survives power loss, not just a crash
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
    except BaseException as exc:
        # Ctrl-C or a crash mid-write leaves the old file in place, never a torn one.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _name_path(exc, path)
        raise
    return True


def _name_path(exc: BaseException, path: Path) -> None:
    """A write that failed without naming its file (a full disk during write or fsync) names it."""
    if isinstance(exc, OSError) and not isinstance(exc, FileSystemError) and exc.filename is None:
        raise FileSystemError(describe_os_error(exc), path) from exc


def write_many_atomic(items: Iterable[tuple[Path, bytes]]) -> list[bool]:
    """Write many files, each atomically, with one flush to disk for all of them.

    Temp files are written first, flushed by one ``syncfs`` per file system they are on, then
    each is renamed over its target: every file is either its old or its new self, never torn,
    and one flush replaces thousands of per-file fsyncs (which dominate on slow disks).
    """
    staged = stage_files(items)
    commit_staged(staged)
    return [item.tmp is not None for item in staged]


class Staged(NamedTuple):
    """A file written beside its target, for :func:`commit_staged` to rename over it."""

    path: Path  # the target
    tmp: str | None  # the temp file; None where the target holds the data already
    replaces: bool  # whether a file is there already


def stage_files(items: Iterable[tuple[Path, bytes]]) -> list[Staged]:
    """Each item's data in a temp file beside its path; all or none (on a failure none is left).

    Staged by the worker processes that made them, thousands of files are created in parallel.
    """
    staged: list[Staged] = []
    try:
        for path, data in items:
            staged.append(_stage(path, data))
    except BaseException:
        discard_staged(staged)
        raise
    return staged


def commit_staged(staged: list[Staged]) -> None:
    """Flush the temp files to disk, then rename each over its target; on a failure none is left."""
    try:
        _commit([item for item in staged if item.tmp is not None])
    except BaseException:
        discard_staged(staged)  # those renamed are gone already
        raise


def discard_staged(staged: Iterable[Staged]) -> None:
    """Remove the temp files of ``staged``: for a run that stops before committing them."""
    for item in staged:
        if item.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(item.tmp)


def _stage(path: Path, data: bytes) -> Staged:
    try:
        if path.read_bytes() == data:
            return Staged(path, None, True)
        replaces = True
    except OSError:
        replaces = False
    with _naming(path):
        try:
            fd, tmp = _new_temp(path)
        except FileNotFoundError:  # a new folder: made only then, not asked for each file
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _new_temp(path)
        try:
            os.fchmod(fd, _FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        finally:
            os.close(fd)
    return Staged(path, tmp, replaces)


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _new_temp(path: Path) -> tuple[int, str]:
    """A new empty file beside ``path``, named as mkstemp names it (TEMP_RE), without its overhead.

    A batch makes thousands: mkstemp's argument checks and a file object per write were a fifth
    of the parent's time writing them.
    """
    while True:
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue


# Renaming over a file frees the old one's blocks; where the file system then waits for the disk
# (ext4 mounted with "discard": 3 ms a file), threads overlap the waits: 300 files took 0.8 s, now 0.15.
_RENAME_THREADS = 8


def _commit(pending: list[Staged]) -> None:
    if pending and _DURABLE:
        with _naming(pending[-1].path):
            flush_to_disk([str(item.tmp) for item in pending])
    replacing = [item for item in pending if item.replaces]
    if len(replacing) < 2 * _RENAME_THREADS:
        replacing = []  # too few to be worth threads
    for item in pending:
        if not (replacing and item.replaces):  # a new name costs microseconds: no thread
            _rename(item)
    if replacing:
        from concurrent.futures import ThreadPoolExecutor  # only for a large batch (10 ms to import)

        with ThreadPoolExecutor(_RENAME_THREADS) as pool:
            # All are tried; the first failure is raised (the temp files left are removed by the caller).
            for done in [pool.submit(_rename, item) for item in replacing]:
                done.result()


def _rename(item: Staged) -> None:
    with _naming(item.path):
        os.replace(str(item.tmp), item.path)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OSError that does not name its file (a full disk during write or flush) names ``path``."""
    try:
        yield
    except OSError as exc:
        _name_path(exc, path)
        raise


def flush_to_disk(paths: list[str]) -> None:
    """Put the data of ``paths`` on disk: one ``syncfs`` per file system they are on.

    ``os.sync`` flushed every file system of the machine, which on a busy one means waiting
    for everybody else's writes too; ``syncfs`` waits only for the file system holding ours
    (and reports its write errors, as fsync does). Without it, each file is fsynced.
    """
    sync_one = _syncfs()
    if sync_one is None:
        for path in paths:
            fsync_path(path)
        return
    done: set[int] = set()
    for folder in dict.fromkeys(os.path.dirname(path) or "." for path in paths):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            device = os.fstat(fd).st_dev
            if device not in done:
                sync_one(fd)
                done.add(device)
        finally:
            os.close(fd)


def fsync_path(path: str) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _syncfs() -> Callable[[int], None] | None:
    """libc's ``syncfs(fd)`` as a call raising OSError, or None where there is none (not Linux)."""
    import ctypes  # only for a batch that is written durably

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def syncfs(fd: int) -> None:
        if function(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return syncfs


def write_text_atomic(path: Path, text: str) -> bool:
    return write_bytes_atomic(path, text.encode("utf-8"))


def safe_join(root: Path, *parts: str) -> Path:
    """Join ``parts`` under ``root``, refusing anything that would escape it."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise PathError(f"path {'/'.join(parts)!r} would leave {root}")
    return target


# What mkstemp makes for an atomic write (".<name>.<8 random>.tmp"); a run killed between writing
# and renaming leaves one behind. Nothing else is named like this.
TEMP_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def remove_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Delete the temp files of interrupted writes under ``folders`` (only while the lock is held).

    Links are neither followed nor removed: only regular files named as ours are.
    """
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                if not TEMP_RE.match(name):  # tens of thousands of names in a large archive: no Path for each
                    continue
                path = Path(dirpath, name)
                if path.is_file() and not path.is_symlink():
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed.append(path)
    return removed


def _open_lock(lock_path: Path) -> int:
    """The lock file's descriptor; never follows a link, never blocks on a FIFO."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(lock_path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP or lock_path.is_symlink():
            raise PathError(
                "the project lock is a symbolic link, which is never followed; delete it and run again", lock_path
            ) from None
        if exc.errno == errno.EISDIR or lock_path.is_dir():
            raise PathError("the project lock is a folder; delete it and run again", lock_path) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise PathError("the project lock is not a regular file; delete it and run again", lock_path)
    return fd


_ENDED = b"ended\n"  # what the lock file holds after a run that was not killed


@contextlib.contextmanager
def project_lock(root: Path, clean: Iterable[Path] = ()) -> Iterator[None]:
    """Hold an exclusive lock on the project so two runs cannot interleave writes.

    Once held, the temp files a killed run left in ``clean`` (and staging folders) are removed:
    no other run can be writing them.
    """
    lock_path = root / ".workflow.lock"
    fd = _open_lock(lock_path)
    ended = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockError(
                "another workflow run is working on this project; wait for it to finish and try again",
                lock_path,
            ) from None
        # A run that ended normally left the lock saying so. After one that failed, was interrupted
        # or killed (or an older release), the folders are swept: in a large archive that means
        # reading tens of thousands of names, which a run after a normal one need not do.
        if os.pread(fd, len(_ENDED) + 1, 0) != _ENDED:
            remove_temp_files(clean)
        os.ftruncate(fd, 0)
        yield
        ended = True
    finally:
        if ended:
            with contextlib.suppress(OSError):
                os.pwrite(fd, _ENDED, 0)
        os.close(fd)


def remove_staging(directory: Path, prefixes: tuple[str, ...]) -> None:
    """Delete hidden staging folders (``prefixes``) a killed run left in ``directory``."""
    if not directory.is_dir():
        return
    for entry in directory.iterdir():
        if entry.name.startswith(prefixes) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
