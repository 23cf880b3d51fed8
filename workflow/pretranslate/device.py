"""Where the MT engine runs: the device and compute type, from ``[mt]`` and ``translate``'s options.

``auto`` takes a GPU when CTranslate2 sees one and the CPU otherwise, and says which. ``cuda``
on a machine without a GPU is a one-line error, not CTranslate2's "CUDA driver version is
insufficient". A compute type the device cannot run (``float16`` on a CPU) is an error when
asked for on purpose, and is replaced by ``auto`` when it came with ``device = "auto"``
falling back to the CPU, since the setting was then meant for a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import MtSettings
from ..errors import ConfigError

GPU_TYPES = ("float16", "bfloat16", "int8_float16", "int8_bfloat16")


@dataclass(frozen=True)
class Placement:
    device: str  # "cpu" or "cuda"
    compute_type: str
    gpus: int  # CUDA devices CTranslate2 sees here (0 on a CPU machine)
    note: str = ""  # what was decided for the user, e.g. the fallback to the CPU


def cuda_devices() -> int:
    """GPUs CTranslate2 can use in this process (0 when its CUDA runtime finds no driver)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        return 0


def supported_types(device: str) -> set[str]:
    import ctranslate2

    try:
        return set(ctranslate2.get_supported_compute_types(device))
    except RuntimeError:
        return set()


def place(settings: MtSettings, *, gpus: int | None = None, env_compute_type: str = "auto") -> Placement:
    """The device and compute type to load the model with; ConfigError when they cannot be had."""
    here = gpus is None  # the engine runs in this process, not on a cluster's nodes
    gpus = cuda_devices() if gpus is None else gpus
    compute_type = settings.compute_type if settings.compute_type != "auto" else env_compute_type
    if settings.device == "cuda" and not gpus:
        raise ConfigError(
            "device cuda: CTranslate2 finds no CUDA GPU on this machine; "
            "use --device cpu (or auto, which falls back to the CPU)"
        )
    note = ""
    device = "cuda" if settings.device == "cuda" or (settings.device == "auto" and gpus) else "cpu"
    if settings.device == "auto":
        note = (
            f"device auto: {gpus} GPU(s), translating on CUDA"
            if gpus
            else "device auto: no GPU, translating on the CPU"
        )
        if device == "cpu" and compute_type in GPU_TYPES:
            note += f" (compute type {compute_type} is for GPUs: using auto)"
            compute_type = "auto"
    # What a GPU runs can only be asked of CTranslate2 where that GPU is.
    if compute_type not in ("auto", "default") and (device == "cpu" or here):
        supported = supported_types(device)
        if supported and compute_type not in supported:
            raise ConfigError(
                f"compute type {compute_type} does not run on {device}; "
                f"use auto or one of {', '.join(sorted(supported))}"
            )
    return Placement(device, compute_type, gpus, note)
