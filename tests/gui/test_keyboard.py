"""The table's keys as in Excel/WPS, driven with real key and mouse events on the real window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from tests.gui.test_editing import col
from zwgk_desktop.gui.delegates import ChoicePopup, LongTextEditor


def focus_table(window, qtbot, row: int, key: str) -> None:
    window.activateWindow()
    window.table.select_cell(row, col(window, key))
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)


def type_keys(qtbot, text: str) -> None:
    """ASCII typed as on a keyboard: each key goes to whatever has the focus now."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def open_popups(window) -> list:
    return [
        w
        for w in window.table.findChildren(QWidget)
        if isinstance(w, ChoicePopup | LongTextEditor) and w.isVisible()
    ]


def test_typing_replaces_every_kind_of_cell(window, qtbot) -> None:
    for row, key in ((0, "content"), (1, "basis"), (2, "time_limit"), (3, "level2")):
        focus_table(window, qtbot, row, key)
        type_keys(qtbot, "new")
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda r=row, k=key: window.session.items("alpha")[r].get(k) == "new")
        assert window.table.currentIndex().row() == row + 1  # Enter moved down
        assert QApplication.focusWidget() is window.table


def test_f2_edits_in_place_and_esc_cancels(window, qtbot) -> None:
    before = window.session.items("alpha")[0].content
    focus_table(window, qtbot, 0, "content")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), " ok")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].content == before + " ok")

    focus_table(window, qtbot, 1, "level2")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), "X")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.session.items("alpha")[1].level2 == "事项2"
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), "X")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.items("alpha")[1].level2 == "事项2X")


def test_tab_commits_and_moves_right(window, qtbot) -> None:
    focus_table(window, qtbot, 0, "level2")
    type_keys(qtbot, "abc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].level2 == "abc")
    assert window.table.currentIndex().column() == col(window, "content")


def test_channel_popup_arrows_then_enter_gives_the_keys_back(window, qtbot) -> None:
    focus_table(window, qtbot, 0, "channels")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    popup = open_popups(window)[0]
    assert isinstance(popup, ChoicePopup)
    box = QApplication.focusWidget()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # tick 政府公报
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "政府公报" in window.session.items("alpha")[0].channels)
    assert QApplication.focusWidget() is window.table
    assert window.table.currentIndex().row() == 1
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # arrows work at once
    assert window.table.currentIndex().row() == 2
    qtbot.keyClick(window.table, Qt.Key.Key_F2)  # and F2 opens the next pop-up
    assert open_popups(window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not open_popups(window)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    assert window.table.currentIndex().row() == 1


def test_channel_popup_mouse_tick_then_enter_gives_the_keys_back(window, qtbot) -> None:
    focus_table(window, qtbot, 0, "channels")
    qtbot.keyClick(window.table, Qt.Key.Key_Space)  # any key opens the pop-up
    popup = open_popups(window)[0]
    boxes = popup.findChildren(QCheckBox)
    target = next(b for b in boxes if b.text() == "纸质媒体")
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(6, target.height() // 2))
    assert target.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "纸质媒体" in window.session.items("alpha")[0].channels)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Right)
    assert window.table.currentIndex().column() == col(window, "audience")


def test_delete_clears_and_ctrl_d_fills_down(window, qtbot) -> None:
    focus_table(window, qtbot, 1, "time_limit")
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.session.items("alpha")[1].time_limit == ""
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert (
        window.session.items("alpha")[1].time_limit == window.session.items("alpha")[0].time_limit
    )


def test_form_does_not_move_under_the_pointer_after_a_tick(window, qtbot) -> None:
    focus_table(window, qtbot, 0, "level2")
    form = window.form
    window.validation.wait_idle()
    qtbot.wait(50)

    def places() -> dict[str, QPoint]:
        return {k: e.mapTo(form, QPoint(0, 0)) for k, e in form.editors.items()}

    before = places()
    audience = form.editors["audience"]
    whole = next(b for b in audience.findChildren(QCheckBox) if b.text() == "全社会")
    qtbot.mouseClick(whole, Qt.MouseButton.LeftButton, pos=QPoint(6, whole.height() // 2))
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].audience == [])
    window.validation.wait_idle()
    qtbot.waitUntil(lambda: "公开对象" in form.messages["audience"].text() or False, timeout=3000)
    qtbot.wait(50)
    assert places() == before
    qtbot.mouseClick(whole, Qt.MouseButton.LeftButton, pos=QPoint(6, whole.height() // 2))
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].audience == ["全社会"])
    window.validation.wait_idle()
    qtbot.wait(50)
    assert places() == before


def test_chinese_typed_into_a_frozen_cell_replaces_it(window, qtbot) -> None:
    from PySide6.QtGui import QInputMethodEvent

    focus_table(window, qtbot, 0, "level2")  # 二级事项 is frozen on the left
    QApplication.sendEvent(window.table, QInputMethodEvent("dibao", []))
    event = QInputMethodEvent()
    event.setCommitString("低保审批")
    QApplication.sendEvent(QApplication.focusWidget(), event)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].level2 == "低保审批")
    assert QApplication.focusWidget() is window.table
    assert window.table.currentIndex().row() == 1
