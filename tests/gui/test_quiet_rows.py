"""A row just inserted stays quiet until the clerk leaves it or asks for 校验."""

from __future__ import annotations

from PySide6.QtCore import Qt

from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.models.catalog_table import SEVERITY_ROLE


def _marked_columns(window, row: int) -> list[int]:
    model = window.table_model
    return [
        c for c in range(model.columnCount()) if model.index(row, c).data(SEVERITY_ROLE) is not None
    ]


def _errors(window) -> int:
    return window.validation.store.totals(window.session.domains)[Severity.ERROR]


def test_new_row_is_quiet_until_left(window, qtbot) -> None:
    window.table.select_cell(1, 0)
    window.table.setFocus()
    before = _errors(window)
    qtbot.keyClick(window.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.table_model.rowCount() == 6)
    new_row = window.table.currentIndex().row()
    assert new_row == 2
    assert _marked_columns(window, new_row) == []
    assert _errors(window) == before
    window.issues_panel.flush()
    assert "0 个错误" in window.issues_panel.summary.text()

    qtbot.keyClick(window.table, Qt.Key.Key_Up)  # leave the row
    qtbot.waitUntil(lambda: len(_marked_columns(window, new_row)) >= 3)
    assert _errors(window) > before


def test_new_row_marks_show_on_revalidate(window, qtbot) -> None:
    window.table.select_cell(0, 0)
    window.edit.on_insert_below()
    row = window.table.currentIndex().row()
    assert _marked_columns(window, row) == []
    window.checks.on_revalidate()
    assert len(_marked_columns(window, row)) >= 3
