"""Argos model packages: list, install (from a file or the Argos index), remove, and make one.

An ``.argosmodel`` is a zip with one top-level folder holding ``metadata.json``, a
SentencePiece model and ``model/`` (a CTranslate2 model). Installing here is stricter than
argostranslate's own ``install_from_path`` (which extracts whatever the zip holds):

- every member must stay inside that one folder: absolute paths, ``..``, links and
  members outside the folder are refused before anything is written (zip slip);
- the package is unpacked into a hidden staging folder, checked (metadata, tokenizer,
  and CTranslate2 loading the model), and only then renamed into place; a package for
  the same language pair is replaced, so one pair has one model;
- a corrupt archive or model gets one line saying which file and what to do;
- an archive is refused before anything is unpacked when it would unpack to more than
  ``limits.model_size_mb`` (workflow.toml; 8 GB by default), holds more than 20,000 members,
  nests deeper than 16 folders, has a name part over 255 bytes, compresses a member more than
  a zip bomb would (over 1:200), is encrypted, uses a compression method Python cannot read,
  or has a file and a folder of the same name;
- the pair must be the project's source language (English) to a language Babel knows, and a
  package never replaces a folder that holds another pair's model;
- staging folders of an install killed mid-way are removed by the next install or removal.

Packages live in ``paths.models`` of workflow.toml when set, else in argostranslate's
own folder (``ARGOS_PACKAGES_DIR`` or ``~/.local/share/argos-translate/packages``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Config
from .errors import FileSystemError, LimitError, ModelError, describe_os_error
from .fsutil import project_lock, remove_staging
from .languages import check_language, english_name

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
UNKNOWN_LICENSE = "unknown (see the package's README)"
_TOKENIZERS = ("sentencepiece.model", "bpe.model")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_STAGING = (".install-", ".removing-")
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class ArchiveLimits:
    """What an .argosmodel may unpack to; ``limits.model_size_mb`` in workflow.toml sets the size."""

    size: int = 8 << 30  # bytes unpacked: NLLB-200 1.3B in int8 is about 1.4 GB
    members: int = 20_000
    depth: int = 16
    part: int = 255  # bytes of one name part: what file systems allow
    ratio: int = 200  # unpacked/compressed of one member; model weights compress to about 1:1.1


@dataclass(frozen=True)
class ModelPackage:
    path: Path
    from_code: str
    to_code: str
    package_version: str = ""
    argos_version: str = ""
    from_name: str = ""
    to_name: str = ""
    type: str = "translate"
    license: str = ""
    target_prefix: str = ""
    source_prefix: str = ""
    source_suffix: str = ""

    @property
    def name(self) -> str:
        """argospm's name for the package, e.g. ``translate-en_ru``."""
        return f"{self.type}-{self.from_code}_{self.to_code}"

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def label(self) -> str:
        """As provenance comments cite it: ``translate-en_ru 1.9``."""
        return f"{self.name} {self.package_version}".strip()

    @property
    def license_shown(self) -> str:
        return self.license or UNKNOWN_LICENSE


@dataclass(frozen=True)
class Installed:
    package: ModelPackage
    replaced: tuple[ModelPackage, ...] = ()


def packages_dir(config: Config | None) -> Path:
    """Where packages live: ``paths.models`` if configured, else argostranslate's folder."""
    if config is not None and config.models_dir is not None:
        return config.models_dir
    # The same rule as argostranslate.settings, without importing it (it creates folders on import).
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    with contextlib.suppress(OSError, ValueError, AttributeError):
        settings = json.loads((config_home / "argos-translate" / "settings.json").read_text(encoding="utf-8"))
        if settings.get("ARGOS_PACKAGES_DIR"):
            return Path(settings["ARGOS_PACKAGES_DIR"])
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "argos-translate" / "packages"


def read_package(folder: Path) -> ModelPackage:
    """The package installed in ``folder``; ModelError when it is not a usable one."""
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError("not a model package: no metadata.json", folder) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"metadata.json is not valid JSON ({exc})", meta_path) from exc
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ModelError("metadata.json needs from_code and to_code", meta_path)

    def text(key: str) -> str:
        value = meta.get(key, "")
        return value if isinstance(value, str) else str(value)

    return ModelPackage(
        path=folder,
        from_code=text("from_code"),
        to_code=text("to_code"),
        package_version=text("package_version"),
        argos_version=text("argos_version"),
        from_name=text("from_name"),
        to_name=text("to_name"),
        type=text("type") or "translate",
        license=text("license"),
        target_prefix=text("target_prefix"),
        source_prefix=text("source_prefix"),
        source_suffix=text("source_suffix"),
    )


