"""帮助 › 使用指南 (F1), Qt's own dialogs in Chinese and unclipped, rule names for clerks."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QWidget

from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.guide import GuideDialog, guide_path
from zwgk_desktop.gui.dialogs.sizing import FittedDialog, TitleFitter, full_title
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE


def _activate(qtbot, qapp, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)


def _configured(qapp) -> None:
    from zwgk_desktop.gui.app import configure_app

    configure_app(qapp)


def test_guide_ships_with_the_clerk_and_reviewer_day() -> None:
    path = guide_path()
    assert path is not None and path.is_file()
    text = path.read_text(encoding="utf-8")
    for step in ("新建目录", "填写事项", "校验", "导出", "报送", "按审核意见修改"):
        assert f"{step}" in text
    assert "县级审核人员的一天" in text
    assert "http" not in text  # offline: nothing to fetch


def test_f1_opens_the_guide_on_the_welcome_page_and_with_a_document(qtbot, qapp, doc_path) -> None:
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    _activate(qtbot, qapp, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: window.help.guide_dialog is not None and window.help.guide_dialog.isVisible()
    )
    guide = window.help.guide_dialog
    plain = guide.browser.toPlainText()
    assert "乡镇（街道）经办人的一天" in plain and "**" not in plain  # rendered, not raw
    assert not guide.isModal()
    guide.close()
    window.file.open_path(doc_path)
    _activate(qtbot, qapp, window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    qtbot.waitUntil(guide.isVisible)
    assert window.help.guide_dialog is guide  # one guide window, brought back
    assert window.actions_by_id["guide"] in window.menus["帮助"].actions()
    window.doc.close_session()
    msgbox.set_test_mode(False)


def _while_modal(qapp, look) -> dict:
    """Run ``look(dialog)`` on the modal dialog a static helper shows, then close it.

    Polls until the dialog is up; gives up (closing every dialog) after 10 s, so a
    dialog that never shows fails the test instead of hanging it.
    """
    seen: dict = {}
    deadline = time.monotonic() + 10

    def poll() -> None:
        dialog = qapp.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            qapp.processEvents()
            seen.update(look(dialog))
            dialog.reject()
        elif time.monotonic() > deadline:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, QDialog):
                    widget.reject()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return seen


def test_qt_file_dialog_speaks_chinese_and_is_not_clipped(qtbot, qapp, tmp_path) -> None:
    _configured(qapp)
    # Qt 6's dialog asks for "&Look in:", which Qt's own qtbase_zh_CN.qm does not have.
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："

    def look(dialog) -> dict:
        return {
            "look_in": dialog.findChild(QLabel, "lookInLabel").text(),
            "file_type": dialog.findChild(QLabel, "fileTypeLabel").text(),
            "width": dialog.width(),
        }

    seen = _while_modal(qapp, look)
    chosen, _ = standard.get_open_file_name(
        None,
        "打开目录",
        str(tmp_path),
        "目录文件 (*.zwgk)",
        options=QFileDialog.Option.DontUseNativeDialog,  # Qt's own: what Linux shows
    )
    assert chosen == ""  # closed
    assert seen["look_in"] == "查找范围(&L)：" and seen["file_type"] == "文件类型(&T)："
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert seen["width"] >= min(880, screen.width() - 40)


def test_static_dialog_titles_are_not_clipped(qtbot, qapp) -> None:
    _configured(qapp)

    def look(dialog) -> dict:
        return {"width": dialog.width(), "title": full_title(dialog)}

    seen = _while_modal(qapp, look)
    name, ok = standard.get_text(None, "设置审核人姓名", "审核人姓名（记入审核意见和意见函）：")
    assert not ok
    needed = QFontMetrics(QApplication.font()).horizontalAdvance(seen["title"])
    assert "政务公开" in seen["title"]  # the app name the title bar appends
    assert seen["width"] > needed


def test_own_dialogs_are_fitted_and_nothing_filters_the_whole_app(qtbot, qapp) -> None:
    """Every dialog class of the app fits its title itself; no filter on the application
    sees ordinary events (it would make PySide build all its classes at start-up)."""
    import importlib
    import pkgutil

    import zwgk_desktop.gui

    for info in pkgutil.walk_packages(zwgk_desktop.gui.__path__, "zwgk_desktop.gui."):
        importlib.import_module(info.name)
    ours = []
    pending = list(QDialog.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("zwgk_desktop."):
            ours.append(cls)
    assert len(ours) >= 14
    assert all(issubclass(cls, FittedDialog) for cls in ours), [
        cls.__name__ for cls in ours if not issubclass(cls, FittedDialog)
    ]
    _configured(qapp)
    calls = []
    original = TitleFitter.eventFilter

    def counting(self, obj, event):
        calls.append(type(obj).__name__)
        return original(self, obj, event)

    TitleFitter.eventFilter = counting
    try:
        widget = QWidget()
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    finally:
        TitleFitter.eventFilter = original
    assert calls == []


def test_static_dialog_helpers_are_called_only_through_standard() -> None:
    import re
    from pathlib import Path

    import zwgk_desktop

    pattern = re.compile(
        r"\b(QFileDialog\.get\w+|QInputDialog\.get\w+|"
        r"QMessageBox\.(question|information|warning|critical|about))\("
    )
    root = Path(zwgk_desktop.__file__).parent
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.py")
        if path.name != "standard.py"
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_guide_dialog_fits_the_screen(qtbot) -> None:
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    dialog.open_guide()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert dialog.browser.document().toPlainText().startswith("使用指南")


def test_rule_column_names_the_rule_for_clerks_and_the_id_for_reviewers(window, qtbot) -> None:
    model = window.table_model
    model.setData(model.index(2, model.column_of("time_limit")), "尽快")
    panel = window.issues_panel
    panel.flush()
    finding = panel.model.index(0, 0, panel.model.index(0, 0))
    rule = finding.data(LOCATED_ROLE).issue.rule
    rule_cell = finding.siblingAtColumn(2)
    shown = rule_cell.data()
    assert shown != rule and not shown.isascii()  # the Chinese name
    assert rule in finding.data(Qt.ItemDataRole.ToolTipRole)
    panel.set_rule_ids(True)  # review mode
    assert rule_cell.data() == rule
    panel.set_rule_ids(False)
    assert rule_cell.data() == shown


def test_message_box_titles_are_not_clipped(qtbot, qapp) -> None:
    from zwgk_desktop.gui.dialogs.common import show_info

    _configured(qapp)
    box = show_info(None, "导出 PDF", "完成")
    qtbot.addWidget(box)
    qtbot.waitExposed(box)
    needed = QFontMetrics(QApplication.font()).horizontalAdvance(full_title(box))
    assert box.width() > needed
