"""The catalog stages as calls: what a failure in one worker leaves (nothing), what a run writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import make_project
from workflow.config import load_config
from workflow.errors import CatalogError, SourceError
from workflow.pipeline import extract, update

ARTICLES = 40  # enough for the work to be shared among worker processes


def _project(root: Path) -> Path:
    make_project(root, seeds=False)
    for number in range(ARTICLES):
        body = "\n\n".join(f"Paragraph {n} of article {number}." for n in range(5))
        (root / "seeds" / f"a{number:02}.md").write_text(f"---\ntitle: Article {number}\n---\n\n{body}\n")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: the stages run without workers")
def test_a_failure_in_one_worker_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    config = load_config(root)
    (root / "seeds" / "a33.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    before = _files(root)
    with pytest.raises(SourceError):
        extract(config)
    assert _files(root) == before  # no template written, no temp file left by any worker
    (root / "seeds" / "a33.md").write_text("---\ntitle: Fixed\n---\n\nText.\n")
    extract(config)
    update(config)
    broken = config.po_path("kk", "a20")
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgid "x"\n', encoding="utf-8")
    for source in (root / "seeds").glob("*.md"):  # every catalog is merged again
        source.write_text(source.read_text(encoding="utf-8") + "\nOne more paragraph.\n")
    extract(config)
    before = _files(root)
    with pytest.raises(CatalogError) as info:
        update(config)
    assert info.value.path == broken
    assert _files(root) == before


def test_update_writes_what_it_reports(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    config = load_config(root)
    made = extract(config)
    assert all(w.changed for w in made) and len(made) == ARTICLES
    written = update(config)
    assert len(written) == ARTICLES * len(config.dst_langs) and all(w.changed for w in written)
    again = update(config)
    assert not any(w.changed for w in again)
    assert not list((root / "locales").rglob(".*.tmp"))
