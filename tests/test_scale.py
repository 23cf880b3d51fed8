"""Where the engine runs ([mt] device, compute type, batch tokens) and the progress bar; Ray is in test_scale_ray."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tests.tinymodel import isolate_argos, mt_project, tiny_package
from workflow.cli import app
from workflow.config import MtSettings, load_config
from workflow.errors import ConfigError
from workflow.models import install
from workflow.pretranslate import device
from workflow.pretranslate.device import Placement, place
from workflow.progress import progress_bar, show_progress

SLUG = "no-term-national-minority"
runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_argos(monkeypatch, tmp_path)
    install(tiny_package(to_code="ru", upper=True).archive, tmp_path / "packages")
    project = mt_project(tmp_path / "proj", tmp_path / "packages", slugs=(SLUG,))
    for command in (["extract"], ["update", "-l", "ru"]):
        assert runner.invoke(app, ["--project", str(project), *command]).exit_code == 0
    return project


def catalog_bytes(root: Path) -> bytes:
    return (root / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po").read_bytes()


def test_cuda_without_a_gpu_is_one_line_and_nothing_is_written(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(device, "cuda_devices", lambda: 0)  # also on a machine that has one
    before = catalog_bytes(root)
    result = runner.invoke(app, ["--project", str(root), "translate", "-l", "ru", "--device", "cuda"])
    assert result.exit_code == 1
    assert result.stderr == (
        "workflow: error: device cuda: CTranslate2 finds no CUDA GPU on this machine; "
        "use --device cpu (or auto, which falls back to the CPU)\n"
    )
    assert "Traceback" not in result.output and catalog_bytes(root) == before


def test_auto_falls_back_to_the_cpu_says_so_and_translates(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(device, "cuda_devices", lambda: 0)
    args = ["--project", str(root), "translate", "-l", "ru", "--no-memory", "--json", "--batch-tokens", "64"]
    result = runner.invoke(app, [*args, "--compute-type", "int8_float16"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)  # stdout is the result alone
    assert summary["mt"] == summary["pending"] > 10 and summary["left"] == 0
    assert (
        "ru: engine on cpu, auto, 1 thread(s), 64 tokens per batch; device auto: no GPU, translating on the CPU "
        "(compute type int8_float16 is for GPUs: using auto)"
    ) in result.stderr.splitlines()
    text = catalog_bytes(root).decode()
    assert text.count("# mt: argos en→ru translate-en_ru 1.0") == summary["mt"]


def test_placement_rules() -> None:
    assert place(MtSettings(), gpus=0) == Placement("cpu", "auto", 0, "device auto: no GPU, translating on the CPU")
    assert place(MtSettings(device="cpu"), gpus=0, env_compute_type="int8") == Placement("cpu", "int8", 0)
    assert place(MtSettings(device="cuda", compute_type="int8_float16"), gpus=1).device == "cuda"


def test_compute_type_the_device_cannot_run_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"compute type float16 does not run on cpu; use auto or one of .*int8"):
        place(MtSettings(device="cpu", compute_type="float16"), gpus=0)
    chosen = place(MtSettings(device="auto", compute_type="int8"), gpus=2)
    assert (chosen.device, chosen.gpus) == ("cuda", 2) and "2 GPU(s), translating on CUDA" in chosen.note


def test_mt_settings_in_workflow_toml(root: Path) -> None:
    toml = root / "workflow.toml"
    base = toml.read_text(encoding="utf-8")
    toml.write_text(base + '\n[mt]\ndevice = "cpu"\nbatch_tokens = 2048\ncluster = "ray"\nworkers = 3\n', "utf-8")
    assert load_config(root).mt == MtSettings(device="cpu", batch_tokens=2048, cluster="ray", workers=3)
    for bad, message in (
        ('device = "gpu"', "mt.device must be one of auto, cpu, cuda"),
        ("batch_tokens = 0", "mt.batch_tokens must be a whole number of at least 1"),
        ('cluster = "dask"', 'mt.cluster must be "", "ray" or "ray://host:port"'),
    ):
        toml.write_text(base + f"\n[mt]\n{bad}\n", "utf-8")
        with pytest.raises(ConfigError, match=message) as caught:
            load_config(root)
        assert caught.value.line == len(base.splitlines()) + 3


def test_cluster_without_ray_installed_says_how_to_get_it(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as on an editor's machine
    result = runner.invoke(app, ["--project", str(root), "translate", "-l", "ru", "--cluster", "ray"])
    assert result.exit_code == 1 and result.stderr.startswith(
        "workflow: error: --cluster ray needs Ray, which is not installed: pip install 'workflow[scale]'"
    )
    assert runner.invoke(app, ["--project", str(root), "translate", "--cluster", "dask"]).stderr == (
        "workflow: error: --cluster dask: use ray, ray://host:port, or none\n"
    )


def test_progress_bar_shows_counts_rate_and_time_left() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    lines: list[str] = []
    with progress_bar(True, lines.append, unit="sentences", console=console) as bar:
        assert bar
        bar("ru sentences", 0, 300)
        bar.log("wrote locales/ru/LC_MESSAGES/a.po")
        bar("ru sentences", 300, 300)
    shown = out.getvalue()
    assert "ru sentences" in shown and "300/300" in shown and "100%" in shown and "left" in shown
    assert "wrote locales/ru/LC_MESSAGES/a.po" in shown and not lines  # the log line went above the bar
    with progress_bar(False, lines.append) as quiet:
        assert not quiet
        quiet("ru sentences", 1, 2)
        quiet.log("a line")
    assert lines == ["a line"]


def test_no_bar_when_output_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    for stdout, stderr, as_json, shown in (
        (True, True, False, True),
        (False, True, False, False),  # `workflow translate > log`
        (False, True, True, True),  # `--json | jq`, a person watching
        (True, False, False, False),
    ):
        monkeypatch.setattr(sys, "stdout", Stream(stdout))
        monkeypatch.setattr(sys, "stderr", Stream(stderr))
        assert show_progress(as_json) is shown