def installed(directory: Path) -> tuple[list[ModelPackage], list[ModelError]]:
    """Installed packages, sorted by pair, and the folders that are not usable packages."""
    found: list[ModelPackage] = []
    broken: list[ModelError] = []
    if not directory.is_dir():
        return found, broken
    for folder in sorted(directory.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue  # staging folders of an install in progress are hidden
        try:
            found.append(read_package(folder))
        except ModelError as exc:
            broken.append(exc)
    found.sort(key=lambda p: (p.from_code, p.to_code, p.path.name))
    return found, broken


def find(directory: Path, src_lang: str, dst_lang: str) -> ModelPackage | None:
    """The installed translation package for a pair, if any."""
    packages, _ = installed(directory)
    for package in packages:
        if package.type == "translate" and package.from_code == src_lang and package.to_code == dst_lang:
            return package
    return None


def check_package(folder: Path) -> ModelPackage:
    """Everything translation will need is there and loads; ModelError naming the file if not."""
    package = read_package(folder)
    if not any((folder / name).is_file() for name in _TOKENIZERS):
        raise ModelError("no tokenizer: expected sentencepiece.model (or bpe.model)", folder)
    model = folder / "model"
    for name in ("model.bin", "config.json"):
        if not (model / name).is_file():
            raise ModelError(f"not a CTranslate2 model: model/{name} is missing", folder)
    sp_path = folder / "sentencepiece.model"
    if sp_path.is_file():
        import sentencepiece as spm

        try:
            spm.SentencePieceProcessor(model_file=str(sp_path))
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"the SentencePiece model is corrupt ({_first_line(exc)})", sp_path) from exc
    load_translator(model, intra_threads=1)
    return package


def load_translator(model: Path, *, device: str = "cpu", **options: object) -> object:
    """A ``ctranslate2.Translator`` for ``model``; ModelError with one line when it will not load."""
    import ctranslate2

    try:
        return ctranslate2.Translator(str(model), device=device, **options)  # type: ignore[arg-type]
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(
            f"the CTranslate2 model is corrupt or unsupported ({_first_line(exc)}); "
            "install the package again from a good copy",
            model,
        ) from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _check_limits(infos: list[zipfile.ZipInfo], path: Path, limits: ArchiveLimits) -> None:
    """Refuse a zip bomb, an encrypted or unreadable member, or names no file system holds."""
    if len(infos) > limits.members:
        raise LimitError(f"refused: {len(infos):,} members; a model package has at most {limits.members:,}", path)
    total = 0
    files: set[str] = set()
    folders: set[str] = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        shown = name if len(name) <= 80 else name[:80] + "…"
        if info.flag_bits & 0x1:
            raise ModelError(f"refused: archive member {shown!r} is encrypted", path)
        if info.compress_type not in _METHODS:
            raise ModelError(
                f"refused: archive member {shown!r} uses compression method {info.compress_type}, "
                "which cannot be read (use deflate)",
                path,
            )
        if len(parts) > limits.depth:
            raise LimitError(f"refused: archive member {shown!r} is nested deeper than {limits.depth} folders", path)
        if any(len(part.encode("utf-8")) > limits.part for part in parts):
            raise LimitError(f"refused: archive member {shown!r} has a name longer than {limits.part} bytes", path)
        total += info.file_size
        if total > limits.size:
            raise LimitError(
                f"refused: the archive unpacks to more than {limits.size >> 20:,} MB "
                "(limits.model_size_mb in workflow.toml)",
                path,
            )
        if info.file_size > 1 << 20 and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise LimitError(
                f"refused: archive member {shown!r} would unpack {info.file_size // max(info.compress_size, 1):,} "
                "times its size (a zip bomb)",
                path,
            )
        key = "/".join(parts)
        if info.is_dir():
            folders.add(key)
        elif key in files:
            raise ModelError(f"refused: archive member {shown!r} appears twice", path)
        else:
            files.add(key)
        folders.update("/".join(parts[:n]) for n in range(1, len(parts)))
    clash = sorted(files & folders)
    if clash:
        raise ModelError(f"refused: {clash[0]!r} is both a file and a folder in the archive", path)


