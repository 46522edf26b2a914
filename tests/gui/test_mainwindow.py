"""The main window on a real document: opening, navigation, status, read-only mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.vocab import NOT_INVOLVED_REASONS
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.mainwindow import MainWindow
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE


def test_open_shows_first_domain_title_and_status(window, doc_path: Path) -> None:
    assert "测试镇人民政府" in window.windowTitle() and doc_path.name in window.windowTitle()
    assert window.stack.currentWidget() is window.editor_page
    assert window.doc.current_domain() == "alpha"
    assert window.table_model.rowCount() == 5
    assert window.navigator.model.rowCount() == 3
    assert window.chrome.counts_label.text().startswith("错误 0")
    assert window.chrome.items_label.text() == "本领域 5 项 / 共 8 项"
    assert window.chrome.save_label.text() == "已保存"
    assert not window.banner.isVisible()


def test_navigator_selects_domain_and_form_follows(window, qtbot) -> None:
    window.navigator.select("beta")
    assert window.doc.current_domain() == "beta"
    assert window.header.name.text() == "乙领域（自定义领域）"
    window.table.select_cell(2, 1)
    assert window.form.heading.text().startswith("第 3 项")
    assert window.form.editors["level2"].text() == "事项3"


def test_not_involved_and_note_from_header_are_undoable(window, doc_path: Path) -> None:
    window.navigator.select("beta")
    window.header.not_involved.click()  # answers “一并删除” (the test-mode default)
    assert window.session.domain("beta").not_involved
    assert window.session.items("beta") == [] and window.table_model.rowCount() == 0
    row = window.navigator.model.row_of("beta")
    # The usual reason is offered (filled in, selected, the list open) as at creation.
    assert window.session.domain("beta").note == NOT_INVOLVED_REASONS[0]
    assert window.header.note.text() == NOT_INVOLVED_REASONS[0]
    assert window.header.note.selectedText() == NOT_INVOLVED_REASONS[0]
    assert window.header.note.completer().popup().isVisible()
    assert window.navigator.model.index(row).data(STATUS_TEXT_ROLE) == "未涉及"
    window.header.note.completer().popup().hide()
    window.header.note.insert("本镇无此职能")  # typing over the selected default
    window.header.note.editingFinished.emit()
    assert window.session.domain("beta").note == "本镇无此职能"
    assert window.navigator.model.index(row).data(STATUS_TEXT_ROLE) == "未涉及"
    doc = Document.open(doc_path, read_only=True)
    assert [d.note for d in doc.domains() if d.id == "beta"] == ["本镇无此职能"]
    doc.close()
    window.edit.on_undo()
    assert window.session.domain("beta").note == NOT_INVOLVED_REASONS[0]
    window.edit.on_undo()
    assert not window.session.domain("beta").not_involved
    assert window.session.domain("beta").note == ""
    assert len(window.session.items("beta")) == 3 and window.table_model.rowCount() == 3


def test_read_only_document_shows_banner_and_blocks_editing(qtbot, doc_path: Path) -> None:
    msgbox.set_test_mode(True)
    holder = Document.open(doc_path)  # another window is editing it
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        assert w.file.open_path(doc_path)
        w.show()
        assert w.session.read_only
        assert w.banner.isVisible() and "只读" in w.banner.text()
        assert "只读" in w.windowTitle()
        index = w.table_model.index(0, 1)
        assert not (w.table_model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        assert not w.actions_by_id["paste"].isEnabled()
        assert not w.actions_by_id["insert_below"].isEnabled()
        assert w.actions_by_id["export_excel"].isEnabled()
        assert w.form.editors["level2"].isReadOnly()
        assert not w.editor.insert_row()
        assert len(w.session.items("alpha")) == 5
        assert w.chrome.save_label.text() == "只读"
    finally:
        w.doc.close_session()
        holder.close()
        msgbox.set_test_mode(False)


def test_unreadable_file_gives_chinese_message(qtbot, tmp_path: Path) -> None:
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    bad = tmp_path / "坏文件.zwgk"
    bad.write_bytes(b"not sqlite at all" * 100)
    assert not w.file.open_path(bad)
    assert msgbox.shown and msgbox.shown[0][0] == "error" and "坏文件.zwgk" in msgbox.shown[0][1]
    assert w.stack.currentWidget() is w.welcome
    msgbox.set_test_mode(False)


def test_custom_domain_add_and_remove_with_undo(window) -> None:
    domain_id = window.domains.add_custom_domain("民族宗教")
    assert domain_id and window.doc.current_domain() == domain_id
    assert window.navigator.model.rowCount() == 4
    window.edit.on_insert_below()
    assert len(window.session.items(domain_id)) == 1
    window.domains.on_remove_domain()
    assert not window.session.has_domain(domain_id)
    window.edit.on_undo()
    assert len(window.session.items(domain_id)) == 1
    window.navigator.select("alpha")
    window.domains.on_remove_domain()  # pilot-like domains are kept … here alpha is custom, so it goes
    assert not window.session.has_domain("alpha")
    window.edit.on_undo()
    assert window.session.has_domain("alpha") and len(window.session.items("alpha")) == 5


def test_close_returns_to_welcome(window) -> None:
    window.file.on_close_doc()
    assert window.session is None
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "政务公开标准目录编制工具"


def test_the_navigator_opens_at_its_top_when_the_first_domain_is_not_involved(
    qtbot, tmp_path: Path
) -> None:
    """A township's catalog often starts with a 未涉及 domain (重大建设项目): the window opens
    on the first domain with items, and the list must still show the domains above it."""
    from zwgk_desktop.core.demo import demo_catalog

    catalog = demo_catalog()
    assert catalog.domains[0].not_involved and not catalog.domains[0].items
    path = tmp_path / "镇.zwgk"
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.file.open_path(path)  # opened before the window is shown, as at start-up
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    view = window.navigator.view
    assert window.navigator.current_domain() == catalog.domains[1].id
    assert view.verticalScrollBar().value() == 0
    assert view.visualRect(view.model().index(0, 0)).top() >= 0
