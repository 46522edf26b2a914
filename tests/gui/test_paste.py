"""Paste that cannot misplace: clipboard text as Excel/WPS/LibreOffice write it, pasted with
Ctrl+V into the real table; the preview dialog driven with real clicks and keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.gui.paints import count_paints
from tests.gui.test_editing import col, stored
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs.paste_preview import PastePreviewDialog

DATA = Path(__file__).parent / "clipboard_data"


def clip(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


def press_paste(window, qtbot, row: int, key: str, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    window.table.select_cell(row, col(window, key))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def on_preview(qtbot, act: Callable[[PastePreviewDialog], None]) -> list[PastePreviewDialog]:
    """Run ``act`` on the preview dialog once it is open (it is modal: exec() blocks)."""
    seen: list[PastePreviewDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PastePreviewDialog):
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, poll)
    return seen


def test_header_row_maps_by_name_and_fills_merged_level1(window, qtbot, doc_path: Path) -> None:
    # The cursor sits on 公开内容: by position everything would shift; the header decides.
    press_paste(window, qtbot, 5 - 1, "content", clip("excel_11col_header_merged.tsv"))
    items = window.session.items("alpha")
    assert len(items) == 7
    first, second, third = items[4:7]
    assert (first.level1, first.level2) == ("政策文件", "规范性文件")
    assert first.content == "文件标题、文号\n全文"
    assert second.level1 == "政策文件"  # merged cell: empty on the clipboard
    assert (third.level1, third.audience, third.audience_note) == (
        "办事服务",
        ["特定群体"],
        "申请人",
    )
    assert third.method == ["依申请"] and third.level == ["乡级"]
    assert first.channels == ["政府网站", "政务服务中心"]
    assert window.session.undo_stack.count() == 1
    assert [i.level2 for i in stored(doc_path)][4:] == ["规范性文件", "政策解读", "低保审批"]
    window.edit.on_undo()
    assert [i.level2 for i in stored(doc_path)] == [f"事项{n}" for n in range(1, 6)]


def test_two_row_header_with_tick_columns(window, qtbot) -> None:
    press_paste(window, qtbot, 0, "level1", clip("libreoffice_two_row_header.tsv"))
    items = window.session.items("alpha")
    assert items[0].level2 == '关于"十四五"规划的解读'
    assert items[0].content == "解读全文\n图解"
    assert items[0].channels == ["政府网站", "政务服务中心"]
    assert (items[0].audience, items[0].method, items[0].level) == (["全社会"], ["主动"], ["乡级"])
    assert items[1].level1 == "政策文件"
    assert items[1].audience == ["特定群体"] and items[1].audience_note == "申请人"
    assert items[1].method == ["依申请"] and items[1].level == ["县级", "乡级"]
    assert items[2].level2 == "事项3"  # only two data rows


def test_ten_columns_without_note_open_the_preview_and_map_by_content(
    window, qtbot, doc_path: Path
) -> None:
    def check_and_paste(dialog: PastePreviewDialog) -> None:
        assert "不相符" in "".join(dialog.plan.reasons)
        labels = [c.currentText() for c in dialog.combos]
        assert labels[7:] == ["公开对象", "公开方式", "公开层级"]
        assert "特定群体说明" not in labels
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    window.activateWindow()
    seen = on_preview(qtbot, check_and_paste)
    press_paste(window, qtbot, 0, "level1", clip("wps_10col_no_header.tsv"))
    assert seen, "the preview did not open"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)  # keys go on
    items = window.session.items("alpha")
    assert items[0].basis == "《中华人民共和国政府信息公开条例》\n《某省实施办法》"
    assert items[0].audience_note == "" and items[0].method == ["主动"]
    assert items[0].level == ["乡级"]
    assert items[2].audience == ["特定群体"] and items[2].method == ["依申请"]
    assert stored(doc_path)[2].level2 == "低保审批"
    assert window.session.undo_stack.count() == 1


def test_eleven_columns_at_level2_preview_cancel_writes_nothing(
    window, qtbot, doc_path: Path
) -> None:
    def cancel(dialog: PastePreviewDialog) -> None:
        assert "11 列" in dialog.plan.reasons[0]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    seen = on_preview(qtbot, cancel)
    press_paste(window, qtbot, 3, "level2", clip("excel_11col_no_header.tsv"))
    assert seen
    assert [i.level2 for i in stored(doc_path)] == [f"事项{n}" for n in range(1, 6)]
    assert window.session.undo_stack.count() == 0


def test_eleven_columns_at_level2_preview_suggests_from_level1(window, qtbot) -> None:
    def accept(dialog: PastePreviewDialog) -> None:
        assert [c.currentText() for c in dialog.combos][:2] == ["一级事项", "二级事项"]
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)

    on_preview(qtbot, accept)
    press_paste(window, qtbot, 3, "level2", clip("excel_11col_no_header.tsv"))
    items = window.session.items("alpha")
    assert [i.level2 for i in items[3:]] == ["新甲", "新乙", "新丙"]
    assert items[4].audience_note == "申请人" and items[4].level == ["县级"]


def test_preview_target_fixed_with_the_keyboard(window, qtbot) -> None:
    text = "低保审批\t乡级\r\n临时救助\t乡级\r\n"  # two columns: 二级事项 + a level by mistake

    def fix(dialog: PastePreviewDialog) -> None:
        combo = dialog.combos[1]
        assert combo.currentText() == "公开层级"  # the suggestion by content
        combo.setFocus()
        while combo.currentText() != "不粘贴":
            qtbot.keyClick(combo, Qt.Key.Key_Up)
        assert "0 个" not in dialog.summary.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    on_preview(qtbot, fix)
    press_paste(window, qtbot, 0, "level2", text)
    items = window.session.items("alpha")
    assert [i.level2 for i in items[:2]] == ["低保审批", "临时救助"]
    assert items[0].content == "公开内容1：办理条件、办理流程"
    assert items[0].level == ["乡级"]


def test_vocabulary_value_in_wrong_column_is_refused_with_reason(window, qtbot) -> None:
    press_paste(window, qtbot, 0, "method", "乡级")
    assert window.session.items("alpha")[0].method == ["主动"]
    assert msgbox.shown and "公开层级的取值" in msgbox.shown[-1][1]
    press_paste(window, qtbot, 0, "audience_note", "主动")
    assert window.session.items("alpha")[0].audience_note == ""
    assert "不能填入特定群体说明" in msgbox.shown[-1][1]
    assert window.session.undo_stack.count() == 0


@pytest.mark.parametrize(("rows", "cols"), [(2, 3), (4, 3)])
def test_one_row_fills_a_larger_selection(window, qtbot, rows: int, cols: int) -> None:
    QGuiApplication.clipboard().setText("甲\t乙内容\t丙依据\r\n")
    first = col(window, "level2")
    window.editor._select_rect(0, rows - 1, first, first + cols - 1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.session.items("alpha")
    assert [(i.level2, i.content, i.basis) for i in items[:rows]] == [
        ("甲", "乙内容", "丙依据")
    ] * rows
    assert items[rows].level2 == f"事项{rows + 1}"
    assert window.session.undo_stack.count() == 1


def test_copy_out_is_excel_tsv_and_pastes_back(window, qtbot) -> None:
    window.editor._select_rect(0, 1, 0, window.table_model.columnCount() - 1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    assert text.endswith("\r\n") and text.count("\r\n") == 2
    assert text.split("\r\n")[0].split("\t")[6] == "政府网站、政务服务中心"
    window.table.select_cell(4, 0)
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.session.items("alpha")
    assert items[4].level2 == "事项1" and items[5].level2 == "事项2"
    assert items[5].channels == ["政府网站", "政务服务中心"]


def test_ten_columns_with_header_map_by_name_without_preview(window, qtbot) -> None:
    # No 特定群体说明 column: by name nothing shifts, so no preview is needed.
    press_paste(window, qtbot, 1, "level2", clip("wps_10col_header.tsv"))
    items = window.session.items("alpha")
    assert [i.level2 for i in items[1:3]] == ["规范性文件", "政策解读"]
    assert items[2].level1 == "政策文件"  # merged 一级事项
    assert items[2].audience_note == "" and items[2].method == ["主动"]
    assert items[2].level == ["县级", "乡级"]
    assert items[2].channels == ["政府网站", "社区/企事业单位/村公示栏(电子屏)"]
    assert window.session.undo_stack.count() == 1


def test_a_big_paste_is_checked_between_event_loop_turns(window, qtbot) -> None:
    """200 rows over existing ones: the first rows are checked at once, the rest soon
    after (between event-loop turns), none forgotten, all in the issues panel."""
    from zwgk_desktop.gui.live_validation import SYNC_ROWS

    rows = 200
    basis = "《中华人民共和国政府信息公开条例》"
    block = "".join(
        f"政策文件\t粘贴事项{n}\t内容{n}\t{basis}\t20个工作日内\r\n" for n in range(rows)
    )
    press_paste(window, qtbot, 0, "level1", block)  # makes the rows
    validation = window.validation
    qtbot.waitUntil(lambda: not validation.busy, timeout=10000)
    store = validation.store
    items = window.session.items("alpha")

    def vague(item) -> bool:
        return any(issue.rule == "TIME-VAGUE" for issue in store.item_issues(item.id))

    assert len(items) >= rows and not any(vague(item) for item in items[:rows])

    paints = count_paints(window.table.viewport())
    armed_after: list[int] = []  # paints seen when the rows' check was armed
    arm = validation._arm_rows_timer
    validation._arm_rows_timer = lambda: (armed_after.append(len(paints)), arm())
    press_paste(window, qtbot, 0, "level1", block.replace("20个工作日内", "尽快"))  # 公开时限 vague
    assert all(item.time_limit == "尽快" for item in items[:rows])
    assert all(vague(item) for item in items[:SYNC_ROWS])  # the first rows (in view) at once
    assert validation.busy  # the rest waits for the event loop
    assert not all(vague(item) for item in items[:rows])
    # … and for the repaint of the paste: its first slice never shares that turn
    qtbot.waitUntil(lambda: bool(armed_after), timeout=5000)
    assert armed_after[0] >= 1, "the rows' check was armed before the table repainted"
    qtbot.waitUntil(lambda: not validation.busy, timeout=10000)
    assert all(vague(item) for item in items[:rows])
    window.issues_panel.flush()
    shown = {
        located.item_id
        for group in window.issues_panel.model.groups
        for located in group.findings
        if located.issue.rule == "TIME-VAGUE"
    }
    assert {item.id for item in items[:rows]} <= shown
    # The findings merged in one pass are those, in the order, a full re-read gives.
    merged = [(g.domain_id, g.findings) for g in window.issues_panel.model.groups]
    window.issues_panel.rebuild()
    assert merged == [(g.domain_id, g.findings) for g in window.issues_panel.model.groups]


def test_a_refused_cell_keeps_its_value_while_the_rest_of_the_block_is_pasted(
    window, qtbot
) -> None:
    items = window.session.items("alpha")
    before = [(i.level2, i.content) for i in items[:3]]
    text = "新事项甲\t新内容甲\r\n新事项乙\t新内容乙\r\n新事项丙\t主动\r\n"
    press_paste(window, qtbot, 0, "level2", text)
    assert [(i.level2, i.content) for i in items[:3]] == [
        ("新事项甲", "新内容甲"),
        ("新事项乙", "新内容乙"),
        ("新事项丙", before[2][1]),  # "主动" is a 公开方式 value: refused, cell kept
    ]
    assert msgbox.shown and "不能填入公开内容" in msgbox.shown[-1][1]
    assert window.session.undo_stack.count() == 1
    window.edit.on_undo()
    assert [(i.level2, i.content) for i in items[:3]] == before


def test_a_paste_over_and_past_the_last_row_undoes_and_redoes_exactly(
    window, qtbot, doc_path: Path
) -> None:
    session = window.session
    before = [item.copy() for item in session.items("alpha")]
    assert stored(doc_path) == before
    start = len(before) - 2  # two rows over existing items, three new rows
    rows = [f"粘贴事项{n}\t粘贴内容{n}\t《条例》" for n in range(5)]
    rows[1] += "\t\t\t公告栏、政府网站"  # a choice cell (canonical order on paste)
    press_paste(window, qtbot, start, "level2", "\r\n".join(rows) + "\r\n")
    after = [item.copy() for item in session.items("alpha")]
    assert len(after) == len(before) + 3
    assert [i.level2 for i in after[start:]] == [f"粘贴事项{n}" for n in range(5)]
    assert after[start + 1].channels == ["政府网站", "公告栏"]
    assert after[:start] == before[:start]
    assert stored(doc_path) == after
    assert session.undo_stack.count() == 1  # ONE step: the block and the new rows
    window.edit.on_undo()
    assert session.items("alpha") == before == stored(doc_path)
    window.edit.on_redo()
    assert session.items("alpha") == after == stored(doc_path)  # same ids again


def test_a_block_of_only_refused_values_writes_nothing(window, qtbot, doc_path: Path) -> None:
    before = stored(doc_path)
    press_paste(window, qtbot, 0, "content", "主动\r\n依申请\r\n")
    assert msgbox.shown and "不能填入公开内容" in msgbox.shown[-1][1]
    assert window.session.undo_stack.count() == 0
    assert stored(doc_path) == before == window.session.items("alpha")


def test_a_paste_in_a_filtered_table_lands_on_the_rows_shown(window, qtbot, doc_path) -> None:
    window.header.filter.insert("事项4")
    window.header.apply_filter_now()
    assert window.table_model.rowCount() == 1
    press_paste(window, qtbot, 0, "level2", "事项4甲\t新的内容\r\n")
    items = window.session.items("alpha")
    assert [(i.level2, i.content) for i in items][3] == ("事项4甲", "新的内容")
    assert [i.level2 for i in items] == ["事项1", "事项2", "事项3", "事项4甲", "事项5"]
    assert stored(doc_path) == items
