"""Packaging checks: the PyInstaller spec, the Inno Setup script, the Linux desktop files and
the icons stay consistent with the code and with each other. Qt-free (the icon renderer runs
in a subprocess); the real bundle build is one slow test, skipped unless PyInstaller is there.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import zwgk_desktop
from zwgk_desktop.core import resources

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_STEMS = ("zwgk", "zwgk-document")
MIME_TYPE = "application/x-zwgk-catalog"


def _spec_tree() -> ast.Module:
    return ast.parse((PACKAGING / "zwgk.spec").read_text(encoding="utf-8"))


def _spec_constant(name: str) -> object:
    """The literal value assigned to a top-level name in the spec."""
    for node in _spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not assigned in zwgk.spec")


def _spec_calls(func: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(_spec_tree())
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func
    ]


def _iss() -> str:
    return (PACKAGING / "zwgk.iss").read_text(encoding="utf-8-sig")


def _version_module():
    spec = importlib.util.spec_from_file_location(
        "zwgk_packaging_version", PACKAGING / "version.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- PyInstaller spec -------------------------------------------------------------------


def test_spec_bundles_catalogs_and_resources_where_the_app_looks() -> None:
    datas = next(
        node.value
        for node in _spec_tree().body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DATAS"
    )
    pairs = {
        ast.literal_eval(t.elts[1]): {
            c.value for c in ast.walk(t.elts[0]) if isinstance(c, ast.Constant)
        }
        for t in datas.elts
    }
    assert pairs == {
        "zwgk_desktop/_data/catalogs": {"catalogs"},
        "zwgk_desktop/_data/resources": {"resources"},
    }


def test_resources_module_finds_the_bundle_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layout the spec writes is the one core/resources.py resolves under sys._MEIPASS."""
    for name in ("catalogs", "resources"):
        (tmp_path / "zwgk_desktop" / "_data" / name).mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.catalogs_dir() == tmp_path / "zwgk_desktop" / "_data" / "catalogs"
    assert resources.resources_dir() == tmp_path / "zwgk_desktop" / "_data" / "resources"


def test_spec_bundles_every_qt_module_the_code_imports() -> None:
    kept = set(_spec_constant("QT_MODULES"))  # type: ignore[arg-type]
    used: set[str] = set()
    for path in (ROOT / "zwgk_desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import \(?([\w, \n]+)\)?", text):
            used.update(n.strip() for n in names.split(",") if n.strip().startswith("Qt"))
    assert {"QtCore", "QtGui", "QtWidgets"} <= kept
    assert used <= kept, f"add to QT_MODULES in packaging/zwgk.spec: {sorted(used - kept)}"
    assert not {"QtQml", "QtQuick", "QtWebEngineCore"} & kept


def test_spec_keeps_only_chinese_qt_translations() -> None:
    translations = _spec_constant("QT_TRANSLATIONS")
    assert "qtbase_zh_CN.qm" in translations  # type: ignore[operator]
    assert all(name.endswith("_zh_CN.qm") for name in translations)  # type: ignore[union-attr]


def test_spec_builds_a_windowed_editor_and_a_console_cli_in_one_folder() -> None:
    exes = {}
    for call in _spec_calls("EXE"):
        kwargs = {k.arg: k.value for k in call.keywords}
        exes[ast.literal_eval(kwargs["name"])] = ast.literal_eval(kwargs["console"])
    assert exes == {"zwgk-desktop": False, "zwgk": True}
    (collect,) = _spec_calls("COLLECT")
    assert {k.arg: ast.unparse(k.value) for k in collect.keywords}["name"] == "APP_NAME"
    assert _spec_constant("APP_NAME") == "zwgk-desktop"
    text = (PACKAGING / "zwgk.spec").read_text(encoding="utf-8")
    assert "--collect-all" not in text.replace("No --collect-all", "")
    # The CLI imports its sub-commands by name; only collect_submodules makes them visible.
    assert 'collect_submodules("zwgk_desktop")' in text
    for script in ("entry_gui.py", "entry_cli.py"):
        assert script in text and (PACKAGING / script).is_file()


# --- version ----------------------------------------------------------------------------


