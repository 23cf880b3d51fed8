"""A tiny but real Argos package, built at test time: SentencePiece + a CTranslate2 Transformer.

The Transformer's weights are set by hand so that decoding copies the source: at output
step ``t`` the decoder attends to source position ``t`` (or ``t - 1`` when the package
has a ``target_prefix``, which takes step 0) and emits that token. Output is therefore
deterministic and as long as the input, ending with the source's ``</s>``, so tests can
assert on it while every byte goes through SentencePiece and CTranslate2 as with a
real model.

How: a pre-norm Transformer with one encoder and one decoder layer whose self-attention
and feed-forward weights are zero (so the residual stream passes through). The model
dimension holds three blocks: the token's vector, its position, and a "copy" block.
Cross-attention matches positions (sinusoid pairs at binary frequencies, so any two
positions below 2,048 differ), reads the attended source token's vector into the copy
block, and the output projection scores every vocabulary entry against that block.
Every block sums to zero, so layer normalisation only rescales and never changes
which token wins. With ``upper=True`` the target vocabulary names each piece in capitals:
the output then differs from the input by case alone, so a test can tell engine output
from an accidental copy of the source.
"""

from __future__ import annotations

import atexit
import io
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]
TOKEN_DIM = 64  # dimensions of a token's vector (random, nearly orthogonal)
FREQUENCIES = 11  # binary frequencies: positions < 2**11 are told apart
POSITIONS = 1024  # CTranslate2's default max_input_length


@dataclass(frozen=True)
class TinyPackage:
    archive: Path
    folder: str  # the archive's one top-level folder
    from_code: str
    to_code: str
    target_prefix: str
    version: str


def training_lines() -> list[str]:
    """A few hundred varied English lines: the seed articles' sentences and some figures."""
    lines: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for part in re.split(r"(?<=[.!?])\s+", line.strip()):
                if len(part) > 3 and not part.startswith("---"):
                    lines.append(part)
    numbers = ["$5 billion", "87.2%", "10 billion dollars", "29.12.2022", "1998", "Art. 1", "No. 5"]
    for i in range(120):
        lines.append(f"In {1990 + i % 35} the figure reached {numbers[i % len(numbers)]}, item {i}.")
        lines.append(f"Mr. N.A. Nazarbayev and Sh.M. Mirziyoyev met K.K.Tokayev on day {i % 28 + 1}.")
    return lines


def train_sentencepiece(lines: list[str], vocab_size: int = 300) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        # "identity" keeps every character as written, so the copy is exact and tests can
        # compare suggestion and source byte for byte.
        normalization_rule_name="identity",
        character_coverage=1.0,
        minloglevel=2,
    )
    return model.getvalue()


def _pieces(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    # SentencePiece's own <unk>, <s>, </s> are ids 0..2; CTranslate2's specials come first.
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.id_to_piece(i) not in SPECIALS]


def _position_table(rows: int) -> np.ndarray:
    """Rows of (cos, sin, -cos, -sin) per frequency: zero-sum, constant norm."""
    pos = np.arange(rows, dtype=np.float64)[:, None]
    freq = np.pi / 2.0 ** np.arange(FREQUENCIES)[None, :]
    cos, sin = np.cos(pos * freq), np.sin(pos * freq)
    return np.concatenate([cos, sin, -cos, -sin], axis=1)