def _members(
    archive: zipfile.ZipFile, path: Path, limits: ArchiveLimits = ArchiveLimits()
) -> tuple[str, list[zipfile.ZipInfo]]:
    """The archive's one top-level folder and its members, refusing anything that would escape."""
    tops: set[str] = set()
    members: list[zipfile.ZipInfo] = []
    _check_limits(archive.infolist(), path, limits)
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name).parts
        mode = info.external_attr >> 16
        if (
            not name
            or "\\" in name
            or name.startswith("/")
            or (len(name) > 1 and name[1] == ":")
            or any(part in ("..", ".") for part in parts)
            or stat.S_ISLNK(mode)
        ):
            raise ModelError(f"refused: archive member {name!r} would be written outside the packages folder", path)
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(f"refused: {name!r} is not inside the package's top-level folder", path)
        tops.add(parts[0])
        members.append(info)
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "none"
        raise ModelError(f"an .argosmodel holds exactly one top-level folder; this one has: {found}", path)
    top = tops.pop()
    if top.startswith("."):
        raise ModelError(f"refused: top-level folder {top!r} is hidden", path)
    return top, members


@contextlib.contextmanager
def _staging(directory: Path) -> Iterator[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=directory))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def packages_lock(directory: Path) -> Iterator[None]:
    """The packages folder's own lock (it may serve several projects); stale staging removed."""
    directory.mkdir(parents=True, exist_ok=True)
    with project_lock(directory):
        remove_staging(directory, _STAGING)
        yield


def _check_pair(package: ModelPackage, src_lang: str, archive_path: Path) -> None:
    for code in (package.from_code, package.to_code):
        problem = check_language(code)
        if problem:
            raise ModelError(f"refused: metadata.json: {problem}", archive_path)
    if package.from_code != src_lang or package.to_code == src_lang:
        raise ModelError(
            f"refused: the package translates {package.from_code}→{package.to_code}; "
            f"workflow needs {src_lang}→xx models (the source language to a target)",
            archive_path,
        )


def install(
    archive_path: Path, directory: Path, *, src_lang: str = "en", limits: ArchiveLimits = ArchiveLimits()
) -> Installed:
    """Install an ``.argosmodel`` file into ``directory``, checked, atomically."""
    if not archive_path.is_file():
        raise ModelError("no such file", archive_path)
    if not zipfile.is_zipfile(archive_path):
        raise ModelError("not an .argosmodel (not a zip archive)", archive_path)
    with _staging(directory) as staging:
        try:
            with zipfile.ZipFile(archive_path) as archive:
                top, members = _members(archive, archive_path, limits)
                root = staging.resolve()
                for info in members:
                    target = (staging / info.filename).resolve()
                    if root not in target.parents:
                        raise ModelError(
                            f"refused: archive member {info.filename!r} escapes the packages folder", archive_path
                        )
                    if info.is_dir():
                        target.mkdir(parents=True, exist_ok=True)
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
        except OSError as exc:
            if exc.filename is not None:
                raise
            # A full disk while unpacking names no file: say where the package was going.
            raise FileSystemError(describe_os_error(exc), directory) from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
            raise ModelError(f"the archive is corrupt ({_first_line(exc)}); download it again", archive_path) from exc
        package = check_package(staging / top)
        if package.type != "translate":
            raise ModelError(f"not a translation package (type {package.type!r})", archive_path)
        _check_pair(package, src_lang, archive_path)
        others = [
            p
            for p in installed(directory)[0]
            if p.from_code == package.from_code and p.to_code == package.to_code and p.path.name != top
        ]
        final = directory / top
        if final.is_symlink() or (final.exists() and not final.is_dir()):
            raise ModelError(f"refused: {final.name} in the packages folder is not a package folder", final)
        if final.exists():
            try:
                held = read_package(final)
            except ModelError:
                held = None
            if held is not None and (held.from_code, held.to_code) != (package.from_code, package.to_code):
                raise ModelError(
                    f"refused: the folder {top} holds the {held.pair} model, and this package is "
                    f"{package.pair}; remove that model first or rename the package's folder",
                    archive_path,
                )
        old = final if final.exists() else None
        if old is not None:
            # Swap, then delete: at every moment the folder is either the old or the new package.
            os.replace(final, staging / ".old")
        os.replace(staging / top, final)
        replaced = [read_package_quiet(staging / ".old", final)] if old is not None else []
    for other in others:
        remove_folder(other.path)
    return Installed(read_package(final), tuple(p for p in [*replaced, *others] if p is not None))