def test_version_helper_reads_the_same_version_as_the_package() -> None:
    out = subprocess.run(
        [sys.executable, str(PACKAGING / "version.py")], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == zwgk_desktop.__version__


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("2.0", (2, 0, 0, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_windows_file_version_has_four_numbers(version: str, expected: tuple[int, ...]) -> None:
    assert _version_module().windows_file_version(version) == expected


def test_build_scripts_inject_the_version_into_the_installer() -> None:
    ps1 = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8-sig")
    assert r"packaging\version.py" in ps1
    assert '"/DMyAppVersion=$Version"' in ps1 and "packaging\\zwgk.iss" in ps1
    assert "packaging/version.py" in (PACKAGING / "build.sh").read_text(encoding="utf-8")


# --- Inno Setup -------------------------------------------------------------------------


def _iss_section(name: str) -> list[str]:
    lines, inside = [], False
    for line in _iss().splitlines():
        if line.startswith("["):
            inside = line.strip() == f"[{name}]"
            continue
        if inside and line.strip() and not line.lstrip().startswith(";"):
            lines.append(line)
    return lines


def test_installer_is_per_user_chinese_and_for_windows_10_1809_plus() -> None:
    setup = _iss_section("Setup")
    assert "PrivilegesRequired=lowest" in setup
    assert "DefaultDirName={autopf}\\zwgk-desktop" in setup
    assert "MinVersion=10.0.17763" in setup
    assert _iss_section("Languages") == [
        'Name: "chs"; MessagesFile: "compiler:Languages\\ChineseSimplified.isl"'
    ]
    # Chinese text in the script: UTF-8 with BOM, read correctly by every Inno Setup 6.
    assert (PACKAGING / "zwgk.iss").read_bytes().startswith(b"\xef\xbb\xbf")


def test_installer_version_comes_from_the_build_not_the_script() -> None:
    setup = _iss_section("Setup")
    assert "AppVersion={#MyAppVersion}" in setup
    assert "#ifndef MyAppVersion" in _iss()
    assert zwgk_desktop.__version__ not in _iss()


def test_installer_associates_zwgk_files_with_icon_and_editor() -> None:
    registry = "\n".join(_iss_section("Registry"))
    assert all(line.startswith("Root: HKA;") for line in _iss_section("Registry"))
    assert 'Subkey: "Software\\Classes\\.zwgk"' in registry
    assert '\\DefaultIcon"' in registry and "zwgk-document.ico" in registry
    assert '\\shell\\open\\command"' in registry and '""%1""' in registry
    assert "ChangesAssociations=yes" in _iss_section("Setup")
    assert any("zwgk-document.ico" in line for line in _iss_section("Files"))


def test_installer_has_shortcuts_and_never_deletes_user_files() -> None:
    icons = "\n".join(_iss_section("Icons"))
    assert "{group}" in icons and "{autodesktop}" in icons
    assert _iss_section("UninstallDelete") == []
    for line in _iss_section("InstallDelete"):
        assert "{app}\\" in line and not re.search(r"\{(userdocs|localappdata|userappdata)\}", line)


def test_installer_and_spec_reference_existing_files() -> None:
    iss_dir = PACKAGING
    for match in re.findall(r"=(\.\.\\[^\s;\"]+\.ico)", _iss()):
        assert (iss_dir / match.replace("\\", "/")).is_file(), match
    for match in re.findall(r'Source: "(\.\.\\[^"*]+)"', _iss()):
        assert (iss_dir / match.replace("\\", "/")).is_file(), match
    assert (ICONS / "zwgk.ico").is_file()


# --- icons ------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def _ico_entries(path: Path) -> dict[int, bytes]:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    entries = {}
    for i in range(count):
        w, h, _c, _r, _planes, bpp, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert w == h and bpp == 32 and offset + size <= len(data)
        entries[w or 256] = data[offset : offset + size]
    return entries


@pytest.mark.parametrize("stem", ICON_STEMS)
def test_every_icon_file_exists_at_its_size(stem: str) -> None:
    svg = ET.parse(ICONS / f"{stem}.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256"
    for size in SIZES:
        assert _png_size(ICONS / f"{stem}-{size}.png") == (size, size)
    entries = _ico_entries(ICONS / f"{stem}.ico")
    assert sorted(entries) == list(SIZES)
    assert entries[256].startswith(b"\x89PNG")
    for size in SIZES[:-1]:
        header = struct.unpack("<IiiHH", entries[size][:16])
        assert header == (40, size, size * 2, 1, 32)


def _bmp_pixels(entry: bytes, size: int) -> bytes:
    return entry[40 : 40 + size * size * 4]


def test_committed_icons_match_their_svg(tmp_path: Path) -> None:
    """make_icons.py renders the SVGs to what is committed (fails if someone edits one only)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, str(PACKAGING / "make_icons.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    for stem in ICON_STEMS:
        fresh, committed = (
            _ico_entries(tmp_path / f"{stem}.ico"),
            _ico_entries(ICONS / f"{stem}.ico"),
        )
        for size in (16, 32, 48):
            a, b = _bmp_pixels(fresh[size], size), _bmp_pixels(committed[size], size)
            worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
            assert worst <= 8, f"{stem} {size}px differs from its SVG; run packaging/make_icons.py"
    pattern = re.compile(r"^(zwgk|zwgk-document)(-\d+)?\.(png|ico)$")
    committed_names = {p.name for p in ICONS.iterdir() if pattern.match(p.name)}
    assert {p.name for p in tmp_path.iterdir()} == committed_names


# --- Linux desktop integration -----------------------------------------------------------


def test_desktop_entry_opens_zwgk_files() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(PACKAGING / "linux" / "zwgk-desktop.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "zwgk-desktop %f"
    assert entry["Icon"] == "zwgk-desktop"
    assert entry["Name[zh_CN]"] == zwgk_desktop.APP_NAME
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert "Office" in entry["Categories"].split(";")
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run(
            [validator, str(PACKAGING / "linux" / "zwgk-desktop.desktop")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_mime_package_declares_the_zwgk_glob() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / "zwgk-desktop-mime.xml").getroot()
    (mime,) = root.findall("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.zwgk"]
    assert mime.find("m:icon", ns).get("name") == MIME_TYPE.replace("/", "-")  # type: ignore[union-attr]


def _fake_bundle(tmp_path: Path) -> Path:
    """A bundle folder as build.sh lays it out, with stand-in executables."""
    bundle = tmp_path / "dist" / "zwgk-desktop"
    share = bundle / "share"
    share.mkdir(parents=True)
    for exe in ("zwgk-desktop", "zwgk"):
        (bundle / exe).write_text(f"#!/bin/sh\necho {exe} test\n", encoding="utf-8")
        (bundle / exe).chmod(0o755)
    for name in ("install.sh", "zwgk-desktop.desktop", "zwgk-desktop-mime.xml"):
        shutil.copy(PACKAGING / "linux" / name, share)
    for path in ICONS.glob("zwgk*"):
        if path.suffix in (".png", ".svg"):
            shutil.copy(path, share)
    return bundle


def test_linux_install_script_installs_and_uninstalls_per_user(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    subprocess.run(
        ["bash", str(bundle / "share" / "install.sh")], env=env, check=True, capture_output=True
    )
    local = home / ".local"
    desktop = (local / "share" / "applications" / "zwgk-desktop.desktop").read_text(
        encoding="utf-8"
    )
    assert f'Exec="{local}/opt/zwgk-desktop/zwgk-desktop" %f' in desktop
    assert (
        local / "share" / "icons" / "hicolor" / "256x256" / "apps" / "zwgk-desktop.png"
    ).is_file()
    icon = local / "share" / "icons" / "hicolor" / "scalable" / "mimetypes"
    assert (icon / "application-x-zwgk-catalog.svg").is_file()
    assert (local / "share" / "mime" / "packages" / "zwgk-desktop.xml").is_file()
    out = subprocess.run([str(local / "bin" / "zwgk")], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "zwgk test"

    user_catalog = home / "目录" / "示范镇.zwgk"
    user_catalog.parent.mkdir()
    user_catalog.write_bytes(b"SQLite format 3\x00")
    installed_script = local / "opt" / "zwgk-desktop" / "share" / "install.sh"
    subprocess.run(
        ["bash", str(installed_script), "--uninstall"], env=env, check=True, capture_output=True
    )
    assert not (local / "opt" / "zwgk-desktop").exists()
    assert not (local / "bin" / "zwgk").exists()
    assert not (local / "share" / "applications" / "zwgk-desktop.desktop").exists()
    assert user_catalog.read_bytes() == b"SQLite format 3\x00"


@pytest.mark.parametrize("script", ["build.sh", "check_bundle.sh", "linux/install.sh"])
def test_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


# --- the real bundle ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller not installed"
)
@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"
)
def test_linux_bundle_builds_and_runs_headless() -> None:
    """Build with PyInstaller and run both executables headless (packaging/check_bundle.sh)."""
    result = subprocess.run(
        ["bash", str(PACKAGING / "check_bundle.sh")],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "PYTHON": sys.executable},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert "all checks passed" in report