def _token_vectors(count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((count, TOKEN_DIM))
    vectors -= vectors.mean(axis=1, keepdims=True)  # zero-sum: layer norm only rescales
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def build_model(
    output_dir: Path, vocabulary: list[str], *, shift: bool, seed: int = 7, target_vocabulary: list[str] | None = None
) -> None:
    """Save a CTranslate2 model that copies its source (shifted by one step when ``shift``)."""
    from ctranslate2.specs import transformer_spec

    vocab = len(vocabulary)
    pos_dim = 4 * FREQUENCIES
    d = 2 * TOKEN_DIM + pos_dim
    tok, pos, copy = slice(0, TOKEN_DIM), slice(TOKEN_DIM, TOKEN_DIM + pos_dim), slice(TOKEN_DIM + pos_dim, d)
    vectors = _token_vectors(vocab, seed)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1, pre_norm=True)
    spec.config.add_source_eos = True  # the copied "</s>" ends the output
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        table = np.zeros((POSITIONS, d), dtype=np.float32)
        table[:, pos] = _position_table(POSITIONS)
        side.position_encodings.encodings = table
        side.layer_norm.gamma = np.ones(d, dtype=np.float32)
        side.layer_norm.beta = np.zeros(d, dtype=np.float32)
    embeddings = np.zeros((vocab, d), dtype=np.float32)
    embeddings[:, tok] = vectors
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings.copy()

    def zero_linear(linear: object, rows: int) -> None:
        linear.weight = np.zeros((rows, d), dtype=np.float32)  # type: ignore[attr-defined]
        linear.bias = np.zeros(rows, dtype=np.float32)  # type: ignore[attr-defined]

    def zero_layer(layer: object) -> None:
        attention = layer.self_attention  # type: ignore[attr-defined]
        attention.layer_norm.gamma = np.ones(d, dtype=np.float32)
        attention.layer_norm.beta = np.zeros(d, dtype=np.float32)
        zero_linear(attention.linear[0], 3 * d)
        zero_linear(attention.linear[1], d)
        ffn = layer.ffn  # type: ignore[attr-defined]
        ffn.layer_norm.gamma = np.ones(d, dtype=np.float32)
        ffn.layer_norm.beta = np.zeros(d, dtype=np.float32)
        ffn.linear_0.weight = np.zeros((4, d), dtype=np.float32)
        ffn.linear_0.bias = np.zeros(4, dtype=np.float32)
        ffn.linear_1.weight = np.zeros((d, 4), dtype=np.float32)
        ffn.linear_1.bias = np.zeros(d, dtype=np.float32)

    zero_layer(spec.encoder.layer[0])
    layer = spec.decoder.layer[0]
    zero_layer(layer)

    cross = layer.attention
    cross.layer_norm.gamma = np.ones(d, dtype=np.float32)
    cross.layer_norm.beta = np.zeros(d, dtype=np.float32)
    # Queries: the decoder position, rotated back one step when shifting, scaled so that
    # softmax puts all weight on the matching source position.
    query = np.zeros((d, d))
    rotate = np.eye(pos_dim)
    if shift:
        for k in range(FREQUENCIES):
            w = np.pi / 2.0**k
            c, s = np.cos(w), np.sin(w)
            for base in (0, 2 * FREQUENCIES):  # (cos, sin) and (-cos, -sin) pairs
                i, j = base + k, base + FREQUENCIES + k
                rotate[i, i], rotate[i, j], rotate[j, i], rotate[j, j] = c, s, -s, c
    query[pos, pos] = rotate * 20.0
    cross.linear[0].weight = query.astype(np.float32)
    cross.linear[0].bias = np.zeros(d, dtype=np.float32)
    key_value = np.zeros((2 * d, d))
    key_value[:d][pos, pos] = np.eye(pos_dim)  # keys: the source position
    key_value[d:][copy, tok] = np.eye(TOKEN_DIM)  # values: the source token, into the copy block
    cross.linear[1].weight = key_value.astype(np.float32)
    cross.linear[1].bias = np.zeros(2 * d, dtype=np.float32)
    cross.linear[2].weight = np.eye(d, dtype=np.float32)
    cross.linear[2].bias = np.zeros(d, dtype=np.float32)

    projection = np.zeros((vocab, d), dtype=np.float32)
    projection[:, copy] = vectors * 10.0
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = np.zeros(vocab, dtype=np.float32)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(target_vocabulary or vocabulary)
    spec.validate()
    spec.optimize(quantization=None)
    spec.save(str(output_dir))


def build_package(
    out_dir: Path,
    *,
    from_code: str = "en",
    to_code: str = "ru",
    target_prefix: str = "",
    version: str = "1.0",
    license: str = "MIT",
    folder: str | None = None,
    lines: list[str] | None = None,
    upper: bool = False,
) -> TinyPackage:
    """Write ``<out_dir>/<folder>.argosmodel``: one top-level folder with metadata, SentencePiece, model."""
    sp_model = train_sentencepiece(lines or training_lines())
    pieces = _pieces(sp_model)
    extra = [target_prefix] if target_prefix else []
    vocabulary = SPECIALS + pieces + extra
    # upper: the target side names each copied piece in capitals, so a suggestion differs
    # from its source exactly by case, and a test can tell engine output from a copy.
    target = SPECIALS + [p.upper() for p in pieces] + extra if upper else None
    folder = folder or f"tiny_{from_code}_{to_code}"
    staging = out_dir / f".{folder}-build"
    model_dir = staging / "model"
    model_dir.mkdir(parents=True, exist_ok=True)
    build_model(model_dir, vocabulary, shift=bool(target_prefix), target_vocabulary=target)
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": "English",
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "license": license,
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    archive = out_dir / f"{folder}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{folder}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{folder}/sentencepiece.model", sp_model)
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{folder}/model/{path.name}")
    return TinyPackage(archive, folder, from_code, to_code, target_prefix, version)


_BUILT: dict[tuple[object, ...], TinyPackage] = {}


def tiny_package(**options: Any) -> TinyPackage:
    """A package built once per test session for these options (building takes ~0.2 s each)."""
    key = tuple(sorted(options.items()))
    if key not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix="tiny-argos-"))
        atexit.register(shutil.rmtree, folder, True)
        _BUILT[key] = build_package(folder, **options)
    return _BUILT[key]


def isolate_argos(monkeypatch: pytest.MonkeyPatch, root: Path) -> Path:
    """argostranslate's folders and settings inside ``root``; one intra-op thread (fast on 2 cores)."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root / "argos-packages"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(root / name.lower()))
    monkeypatch.setenv("ARGOS_INTRA_THREADS", "1")
    return root / "argos-packages"


def mt_project(root: Path, packages: Path, *, slugs: tuple[str, ...] | None = None) -> Path:
    """A test project (the seeds, or some of them) whose workflow.toml points paths.models at ``packages``."""
    from tests.conftest import CONFIG, make_project

    config = CONFIG.replace("[edition]", f'[paths]\nmodels = "{packages}"\n\n[edition]')
    make_project(root, config=config)
    if slugs is not None:
        for path in (root / "seeds").glob("*.md"):
            if path.stem not in slugs:
                path.unlink()
    return root
