"""The item table's cells as painted: cached cells look exactly like freshly drawn ones,
and a font change never shows cells drawn in the old font."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from zwgk_desktop.gui import delegates
from zwgk_desktop.gui.delegates import MARK_COLORS
from zwgk_desktop.gui.models.catalog_table import SEVERITY_ROLE
from zwgk_desktop.gui.paint_budget import full_paint


def _grab(window) -> QImage:
    with full_paint():  # every cell, however long drawing them takes
        return window.table.viewport().grab().toImage()


def _fresh(window) -> QImage:
    delegates._PIXMAPS.clear()
    return _grab(window)


def test_cached_cells_look_like_fresh_ones(window, qtbot) -> None:
    window.table.select_cell(1, 2)
    qtbot.wait(20)
    fresh = _fresh(window)
    assert delegates._PIXMAPS.pixmaps  # the first paint filled the cache
    assert _grab(window) == fresh  # the second one drew from it


def test_font_change_redraws_every_cell(window, qtbot) -> None:
    before = _fresh(window)
    font = QFont(window.table.font())
    font.setPointSize(font.pointSize() + 4)
    window.table.setFont(font)
    qtbot.wait(20)
    after = _grab(window)
    assert after != before
    assert after == _fresh(window)  # nothing drawn in the old font came back


def test_severity_mark_in_the_cell_corner(window, qtbot) -> None:
    model = window.table_model
    col = model.column_of("time_limit")
    model.setData(model.index(1, col), "")  # 公开时限 is required
    window.table.select_cell(3, 0)  # leave the row: its marks show
    qtbot.waitUntil(lambda: model.index(1, col).data(SEVERITY_ROLE) is not None)
    severity = model.index(1, col).data(SEVERITY_ROLE)
    rect = window.table.visualRect(model.index(1, col))
    image = _fresh(window)
    corner = image.pixelColor(rect.right() - 1, rect.top() + 1)
    assert corner == QColor(MARK_COLORS[severity])
    assert _grab(window) == image


def _own_pixmap(view, option, width: int, height: int) -> QImage:
    """The reference: a cell drawn by Qt on a pixmap of its own."""
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    option.rect = QRect(0, 0, width, height)
    painter = QPainter(pixmap)
    view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, view)
    painter.end()
    return pixmap.toImage()


def test_scratch_drawing_matches_a_pixmap_of_its_own(qtbot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    context = delegates._CellContext(view, view.font(), 1.0)
    # A wide cell with long text, then a narrow one (no leftovers), then one taller and
    # wider than the scratch image so far (it grows).
    for text, width, height, selected in (
        ("《中华人民共和国政府信息公开条例》第二十条", 300, 26, False),
        ("主动", 60, 26, True),
        ("示范镇人民政府" * 3, 900, 80, False),
    ):
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.font = view.font()
        option.widget = view
        option.text = text
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if selected:
            option.state |= QStyle.StateFlag.State_Selected
        drawn = context.draw(option, width, height).toImage()
        assert drawn.size().width() == width
        assert drawn.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied) == _own_pixmap(
            view, option, width, height
        ).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
