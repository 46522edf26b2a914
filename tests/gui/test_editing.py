"""Editing the way a clerk does: delegates, keys, clipboard, rows — always through real widgets.

Chinese goes in through ``QLineEdit.insert`` or a QInputMethodEvent (QTest can only type
ASCII; keyClicks with Chinese aborts the process).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui.delegates import ChoicePopup, LongTextEditor


def stored(path: Path, domain_id: str = "alpha"):
    doc = Document.open(path, read_only=True)
    try:
        return doc.items(domain_id)
    finally:
        doc.close()


def col(window, key: str) -> int:
    return window.table_model.column_of(key)


def open_editor(window, qtbot, row: int, key: str):
    window.table.select_cell(row, col(window, key))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editors = [  # frozen columns (一级/二级事项) are edited in the frozen view, inside the table
        w
        for w in window.table.findChildren(object)
        if isinstance(w, QLineEdit | LongTextEditor | ChoicePopup) and w.isVisible()
    ]
    assert editors, "no editor opened"
    return editors[0]


def test_text_cell_edit_with_chinese_commits_on_enter_and_undoes(
    window, qtbot, doc_path: Path
) -> None:
    editor = open_editor(window, qtbot, 1, "level2")
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.insert("低保审批结果")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.items("alpha")[1].level2 == "低保审批结果")
    assert stored(doc_path)[1].level2 == "低保审批结果"
    assert window.table.currentIndex().row() == 2  # Enter moved down, as in Excel
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.items("alpha")[1].level2 == "事项2"
    assert stored(doc_path)[1].level2 == "事项2"
    qtbot.keyClick(window.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(doc_path)[1].level2 == "低保审批结果"


def test_typing_chinese_through_input_method_starts_editing(window, qtbot) -> None:
    window.table.select_cell(0, col(window, "subject"))
    window.table.setFocus()
    # What a Pinyin IME sends: a composition (preedit) first, then the committed text.
    QApplication.sendEvent(window.table, QInputMethodEvent("moujiedao", []))
    event = QInputMethodEvent()
    event.setCommitString("某街道办事处")
    QApplication.sendEvent(window.table, event)
    editor = next(w for w in window.table.findChildren(QLineEdit) if w.isVisible())
    assert editor.text() == "某街道办事处"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].subject == "某街道办事处")
    assert window.table.currentIndex().column() == col(window, "subject") + 1


def test_long_text_editor_alt_enter_newline_enter_commits(window, qtbot) -> None:
    editor = open_editor(window, qtbot, 0, "content")
    assert isinstance(editor, LongTextEditor)
    editor.selectAll()
    editor.insertPlainText("第一行")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    editor.insertPlainText("第二行")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].content == "第一行\n第二行")
    assert window.table_model.index(0, col(window, "content")).data() == "第一行 第二行"


def test_choice_popup_space_ticks_enter_commits(window, qtbot, doc_path: Path) -> None:
    popup = open_editor(window, qtbot, 0, "channels")
    assert isinstance(popup, ChoicePopup)
    boxes = {box.text(): box for box in popup.editor.boxes()}
    assert len(boxes) == 13 and boxes["政府网站"].isChecked()
    qtbot.keyClick(boxes["便民服务站"], Qt.Key.Key_Space)
    popup.editor.extra.setText("投资项目在线审批监管平台")
    qtbot.keyClick(boxes["便民服务站"], Qt.Key.Key_Return)
    expected = ["政府网站", "政务服务中心", "便民服务站", "投资项目在线审批监管平台"]
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].channels == expected)
    assert stored(doc_path)[0].channels == expected


def test_level_choices_come_from_the_catalog(window, qtbot) -> None:
    popup = open_editor(window, qtbot, 0, "level")
    assert [b.text() for b in popup.editor.boxes()] == ["县级", "乡级"]
    qtbot.keyClick(popup.editor.boxes()[0], Qt.Key.Key_Escape)


def test_delete_key_clears_selection_in_one_step(window, qtbot) -> None:
    window.table.select_rows([0, 1])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert (
        window.session.items("alpha")[0].level2 == ""
        and window.session.items("alpha")[1].channels == []
    )
    assert window.session.undo_stack.count() == 1
    window.edit.on_undo()
    assert window.session.items("alpha")[1].channels == ["政府网站", "政务服务中心"]


def test_copy_gives_excel_tsv(window) -> None:
    item = window.session.items("alpha")[0]
    item_id = item.id
    from zwgk_desktop.gui import commands

    commands.push(
        window.session,
        commands.set_cells(window.session, [("alpha", item_id, "content", "多行\n内容")]),
    )
    window.editor._select_rect(0, 1, col(window, "level2"), col(window, "content"))
    window.edit.on_copy()
    text = QGuiApplication.clipboard().text()
    assert text == '事项1\t"多行\n内容"\r\n事项2\t公开内容2：办理条件、办理流程\r\n'


def test_paste_block_grows_rows_and_is_one_undo_step(window, qtbot, doc_path: Path) -> None:
    QGuiApplication.clipboard().setText('新甲\t"两行\n内容"\r\n新乙\t内容乙\r\n新丙\t内容丙\r\n')
    window.table.select_cell(3, col(window, "level2"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.session.items("alpha")
    assert [i.level2 for i in items] == ["事项1", "事项2", "事项3", "新甲", "新乙", "新丙"]
    assert items[3].content == "两行\n内容" and items[5].content == "内容丙"
    assert [i.level2 for i in stored(doc_path)] == [i.level2 for i in items]
    assert window.session.undo_stack.count() == 1
    window.edit.on_undo()
    assert [i.level2 for i in stored(doc_path)] == ["事项1", "事项2", "事项3", "事项4", "事项5"]
    assert window.table_model.rowCount() == 5


def test_single_value_paste_fills_selection_and_parses_choices(window) -> None:
    window.editor._select_rect(0, 2, col(window, "method"), col(window, "method"))
    assert window.editor.paste("依申请公开")
    assert [i.method for i in window.session.items("alpha")[:3]] == [["依申请"]] * 3
    assert window.session.items("alpha")[3].method == ["主动"]


def test_fill_down(window, qtbot) -> None:
    from zwgk_desktop.gui import commands

    first = window.session.items("alpha")[0]
    commands.push(
        window.session,
        commands.set_cells(window.session, [("alpha", first.id, "time_limit", "实时公开")]),
    )
    window.editor._select_rect(0, 3, col(window, "time_limit"), col(window, "time_limit"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [i.time_limit for i in window.session.items("alpha")[:4]] == ["实时公开"] * 4
    assert window.session.items("alpha")[4].time_limit != "实时公开"


def test_insert_duplicate_move_delete_rows_with_keys(window, qtbot, doc_path: Path) -> None:
    titles = lambda: [i.level2 for i in window.session.items("alpha")]  # noqa: E731
    window.table.select_cell(1, col(window, "level2"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert titles() == ["事项1", "事项2", "", "事项3", "事项4", "事项5"]
    new = window.session.items("alpha")[2]
    assert new.subject == "测试镇人民政府" and new.level1 == "政策文件"
    assert window.table.currentIndex().row() == 2
    window.table.select_cell(4, 0)
    qtbot.keyClick(window.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles() == ["事项1", "事项2", "", "事项4", "事项3", "事项5"]
    assert window.table.currentIndex().row() == 3
    window.edit.on_duplicate()
    assert titles() == ["事项1", "事项2", "", "事项4", "事项4", "事项3", "事项5"]
    window.table.select_rows([2, 3])
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert titles() == ["事项1", "事项2", "事项4", "事项3", "事项5"]
    assert [i.level2 for i in stored(doc_path)] == titles()
    for _ in range(4):
        window.edit.on_undo()
    assert titles() == ["事项1", "事项2", "事项3", "事项4", "事项5"]
    assert [i.level2 for i in stored(doc_path)] == titles()


def test_drag_row_by_its_number(window) -> None:
    header = window.table.verticalHeader()
    header.moveSection(0, 3)  # what a drag of row 1 below row 4 does to the header
    assert [i.level2 for i in window.session.items("alpha")] == [
        "事项2",
        "事项3",
        "事项4",
        "事项1",
        "事项5",
    ]
    assert header.visualIndex(0) == 0  # the header itself is back in order
    window.edit.on_undo()
    assert [i.level2 for i in window.session.items("alpha")][0] == "事项1"


def test_filter_box_filters_and_edits_stay_visible(window, qtbot) -> None:
    window.header.filter.insert("事项4")
    window.header.apply_filter_now()
    assert window.table_model.rowCount() == 1
    assert window.header.counts.text() == "显示 1 / 5 个事项"
    assert window.table_model.headerData(0, Qt.Orientation.Vertical) == "4"
    window.edit.on_insert_below()
    assert window.table_model.rowCount() == 2
    window.header.filter.clear()
    window.header.apply_filter_now()
    assert window.table_model.rowCount() == 6


def test_find_and_replace_all_across_catalog_is_one_step(window, qtbot, doc_path: Path) -> None:
    window.edit.on_replace()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("办理流程")
    dialog.replace_edit.setText("办事流程")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)
    assert dialog.replace_all() == 8
    assert all("办事流程" in i.content for d in ("alpha", "beta") for i in window.session.items(d))
    assert all("办事流程" in i.content for i in stored(doc_path, "beta"))
    window.edit.on_undo()
    assert all("办理流程" in i.content for d in ("alpha", "beta") for i in window.session.items(d))


def test_find_next_moves_to_matching_cells(window) -> None:
    window.edit.on_find()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("事项3")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)
    window.table.select_cell(0, 0)
    match = dialog.find_next()
    assert (match.domain_id, match.row, match.key) == ("alpha", 2, "level2")
    assert window.doc.current_position() == ("alpha", 2, "level2")
    match = dialog.find_next()
    assert (match.domain_id, match.row) == ("beta", 2)
    assert window.doc.current_domain() == "beta"
    assert "共 2 处" in dialog.status.text()


def test_a_first_find_on_a_cold_index_answers_in_later_turns(window, qtbot, monkeypatch) -> None:
    """Before the index is joined (a large catalog, F3 at once), 查找下一个 joins a slice
    per event-loop turn and says so; the window keeps answering, then the cursor moves."""
    from zwgk_desktop.gui.widgets import find_replace

    monkeypatch.setattr(find_replace, "FIND_SLICE", -1)  # out of time at once: a domain a turn
    window.edit.on_find()
    dialog = window.edit.find_dialog
    dialog._warm_timer.stop()
    dialog.index.forget()
    dialog.find_edit.setText("事项3")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)
    window.table.select_cell(0, 0)
    assert dialog.find_next() is None
    assert dialog.waiting and "正在查找" in dialog.status.text()
    assert window.doc.current_position() == ("alpha", 0, "level1")
    qtbot.waitUntil(lambda: not dialog.waiting)
    assert window.doc.current_position() == ("alpha", 2, "level2")
    assert "共 2 处" in dialog.status.text()


def test_f3_with_the_dialog_closed_reports_in_the_status_bar(window, qtbot, monkeypatch) -> None:
    from zwgk_desktop.gui.widgets import find_replace

    monkeypatch.setattr(find_replace, "FIND_SLICE", -1)
    window.edit.on_find()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("没有这个词")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)  # two domains: two turns
    dialog.close()
    dialog.index.forget()
    window.table.select_cell(0, 0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F3)
    assert "正在查找" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not dialog.waiting)
    assert window.statusBar().currentMessage() == "找不到“没有这个词”"
    assert not dialog.isVisible()


def test_replace_current_cell(window) -> None:
    window.edit.on_replace()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("事项2")
    dialog.replace_edit.setText("第二项")
    window.table.select_cell(1, col(window, "level2"))
    assert dialog.replace_current()
    assert window.session.items("alpha")[1].level2 == "第二项"


def test_closing_with_a_cell_editor_open_keeps_the_typed_text(
    window, qtbot, doc_path: Path
) -> None:
    editor = open_editor(window, qtbot, 0, "subject")
    editor.selectAll()
    editor.insert("未按回车的主体")
    window.doc.close_session()
    assert stored(doc_path)[0].subject == "未按回车的主体"


def test_undo_shows_where_it_changed_something(window) -> None:
    from zwgk_desktop.gui import commands

    item = window.session.items("beta")[2]
    commands.push(
        window.session,
        commands.set_cells(window.session, [("beta", item.id, "time_limit", "实时公开")]),
    )
    window.navigator.select("alpha")
    window.table.select_cell(0, 0)
    window.edit.on_undo()
    assert window.doc.current_position() == ("beta", 2, "time_limit")
    window.navigator.select("alpha")
    window.edit.on_redo()
    assert window.doc.current_position() == ("beta", 2, "time_limit")


def test_find_in_a_domain_with_no_current_cell_starts_at_the_top(window) -> None:
    window.header.filter.insert("没有这个词")
    window.header.apply_filter_now()
    assert window.table_model.rowCount() == 0
    window.edit.on_find()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("事项2")
    match = dialog.find_next()
    assert (match.domain_id, match.row) == ("alpha", 1)
    assert window.doc.current_position() == (
        "alpha",
        1,
        "level2",
    )  # the filter was dropped to show it
