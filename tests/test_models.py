"""Argos packages: install, list with licence, remove, package; unsafe and corrupt archives refused."""

from __future__ import annotations

import json
import socket
import stat
import zipfile
from pathlib import Path

import pytest

from tests.tinymodel import isolate_argos, tiny_package
from workflow.errors import ModelError
from workflow.models import (
    PackageSpec,
    check_package,
    find,
    install,
    install_from_index,
    installed,
    make_package,
    packages_dir,
    remove,
)


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_argos(monkeypatch, tmp_path)
    return tmp_path / "packages"


def rezip(
    source: Path, target: Path, rename: dict[str, str] | None = None, extra: dict[str, bytes] | None = None
) -> Path:
    """A copy of an archive with members renamed or added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr((rename or {}).get(info.filename, info.filename), src.read(info))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return target


def test_install_list_remove(packages: Path) -> None:
    tiny = tiny_package(to_code="ru", license="CC-BY-NC-4.0")
    result = install(tiny.archive, packages)
    assert result.replaced == ()
    package = result.package
    assert (package.from_code, package.to_code, package.license) == ("en", "ru", "CC-BY-NC-4.0")
    assert package.label == "translate-en_ru 1.0" and package.pair == "en→ru"
    assert (packages / tiny.folder / "model" / "model.bin").is_file()
    found, broken = installed(packages)
    assert [p.path.name for p in found] == [tiny.folder] and broken == []
    assert find(packages, "en", "ru") == package and find(packages, "en", "kk") is None
    assert not [p for p in packages.iterdir() if p.name.startswith(".")]  # no staging left
    assert remove(packages, "en-ru") == package
    assert installed(packages) == ([], [])


def test_install_replaces_the_package_of_the_same_pair(packages: Path) -> None:
    old = tiny_package(to_code="ru", version="1.0", folder="ru_old")
    new = tiny_package(to_code="ru", version="2.0", folder="ru_new")
    install(old.archive, packages)
    result = install(new.archive, packages)
    assert [p.package_version for p in result.replaced] == ["1.0"]
    assert [(p.path.name, p.package_version) for p in installed(packages)[0]] == [("ru_new", "2.0")]
    again = install(new.archive, packages)  # the same folder: swapped, not merged
    assert [p.path.name for p in again.replaced] == ["ru_new"]
    assert len(installed(packages)[0]) == 1


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("../evil.txt", "would be written outside"),
        ("/tmp/evil.txt", "would be written outside"),
        ("pkg/../../evil.txt", "would be written outside"),
        ("C:/evil.txt", "would be written outside"),
        ("pkg\\..\\evil.txt", "would be written outside"),
        ("loose.txt", "not inside the package's top-level folder"),
        ("other/file.txt", "exactly one top-level folder"),
    ],
)
def test_unsafe_archives_are_refused(packages: Path, tmp_path: Path, member: str, message: str) -> None:
    tiny = tiny_package(to_code="ru")
    archive = rezip(tiny.archive, tmp_path / "bad.argosmodel", extra={member: b"owned"})
    with pytest.raises(ModelError, match=message):
        install(archive, packages)
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    assert not packages.exists() or not list(packages.iterdir())


def test_symlink_member_is_refused(packages: Path, tmp_path: Path) -> None:
    tiny = tiny_package(to_code="ru")
    archive = rezip(tiny.archive, tmp_path / "link.argosmodel")
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo(f"{tiny.folder}/model/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ModelError, match="would be written outside"):
        install(archive, packages)


def test_corrupt_model_is_refused_with_one_line(packages: Path, tmp_path: Path) -> None:
    tiny = tiny_package(to_code="ru")
    with zipfile.ZipFile(tiny.archive) as zf:
        model = zf.read(f"{tiny.folder}/model/model.bin")
    archive = tmp_path / "corrupt.argosmodel"
    with zipfile.ZipFile(tiny.archive) as src, zipfile.ZipFile(archive, "w") as dst:
        for info in src.infolist():
            data = model[: len(model) // 3] if info.filename.endswith("model.bin") else src.read(info)
            dst.writestr(info.filename, data)
    with pytest.raises(ModelError) as caught:
        install(archive, packages)
    assert "CTranslate2 model is corrupt" in str(caught.value) and "\n" not in str(caught.value)
    assert installed(packages) == ([], [])


def test_damaged_archive_and_not_an_archive(packages: Path, tmp_path: Path) -> None:
    tiny = tiny_package(to_code="ru")
    data = bytearray(tiny.archive.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # inside some member's compressed data
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupt"):
        install(damaged, packages)
    text = tmp_path / "text.argosmodel"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ModelError, match="not a zip archive"):
        install(text, packages)
    with pytest.raises(ModelError, match="no such file"):
        install(tmp_path / "missing.argosmodel", packages)


def test_missing_metadata_is_refused(packages: Path, tmp_path: Path) -> None:
    tiny = tiny_package(to_code="ru")
    archive = rezip(
        tiny.archive, tmp_path / "nometa.argosmodel", rename={f"{tiny.folder}/metadata.json": f"{tiny.folder}/meta.txt"}
    )
    with pytest.raises(ModelError, match="no metadata.json"):
        install(archive, packages)


def test_broken_folder_is_listed_not_fatal(packages: Path) -> None:
    (packages / "stray").mkdir(parents=True)
    found, broken = installed(packages)
    assert found == [] and len(broken) == 1 and "no metadata.json" in str(broken[0])


def _unpacked(tmp_path: Path, **options: object) -> Path:
    tiny = tiny_package(**options)
    with zipfile.ZipFile(tiny.archive) as zf:
        zf.extractall(tmp_path / "unpacked")
    return tmp_path / "unpacked" / tiny.folder


def test_package_wraps_a_ctranslate2_model(packages: Path, tmp_path: Path) -> None:
    source = _unpacked(tmp_path, to_code="kk", target_prefix="kaz_Cyrl")
    spec = PackageSpec(
        model_dir=source / "model",
        sentencepiece=source / "sentencepiece.model",
        from_code="en",
        to_code="kk",
        license="CC-BY-NC-4.0",
        version="0.1",
        target_prefix="kaz_Cyrl",
        description="NLLB-200 distilled 600M, converted with ct2-transformers-converter",
    )
    out = tmp_path / "en_kk.argosmodel"
    made = make_package(spec, out)
    assert made.license == "CC-BY-NC-4.0" and made.target_prefix == "kaz_Cyrl"
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {"translate-en_kk-0-1"}
        meta = json.loads(zf.read("translate-en_kk-0-1/metadata.json"))
        assert "CC-BY-NC-4.0" in zf.read("translate-en_kk-0-1/README.md").decode()
    assert {"translate-en_kk-0-1/model/model.bin", "translate-en_kk-0-1/sentencepiece.model"} <= set(names)
    assert meta["from_code"] == "en" and meta["to_code"] == "kk" and meta["type"] == "translate"
    assert meta["package_version"] == "0.1" and meta["argos_version"] and meta["to_name"] == "Kazakh"
    assert meta["license"] == "CC-BY-NC-4.0" and meta["target_prefix"] == "kaz_Cyrl"
    first = out.read_bytes()
    make_package(spec, out)
    assert out.read_bytes() == first  # reproducible
    package = install(out, packages).package
    assert (package.license, package.target_prefix) == ("CC-BY-NC-4.0", "kaz_Cyrl")
    assert check_package(package.path) == package


def test_package_refuses_what_would_not_work(tmp_path: Path) -> None:
    source = _unpacked(tmp_path, to_code="ru")
    spec = PackageSpec(source / "model", source / "sentencepiece.model", "en", "kk", license="MIT")
    with pytest.raises(ModelError, match="'kaz_Cyrl' is not in the model's target vocabulary"):
        make_package(PackageSpec(**{**spec.__dict__, "target_prefix": "kaz_Cyrl"}), tmp_path / "a.argosmodel")
    with pytest.raises(ModelError, match="licence"):
        make_package(PackageSpec(**{**spec.__dict__, "license": " "}), tmp_path / "b.argosmodel")
    with pytest.raises(ModelError, match="model.bin is missing"):
        make_package(PackageSpec(**{**spec.__dict__, "model_dir": tmp_path}), tmp_path / "c.argosmodel")
    with pytest.raises(ModelError, match="unknown language code"):
        make_package(PackageSpec(**{**spec.__dict__, "to_code": "xx-nope"}), tmp_path / "d.argosmodel")
    assert not list(tmp_path.glob("*.argosmodel")) and not list(tmp_path.glob(".*.tmp"))


def test_from_index_without_network_fails_with_one_line(packages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    with pytest.raises(ModelError) as caught:
        install_from_index(packages, "en", "ru")
    message = str(caught.value)
    assert message.startswith("cannot reach the Argos package index (https://") and "\n" not in message
    assert "workflow models install FILE.argosmodel" in message


def test_from_index_installs_what_the_index_links(
    packages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = tiny_package(to_code="tr")
    index = tmp_path / "index" / "index.json"
    index.parent.mkdir()
    entry = {"from_code": "en", "to_code": "tr", "package_version": "1.0", "links": [tiny.archive.as_uri()]}
    index.write_text(json.dumps([entry]), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.parent.as_uri() + "/")
    lines: list[str] = []
    result = install_from_index(packages, "en", "tr", report=lines.append)
    assert result.package.pair == "en→tr" and lines == [f"downloading {tiny.archive.as_uri()}"]
    with pytest.raises(ModelError, match="has no package for en→kk"):
        install_from_index(packages, "en", "kk")


def test_packages_dir_follows_argostranslate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert packages_dir(None) == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}), encoding="utf-8")
    assert packages_dir(None) == tmp_path / "from-settings"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert packages_dir(None) == tmp_path / "from-env"