def read_package_quiet(folder: Path, shown: Path) -> ModelPackage | None:
    try:
        return dataclasses.replace(read_package(folder), path=shown)
    except ModelError:
        return None


def remove_folder(folder: Path) -> None:
    """Delete a package: first renamed out of sight, so a crash never leaves half a package in use."""
    hidden = folder.with_name(f".removing-{folder.name}")
    os.replace(folder, hidden)
    shutil.rmtree(hidden, ignore_errors=True)


def _names(package: ModelPackage, which: str) -> bool:
    key = which.strip()
    if key == package.path.name:
        return True
    pair = key.replace("→", "-").replace("_", "-").removeprefix("translate-")
    return pair == f"{package.from_code}-{package.to_code}"


def remove(directory: Path, which: str) -> ModelPackage:
    """Remove the package named by pair (``en-ru``, ``en→ru``, ``en_ru``) or folder name."""
    packages, _ = installed(directory)
    for package in packages:
        if _names(package, which):
            remove_folder(package.path)
            return package
    names = ", ".join(f"{p.from_code}-{p.to_code}" for p in packages) or "none installed"
    raise ModelError(f"no installed package {which!r} (installed: {names})", directory)


@dataclass(frozen=True)
class PackageSpec:
    """What ``workflow models package`` wraps into an ``.argosmodel``."""

    model_dir: Path
    sentencepiece: Path
    from_code: str
    to_code: str
    license: str
    version: str = "1.0"
    target_prefix: str = ""
    source_prefix: str = ""
    source_suffix: str = ""
    target_sentencepiece: Path | None = None
    description: str = ""


def _vocabulary(model_dir: Path, side: str) -> set[str] | None:
    """The tokens of a CTranslate2 model's ``side`` ("target"/"source") vocabulary, if readable."""
    for stem in (f"{side}_vocabulary", "shared_vocabulary"):
        json_path, txt_path = model_dir / f"{stem}.json", model_dir / f"{stem}.txt"
        if json_path.is_file():
            try:
                return set(json.loads(json_path.read_text(encoding="utf-8")))
            except (ValueError, UnicodeDecodeError) as exc:
                raise ModelError(f"vocabulary is not valid JSON ({exc})", json_path) from exc
        if txt_path.is_file():
            return set(txt_path.read_text(encoding="utf-8").splitlines())
    return None


