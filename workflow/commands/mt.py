"""Commands for pre-translation: ``translate``, ``models …`` and ``memory …``. Work lives in modules."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..cli import JsonOpt, LangOpt, SlugOpt, app, guarded, locked, project, say
from ..termsafe import shown

models_app = typer.Typer(
    help="Offline MT models (Argos packages): list, install, remove, package.", no_args_is_help=True
)
memory_app = typer.Typer(help="The translation memory as TMX 1.4: export and import.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(memory_app, name="memory")


def _progress(as_json: bool) -> Any:
    # With --json, stdout is for the result alone; progress goes to stderr.
    return (lambda line: typer.echo(line, err=True)) if as_json else say


def _mt_settings(config: Any, **given: Any) -> Any:
    """workflow.toml's [mt], with the options given on the command line in place of its values."""
    from ..config import COMPUTE_TYPES, DEVICES
    from ..errors import ConfigError

    for key, allowed in (("device", DEVICES), ("compute_type", COMPUTE_TYPES)):
        if given.get(key) is not None and given[key] not in allowed:
            raise ConfigError(f"--{key.replace('_', '-')} {given[key]}: use one of {', '.join(allowed)}")
    cluster = given.get("cluster")
    if cluster is not None and cluster not in ("", "none", "ray") and not cluster.startswith("ray://"):
        raise ConfigError(f"--cluster {cluster}: use ray, ray://host:port, or none")
    if cluster == "none":
        given["cluster"] = ""
    chosen = {key: value for key, value in given.items() if value is not None}
    return dataclasses.replace(config, mt=dataclasses.replace(config.mt, **chosen))


