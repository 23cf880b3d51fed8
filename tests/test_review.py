from __future__ import annotations

from pathlib import Path

from tests.conftest import make_project
from tests.editions_util import chromium
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.pipeline import extract, update
from workflow.review import word_diff, write_review


def test_word_diff_escapes_and_marks() -> None:
    assert str(word_diff("met in <b>Astana</b>", "met in Nur-Sultan")) == (
        "met in <del>&lt;b&gt;Astana&lt;/b&gt;</del><ins>Nur-Sultan</ins>"
    )


def test_dashboard_shows_progress_findings_and_fuzzy_diffs(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    config = load_config(root)
    extract(config)
    update(config)
    path = config.po_path("ru", "kazakhs-and-uzbeks")
    po = read_catalog(path)
    body = [e for e in po if e.msgctxt is None]
    body[0].msgstr = "<script>alert(1)</script> перевод"
    body[0].flags.append("fuzzy")
    body[0].previous_msgid = body[0].msgid.replace("April", "March")
    body[0].tcomment = "mt: argos en→ru translate-en_ru 1.9"
    body[1].msgstr = "Перевод без цифр."
    write_catalog(path, po)
    out = write_review(config, ["ru"])
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<del>March</del><ins>April</ins>" in html
    assert "mt: argos en→ru translate-en_ru 1.9" in html
    dom = chromium(out.as_uri(), tmp_path, "--dump-dom")
    assert 'aria-label="1 translated, 1 fuzzy' in dom
    assert "<ins>April</ins>" in dom
    assert "punctuation" in dom or "numbers" in dom or "identical" in dom
