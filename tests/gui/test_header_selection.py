"""The column header highlights from a mirror of the table's selection (issue 14: Qt's
own check walked every selected row of every column after a paste)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from zwgk_desktop.gui.widgets.header_selection import column_marks

SELECT = QItemSelectionModel.SelectionFlag.Select
REPLACE = QItemSelectionModel.SelectionFlag.ClearAndSelect


def test_column_marks_touched_and_full() -> None:
    touched, full = column_marks([(0, 4, 1, 2), (5, 9, 2, 2), (3, 3, 5, 5)], 10, 6)
    assert touched == {1, 2, 5}
    assert full == {2}  # rows 0–4 and 5–9 together cover column 2
    assert column_marks([(1, 9, 0, 0)], 10, 3) == ({0}, set())  # row 0 is missing
    assert column_marks([(0, 0, 0, 7)], 1, 3) == ({0, 1, 2}, {0, 1, 2})  # clipped, one row
    assert column_marks([], 5, 3) == (set(), set())


def _answers(selection: QItemSelectionModel, columns: int) -> list[tuple[bool, bool]]:
    return [
        (selection.columnIntersectsSelection(c), selection.isColumnSelected(c))
        for c in range(columns)
    ]


def _check(window) -> None:
    """Both headers (main and frozen) answer as the table's own selection would."""
    table = window.table
    model = window.table_model
    source = table.selectionModel()
    expected = _answers(source, model.columnCount())
    for header in (table.horizontalHeader(), table.frozen.horizontalHeader()):
        mirror = header.selectionModel()
        assert mirror is not source
        assert _answers(mirror, model.columnCount()) == expected
        assert mirror.currentIndex() == source.currentIndex()


def test_header_follows_table_selection(window, qtbot) -> None:
    table = window.table
    model = window.table_model
    rows, columns = model.rowCount(), model.columnCount()
    assert rows >= 3
    source = table.selectionModel()
    table.select_cell(1, 2)
    _check(window)
    assert _answers(table.horizontalHeader().selectionModel(), columns)[2] == (True, False)
    # A pasted block from the top (the case that was slow) and a whole column.
    source.select(QItemSelection(model.index(0, 0), model.index(rows - 2, 4)), REPLACE)
    _check(window)
    source.select(QItemSelection(model.index(0, 6), model.index(rows - 1, 6)), SELECT)
    _check(window)
    assert _answers(table.horizontalHeader().selectionModel(), columns)[6] == (True, True)
    # Two pieces that together cover a column; then the whole table.
    source.select(QItemSelection(model.index(0, 3), model.index(0, 3)), REPLACE)
    source.select(QItemSelection(model.index(1, 3), model.index(rows - 1, 3)), SELECT)
    _check(window)
    table.selectAll()
    _check(window)
    assert all(full for _, full in _answers(table.horizontalHeader().selectionModel(), columns))
    source.clearSelection()
    _check(window)


def test_header_follows_row_changes(window, qtbot) -> None:
    """Whether a column is wholly selected depends on the row count: rows come and go."""
    table = window.table
    model = window.table_model
    rows = model.rowCount()
    column = 3
    table.select_cell(rows - 1, column)
    assert window.editor.insert_row(below=True)
    assert model.rowCount() == rows + 1
    source = table.selectionModel()
    source.select(QItemSelection(model.index(0, column), model.index(rows - 1, column)), REPLACE)
    _check(window)
    assert not source.isColumnSelected(column)  # the new last row is not selected
    window.edit.on_undo()
    assert model.rowCount() == rows
    _check(window)
    source.select(QItemSelection(model.index(0, column), model.index(rows - 1, column)), REPLACE)
    _check(window)
    assert table.horizontalHeader().selectionModel().isColumnSelected(column)


def test_header_follows_domain_switch(window, qtbot) -> None:
    table = window.table
    model = window.table_model
    table.select_cell(0, 1)
    _check(window)
    other = next(d.id for d in window.session.domains if d.id != model.domain_id)
    model.set_domain(other)
    _check(window)
