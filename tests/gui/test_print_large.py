"""打印 of a large catalog: the preview lays out every page on the UI thread, so above a
size the clerk is offered 导出PDF (background, cancellable) first."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.catalog_gen import generate_catalog
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.xlsx.result import ChannelStyle, PageFlow
from zwgk_desktop.gui import msgbox, printing
from zwgk_desktop.gui.controllers import file as file_controller
from zwgk_desktop.gui.dialogs import print_options
from zwgk_desktop.gui.mainwindow import MainWindow


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        print_options,
        "ask_print_choice",
        lambda *a, **k: print_options.PrintChoice(None, ChannelStyle.FULL, PageFlow.BY_DOMAIN),
    )
    monkeypatch.setattr(printing, "print_preview", lambda *a, **k: seen.append("preview"))
    monkeypatch.setattr(printing, "ask_export_pdf", lambda *a, **k: seen.append("pdf"))
    return seen


def _window(qtbot, tmp_path: Path, items: int) -> MainWindow:
    path = tmp_path / "目录.zwgk"
    Document.create(path, generate_catalog(items)).close()
    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.file.open_path(path)
    return window


@pytest.mark.parametrize(("answer", "expected"), [(0, ["pdf"]), (1, ["preview"]), (None, [])])
def test_a_large_catalog_is_offered_the_pdf_first(qtbot, tmp_path, calls, answer, expected):
    window = _window(qtbot, tmp_path, file_controller.PREVIEW_WARN_ITEMS + 50)
    msgbox.choices.append(answer)
    window.file.on_print()
    asked = [text for kind, text in msgbox.shown if kind == "choose"]
    assert len(asked) == 1 and "导出PDF" in asked[0]
    assert f"{file_controller.PREVIEW_WARN_ITEMS + 50} 个事项" in asked[0]
    assert calls == expected
    window.doc.close_session()
    msgbox.set_test_mode(False)


def test_a_small_catalog_goes_straight_to_the_preview(qtbot, tmp_path, calls):
    window = _window(qtbot, tmp_path, 40)
    window.file.on_print()
    assert not [kind for kind, _ in msgbox.shown if kind == "choose"]
    assert calls == ["preview"]
    window.doc.close_session()
    msgbox.set_test_mode(False)
