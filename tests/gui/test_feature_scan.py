"""PySide6 no longer reads the source of the standard library and our Qt-free packages
(``gui.feature_scan``), and what it is told is what its own scan would find."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

import zwgk_desktop
from zwgk_desktop.gui import feature_scan

PACKAGE = Path(zwgk_desktop.__file__).parent


def _table() -> dict[str, int]:
    table = feature_scan.pyside_table()
    if table is None:
        pytest.skip("this PySide keeps no module table: nothing to answer")
    return table


def test_loaded_stdlib_and_core_modules_are_answered_as_pyside_would() -> None:
    table = _table()
    feature_scan.answer_known_modules()
    for name in ("json", "zwgk_desktop.core.storage", "zwgk_desktop.core.fields"):
        importlib.import_module(name)
        assert table[name] == feature_scan.IGNORE
        source = inspect.getsource(sys.modules[name])
        assert "PySide6" not in source  # PySide's own scan would also say "ignore"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("zwgk_desktop.core.publish.page", feature_scan.IGNORE),
        ("zwgk_desktop.gui.dialogs.about", feature_scan.NO_FEATURE),
    ],
)
def test_our_modules_imported_later_are_never_read(monkeypatch, name, value) -> None:
    """A module of ours imported after the answer is not read by PySide's import hook."""
    table = _table()
    monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.delitem(table, name, raising=False)
    feature_scan.answer_known_modules()
    assert table[name] == value
    read: list[str] = []
    original = inspect.getsource

    def counting(obj):  # noqa: ANN001, ANN202
        read.append(getattr(obj, "__name__", "?"))
        return original(obj)

    monkeypatch.setattr(inspect, "getsource", counting)
    module = importlib.import_module(name)
    assert name not in read
    assert ("PySide6" in original(module)) == (value == feature_scan.NO_FEATURE)


def test_our_modules_are_named_from_the_tree_and_third_party_is_left_to_pyside() -> None:
    names = set(feature_scan.package_module_names())
    assert {"zwgk_desktop.core.storage", "zwgk_desktop.gui.mainwindow"} <= names
    assert "zwgk_desktop.cli" in names  # a package, by its __init__.py
    assert feature_scan.known_value("zwgk_desktop.gui.mainwindow") == feature_scan.NO_FEATURE
    assert feature_scan.known_value("zwgk_desktop.core.fields") == feature_scan.IGNORE
    assert feature_scan.known_value("html.entities") == feature_scan.IGNORE
    assert feature_scan.known_value("pytestqt.plugin") is None  # third-party: PySide reads it


def test_every_answered_source_really_lacks_pyside() -> None:
    """Keeps the answer true: no core or cli source mentions PySide6, and no module of
    ours asks for a PySide ``__feature__`` (the table only matters to those)."""
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "__feature__" not in text or path.name == "feature_scan.py", path
        if path.relative_to(PACKAGE).parts[0] in ("core", "cli"):
            assert "PySide6" not in text, path


def test_without_a_table_nothing_is_written(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", object())
    assert feature_scan.pyside_table() is None
    assert feature_scan.answer_known_modules() == 0
