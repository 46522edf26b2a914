"""Seeing the whole item: frozen 一级/二级事项, compact choice cells, the window fitting the
screen. Real window, real mouse and keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QStyleOptionViewItem

from tests.gui.test_editing import col
from zwgk_desktop.gui.widgets.compact import column_widths, compact_choice


def test_compact_choice_texts() -> None:
    assert compact_choice("channels", ["政府网站", "政务服务中心"]) == "网站·政务中心"
    assert compact_choice("channels", ["政府网站", "两微一端", "其他", "信用中国网站"]) == (
        "4项 网站·两微·其他·信用中国"
    )
    assert compact_choice("level", ["县级", "乡级"]) == "县+乡"
    assert compact_choice("method", ["依申请"]) == "依申请"
    assert compact_choice("audience", []) == ""


def test_widths_grow_only_with_room() -> None:
    keys = ["level1", "level2", "content"]
    small = column_widths(keys, 13, 100)
    big = column_widths(keys, 13, 5000)
    assert sum(small) < sum(big)
    assert small[0] < big[0] and small[2] < big[2]


def test_table_shows_compact_cells_with_full_tooltips(window) -> None:
    model = window.table_model
    index = model.index(0, col(window, "channels"))
    option = QStyleOptionViewItem()
    window.table.itemDelegate().initStyleOption(option, index)
    assert option.text == "网站·政务中心"
    assert index.data() == "政府网站、政务服务中心"  # the model (copy, search) keeps words
    assert "政务服务中心" in index.data(Qt.ItemDataRole.ToolTipRole)
    header = model.headerData(col(window, "channels"), Qt.Orientation.Horizontal)
    assert header == "渠道"
    tip = model.headerData(col(window, "channels"), Qt.Orientation.Horizontal, 3)
    assert tip.startswith("公开渠道和载体")


def test_a_cell_of_excel_size_has_a_tooltip_of_a_screen(window) -> None:
    """A received 32,767-character cell (text or a channel of its own) shows its first 600
    characters in the tooltip (the form shows it all): Qt would lay all of it out."""
    model = window.table_model
    item = window.session.items(model.domain_id)[0]
    item.content = "长" * 32_767
    item.channels = ["政府网站", "渠" * 32_767]
    for key in ("content", "channels"):
        tip = model.index(0, col(window, key)).data(Qt.ItemDataRole.ToolTipRole)
        assert "…" in tip and len(tip) < 1000


def test_level1_level2_stay_frozen_while_scrolling_sideways(window, qtbot) -> None:
    window.resize(900, 700)
    qtbot.wait(20)
    table = window.table
    frozen = table.frozen
    assert frozen.isVisible() and frozen.count == 2
    assert frozen.x() == table.verticalHeader().width() + table.frameWidth()  # no overlap
    table.select_cell(1, col(window, "level"))
    qtbot.wait(20)
    assert table.horizontalScrollBar().value() > 0
    assert table.visualRect(table.currentIndex()).left() >= frozen.width_frozen()
    # The frozen view still shows row 2's 一级/二级事项 at the row's height.
    rect = frozen.visualRect(table.model().index(1, col(window, "level2")))
    assert rect.isValid() and rect.left() < frozen.width()
    # Clicking a frozen cell selects it in the shared selection and keeps the keys on the table.
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == 1
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 2
    assert table.visualRect(table.currentIndex()).left() >= frozen.width_frozen()


def test_frozen_cell_double_click_edits_in_the_frozen_view(window, qtbot) -> None:
    window.resize(900, 700)
    table = window.table
    table.select_cell(0, col(window, "level"))  # scrolled sideways
    rect = table.frozen.visualRect(table.model().index(2, col(window, "level2")))
    # A real double-click starts with a press (QTest's mouseDClick alone sends none).
    qtbot.mouseClick(table.frozen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.frozen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = next(w for w in table.frozen.viewport().findChildren(QLineEdit) if w.isVisible())
    assert editor.cursorPosition() == len(editor.text()) and not editor.hasSelectedText()
    qtbot.keyClicks(editor, "B")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.session.items("alpha")[2].level2 == "事项3B")
    assert QApplication.focusWidget() is table
    assert table.currentIndex().column() == col(window, "content")


def test_window_fills_a_small_screen_and_keeps_the_clerks_size(qtbot, doc_path) -> None:
    from zwgk_desktop.gui.mainwindow import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    first.chrome.fit_to_screen()  # a first start on a real screen (offscreen starts at a fixed size)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.show()
    qtbot.waitExposed(first)
    assert first.width() >= area.width() * 0.85
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(20, 20, 700, 500)
    qtbot.wait(20)
    size = (first.width(), first.height())  # within the window's minimum size
    first.close()  # saves the geometry

    second = MainWindow()
    qtbot.addWidget(second)
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    assert (second.width(), second.height()) == size
    assert second.pos() != QPoint(-1, -1)


def test_frozen_columns_survive_a_domain_switch_and_a_filter(window, qtbot) -> None:
    table = window.table
    window.doc.show_domain("beta")
    window.doc.apply_filter("事项2")
    qtbot.wait(10)
    frozen = table.frozen
    assert frozen.isVisible() and frozen.isColumnHidden(2) and not frozen.isColumnHidden(1)
    assert [frozen.columnWidth(c) for c in (0, 1)] == [table.columnWidth(c) for c in (0, 1)]
    assert frozen.model().index(0, 1).data() == "事项2"


def test_frozen_cell_scrolls_rows_only_and_repaints_nothing_in_view(qtbot, tmp_path) -> None:
    """Showing a 一级/二级 cell (undo goes to the cell it changed) scrolls the rows to it but
    never the columns: they used to scroll there and back, repainting the whole table."""
    from PySide6.QtCore import QEvent, QObject

    from tests.gui.factories import small_catalog
    from zwgk_desktop.core.model import Item
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    catalog = small_catalog()
    catalog.domains[0].items += [Item(level1="政策文件", level2=f"长表事项{n}") for n in range(300)]
    path = tmp_path / "长表.zwgk"
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.file.open_path(path)
    window.show()
    qtbot.waitExposed(window)
    try:
        table = window.table
        table.select_cell(1, col(window, "level"))
        qtbot.wait(20)
        sideways = table.horizontalScrollBar().value()
        assert sideways > 0
        level2 = col(window, "level2")
        table.select_cell(250, level2)
        qtbot.wait(20)
        assert table.horizontalScrollBar().value() == sideways
        assert table.verticalScrollBar().value() > 0
        frozen_rect = table.frozen.visualRect(table.model().index(250, level2))
        assert table.frozen.viewport().rect().contains(frozen_rect.center())

        paints: list[object] = []

        class Log(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    paints.append(event.rect())  # type: ignore[attr-defined]
                return False

        log = Log()
        table.viewport().installEventFilter(log)
        window.validation.wait_idle()  # background checks repaint their marks: let them
        for _ in range(40):  # settle: 150 ms without a paint (at most 2 s)
            paints.clear()
            qtbot.wait(150)
            if not paints:
                break
        paints.clear()
        table.select_cell(250, level2)  # already in view: nothing to scroll or repaint
        qtbot.wait(50)
        assert paints == []
        assert table.horizontalScrollBar().value() == sideways
    finally:
        window.doc.close_session()
        msgbox.set_test_mode(False)


def test_the_frozen_columns_edge_is_a_strip_not_a_style_sheet(window) -> None:
    """A style sheet on the frozen view sent its cells through Qt's style-sheet engine
    (and its border never showed); the edge is a strip over the view's spare pixels."""
    from zwgk_desktop.gui.widgets.frozen import EDGE_COLOR, EDGE_WIDTH

    frozen = window.table.frozen
    window.resize(1366, 768)
    window.show()
    frozen.update_geometry()
    assert frozen.isVisible() and frozen.styleSheet() == ""
    assert frozen.width() == frozen.width_frozen() + EDGE_WIDTH
    edge = frozen.edge.geometry()
    assert (edge.left(), edge.width(), edge.height()) == (
        frozen.width() - EDGE_WIDTH,
        EDGE_WIDTH,
        frozen.height(),
    )
    image = frozen.grab().toImage()
    middle = image.height() // 2
    assert image.pixelColor(image.width() - 1, middle).name() == EDGE_COLOR
