"""The township clerk's story, end to end on real widgets:

new catalog → adapt a template (edit 公开主体 and channels, delete an item, add a local
item) → fix what validation flags → export (standard and flat) → the export re-imports
equal to what is on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.xlsx import export_workbook, read_workbook
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.delegates import ChoicePopup
from zwgk_desktop.gui.dialogs.new_catalog import NewCatalogDialog
from zwgk_desktop.gui.mainwindow import MainWindow
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE

UNIT = "城关镇人民政府"
DOMAINS = ("social-assistance", "elderly-care")


def edit_cell(window: MainWindow, qtbot, row: int, key: str, text: str) -> None:
    """Select a cell, F2, replace its text the way an IME would, Enter."""
    window.table.select_cell(row, window.table_model.column_of(key))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = next(w for w in window.table.findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    domain_id = window.doc.current_domain()
    qtbot.waitUntil(lambda: window.session.items(domain_id)[row].get(key) == text)


def comparable(catalog, layout: str = "standard") -> dict:
    """What a layout carries: the flat layout has item rows only (no meta, no 未涉及说明)."""
    data = catalog.to_dict()
    if layout == "flat":
        return {"domains": [d for d in data["domains"] if not d["not_involved"]]}
    return {
        "meta": {k: data["meta"][k] for k in ("unit", "region", "year")},
        "domains": [d for d in data["domains"] if not d["not_involved"]],
        "not_involved": sorted((d["id"], d["note"]) for d in data["domains"] if d["not_involved"]),
    }


@pytest.mark.parametrize("layout", ["standard", "flat"])
def test_clerk_story(qtbot, tmp_path: Path, layout: str) -> None:
    msgbox.set_test_mode(True)
    # 1. 新建目录: the clerk fills the dialog; two domains apply, the others get the default 说明.
    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    dialog.unit_edit.insert(UNIT)
    dialog.region_edit.insert("示范县")
    dialog.set_all_checked(False)
    for domain_id in DOMAINS:
        dialog.set_domain_checked(domain_id, True)
    dialog.apply_default_note()
    assert dialog.problems() == []
    path = dialog.create_at(tmp_path / "城关镇目录.zwgk")

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    try:
        assert window.file.open_path(path)
        window.show()
        window.checks.on_revalidate()
        assert window.chrome.counts_label.text().startswith("错误 0　警告 0")
        window.doc.show_domain("social-assistance")
        session = window.session
        items = session.items("social-assistance")
        count = len(items)

        # 2. Adapt the template.
        edit_cell(window, qtbot, 0, "subject", "城关镇民政办")
        window.table.select_cell(0, window.table_model.column_of("channels"))
        qtbot.keyClick(window.table, Qt.Key.Key_F2)
        popup = next(w for w in window.table.findChildren(ChoicePopup) if w.isVisible())
        box = next(b for b in popup.editor.boxes() if b.text() == "入户/现场")
        was = box.isChecked()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: ("入户/现场" in session.items("social-assistance")[0].channels) != was
        )

        window.table.select_rows([count - 1])
        qtbot.keyClick(
            window.table,
            Qt.Key.Key_Delete,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert len(session.items("social-assistance")) == count - 1

        # A local item, copied from the clerk's own spreadsheet (some elements left out).
        window.table.select_cell(count - 2, 0)
        qtbot.keyClick(window.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        new_row = count - 1
        QGuiApplication.clipboard().setText(
            "临时救助\t困难群众临时生活补助发放\t补助对象、补助标准、发放时间\t\t尽快\r\n"
        )
        window.table.select_cell(new_row, 0)
        qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert session.items("social-assistance")[new_row].level2 == "困难群众临时生活补助发放"

        # 3. Validation flags the new item (a new row is quiet until left or 校验, F5); the
        # clerk clicks each finding and fixes the cell.
        panel = window.issues_panel
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
        findings = [
            panel.model.index(r, 0, panel.model.index(g, 0)).data(LOCATED_ROLE)
            for g in range(panel.model.rowCount())
            for r in range(panel.model.rowCount(panel.model.index(g, 0)))
        ]
        flagged = {(f.issue.field, f.issue.severity.value) for f in findings}
        assert ("basis", "error") in flagged and ("time_limit", "warning") in flagged
        assert ("channels", "error") in flagged and ("audience", "error") in flagged
        fixes = {
            "basis": "《社会救助暂行办法》（国务院令第649号）",
            "time_limit": "发放后10个工作日内",
        }
        for field, text in fixes.items():
            finding = next(f for f in findings if f.issue.field == field)
            window.doc.locate(finding.issue.domain_id, finding.item_id, field)
            assert window.doc.current_position() == ("social-assistance", new_row, field)
            long_text_editor_fix(window, qtbot, text)
        window.table.select_cell(new_row, window.table_model.column_of("channels"))
        assert window.editor.paste("便民服务站、社区/企事业单位/村公示栏(电子屏)")
        for key, value in (("audience", "全社会"), ("method", "主动"), ("level", "乡级")):
            window.table.select_cell(new_row, window.table_model.column_of(key))
            assert window.editor.paste(value)
        window.checks.on_revalidate()
        assert window.chrome.counts_label.text().startswith("错误 0　警告 0"), (
            window.chrome.counts_label.text()
        )

        # Everything the screen shows is in the file already (no 保存 step).
        on_disk = Document.open(path, read_only=True)
        try:
            assert comparable(on_disk.load_catalog()) == comparable(session.catalog)
        finally:
            on_disk.close()

        # 4. Export, and the export reads back equal.
        out = tmp_path / f"城关镇目录-{layout}.xlsx"
        export_workbook(session.catalog, out, layout=layout)
        again = read_workbook(out).catalog
        assert comparable(again, layout) == comparable(session.catalog, layout)
    finally:
        window.doc.close_session()
        msgbox.set_test_mode(False)


def long_text_editor_fix(window: MainWindow, qtbot, text: str) -> None:
    """Long texts are typed in the item form (commits on Ctrl+Enter)."""
    position = window.doc.current_position()
    assert position is not None
    domain_id, row, key = position
    editor = window.form.editors[key]
    editor.setFocus()
    editor.selectAll()
    editor.insertPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.items(domain_id)[row].get(key) == text
