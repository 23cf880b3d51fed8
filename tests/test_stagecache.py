"""Stage cache digests: one per (inputs…, language), the common inputs hashed once."""

from __future__ import annotations

from pathlib import Path

from workflow.stagecache import StageCache, digest, digests


def test_digests_share_their_common_part_and_equal_digest() -> None:
    template = b"msgid x\n" * 1000
    assert digests((b"conf", template), (b"ru", b"kk")) == [
        digest(b"conf", template, b"ru"),
        digest(b"conf", template, b"kk"),
    ]
    assert digest(b"ab", b"c") != digest(b"a", b"bc")  # lengths are part of it


def test_a_record_made_from_a_digest_is_fresh_until_the_file_changes(tmp_path: Path) -> None:
    cache = StageCache.load(tmp_path)
    out = tmp_path / "a.pot"
    out.write_bytes(b"made")
    cache.record_digest(out, "key", digest(b"made"))
    assert cache.fresh(out, "key") and cache.made(out, "key", b"made")
    assert not cache.fresh(out, "other key")
    out.write_bytes(b"edited by hand")
    assert not cache.fresh(out, "key") and not cache.made(out, "key", b"edited by hand")
