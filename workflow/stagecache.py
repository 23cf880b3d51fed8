"""Remember what each stage made from which inputs, so unchanged work is skipped.

A record maps an output file to the digest of its inputs and of the bytes written. An
output is fresh when both still match: nobody edited it since, and its inputs are the
same. The cache is only an accelerator: without it (a fresh clone) everything is redone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import write_text_atomic

CACHE_NAME = ".workflow-cache.json"


def digest(*parts: bytes) -> str:
    return digests(parts[:-1], parts[-1:])[0] if parts else _hash(()).hexdigest()


def digests(common: tuple[bytes, ...], lasts: tuple[bytes, ...]) -> list[str]:
    """``[digest(*common, last) for last in lasts]``, hashing ``common`` (a whole template) once."""
    head = _hash(common)
    found = []
    for last in lasts:
        h = head.copy()
        h.update(len(last).to_bytes(8, "little"))
        h.update(last)
        found.append(h.hexdigest())
    return found


def _hash(parts: tuple[bytes, ...]) -> hashlib.blake2b:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


@dataclass
class StageCache:
    path: Path
    records: dict[str, list[str]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, root: Path) -> StageCache:
        path = root / CACHE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {str(k): [str(v[0]), str(v[1])] for k, v in data.get("records", {}).items()}
        except (OSError, ValueError, AttributeError, IndexError, TypeError):
            records = {}  # a damaged cache only costs time
        return cls(path=path, records=records)

    def fresh(self, output: Path, inputs: str) -> bool:
        record = self.records.get(str(output))
        return record is not None and record[0] == inputs and record[1] == digest(file_bytes(output))

    def made(self, output: Path, inputs: str, data: bytes) -> bool:
        """Whether ``data``, the output's bytes as read, is what was made from ``inputs``."""
        record = self.records.get(str(output))
        return record is not None and record[0] == inputs and record[1] == digest(data)

    def record(self, output: Path, inputs: str, written: bytes) -> None:
        self.record_digest(output, inputs, digest(written))

    def record_digest(self, output: Path, inputs: str, written: str) -> None:
        """:meth:`record`, given the digest of the bytes written (made where they were)."""
        self.records[str(output)] = [inputs, written]
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            # No indent: json's C encoder only writes compact JSON (indented, a run's 4,000 records
            # took 50 ms to write); the file is git-ignored and only ever read by this class.
            text = json.dumps({"records": self.records}, sort_keys=True, separators=(",", ":"))
            write_text_atomic(self.path, text)
            self.dirty = False
