"""translate on Ray (local, 2 CPUs): byte-identical to one process, resumable, reviewed work untouched, offline.

One local Ray for the module (starting one costs seconds); the offline test runs the command in
a fresh process in a network namespace with no interface but loopback, so it starts its own.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tinymodel import isolate_argos, mt_project, tiny_package
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import Config, load_config
from workflow.models import install
from workflow.pipeline import extract, update
from workflow.pretranslate import cluster
from workflow.pretranslate.fill import translate

ray = pytest.importorskip("ray")
# Ray Data reads its own deprecated settings when it copies its context: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

SLUGS = ("president-visit-to-uzbekistan", "no-term-national-minority", "kazakhs-and-uzbeks")
LANGS = ["ru", "kk"]  # kk's model has a target prefix: the actors must give it to the decoder too


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    home = tmp_path_factory.mktemp("ray-env")
    with pytest.MonkeyPatch.context() as patch:
        # The workers inherit this environment: argostranslate's folders stay in the test's.
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        patch.setenv("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            _node_ip_address="127.0.0.1",
        )
        try:
            yield
        finally:
            ray.shutdown()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    isolate_argos(monkeypatch, tmp_path)
    packages = tmp_path / "packages"
    install(tiny_package(to_code="ru", upper=True).archive, packages)
    install(tiny_package(to_code="kk", target_prefix="kaz_Cyrl", upper=True).archive, packages)
    config = load_config(mt_project(tmp_path / "proj", packages, slugs=SLUGS))
    extract(config)
    update(config, LANGS)
    return config


def on_ray(config: Config, workers: int) -> Config:
    return dataclasses.replace(config, mt=dataclasses.replace(config.mt, cluster="ray", workers=workers))


def catalogs(config: Config) -> dict[str, bytes]:
    return {f"{lang}/{slug}": config.po_path(lang, slug).read_bytes() for lang in LANGS for slug in sorted(SLUGS)}


def review_some(config: Config) -> dict[str, str]:
    """An editor reviewed two entries and left a draft suggestion in a third: their text, byte for byte."""
    path = config.po_path("ru", SLUGS[0])
    po = read_catalog(path)
    paragraphs = [e for e in po if e.comment == "paragraph"]
    for entry in paragraphs[:2]:
        entry.msgstr, entry.tcomment = f"Проверено: {entry.msgid[:20]}", "checked by Aigerim"
    paragraphs[2].msgstr, paragraphs[2].flags = "Черновик редактора", ["fuzzy"]
    write_catalog(path, po)
    return {e.msgid: str(e) for e in paragraphs[:3]}


def test_two_workers_give_the_single_process_bytes_and_leave_reviewed_work(local_ray: None, project: Config) -> None:
    reviewed = review_some(project)
    pristine = project.locales_dir.with_name("pristine")
    shutil.copytree(project.locales_dir, pristine)
    single = translate(project, LANGS, chain=("argos",))
    expected = catalogs(project)
    assert all(s.mt == s.pending > 20 and s.left == 0 for s in single)

    shutil.rmtree(project.locales_dir)
    shutil.copytree(pristine, project.locales_dir)
    said: list[str] = []
    counts: list[tuple[str, int, int]] = []
    distributed = translate(
        on_ray(project, 2), LANGS, chain=("argos",), report=said.append, progress=lambda *c: counts.append(c)
    )
    assert catalogs(project) == expected
    assert [s.line() for s in distributed] == [s.line() for s in single]
    assert "ru: 2 Ray worker(s) on cpu, auto, 1 thread(s), 1024 tokens per batch" in said[0]
    after = {e.msgid: str(e) for e in read_catalog(project.po_path("ru", SLUGS[0]))}
    assert all(after[msgid] == text for msgid, text in reviewed.items())
    assert counts[-1][0] == "kk sentences" and counts[-1][1] == counts[-1][2] > 100


def test_a_run_killed_halfway_resumes_with_the_unfinished_catalogs_only(
    local_ray: None, project: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = on_ray(project, 2)
    monkeypatch.setattr(cluster, "MIN_BLOCK", 8)
    monkeypatch.setattr(cluster, "MAX_BLOCK", 8)
    original = cluster.RayEngine.translate
    blocks: list[int] = []

    def killed(self: cluster.RayEngine, sentences: list[str]) -> Iterator[list[str]]:
        for block in original(self, sentences):
            if len(blocks) == 12:  # Ctrl-C, or the cluster lost, after 96 sentences
                raise KeyboardInterrupt
            blocks.append(len(block))
            yield block

    monkeypatch.setattr(cluster.RayEngine, "translate", killed)
    with pytest.raises(KeyboardInterrupt):
        translate(config, ["ru"], chain=("argos",))
    finished = {
        slug: config.po_path("ru", slug).read_bytes()
        for slug in SLUGS
        if all(e.msgstr for e in read_catalog(config.po_path("ru", slug)) if e.msgid)
    }
    # The others are empty, or hold what was filled before the kill (written whole, never torn).
    left = {slug: read_catalog(config.po_path("ru", slug)) for slug in SLUGS if slug not in finished}
    assert finished and left
    assert not list(config.locales_dir.rglob("*.tmp")) and not list(config.locales_dir.rglob(".*.po*"))

    monkeypatch.setattr(cluster.RayEngine, "translate", original)
    said: list[str] = []
    (again,) = translate(config, ["ru"], chain=("argos",), report=said.append)
    assert again.pending == sum(1 for po in left.values() for e in po if e.msgid and not e.msgstr)
    assert again.left == 0 and again.pending < sum(len(read_catalog(config.po_path("ru", s))) for s in SLUGS)
    assert sorted(p.stem for p in again.written) == sorted(left)  # finished catalogs are not redone...
    assert all(config.po_path("ru", slug).read_bytes() == data for slug, data in finished.items())  # ...nor touched


def test_offline_cli_run_in_a_network_namespace(project: Config, tmp_path: Path) -> None:
    # A new network namespace has only a loopback interface, down until `ip` brings it up.
    up = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"']
    if not shutil.which("unshare") or not shutil.which("ip") or subprocess.run([*up, "true"], check=False).returncode:
        pytest.skip("unshare -n (a network namespace) is not permitted here")
    slug = SLUGS[1]
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": str(Path(__file__).parent.parent)}
    command = [sys.executable, "-m", "workflow", "--project", str(project.root), "translate", "-l", "ru", "-a", slug]
    out = subprocess.run(
        [*up, *command, "--no-memory", "--cluster", "ray", "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Ray: local Ray, " in out.stdout and "ru: 1 Ray worker(s) on cpu" in out.stdout
    assert out.stdout.rstrip().endswith("none left")
    po = read_catalog(project.po_path("ru", slug))
    assert all(e.msgstr.lower() == e.msgid.lower() and "fuzzy" in e.flags for e in po if e.msgid)


def test_the_bench_runs_in_quick_mode(local_ray: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import mt_scale

    isolate_argos(monkeypatch, tmp_path)
    result = mt_scale.measure(tmp_path / "bench", 2, cpus=2)
    assert result.identical and result.startup is None and result.sentences > 3 * 20
    assert [r.name for r in result.runs] == [
        "one process, 2 threads",
        "one process, 1 thread",
        "local Ray, 1 worker(s) × 2 thread(s)",
        "local Ray, 2 worker(s) × 1 thread(s)",
    ]
    assert all(len(r.first_blocks) == 3 for r in result.runs[2:])
    lines = mt_scale.report(result)
    assert lines[0].startswith("corpus: 2 articles × 3 languages (ru, kk, tr)")
    assert "Ray start-up: not measured (Ray was already running)" in lines
    assert lines[-1] == "catalogs byte-identical across all runs: yes"
