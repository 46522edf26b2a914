"""目录信息 can be changed after creation: dialog, undo, 公开主体 follow, issue double-click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.factories import UNIT
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui.dialogs.export_dialog import ExportDialog
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE

NEW_UNIT = "测试街道办事处"


@pytest.fixture
def meta_window(qtbot, tmp_path: Path) -> Iterator:
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    path = tmp_path / "目录.zwgk"
    meta = CatalogMeta(unit=UNIT, region="测试县", year="")  # 年度 forgotten at creation
    Document.create(path, new_catalog(meta, ["社会救助", "就业"])).close()
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.file.open_path(path)
    w.show()
    qtbot.waitExposed(w)
    w.validation.wait_idle()
    w.issues_panel.rebuild()
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)


def _finding(panel, wanted):
    model = panel.model
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        for child in range(model.rowCount(group)):
            index = model.index(child, 0, group)
            if wanted(index.data(LOCATED_ROLE)):
                return index
    raise AssertionError("no such finding")


def _meta_finding(panel, rule: str):
    return _finding(panel, lambda loc: loc.issue.rule == rule)


def _double_click(qtbot, widget, pos) -> None:
    """What the OS sends for a double-click: press/release, then press as double-click."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def _generated(window) -> list:
    return [
        item for d in window.session.catalog.domains for item in d.items if item.subject == UNIT
    ]


def test_menu_dialog_changes_unit_subjects_follow_one_undo_step(meta_window, qtbot) -> None:
    window = meta_window
    session = window.session
    generated = _generated(window)
    assert len(generated) > 5
    hand_edited = generated[0]
    window.doc.locate(
        next(d.id for d in session.domains if hand_edited in d.items), hand_edited.id, "subject"
    )
    window.table_model.setData(window.table.currentIndex(), "测试镇民政办")  # by hand
    steps_before = session.undo_stack.count()

    action = window.actions_by_id["edit_meta"]
    assert action in window.menus["文件"].actions() and action.isEnabled()
    action.trigger()
    dialog = window.file.meta_dialog
    qtbot.waitExposed(dialog)
    window.issues_panel.meta_button.click()  # a second request brings the same dialog forward
    assert window.file.meta_dialog is dialog
    assert dialog.unit_edit.text() == UNIT
    dialog.unit_edit.selectAll()
    dialog.unit_edit.insert(NEW_UNIT)  # QTest cannot type Chinese
    dialog.year_edit.setFocus()
    qtbot.keyClicks(dialog.year_edit, "2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.meta.unit == NEW_UNIT)
    assert window.file.meta_dialog is None

    assert session.meta.year == "2026"
    assert session.undo_stack.count() == steps_before + 1
    assert hand_edited.subject == "测试镇民政办"
    assert all(item.subject == NEW_UNIT for item in generated[1:])
    assert NEW_UNIT in window.windowTitle()
    with Document.open(session.document.path, read_only=True) as doc:  # committed
        assert doc.meta().unit == NEW_UNIT
        assert doc.item(generated[1].id).subject == NEW_UNIT

    window.edit.on_undo()
    assert session.meta.unit == UNIT and session.meta.year == ""
    assert all(item.subject == UNIT for item in generated[1:])
    assert hand_edited.subject == "测试镇民政办"
    window.edit.on_redo()
    assert session.meta.unit == NEW_UNIT


def test_double_click_on_meta_issue_opens_dialog_at_the_field(meta_window, qtbot) -> None:
    window = meta_window
    panel = window.issues_panel
    finding = _meta_finding(panel, "META-YEAR")
    panel.tree.scrollTo(finding)
    rect = panel.tree.visualRect(finding)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.file.meta_dialog is None  # a single click does not open it
    _double_click(qtbot, panel.tree.viewport(), rect.center())
    qtbot.waitUntil(lambda: window.file.meta_dialog is not None)
    dialog = window.file.meta_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.year_edit.hasFocus())
    assert "年度/版本为空" in dialog.hint.text()
    qtbot.keyClicks(dialog.year_edit, "2026")
    assert dialog.hint.text() == ""
    qtbot.keyClick(dialog.year_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.meta.year == "2026")
    panel.flush()
    qtbot.waitUntil(
        lambda: all(
            panel.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole).find("目录信息") < 0
            for r in range(panel.model.rowCount())
        )
    )


def test_double_click_on_cell_issue_jumps_to_the_cell(meta_window, qtbot) -> None:
    window = meta_window
    model = window.table_model
    column = model.column_of("time_limit")
    model.setData(model.index(1, column), "尽快")
    panel = window.issues_panel
    panel.flush()
    finding = _finding(
        panel, lambda loc: loc.item_id is not None and loc.issue.field == "time_limit"
    )
    window.table.select_cell(0, 0)
    panel.tree.expand(finding.parent())
    panel.tree.scrollTo(finding)
    rect = panel.tree.visualRect(finding)
    _double_click(qtbot, panel.tree.viewport(), rect.center())
    located = finding.data(LOCATED_ROLE)
    domain_id, row, key = window.doc.current_position()
    assert window.session.items(domain_id)[row].id == located.item_id
    assert key == located.issue.field


def test_export_result_reports_the_issues_that_stand(meta_window, qtbot, tmp_path) -> None:
    window = meta_window
    standing = window.file.standing_issues()
    assert any("目录信息" in line and "年度" in line for line in standing)
    dialog = ExportDialog(None, window.session.catalog, standing)
    qtbot.addWidget(dialog)
    dialog._export_done(tmp_path / "x.xlsx", "standard", "full", "domain", [])
    text = dialog.warnings_label.text()
    assert "没有需要注意" not in text
    assert "错误" in text and "未解决" in text
    assert dialog.warnings_list.count() == min(len(standing), 200)
    clean = ExportDialog(None, window.session.catalog, [])
    qtbot.addWidget(clean)
    clean._export_done(tmp_path / "x.xlsx", "standard", "full", "domain", [])
    assert "没有错误和警告" in clean.warnings_label.text()
