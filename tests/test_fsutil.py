"""Batch writes: atomic, flushed once per file system (syncfs), or file by file without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workflow import fsutil
from workflow.errors import FileSystemError


def test_batch_is_flushed_once_per_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(fsutil, "_DURABLE", True)
    monkeypatch.setattr(fsutil, "_syncfs", lambda: calls.append)
    items = [(tmp_path / folder / f"{n}.po", f"text {n}".encode()) for folder in ("a", "b") for n in range(3)]
    assert fsutil.write_many_atomic(items) == [True] * 6
    assert len(calls) == 1  # two folders, one file system
    assert [path.read_bytes() for path, _ in items] == [data for _, data in items]
    assert fsutil.write_many_atomic(items) == [False] * 6


def test_without_syncfs_each_file_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    monkeypatch.setattr(fsutil, "_DURABLE", True)
    monkeypatch.setattr(fsutil, "_syncfs", lambda: None)
    monkeypatch.setattr(fsutil, "fsync_path", synced.append)
    items = [(tmp_path / f"{n}.po", b"x") for n in range(3)]
    fsutil.write_many_atomic(items)
    assert len(synced) == 3 and all(Path(path).parent == tmp_path for path in synced)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_failed_flush_leaves_the_old_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    monkeypatch.setattr(fsutil, "_DURABLE", True)
    monkeypatch.setattr(fsutil, "_syncfs", lambda: full)
    with pytest.raises(FileSystemError) as info:
        fsutil.write_many_atomic([(target, b"new")])
    assert info.value.path == target  # the failure names the file
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_syncfs_of_libc_flushes_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"x")
    fsutil.flush_to_disk([str(path)])  # syncfs where libc has it, else fsync: no error either way


def test_items_made_while_written_and_failing_leave_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"old")

    def items() -> Iterator[tuple[Path, bytes]]:
        yield target, b"new"
        yield tmp_path / "b.po", b"b"
        raise KeyError("a broken source")  # as a worker's error comes while results are written

    with pytest.raises(KeyError):
        fsutil.write_many_atomic(items())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_a_large_batch_replaces_every_file_and_a_failed_rename_leaves_no_temp_file(tmp_path: Path) -> None:
    items = [(tmp_path / f"{n}.po", f"new {n}".encode()) for n in range(40)]  # renamed by threads
    for path, _ in items:
        path.write_bytes(b"old")
    assert fsutil.write_many_atomic(items) == [True] * 40
    assert [path.read_bytes() for path, _ in items] == [data for _, data in items]
    (tmp_path / "39.po").unlink()
    (tmp_path / "39.po").mkdir()  # a folder where a file belongs: its rename fails
    with pytest.raises(OSError):
        fsutil.write_many_atomic([(path, b"newer") for path, _ in items])
    assert not list(tmp_path.glob(".*.tmp"))
    assert {path.read_bytes() for path, _ in items[:39]} <= {b"newer", *(data for _, data in items)}
