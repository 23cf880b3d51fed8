"""Pre-translation: suggestions for empty entries, from the translation memory, then offline MT.

A translator turns source texts into suggestions. They are chained in the order of
``TRANSLATORS``; each fills what the ones before it left empty. The registry is explicit:
adding an engine is one entry here, no discovery. Factories import their engine lazily,
so commands that never translate (status, build) never load CTranslate2 or torch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import WorkflowError

if TYPE_CHECKING:
    import polib

    from ..config import Config


@dataclass(frozen=True)
class Suggestion:
    text: str
    provenance: str  # the translator comment: "mt: argos en→ru translate-en_ru 1.9", "tm: 87% <slug>"
    how: str  # "exact", "near" or "mt": what the summary counts
    previous: str | None = None  # a near match's source, shown as the previous msgid


Meter = Callable[[str, int, int], None]
"""Progress of long work: ``meter(label, done, total)``, e.g. ``("ru sentences", 640, 9000)``."""


@dataclass(frozen=True)
class Request:
    """What a translator factory gets: the pair, and the catalogs already read (memory reuses them)."""

    config: Config
    src_lang: str
    dst_lang: str
    catalogs: Mapping[Path, polib.POFile] = field(default_factory=dict)
    report: Callable[[str], None] = lambda _: None
    progress: Meter | None = None  # counts for a progress bar; without one, counts are reported as lines


class Translator(Protocol):
    def describe(self) -> str:
        """What it is, as the summary names it: "memory (412 reviewed entries)"."""
        ...

    def suggest(self, texts: Sequence[str]) -> Iterator[tuple[int, Suggestion | None]]:
        """One ``(index, suggestion or None)`` per text, in index order, as soon as each is ready."""
        ...


class Unavailable(WorkflowError):
    """A translator cannot serve this language pair; the message says why and what to do."""


class Broken(Unavailable):
    """The translator exists but cannot work (a corrupt model): the run goes on, and fails at the end."""


def _memory(request: Request) -> Translator:
    from .tmstore import memory_translator

    return memory_translator(request)


def _argos(request: Request) -> Translator:
    from .argos import machine_translator

    return machine_translator(request)


TRANSLATORS: dict[str, Callable[[Request], Translator]] = {"memory": _memory, "argos": _argos}
MEMORY = ("memory",)
MACHINE = ("argos",)