@app.command()
@guarded
def translate(
    langs: LangOpt = None,
    slugs: SlugOpt = None,
    as_json: JsonOpt = False,
    no_mt: Annotated[bool, typer.Option("--no-mt", help="Use the translation memory only.")] = False,
    no_memory: Annotated[bool, typer.Option("--no-memory", help="Use machine translation only.")] = False,
    device: Annotated[
        str | None,
        typer.Option(help="auto (a GPU if CTranslate2 sees one), cpu or cuda; default: mt.device of workflow.toml."),
    ] = None,
    compute_type: Annotated[
        str | None, typer.Option(help="CTranslate2 compute type: auto, int8, int8_float16, float16, …")
    ] = None,
    batch_tokens: Annotated[
        int | None, typer.Option(min=1, help="Tokens per engine batch (sentences sorted by length).")
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(help="Fan MT out over Ray: ray (local Ray or $RAY_ADDRESS), ray://host:port, or none."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=0, help="Ray workers, each holding the model; 0: one per CPU/GPU.")
    ] = None,
    threads: Annotated[int | None, typer.Option(min=0, help="CTranslate2 threads per engine (0: default).")] = None,
) -> None:
    """Fill empty entries with suggestions (memory first, then offline MT), all marked fuzzy."""
    from ..pretranslate import MACHINE, MEMORY
    from ..pretranslate.fill import translate as run
    from ..progress import progress_bar, show_progress

    chain = (() if no_memory else MEMORY) + (() if no_mt else MACHINE)
    config = _mt_settings(
        project(),
        device=device,
        compute_type=compute_type,
        batch_tokens=batch_tokens,
        cluster=cluster,
        workers=workers,
        threads=threads,
    )
    with locked(config), progress_bar(show_progress(as_json), _progress(as_json), unit="sentences") as bar:
        summaries = run(config, langs, slugs, chain=chain, report=bar.log, progress=bar or None)
    if as_json:
        say(
            json.dumps(
                [
                    {
                        "lang": s.lang,
                        "catalogs": s.catalogs,
                        "pending": s.pending,
                        "exact": s.exact,
                        "near": s.near,
                        "mt": s.mt,
                        "engine": s.engine,
                        "left": s.left,
                        "notes": list(s.notes),
                        "written": [config.relative(p) for p in s.written],
                    }
                    for s in summaries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for summary in summaries:
            say(summary.line())
    if any(s.broken for s in summaries):
        raise typer.Exit(1)


@models_app.command("list")
@guarded
def models_list(as_json: JsonOpt = False) -> None:
    """Installed packages with their language pair, version and licence."""
    from ..models import installed, packages_dir

    directory = packages_dir(_config_or_none())
    packages, broken = installed(directory)
    if as_json:
        rows = [
            {
                "from": p.from_code,
                "to": p.to_code,
                "package": p.name,
                "version": p.package_version,
                "license": p.license or None,
                "target_prefix": p.target_prefix or None,
                "path": str(p.path),
            }
            for p in packages
        ]
        say(
            json.dumps({"packages_dir": str(directory), "packages": rows, "broken": [str(b) for b in broken]}, indent=2)
        )
        return
    say(f"packages in {shown(str(directory))}")
    if not packages:
        say("  none installed; add one with `workflow models install FILE.argosmodel`")
    table: list[tuple[str, ...]] = [("pair", "package", "version", "licence", "target prefix")]
    # metadata.json is the package author's text: escape sequences and bidi controls are shown, not sent.
    table += [
        tuple(
            shown(cell)[:80]
            for cell in (p.pair, p.name, p.package_version or "-", p.license_shown, p.target_prefix or "-")
        )
        for p in packages
    ]
    if packages:
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        for row in table:
            say("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for problem in broken:
        say(f"  not usable: {shown(str(problem))}")


def _config_or_none() -> Any:
    """The project's configuration when run inside one (for paths.models), else None."""
    from ..errors import ConfigError

    try:
        return project()
    except ConfigError:
        return None


@models_app.command("install")
@guarded
def models_install(
    archive: Annotated[Path | None, typer.Argument(help="An .argosmodel file.")] = None,
    from_index: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--from-index", metavar="FROM TO", help="Download the pair from the Argos index (needs a network)."
        ),
    ] = None,
) -> None:
    """Install a package from a file (offline) or from the Argos index."""
    from ..errors import ModelError
    from ..models import ArchiveLimits, install, install_from_index, packages_dir, packages_lock

    config = _config_or_none()
    directory = packages_dir(config)
    if (archive is None) == (from_index is None):
        raise ModelError("give either FILE.argosmodel or --from-index FROM TO")
    limits = ArchiveLimits(size=config.model_size_mb << 20) if config is not None else ArchiveLimits()
    src_lang = config.src_lang if config is not None else "en"
    with _project_locked(config), packages_lock(directory):
        if archive is not None:
            result = install(archive, directory, src_lang=src_lang, limits=limits)
        else:
            assert from_index is not None
            result = install_from_index(directory, from_index[0], from_index[1], report=say, limits=limits)
    package = result.package
    say(shown(f"installed {package.pair} {package.label} (licence: {package.license_shown}) in {package.path}"))
    for old in result.replaced:
        say(shown(f"  replaced {old.pair} {old.label}"))


def _project_locked(config: Any) -> Any:
    """The project's lock when run inside one: a model change must not land mid-translate."""
    import contextlib

    return locked(config) if config is not None else contextlib.nullcontext()


@models_app.command("remove")
@guarded
def models_remove(which: Annotated[str, typer.Argument(help="Pair (en-ru) or package folder name.")]) -> None:
    """Remove an installed package."""
    from ..models import packages_dir, packages_lock, remove

    config = _config_or_none()
    directory = packages_dir(config)
    with _project_locked(config), packages_lock(directory):
        package = remove(directory, which)
    say(shown(f"removed {package.pair} {package.label} from {package.path.parent}"))


@models_app.command("package")
@guarded
def models_package(
    model_dir: Annotated[Path, typer.Argument(help="A CTranslate2 model folder (model.bin, config.json, vocabulary).")],
    sentencepiece: Annotated[Path, typer.Option("--sp", help="The SentencePiece model of the source side.")],
    from_code: Annotated[str, typer.Option("--from", help="Source language code, e.g. en.")],
    to_code: Annotated[str, typer.Option("--to", help="Target language code, e.g. kk.")],
    license: Annotated[
        str, typer.Option("--license", help="The model's licence, e.g. CC-BY-NC-4.0 (NLLB-200), MIT (M2M-100).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .argosmodel file to write.")],
    target_prefix: Annotated[
        str, typer.Option(help="Token that starts every output, e.g. kaz_Cyrl for NLLB-200.")
    ] = "",
    source_prefix: Annotated[str, typer.Option(help="Token before every input, e.g. eng_Latn for NLLB-200.")] = "",
    source_suffix: Annotated[str, typer.Option(help="Token after every input, e.g. </s> for NLLB-200.")] = "",
    target_sp: Annotated[
        Path | None, typer.Option("--target-sp", help="A separate target SentencePiece model.")
    ] = None,
    version: Annotated[str, typer.Option(help="Package version.")] = "1.0",
    description: Annotated[str, typer.Option(help="One line for the package's README.")] = "",
) -> None:
    """Wrap a CTranslate2 model and its SentencePiece model(s) into an .argosmodel, with its licence."""
    from ..models import PackageSpec, make_package

    spec = PackageSpec(
        model_dir=model_dir,
        sentencepiece=sentencepiece,
        from_code=from_code,
        to_code=to_code,
        license=license,
        version=version,
        target_prefix=target_prefix,
        source_prefix=source_prefix,
        source_suffix=source_suffix,
        target_sentencepiece=target_sp,
        description=description,
    )
    package = make_package(spec, output)
    say(
        f"wrote {output} ({package.pair}, licence {package.license}); install it with `workflow models install {output}`"
    )


@memory_app.command("export")
@guarded
def memory_export(
    path: Annotated[Path, typer.Argument(help="The TMX file to write.")],
    langs: LangOpt = None,
) -> None:
    """Write every reviewed translation (and imported memory) to a TMX 1.4 file."""
    from ..pipeline import choose_langs
    from ..pretranslate.tmstore import export_memory

    config = project()
    result = export_memory(config, path, choose_langs(config, langs))
    counts = ", ".join(f"{lang} {n}" for lang, n in sorted(result.languages.items())) or "no reviewed entries yet"
    say(f"wrote {path}: {result.units} units ({counts})")


@memory_app.command("import")
@guarded
def memory_import(path: Annotated[Path, typer.Argument(help="A TMX file from another tool.")]) -> None:
    """Add a TMX file's translations to the project's memory (kept in locales/memory/)."""
    from ..pretranslate.tmstore import import_memory

    config = project()
    with locked(config):
        result = import_memory(config, path)
    counts = ", ".join(f"{lang} {n}" for lang, n in sorted(result.languages.items()))
    skipped = f"; skipped {result.skipped} with another source language" if result.skipped else ""
    say(f"imported {result.units} units ({counts}) into {config.relative(result.path)}{skipped}")
