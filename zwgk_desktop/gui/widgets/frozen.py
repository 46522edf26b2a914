"""一级/二级事项 kept on the left while the table scrolls sideways.

Qt's "Frozen Column" example: a second view over the same model and selection model,
laid on top of the main view's left edge, showing only the frozen columns. Its row
scrolling, row heights and column widths follow the main view. Keys stay with the main
view; an edit of a frozen cell (typed, F2, double-click) happens in this view, so the
editor is not hidden under it, and the focus goes back to the main view afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QFrame,
    QHeaderView,
    QTableView,
    QWidget,
)

from zwgk_desktop.gui.paint_budget import DeferredCells
from zwgk_desktop.gui.widgets.header_selection import HeaderSelection
from zwgk_desktop.gui.widgets.viewport import own_viewport

if TYPE_CHECKING:
    from zwgk_desktop.gui.widgets.item_table import ItemTableView

EDGE_COLOR = "#9aa5b1"
EDGE_WIDTH = 2


class FrozenView(QTableView):
    def __init__(self, main: ItemTableView) -> None:
        super().__init__(main)
        own_viewport(self)
        self.deferred_cells = DeferredCells(self)  # new cells past a pass's budget
        self.main = main
        self.count = 0
        self.edit_trigger: Any = None
        self.setObjectName("frozenColumns")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The line that sets the frozen columns off: a strip of its own over the view's
        # 2 spare pixels (see update_geometry), not a style sheet, which would send all
        # of this view's painting through Qt's style-sheet engine.
        self.edge = QWidget(self)
        self.edge.setObjectName("frozenEdge")
        self.edge.setAutoFillBackground(True)
        palette = self.edge.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(EDGE_COLOR))
        self.edge.setPalette(palette)
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(main.verticalScrollMode())
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(main.selectionBehavior())
        self.setSelectionMode(main.selectionMode())
        self.setEditTriggers(main.editTriggers())  # keys arrive only through main.edit()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setHighlightSections(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: main.customContextMenuRequested.emit(
                self.viewport().mapTo(main.viewport(), pos)
            )
        )
        self.verticalScrollBar().valueChanged.connect(main.verticalScrollBar().setValue)
        main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        main.horizontalHeader().sectionResized.connect(self._main_resized)
        self.horizontalHeader().sectionResized.connect(self._frozen_resized)
        self.header_selection = HeaderSelection(self)
        self.hide()

    def attach(self, count: int) -> None:
        """Show the first ``count`` columns of the main view's model (0 = none)."""
        model = self.main.model()
        self.count = count if model is not None else 0
        if self.model() is not model:
            self.setModel(model)
        if model is None or not self.count:
            self.hide()
            return
        if self.selectionModel() is not self.main.selectionModel():
            self.setSelectionModel(self.main.selectionModel())
        self.header_selection.install()  # its column header highlights from a mirror
        header = self.main.verticalHeader()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(header.defaultSectionSize())
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column >= self.count)
            if column < self.count:
                self.setColumnWidth(column, self.main.columnWidth(column))
        self.show()
        self.raise_()
        self.update_geometry()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.edge.setGeometry(self.width() - EDGE_WIDTH, 0, EDGE_WIDTH, self.height())
        self.edge.raise_()

    def width_frozen(self) -> int:
        return sum(self.main.columnWidth(c) for c in range(self.count)) if self.isVisible() else 0

    def covered(self) -> QRect:
        """The part of the main view's cell area this view lies over (empty when hidden):
        its cells there are never seen, so the main view does not draw them."""
        if not self.isVisible():
            return QRect()
        cells = self.viewport()
        main = self.main.viewport()
        return QRect(main.mapFrom(self.main, cells.mapTo(self.main, QPoint(0, 0))), cells.size())

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.deferred_cells.paint(event, super().paintEvent)

    def update_geometry(self) -> None:
        if not self.count or self.model() is None:
            return
        main = self.main
        frame = main.frameWidth()
        self.setGeometry(
            main.verticalHeader().width() + frame,
            frame,
            self.width_frozen() + EDGE_WIDTH,
            main.viewport().height() + main.horizontalHeader().height(),
        )
        self.verticalScrollBar().setValue(main.verticalScrollBar().value())

    # ----------------------------------------------------------------- editing
    def edit(self, index: QModelIndex, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:
            return super().edit(index)
        self.main.edit_trigger = self.edit_trigger = trigger
        opened = super().edit(index, trigger, event)
        self.main.place_cursor(self, trigger, opened)
        return opened

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        hint, step = self.main.split_hint(hint)
        super().closeEditor(editor, hint)
        self.main.setFocus(Qt.FocusReason.OtherFocusReason)
        self.main.after_edit(hint, step)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.main.setFocus(Qt.FocusReason.MouseFocusReason)  # keys stay with the main view
        super().mousePressEvent(event)

    # ----------------------------------------------------------------- syncing
    def _main_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.setColumnWidth(column, new)
            self.update_geometry()

    def _frozen_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count and self.main.columnWidth(column) != new:
            self.main.setColumnWidth(column, new)
