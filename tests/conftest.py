"""Test-wide set-up: offscreen Qt and a private profile folder for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are deterministic and keep no example database: a run never depends on
# what an earlier run happened to find (a found example becomes a plain test instead).
settings.register_profile("zwgk", derandomize=True, database=None, print_blob=True)
settings.load_profile("zwgk")

# Before pytest-qt creates the QApplication: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


@pytest.fixture(autouse=True)
def zwgk_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect every per-user path (settings, recent files, data) away from the real profile."""
    home = tmp_path_factory.mktemp("zwgk-home")
    monkeypatch.setenv("ZWGK_HOME", str(home))
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use Qt fixtures are marked ``gui`` so ``-m 'not gui'`` runs the Qt-free rest."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "qtmodeltester"} & set(fixtures) or "/gui/" in str(item.fspath):
            item.add_marker(pytest.mark.gui)