def make_package(spec: PackageSpec, out: Path) -> ModelPackage:
    """Write ``out`` (.argosmodel) from a CTranslate2 model folder and its SentencePiece model(s)."""
    for code in (spec.from_code, spec.to_code):
        problem = check_language(code)
        if problem:
            raise ModelError(problem)
    if not spec.license.strip():
        raise ModelError("say under which licence the model may be used (--license), e.g. 'CC-BY-NC-4.0' or 'MIT'")
    model = spec.model_dir
    for name in ("model.bin", "config.json"):
        if not (model / name).is_file():
            raise ModelError(f"not a CTranslate2 model folder: {name} is missing", model)
    for side, token in (("target", spec.target_prefix), ("source", spec.source_prefix)):
        vocabulary = _vocabulary(model, side) if token else None
        if token and vocabulary is not None and token not in vocabulary:
            raise ModelError(f"the {side} prefix {token!r} is not in the model's {side} vocabulary", model)
    folder = f"translate-{spec.from_code}_{spec.to_code}-{spec.version.replace('.', '-')}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        argos_version = version("argostranslate")
    except PackageNotFoundError:
        argos_version = "1.9"
    metadata: dict[str, object] = {
        "package_version": spec.version,
        "argos_version": argos_version,
        "from_code": spec.from_code,
        "from_name": english_name(spec.from_code),
        "to_code": spec.to_code,
        "to_name": english_name(spec.to_code),
        "type": "translate",
        "license": spec.license.strip(),
        "links": [],
    }
    for key, value in (
        ("target_prefix", spec.target_prefix),
        ("source_prefix", spec.source_prefix),
        ("source_suffix", spec.source_suffix),
    ):
        if value:
            metadata[key] = value
    readme = (
        f"# {english_name(spec.from_code)} → {english_name(spec.to_code)}\n\n"
        f"{spec.description or 'A CTranslate2 model packaged by workflow.'}\n\n"
        f"Licence of the model: {spec.license.strip()}\n"
    )
    files: list[tuple[str, Path | bytes]] = [
        (f"{folder}/metadata.json", (json.dumps(metadata, indent=2, ensure_ascii=False) + "\n").encode()),
        (f"{folder}/README.md", readme.encode()),
        (f"{folder}/sentencepiece.model", spec.sentencepiece),
    ]
    if spec.target_sentencepiece is not None:
        files.append((f"{folder}/target.sentencepiece.model", spec.target_sentencepiece))
    for path in sorted(p for p in model.rglob("*") if p.is_file()):
        files.append((f"{folder}/model/{path.relative_to(model).as_posix()}", path))
    for _, source in files:
        if isinstance(source, Path) and not source.is_file():
            raise ModelError("no such file", source)
    _write_zip(out, files)
    return ModelPackage(
        path=out,
        from_code=spec.from_code,
        to_code=spec.to_code,
        package_version=spec.version,
        argos_version=argos_version,
        license=spec.license.strip(),
        target_prefix=spec.target_prefix,
    )


def _write_zip(out: Path, files: list[tuple[str, Path | bytes]]) -> None:
    """A reproducible zip (fixed order and times), written to a temp file and renamed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, source in files:
                info = zipfile.ZipInfo(name, _ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                if isinstance(source, bytes):
                    archive.writestr(info, source)
                else:
                    with open(source, "rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def index_url() -> str:
    """The Argos package index, as argostranslate finds it (``ARGOS_PACKAGE_INDEX``)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _fetch(url: str, what: str) -> bytes:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": "workflow"}), timeout=30) as r:
            data: bytes = r.read()
            return data
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ModelError(
            f"cannot reach {what} ({url}: {reason}); without a network, install from a file: "
            "workflow models install FILE.argosmodel"
        ) from exc


def install_from_index(
    directory: Path,
    src_lang: str,
    dst_lang: str,
    report: Callable[[str], None] = lambda _: None,
    limits: ArchiveLimits = ArchiveLimits(),
) -> Installed:
    """Download the Argos index's package for a pair and install it (needs a network)."""
    url = index_url()
    try:
        index = json.loads(_fetch(url, "the Argos package index"))
    except ValueError as exc:
        raise ModelError(f"the Argos package index is not valid JSON ({exc})", url) from exc
    entry = next(
        (e for e in index if isinstance(e, dict) and e.get("from_code") == src_lang and e.get("to_code") == dst_lang),
        None,
    )
    if entry is None:
        pairs = sorted(f"{e.get('from_code')}-{e.get('to_code')}" for e in index if isinstance(e, dict))
        raise ModelError(
            f"the Argos index has no package for {src_lang}→{dst_lang} (it has {len(pairs)} pairs, "
            f"e.g. {', '.join(p for p in pairs if p.startswith(src_lang + '-'))[:200]}); "
            "bring a model and wrap it with: workflow models package"
        )
    links = [str(link) for link in entry.get("links", [])]
    if not links:
        raise ModelError(f"the Argos index lists {src_lang}→{dst_lang} without a download link", url)
    with _staging(directory) as staging:
        archive = staging / f"{src_lang}_{dst_lang}.argosmodel"
        problem: ModelError | None = None
        for link in links:
            report(f"downloading {link}")
            try:
                archive.write_bytes(_fetch(link, "the package download"))
                break
            except ModelError as exc:
                problem = exc
        else:
            raise problem or ModelError("download failed")
        return install(archive, directory, src_lang=src_lang, limits=limits)
