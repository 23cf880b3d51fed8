"""Offline MT with an installed Argos package: argostranslate's package format, CTranslate2's engine.

argostranslate's ``translate()`` works one text at a time, splits sentences with models
it downloads (MiniSBD, Stanza), turns every ``_`` into a space and leaves a multilingual
model's target prefix in the output. So the package is opened with argostranslate
(``argostranslate.package.Package``: its metadata and tokenizer) but fed by us:

- every pending unit of a run is protected (markup → placeholders) and split into
  sentences offline; identical sentences are translated once;
- all sentences go through ``ctranslate2.Translator.translate_batch`` in large chunks
  (CTranslate2 sorts each chunk by length and batches it), with argostranslate's own
  decoding settings (beam 4, length penalty 0.2, unknown tokens copied from the source);
- a ``target_prefix`` (e.g. ``kaz_Cyrl`` for NLLB) is given to the decoder and its token
  removed from the output tokens, not searched for in the decoded text;
- chunks grow until one takes about ``CHUNK_SECONDS``, so a fast model runs in large
  batches and Ctrl-C is still honoured between chunks.

Threads and beam follow argostranslate's settings (``ARGOS_INTRA_THREADS`` …), so the
same environment gives the same engine; ``[mt]`` of workflow.toml (or ``translate``'s
options) chooses the device, compute type, tokens per batch and threads, and whether the
sentences fan out over Ray (``cluster.py``) instead of this process's engine.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from ..config import MtSettings
from ..errors import ModelError
from ..models import ModelPackage, find, load_translator, packages_dir
from . import Broken, Meter, Request, Suggestion, Unavailable
from .device import Placement, place
from .protect import Protected, detach, has_words, protect, restore
from .sentences import spans

FIRST_CHUNK = 64  # sentences in the first engine call
MAX_CHUNK = 4096
CHUNK_SECONDS = 2.0
COPIED = "mt: copied, nothing to translate"
_BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


@dataclass(frozen=True)
class EngineOptions:
    """CTranslate2 settings, read like argostranslate reads them (same names, same defaults)."""

    device: str = "cpu"
    device_index: tuple[int, ...] = (0,)  # several GPUs: one model replica on each
    intra_threads: int = 0
    inter_threads: int = 1
    beam_size: int = 4
    compute_type: str = "auto"
    # Tokens per engine batch inside a chunk (CTranslate2 sorts a chunk by length first).
    max_batch_size: int = 1024
    batch_type: str = "tokens"

    @classmethod
    def from_env(cls) -> EngineOptions:
        def number(name: str, default: int) -> int:
            value = os.environ.get(name, "")
            return int(value) if value.strip().lstrip("-").isdigit() else default

        return cls(
            intra_threads=number("ARGOS_INTRA_THREADS", 0),
            inter_threads=number("ARGOS_INTER_THREADS", 1),
            beam_size=number("ARGOS_BEAM_SIZE", 4),
            compute_type=os.environ.get("ARGOS_COMPUTE_TYPE", "auto") or "auto",
        )

    def placed(self, settings: MtSettings, placement: Placement) -> EngineOptions:
        """These options on ``placement``, with the batch size and threads ``[mt]`` sets."""
        gpus = max(placement.gpus, 1)
        return replace(
            self,
            device=placement.device,
            compute_type=placement.compute_type,
            device_index=tuple(range(gpus)) if placement.device == "cuda" else (0,),
            # With several GPUs, one translation thread per replica keeps them all busy.
            inter_threads=gpus if placement.device == "cuda" else self.inter_threads,
            intra_threads=settings.threads or self.intra_threads,
            max_batch_size=settings.batch_tokens,
        )

    def describe(self) -> str:
        threads = f"{self.intra_threads} thread(s)" if self.intra_threads else "default threads"
        where = "cpu" if self.device == "cpu" else f"cuda:{','.join(map(str, self.device_index))}"
        return f"{where}, {self.compute_type}, {threads}, {self.max_batch_size} tokens per batch"


def _use_packages_dir(directory: Path) -> None:
    """argostranslate reads its settings when imported: point it at our folder first."""
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(directory))


def _load_sp(path: Path, load: Callable[[], Any]) -> Any:
    """A SentencePiece processor; a corrupt model file is one line naming it, not a traceback."""
    try:
        return load()
    except (RuntimeError, OSError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelError(
            f"the SentencePiece model is corrupt ({first}); install the package again from a good copy", path
        ) from exc


class Engine:
    """A loaded package: a CTranslate2 translator and the package's tokenizer."""

    def __init__(self, package: ModelPackage, options: EngineOptions) -> None:
        _use_packages_dir(package.path.parent)
        from argostranslate.package import Package
        from argostranslate.tokenizer import SentencePieceTokenizer

        self.package = package
        self.options = options
        try:
            argos_package = Package(package.path)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot open the package ({exc})", package.path) from exc
        tokenizer = getattr(argos_package, "tokenizer", None)
        if tokenizer is None:
            raise ModelError("the package has no tokenizer (sentencepiece.model or bpe.model)", package.path)
        self._tokenizer = tokenizer
        sp_path = package.path / "sentencepiece.model"
        self._sp: Any = (
            _load_sp(sp_path, tokenizer.lazy_processor) if isinstance(tokenizer, SentencePieceTokenizer) else None
        )
        self._target_sp: Any = self._sp
        target_model = package.path / "target.sentencepiece.model"
        if self._sp is not None and target_model.is_file():
            import sentencepiece as spm

            self._target_sp = _load_sp(target_model, lambda: spm.SentencePieceProcessor(model_file=str(target_model)))
        self.translator: Any = load_translator(
            package.path / "model",
            device=options.device,
            device_index=list(options.device_index),
            intra_threads=options.intra_threads,
            inter_threads=options.inter_threads,
            compute_type=options.compute_type,
        )
        self._prefix = [package.target_prefix] if package.target_prefix else []

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        if self._sp is not None:
            tokens: list[list[str]] = self._sp.encode(list(sentences), out_type=str)
        else:
            tokens = [self._tokenizer.encode(s) for s in sentences]
        head = [self.package.source_prefix] if self.package.source_prefix else []
        tail = [self.package.source_suffix] if self.package.source_suffix else []
        return [head + t + tail for t in tokens] if head or tail else tokens

    def decode(self, tokens: list[str]) -> str:
        if self._prefix and tokens[: len(self._prefix)] == self._prefix:
            tokens = tokens[len(self._prefix) :]
        if self._target_sp is None:
            return str(self._tokenizer.decode(tokens)).strip()
        sp = self._target_sp
        unk = sp.unk_id()
        if all(sp.piece_to_id(t) != unk for t in tokens):
            return str(sp.decode_pieces(tokens)).strip()
        # Pieces the tokenizer does not know were copied from the source by the engine
        # (e.g. placeholders); SentencePiece would turn them into " ⁇ ", so join by hand.
        data = bytearray()
        for token in tokens:
            byte = _BYTE_PIECE.fullmatch(token)
            data += bytes([int(byte.group(1), 16)]) if byte else token.replace("▁", " ").encode("utf-8")
        return data.decode("utf-8", errors="replace").strip()

    def translate_tokens(self, batch: list[list[str]]) -> list[list[str]]:
        try:
            results = self.translator.translate_batch(
                batch,
                target_prefix=[self._prefix] * len(batch) if self._prefix else None,
                max_batch_size=self.options.max_batch_size,
                batch_type=self.options.batch_type,
                beam_size=self.options.beam_size,
                num_hypotheses=1,
                length_penalty=0.2,
                replace_unknowns=True,
            )
        except (RuntimeError, ValueError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelError(f"the engine failed ({first}); is the package complete?", self.package.path) from exc
        return [list(r.hypotheses[0]) for r in results]

    def translate_sentences(self, sentences: Sequence[str]) -> list[str]:
        """One engine call: tokenize, translate (sorted by length, in batches of tokens), detokenize."""
        return [self.decode(t) for t in self.translate_tokens(self.encode(sentences))]

    def translate(self, sentences: Sequence[str]) -> Iterator[list[str]]:
        """Translations of ``sentences``, chunk by chunk, in order."""
        size, at = FIRST_CHUNK, 0
        while at < len(sentences):
            chunk = sentences[at : at + size]
            start = time.perf_counter()
            out = self.translate_sentences(chunk)
            spent = time.perf_counter() - start
            at += len(chunk)
            yield out
            # Aim the next chunk at CHUNK_SECONDS: large for a fast model, small for a slow one.
            per_sentence = spent / len(chunk)
            size = max(FIRST_CHUNK, min(MAX_CHUNK, int(CHUNK_SECONDS / per_sentence) if per_sentence else MAX_CHUNK))


_ENGINES: dict[tuple[object, ...], Engine] = {}


def load_engine(package: ModelPackage, options: EngineOptions | None = None) -> Engine:
    """The engine of a package, kept loaded for the next run (reloaded if the package changed)."""
    options = options or EngineOptions.from_env()
    model = package.path / "model" / "model.bin"
    try:
        stamp = model.stat()
    except OSError:
        raise ModelError("the package has no model/model.bin; install it again", package.path) from None
    key = (str(package.path.resolve()), stamp.st_mtime_ns, stamp.st_size, options)
    engine = _ENGINES.get(key)
    if engine is None:
        # One engine at a time: two idle CTranslate2 thread pools in one process slow each
        # other down about five-fold (measured here), and a model can take gigabytes.
        _ENGINES.clear()
        engine = _ENGINES[key] = Engine(package, options)
    return engine


@dataclass(frozen=True)
class Plan:
    """How one unit is translated: literal pieces and indexes of sentences for the engine."""

    protected: Protected
    pieces: tuple[str | int, ...]


def plan_units(texts: Sequence[str]) -> tuple[list[Plan], list[str]]:
    """Protect and split every text; the distinct sentences to translate, in first-seen order."""
    sentences: dict[str, int] = {}
    plans: list[Plan] = []
    for text in texts:
        protected = protect(text)
        body = protected.text
        pieces: list[str | int] = []
        cursor = 0
        for start, end in spans(body):
            pieces.append(body[cursor:start])
            head, core, tail = detach(body[start:end], protected.slots)
            if has_words(core):
                pieces.extend([head, sentences.setdefault(core, len(sentences)), tail])
            else:
                pieces.append(body[start:end])
            cursor = end
        pieces.append(body[cursor:])
        plans.append(Plan(protected, tuple(p for p in pieces if p != "")))
    return plans, list(sentences)


def assemble(plan: Plan, translated: Sequence[str], sources: Sequence[str]) -> str:
    parts = []
    for piece in plan.pieces:
        if isinstance(piece, str):
            parts.append(piece)
        else:
            # An engine that returns nothing must not delete a sentence: keep the source's.
            parts.append(translated[piece] or sources[piece])
    return restore("".join(parts), plan.protected)


class SentenceEngine(Protocol):
    """What the MT step needs of an engine: this process's ``Engine`` or a Ray actor pool."""

    package: ModelPackage

    def translate(self, sentences: Sequence[str]) -> Iterator[list[str]]:
        """Translations of ``sentences``, in order, a chunk at a time."""
        ...


class MachineTranslator:
    """The chain's MT step: every text of a run through one engine, in large batches."""

    def __init__(
        self,
        engine: SentenceEngine,
        src_lang: str,
        dst_lang: str,
        report: Callable[[str], None],
        progress: Meter | None = None,
    ) -> None:
        self.engine = engine
        self.provenance = f"mt: argos {src_lang}→{dst_lang} {engine.package.label}"
        self.dst_lang = dst_lang
        self.report = report
        self.progress = progress

    def describe(self) -> str:
        return f"argos {self.engine.package.pair} {self.engine.package.label}"

    def suggest(self, texts: Sequence[str]) -> Iterator[tuple[int, Suggestion | None]]:
        plans, sentences = plan_units(texts)
        last = [max((p for p in plan.pieces if isinstance(p, int)), default=-1) for plan in plans]
        self.report(
            f"{self.dst_lang}: translating {len(texts)} entries ({len(sentences)} sentences) with {self.describe()}"
        )
        translated: list[str] = []
        unit = 0
        label = f"{self.dst_lang} sentences"
        if self.progress:
            self.progress(label, 0, len(sentences))
        chunks = self.engine.translate(sentences)
        while unit < len(plans):
            if last[unit] >= len(translated):
                translated.extend(next(chunks))
                if self.progress:
                    self.progress(label, len(translated), len(sentences))
                else:
                    self.report(f"{self.dst_lang}: {len(translated)}/{len(sentences)} sentences")
                continue
            text = assemble(plans[unit], translated, sentences).strip()
            # A unit of figures, links or notes alone never reaches the engine: say it is a copy.
            provenance = self.provenance if last[unit] >= 0 else COPIED
            yield unit, Suggestion(text, provenance, "mt") if text else None
            unit += 1


def machine_translator(request: Request) -> MachineTranslator:
    directory = packages_dir(request.config)
    package = find(directory, request.src_lang, request.dst_lang)
    pair = f"{request.src_lang}→{request.dst_lang}"
    if package is None:
        raise Unavailable(
            f"no model for {pair} in {directory}; install one with `workflow models install FILE` "
            "or make one with `workflow models package`"
        )
    settings = request.config.mt
    options = EngineOptions.from_env()
    engine: SentenceEngine
    if settings.cluster:
        from .cluster import ray_engine

        engine = ray_engine(package, options, settings, request.report)
    else:
        placement = place(settings, env_compute_type=options.compute_type)
        options = options.placed(settings, placement)
        try:
            engine = load_engine(package, options)
        except ModelError as exc:
            raise Broken(str(exc)) from exc
        note = f"; {placement.note}" if placement.note else ""
        request.report(f"{request.dst_lang}: engine on {options.describe()}{note}")
    return MachineTranslator(engine, request.src_lang, request.dst_lang, request.report, request.progress)
