"""MT fanned out over Ray: Ray Data's ``map_batches`` with a pool of actors, each holding the model.

Only the engine's work leaves this process. The driver (here) reads the catalogs, protects and
splits the units, and hands the distinct sentences to Ray Data in blocks; each actor loads the
package once and turns a block of sentences into translations (tokenize, CTranslate2, detokenize).
Blocks come back in order (``preserve_order``) while later ones are still being translated, so
the driver assembles the units and writes each catalog as soon as its last sentence is back,
exactly as the single-process path does: a killed run keeps every finished catalog, and the next
run redoes only what is still empty. Reviewed entries never reach the engine.

The package goes to the actors through Ray's object store (only when the actor's node does not
already hold the same files at the same path), so one command works on a laptop's local Ray and
on a cluster whose nodes share no disk.

``cluster = "ray"`` starts a local Ray (or joins ``$RAY_ADDRESS``); ``"ray://head:10001"``
connects to a cluster through Ray Client. Ray is the ``scale`` extra; editors never install it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import MtSettings
from ..errors import ConfigError, ModelError, WorkflowError
from ..models import ModelPackage
from .argos import EngineOptions, load_engine
from .device import place

Report = Callable[[str], None]
MIN_BLOCK, MAX_BLOCK = 32, 1024  # sentences per block handed to an actor
BLOCKS_PER_WORKER = 4  # enough blocks to balance the actors and stream results back in order


def _quiet(_: str) -> None:
    return None


def _ray() -> Any:
    # Ray phones home unless told not to; nothing here may reach the network.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DISABLE_IMPORT_WARNING", "1")
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--cluster ray needs Ray, which is not installed: pip install 'workflow[scale]' "
            "(or translate in this process without --cluster)"
        ) from None
    return ray


def _quiet_ray_data(ray: Any) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # catalogs are finished, and written, in order
    context.enable_progress_bars = False  # ours is the progress bar
    context.enable_operator_progress_bars = False
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    context.verbose_stats_logs = False
    # Ray Data notes what it was told ("Progress bars disabled"): only its errors are for the user.
    logging.getLogger("ray.data").setLevel(logging.ERROR)


@contextlib.contextmanager
def session(settings: MtSettings, report: Report = _quiet) -> Iterator[None]:
    """Ray for the length of a run: joined or started here, and stopped here if started here."""
    if not settings.cluster:
        yield
        return
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        address = settings.cluster if settings.cluster.startswith("ray://") else os.environ.get("RAY_ADDRESS")
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
        if not address:
            # A local Ray on the loopback interface only: a laptop needs no network for it.
            options["_node_ip_address"] = "127.0.0.1"
        try:
            ray.init(address=address or None, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ConfigError(f"cannot start or reach Ray at {address or 'this machine'}: {first}") from exc
        where = address or "local Ray"
        report(f"Ray: {where}, {_resources(ray)}")
    _quiet_ray_data(ray)
    try:
        yield
    finally:
        if started:
            ray.shutdown()


def _resources(ray: Any) -> str:
    resources = ray.cluster_resources()
    return f"{int(resources.get('CPU', 0))} CPU(s), {int(resources.get('GPU', 0))} GPU(s)"


@dataclass(frozen=True)
class Shipped:
    """A package as the actors get it: its files' stamp, its path on the driver, its bytes in the object store."""

    package: ModelPackage
    digest: str  # of the files' names, sizes and modification times
    files: Any  # ObjectRef of {relative path: bytes}, fetched only where the path is not there


def _stamp(folder: Path) -> tuple[str, list[Path]]:
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16], paths


def ship(ray: Any, package: ModelPackage) -> Shipped:
    digest, paths = _stamp(package.path)
    files = {p.relative_to(package.path).as_posix(): p.read_bytes() for p in paths}
    return Shipped(package, digest, ray.put(files))


