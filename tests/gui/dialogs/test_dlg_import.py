"""导入Excel dialog: background read, preview of guesses, accept, cancel and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from bench.catalog_gen import generate_catalog
from tests.gui.factories import hand_made_workbook
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.xlsx import export_workbook, read_workbook
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.dialogs.import_dialog import ImportDialog, ask_import


def open_dialog(qtbot, path: Path) -> ImportDialog:
    dialog = ImportDialog(None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def same_catalog(a: Catalog, b: Catalog) -> bool:
    return [(d.name, [i.to_dict() for i in d.items]) for d in a.domains] == [
        (d.name, [i.to_dict() for i in d.items]) for d in b.domains
    ]


@pytest.fixture
def keep() -> Iterator[list]:
    """Holds the dialog whose models qtmodeltester watches: set up before qtmodeltester, so
    torn down after it has let go of the models (the test's own reference ends first, and
    the dialog with its models could be deleted before qtmodeltester's clean-up)."""
    held: list = []
    yield held
    held.clear()


def test_preview_shows_domains_items_and_guesses_then_imports(qtbot, tmp_path, keep, qtmodeltester):
    path = hand_made_workbook(tmp_path / "城关镇.xlsx")
    expected = read_workbook(path)
    dialog = open_dialog(qtbot, path)
    keep.append(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)

    assert dialog.domain_list.count() == len(expected.catalog.domains)
    assert "社会救助" in dialog.domain_list.item(0).text()
    assert dialog.items_model.rowCount() == len(expected.catalog.domains[0].items) == 2
    assert dialog.items_model.index(0, 1).data() == "最低生活保障审批"
    assert dialog.notes_model.rowCount() == len(expected.notes) > 0
    assert any("同上" in n.message for n in expected.notes)
    assert "城关镇.xlsx" in dialog.summary.text()
    qtmodeltester.check(dialog.notes_model, force_py=True)
    qtmodeltester.check(dialog.items_model, force_py=True)

    dialog.set_level_filter("guess")
    shown = [dialog.notes_model.note(r) for r in range(dialog.notes_model.rowCount())]
    assert shown and all(n.level == "guess" for n in shown)
    assert dialog.notes_model.index(0, 0).data() == "推测"
    dialog.set_level_filter(None)
    assert dialog.notes_model.rowCount() == len(expected.notes)

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.import_result is not None
    assert same_catalog(dialog.import_result.catalog, expected.catalog)


def test_own_export_reads_back_equal(qtbot, tmp_path):
    catalog = generate_catalog(120, seed=3)
    path = tmp_path / "导出.xlsx"
    export_workbook(catalog, path, "standard")
    dialog = open_dialog(qtbot, path)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20000)
    assert dialog.result_data is not None and dialog.result_data.own_export
    assert "本程序导出" in dialog.own_label.text()
    assert same_catalog(dialog.result_data.catalog, catalog)


def test_cancel_closes_without_result(qtbot, tmp_path):
    path = tmp_path / "大.xlsx"
    export_workbook(generate_catalog(800, seed=1), path, "flat")
    MESSAGES.clear()
    dialog = open_dialog(qtbot, path)
    with qtbot.waitSignal(dialog.rejected, timeout=20000):
        task = dialog.start()
        task.cancel()  # what the progress dialog's 取消 does
    assert task.cancelled
    assert dialog.closed_early and not dialog.loaded
    assert dialog.import_result is None
    assert not MESSAGES


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("旧版.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("表格.csv", "序号,公开事项\n1,低保\n".encode()),
        ("坏.xlsx", b"PK\x03\x04garbage"),
    ],
)
def test_refusal_shows_chinese_line_and_closes(qtbot, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    MESSAGES.clear()
    dialog = open_dialog(qtbot, path)
    with qtbot.waitSignal(dialog.rejected, timeout=10000):
        dialog.start()
    assert MESSAGES[-1].kind == "error"
    assert MESSAGES[-1].title == "导入Excel"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in MESSAGES[-1].text)
    assert dialog.import_result is None


def test_ask_import_picks_file_and_returns_result(qtbot, tmp_path, monkeypatch):
    path = hand_made_workbook(tmp_path / "城关镇.xlsx")
    asked: list[str] = []

    def fake_open(parent, caption, directory, name_filter):
        asked.append(name_filter)
        return str(path), name_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))

    def accept_when_ready() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog) and dialog.loaded:
            dialog.import_button.click()
        else:
            QTimer.singleShot(50, accept_when_ready)

    QTimer.singleShot(50, accept_when_ready)
    result = ask_import(None)
    assert "*.xlsx" in asked[0] and "*.docx" in asked[0] and "*.et" in asked[0]
    assert result is not None
    assert result.catalog.item_count() == 2
