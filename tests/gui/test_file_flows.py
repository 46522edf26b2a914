"""文件 menu flows on real files: xlsx/json open into a new .zwgk, 另存为, recent files,
snapshot restore reload, and Qt's own dialogs in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.factories import small_catalog
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.controllers import file as file_controller
from zwgk_desktop.gui.mainwindow import MainWindow


@pytest.fixture
def bare_window(qtbot):
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)


def test_open_xlsx_goes_through_import_into_a_new_document(
    bare_window, tmp_path: Path, monkeypatch
) -> None:
    from zwgk_desktop.core.xlsx import export_workbook, read_workbook
    from zwgk_desktop.gui.dialogs import import_dialog

    source = tmp_path / "乡镇目录.xlsx"
    export_workbook(small_catalog(), source, layout="flat")
    asked: list[Path] = []
    monkeypatch.setattr(
        import_dialog,
        "ask_import",
        lambda parent, path=None: asked.append(path) or read_workbook(path),
    )
    target = tmp_path / "导入后.zwgk"
    monkeypatch.setattr(file_controller, "ask_save_path", lambda *a, **k: target)
    assert bare_window.file.open_path(source)
    assert asked == [source]
    assert bare_window.session.document.path == target
    assert sum(len(d.items) for d in bare_window.session.catalog.domains) == 8


def test_open_json_interchange_file(bare_window, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "目录.json"
    source.write_text(json.dumps(small_catalog().to_dict(), ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "从JSON.zwgk"
    monkeypatch.setattr(file_controller, "ask_save_path", lambda *a, **k: target)
    assert bare_window.file.open_path(source)
    assert bare_window.session.catalog.meta.unit == "测试镇人民政府"
    assert target.exists()


def test_save_as_continues_in_the_copy_and_remembers_it(
    window, tmp_path: Path, monkeypatch, doc_path: Path
) -> None:
    target = tmp_path / "副本" / "另存的目录.zwgk"
    target.parent.mkdir()
    monkeypatch.setattr(file_controller, "ask_save_path", lambda *a, **k: target)
    window.file.on_save_as()
    assert window.session.document.path == target
    assert "另存的目录.zwgk" in window.windowTitle()
    window.edit.on_insert_below()
    doc = Document.open(doc_path, read_only=True)
    assert len(doc.items("alpha")) == 5  # the original is untouched
    doc.close()
    recent = load_settings().recent_files
    assert recent[0] == str(target.resolve()) and str(doc_path.resolve()) in recent
    window.chrome.fill_recent_menu()
    assert [a.text().split(" ", 1)[1] for a in window.chrome.recent_menu.actions()][:2] == [
        "另存的目录.zwgk",
        doc_path.name,
    ]


def test_reload_after_snapshot_restore(window, doc_path: Path) -> None:
    document = window.session.document
    snapshot = document.create_snapshot("报县审核前")
    window.table.select_rows([0])
    window.edit.on_delete_rows()
    assert len(window.session.items("alpha")) == 4
    document.restore_snapshot(snapshot)  # what SnapshotsDialog does on 恢复到此版本
    window.doc.reload()
    assert len(window.session.items("alpha")) == 5
    assert window.table_model.rowCount() == 5
    assert not window.session.undo_stack.canUndo()


def test_cut_clears_and_puts_text_on_clipboard(window) -> None:
    from PySide6.QtGui import QGuiApplication

    window.table.select_cell(0, window.table_model.column_of("level2"))
    window.edit.on_cut()
    assert QGuiApplication.clipboard().text() == "事项1\r\n"
    assert window.session.items("alpha")[0].level2 == ""
    window.edit.on_undo()
    assert window.session.items("alpha")[0].level2 == "事项1"


def test_qt_standard_buttons_are_chinese(qapp) -> None:
    from zwgk_desktop.gui.app import configure_app

    configure_app(qapp)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts & {"确定", "取消"}, texts
    assert not qapp.windowIcon().isNull()
    assert qapp.styleSheet() == ""  # accents are set per widget (gui.look): no sheet engine
    from PySide6.QtWidgets import QApplication, QTableView

    from zwgk_desktop.gui import look

    view = QTableView()
    look.plain_row_numbers(view)
    view.show()  # fonts by class are resolved when a widget is polished
    assert QApplication.font(view.horizontalHeader()).bold()  # column headers bold
    assert view.horizontalHeader().font().bold()
    assert not view.verticalHeader().font().bold()  # row numbers plain
    view.close()


def test_opening_shows_the_wait_cursor_and_gives_it_back(bare_window, doc_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    shapes: list[object] = []

    def opener(path: Path) -> Document:
        cursor = QApplication.overrideCursor()
        shapes.append(cursor.shape() if cursor is not None else None)
        return Document.open(path)

    assert bare_window.file.open_path(doc_path, opener=opener)
    assert shapes == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    bad = doc_path.with_name("坏.zwgk")
    bad.write_bytes(b"\x00not a catalog" * 40)
    assert not bare_window.file.open_path(bad)
    assert QApplication.overrideCursor() is None  # the error box gets the normal cursor