def unpack(shipped: Shipped) -> ModelPackage:
    """The package on this node: the driver's folder if it is here unchanged, else a copy from the object store."""
    if shipped.package.path.is_dir() and _stamp(shipped.package.path)[0] == shipped.digest:
        return shipped.package
    import ray

    cache = Path(tempfile.gettempdir()) / "workflow-models" / shipped.digest
    target = cache / shipped.package.path.name
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=_made(cache)))
        for name, data in ray.get(shipped.files).items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        try:
            staging.rename(target)  # atomic: another actor on this node may have won the race
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return replace(shipped.package, path=target)


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Worker:
    """A Ray actor: loads the package once, then translates one block of sentences per call."""

    def __init__(self, shipped: Shipped, options: EngineOptions) -> None:
        self.engine = load_engine(unpack(shipped), options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        texts = self.engine.translate_sentences([str(s) for s in batch["text"]])
        return {"index": batch["index"], "text": np.array(texts, dtype=object)}


class RayEngine:
    """The MT step's engine on Ray: sentences in, translations back in order, block by block."""

    def __init__(self, shipped: Shipped, options: EngineOptions, workers: int, gpus_per_worker: float) -> None:
        self.package = shipped.package
        self.shipped = shipped
        self.options = options
        self.workers = workers
        self.gpus_per_worker = gpus_per_worker

    def block_size(self, count: int) -> int:
        return max(MIN_BLOCK, min(MAX_BLOCK, math.ceil(count / (self.workers * BLOCKS_PER_WORKER))))

    def translate(self, sentences: Sequence[str]) -> Iterator[list[str]]:
        if not sentences:
            return
        ray = _ray()
        size = self.block_size(len(sentences))
        rows = [{"index": i, "text": s} for i, s in enumerate(sentences)]
        dataset = ray.data.from_items(rows, override_num_blocks=math.ceil(len(rows) / size))
        resources: dict[str, Any] = (
            {"num_gpus": self.gpus_per_worker, "num_cpus": 1}
            if self.options.device == "cuda"
            else {"num_cpus": max(self.options.intra_threads, 1)}
        )
        translated = dataset.map_batches(
            Worker,
            fn_constructor_kwargs={"shipped": self.shipped, "options": self.options},
            batch_size=size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.workers),
            **resources,
        )
        expected = 0
        batches = iter(translated.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=self.workers))
        while True:
            try:
                batch = next(batches, None)
            except ray.exceptions.RayError as exc:
                raise _worker_error(exc, self.package) from exc
            if batch is None:
                return
            indexes = [int(i) for i in batch["index"]]
            if indexes != list(range(expected, expected + len(indexes))):
                raise ModelError(f"Ray returned sentences out of order at {expected}", self.package.path)
            expected += len(indexes)
            yield [str(t) for t in batch["text"]]


def _worker_error(exc: BaseException, package: ModelPackage) -> WorkflowError:
    """A failed actor's own error (e.g. a corrupt model) as one line, not Ray's remote traceback."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, WorkflowError):
        return ModelError(cause.message, cause.path or package.path, cause.line)
    lines = [line for line in str(cause or exc).strip().splitlines() if line.strip()]
    return ModelError(f"a Ray worker failed ({lines[-1] if lines else type(exc).__name__})", package.path)


def ray_engine(package: ModelPackage, options: EngineOptions, settings: MtSettings, report: Report) -> RayEngine:
    """A Ray actor pool for ``package``: its device from the cluster's GPUs, its size from ``workers``."""
    ray = _ray()
    if not ray.is_initialized():
        raise ConfigError("Ray is not running: translate through workflow.pretranslate.fill, which starts it")
    resources = ray.cluster_resources()
    gpus = int(resources.get("GPU", 0))
    placement = place(settings, gpus=gpus, env_compute_type=options.compute_type)
    cpus = max(1, int(resources.get("CPU", 1)))
    # An actor asking for more CPUs than the cluster has would wait for ever.
    threads = min(settings.threads or options.intra_threads or 1, cpus)
    options = replace(
        options,
        device=placement.device,
        compute_type=placement.compute_type,
        device_index=(0,),  # Ray gives each actor its GPU(s) as device 0
        inter_threads=1,
        intra_threads=threads,
        max_batch_size=settings.batch_tokens,
    )
    if placement.device == "cuda":
        workers = settings.workers or gpus
        per_worker = gpus / workers
    else:
        capacity = max(1, cpus // threads)
        workers = min(settings.workers or capacity, capacity)
        per_worker = 0.0
    note = f"; {placement.note}" if placement.note else ""
    if settings.workers > workers:
        note += f"; {settings.workers} asked for, the cluster holds {workers} of {threads} thread(s)"
    report(f"{package.to_code}: {workers} Ray worker(s) on {options.describe()}{note}")
    return RayEngine(ship(ray, package), options, workers, per_worker)
