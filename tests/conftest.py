"""Shared fixtures: a throw-away project built from the repository's own seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CONFIG = """\
[project]
name = "Test project"

[languages]
source = "en"
targets = ["ru", "kk", "tr"]

[edition]
name = "test"
threshold = 0.8

[edition.titles]
en = "Test edition"
ru = "Тестовое издание"
kk = "Сынақ басылымы"
tr = "Deneme baskısı"
"""


def make_project(root: Path, *, seeds: bool = True, config: str = CONFIG) -> Path:
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "locales").mkdir(exist_ok=True)
    (root / "workflow.toml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "locales" / "glossary.tbx", root / "locales" / "glossary.tbx")
    if seeds:
        for path in sorted((REPO / "seeds").glob("*.md")):
            shutil.copy(path, root / "seeds" / path.name)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the five seed articles and no catalogs yet."""
    return make_project(tmp_path / "proj")


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj", seeds=False)
