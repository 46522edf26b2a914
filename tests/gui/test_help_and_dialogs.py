"""帮助 › 使用指南 (F1), Qt's own dialogs in Chinese and unclipped, rule names for clerks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel

from zwgk_desktop.gui.dialogs.guide import GuideDialog, guide_path
from zwgk_desktop.gui.dialogs.sizing import full_title
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


def test_qt_file_dialog_speaks_chinese_and_is_not_clipped(qtbot, qapp) -> None:
    _configured(qapp)
    # Qt 6's dialog asks for "&Look in:", which Qt's own qtbase_zh_CN.qm does not have.
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    dialog = QFileDialog(None, "打开目录")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own: what Linux shows
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    look_in = dialog.findChild(QLabel, "lookInLabel")
    file_type = dialog.findChild(QLabel, "fileTypeLabel")
    assert look_in.text() == "查找范围(&L)：" and file_type.text() == "文件类型(&T)："
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.width() >= min(880, screen.width() - 40)


def test_static_dialog_titles_are_not_clipped(qtbot, qapp) -> None:
    _configured(qapp)
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("导出 PDF")
    dialog.setComboBoxItems(["整个目录", "当前领域：社会救助"])
    dialog.show()
    qtbot.waitExposed(dialog)
    needed = QFontMetrics(QApplication.font()).horizontalAdvance(full_title(dialog))
    assert "政务公开" in full_title(dialog)  # the app name the title bar appends
    assert dialog.width() > needed


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
    from PySide6.QtWidgets import QMessageBox

    _configured(qapp)
    box = QMessageBox(QMessageBox.Icon.Information, "导出 PDF", "完成")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    needed = QFontMetrics(QApplication.font()).horizontalAdvance(full_title(box))
    assert box.width() > needed
