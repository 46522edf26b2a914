"""The row numbers keep their width while it cannot change, and follow it when it can."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from zwgk_desktop.gui.widgets.row_numbers import RowNumbers


class _CountingModel(QStandardItemModel):
    """Counts the header questions asked about rows."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            self.asked += 1
        return super().headerData(section, orientation, role)


def _qt_width(model: QStandardItemModel, font: QFont) -> int:
    """What Qt's own header works out for the same numbers."""
    plain = QHeaderView(Qt.Orientation.Vertical)
    plain.setFont(font)
    plain.setModel(model)
    width = plain.sizeHint().width()
    plain.deleteLater()
    return width


def test_width_is_qt_s_own_and_follows_the_digits_and_the_font(qtbot) -> None:
    model = _CountingModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setVerticalHeader(RowNumbers(view))
    view.setModel(model)
    header = view.verticalHeader()
    for rows in (9, 10, 1000, 3):
        model.setRowCount(rows)
        assert header.sizeHint().width() == _qt_width(model, header.font())
    wide = QFont(header.font())
    wide.setPointSize(wide.pointSize() * 2)
    header.setFont(wide)
    assert header.sizeHint().width() == _qt_width(model, wide)
    assert header.sectionsClickable() and header.highlightSections()  # as QTableView's own


def test_a_repeated_question_is_answered_without_asking_every_row(qtbot) -> None:
    model = _CountingModel()
    model.setRowCount(600)
    view = QTableView()
    qtbot.addWidget(view)
    view.setVerticalHeader(RowNumbers(view))
    view.setModel(model)
    header = view.verticalHeader()
    header.sizeHint()
    model.asked = 0
    header.reset()  # Qt forgets its own answer (as at a reset, a show or a polish)
    header.sizeHint()
    assert model.asked <= 2  # the first and the last number, not 200 rows × 4 roles
