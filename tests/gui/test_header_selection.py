"""The column header highlights from a mirror of the table's selection (issue 14: Qt's
own check walked every selected row of every column after a paste)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from zwgk_desktop.gui.widgets.header_selection import column_marks

SELECT = QItemSelectionModel.SelectionFlag.Select
REPLACE = QItemSelectionModel.SelectionFlag.ClearAndSelect
HORIZONTAL = Qt.Orientation.Horizontal


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
        assert mirror.currentIndex().column() == source.currentIndex().column()
        assert mirror.model() is not model  # the header calls no Python for its highlight
        for section in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                assert header.model().headerData(section, HORIZONTAL, role) == model.headerData(
                    section, HORIZONTAL, role
                )


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


def test_a_moved_cursor_moves_the_header_current_without_a_whole_sync(window, qtbot) -> None:
    """A cursor moved without changing the selection (NoUpdate, as a paste leaves it)
    moves the header's current column; only a selection change recomputes the marks."""
    table = window.table
    model = window.table_model
    source = table.selectionModel()
    source.select(QItemSelection(model.index(0, 1), model.index(2, 3)), REPLACE)
    whole = []
    selection = table.header_selection
    selection.mirror.selectionChanged.connect(lambda *_: whole.append(1))
    for column in (3, 2, 1):
        source.setCurrentIndex(model.index(0, column), QItemSelectionModel.SelectionFlag.NoUpdate)
        _check(window)
    assert whole == []  # the marks stood: only the current column moved
    source.select(QItemSelection(model.index(0, 5), model.index(0, 5)), REPLACE)
    _check(window)
    assert whole


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


def test_repaint_after_a_block_paste_asks_few_flags(qtbot, session) -> None:
    """A 300×11 block pasted at the top and selected: the repaint asks ``flags()`` for the
    cells it draws and the headers' sections, not for every selected cell (3,300)."""
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui.editing import TableEditor
    from zwgk_desktop.gui.models.catalog_table import ItemTableModel
    from zwgk_desktop.gui.widgets.item_table import ItemTableView

    class CountingModel(ItemTableModel):
        calls = 0

        def flags(self, index):  # noqa: ANN001, ANN201 (Qt override)
            CountingModel.calls += 1
            return super().flags(index)

    model = CountingModel(session)
    view = ItemTableView()
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.setModel(model)
    model.set_domain("alpha")
    view.apply_column_widths()  # the frozen columns and their header too
    view.show()
    qtbot.waitExposed(view)
    editor = TableEditor(session, model, view)
    rows = 300
    block = "".join(
        f"政策文件\t事项{n}\t内容{n}\t依据\t及时\t本单位\t政府网站\t全社会\t\t主动\t乡级\r\n"
        for n in range(rows)
    )
    view.select_cell(0, 0)
    QApplication.processEvents()
    assert editor.paste(block)
    assert model.rowCount() >= rows
    selection = view.selectionModel().selection()
    assert len(selection) == 1 and selection[0].height() == rows and selection[0].width() == 11
    CountingModel.calls = 0
    QApplication.processEvents()
    assert (
        0 < CountingModel.calls < 2000
    )  # ~2 per drawn cell (~1,200), not per selected; was ~5,100


def test_clicking_a_column_header_still_selects_the_column(window, qtbot) -> None:
    from PySide6.QtCore import QPoint

    table = window.table
    header = table.horizontalHeader()
    column = 4
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert table.selectionModel().isColumnSelected(column)
    _check(window)
    assert header.selectionModel().isColumnSelected(column)
