"""The main view does not draw the cells its frozen columns' view lies over, and the
screen still shows every cell right after scrolling."""

from __future__ import annotations

from collections import Counter

from tests.gui.paints import on_screen, rendered
from zwgk_desktop.core.model import Item
from zwgk_desktop.gui import delegates


def test_cells_under_the_frozen_columns_are_drawn_once(qtbot, doc_path) -> None:
    """From the window's first paint on (later, Qt itself leaves out what an opaque
    widget covers; at the first paint it did not, and the main view drew a quarter of its
    cells under the frozen columns)."""
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    msgbox.set_test_mode(True)
    window = MainWindow(welcome=False)
    qtbot.addWidget(window)
    painted: Counter[tuple[str, int]] = Counter()
    real = delegates.ItemDelegate.paint
    try:
        window.resize(1280, 800)
        window.file.open_path(doc_path)
        table = window.table
        delegate, twin = table.itemDelegate(), table.frozen.itemDelegate()

        def paint(self, painter, option, index) -> None:
            painted[("main" if self is delegate else "frozen", index.column())] += 1
            real(self, painter, option, index)

        delegate.paint = paint.__get__(delegate)
        twin.paint = paint.__get__(twin)
        window.show()  # as the app does: open, then show
        qtbot.waitUntil(lambda: window.doc.paint_watch.painted)
        qtbot.waitUntil(lambda: painted[("frozen", 0)] > 0)
        assert table.frozen.isVisible() and table.frozen.count == 2
        assert painted[("main", 2)] > 0
        assert not [column for view, column in painted if view == "main" and column < 2]
        assert {column for view, column in painted if view == "frozen"} == {0, 1}
    finally:
        window.doc.close_session()
        msgbox.set_test_mode(False)


def test_the_screen_shows_every_cell_after_scrolling_sideways_and_down(window, qtbot) -> None:
    items = [
        Item(level1=f"一级{n}", level2=f"二级事项{n}", content=f"公开内容{n}", basis=f"依据{n}")
        for n in range(120)
    ]
    window.session.insert_items("alpha", 0, items)
    table = window.table
    table.apply_column_widths()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, 160)  # wider than the view: it scrolls sideways
    qtbot.wait(50)
    sideways, down = table.horizontalScrollBar(), table.verticalScrollBar()
    assert sideways.maximum() > 0 and down.maximum() > 0
    for step in range(10):  # small steps both ways, as a wheel or the arrow keys do
        sideways.setValue(sideways.value() + (37 if step < 6 else -23))
        qtbot.wait(10)
        down.setValue(down.value() + (3 if step % 2 else -1))
        qtbot.wait(10)
    qtbot.waitUntil(
        lambda: not table.deferred_cells.pending and not table.frozen.deferred_cells.pending
    )
    qtbot.wait(20)
    assert 0 < sideways.value() < sideways.maximum()  # a column half under the frozen ones
    cells = table.viewport().geometry()  # (the row numbers' hover marks may differ)
    assert on_screen(window, table).copy(cells) == rendered(table).copy(cells)
