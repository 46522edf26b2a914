"""The item table view: fixed row heights, elided text, Excel-like keys, row dragging.

Rows are never sized to their contents (14 s at 13,000 rows, perf-baselines.md); long
text is read in the item form or the tooltip. A row is dragged by its number in the
vertical header: the header's visual move is undone at once and turned into an undoable
reorder of the items.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QRegion
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from zwgk_desktop.gui import look
from zwgk_desktop.gui.models.catalog_table import ItemTableModel
from zwgk_desktop.gui.paint_budget import DeferredCells
from zwgk_desktop.gui.widgets.compact import FROZEN_KEYS, column_widths
from zwgk_desktop.gui.widgets.frozen import FrozenView
from zwgk_desktop.gui.widgets.header_selection import HeaderSelection
from zwgk_desktop.gui.widgets.row_numbers import RowNumbers
from zwgk_desktop.gui.widgets.viewport import own_viewport

MIN_COLUMN = 56
MAX_COLUMN = 420


class ItemTableView(QTableView):
    clear_requested = Signal()  # Delete/Backspace on selected cells (not while editing)
    rows_dropped = Signal(object, int)  # (domain rows, target domain row: insert before)
    painted = Signal()  # after each paint of the cells (``first_paint.PaintWatch``)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)  # before any viewport() call: see viewport.py
        self.deferred_cells = DeferredCells(self)  # new cells past a pass's budget
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setCornerButtonEnabled(True)
        self.setVerticalHeader(RowNumbers(self))
        look.plain_row_numbers(self)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        vertical.setSectionsMovable(True)
        vertical.setToolTip("拖动行号可移动事项")
        vertical.sectionMoved.connect(self._on_section_moved)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setHighlightSections(True)
        horizontal.setStretchLastSection(False)
        self._moving = False
        self.edit_trigger: Any = None  # how the open (or last) editor was started
        self.header_selection = HeaderSelection(self)
        self.frozen = FrozenView(self)
        self.viewport().stackUnder(self.frozen)
        self._applying = False
        self._auto_widths = False
        horizontal.sectionResized.connect(self._section_resized)

    def is_editing(self) -> bool:
        """A cell editor is open, in the main view or in the frozen columns."""
        editing = QAbstractItemView.State.EditingState
        return self.state() == editing or self.frozen.state() == editing

    def item_model(self) -> ItemTableModel | None:
        model = self.model()
        return model if isinstance(model, ItemTableModel) else None

    def apply_column_widths(self) -> None:
        """Compact widths in characters of the UI font, wider when the window has room
        (``compact.column_widths``); 一级/二级事项 are frozen on the left."""
        model = self.item_model()
        if model is None:
            return
        char = self.fontMetrics().horizontalAdvance("中")
        keys = [spec.key for spec in model.fields]
        room = self.viewport().width()
        self._applying = True
        try:
            for column, width in enumerate(column_widths(keys, char, room)):
                self.setColumnWidth(column, max(MIN_COLUMN, min(MAX_COLUMN, width)))
        finally:
            self._applying = False
        self._auto_widths = True  # follow the window's size until the clerk sets a width
        frozen = 0
        while frozen < len(keys) and keys[frozen] in FROZEN_KEYS:
            frozen += 1
        self.frozen.attach(frozen)

    # ----------------------------------------------------------------- frozen columns
    def setModel(self, model: Any) -> None:  # noqa: N802 (Qt name)
        super().setModel(model)
        if "frozen" in self.__dict__:
            self.frozen.attach(self.frozen.count if model is not None else 0)

    def setSelectionModel(self, selection: Any) -> None:  # noqa: N802 (Qt name)
        super().setSelectionModel(selection)
        if "header_selection" in self.__dict__:
            self.header_selection.install()  # the column header highlights from a mirror

    def setItemDelegate(self, delegate: Any) -> None:  # noqa: N802 (Qt name)
        super().setItemDelegate(delegate)
        if "frozen" in self.__dict__:
            # A delegate talks to every view it is set on: the frozen view gets its own.
            twin = getattr(delegate, "twin", None)
            self.frozen.setItemDelegate(twin(self.frozen) if twin is not None else delegate)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        # The frozen columns' view lies over the left of the cells: what is under it is not
        # drawn (a quarter of the cells of a first paint). Qt repaints rather than moves
        # pixels when the view scrolls, since a widget overlaps it, so nothing from under
        # it ever comes into sight.
        hidden = self.frozen.covered() if "frozen" in self.__dict__ else QRect()
        region = event.region()
        if not hidden.isEmpty() and region.intersects(hidden):
            event = QPaintEvent(region.subtracted(QRegion(hidden)))
        self.deferred_cells.paint(event, super().paintEvent)
        self.painted.emit()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt name)
        super().updateGeometries()
        if "frozen" in self.__dict__:  # Qt calls this while the view is being built
            self.frozen.update_geometry()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if "frozen" in self.__dict__:
            if self._auto_widths and event.size().width() != event.oldSize().width():
                self.apply_column_widths()
            self.frozen.update_geometry()

    def _section_resized(self, *_: Any) -> None:
        if not self._applying:
            self._auto_widths = False  # the clerk's own widths are kept
        self.frozen.update_geometry()

    def scrollTo(self, index: Any, hint: Any = QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        """Never leave the current cell under the frozen columns."""
        frozen = self.frozen.width_frozen() if "frozen" in self.__dict__ else 0
        if not frozen or not index.isValid():
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        keep = bar.value()
        if index.column() < self.frozen.count:
            # A frozen column is always in view: scroll rows only. QTableView would scroll
            # the columns to it and back, repainting the whole table (≈15 ms) for nothing;
            # with the bar silent its round trip moves nothing.
            blocked = bar.blockSignals(True)
            try:
                super().scrollTo(index, hint)
                bar.setValue(keep)
            finally:
                bar.blockSignals(blocked)
            return
        super().scrollTo(index, hint)
        left = self.visualRect(index).left()
        if left < frozen:
            bar.setValue(bar.value() - (frozen - left))

    # ----------------------------------------------------------------- keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_requested.emit()
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_current(1)
                event.accept()
                return
        if (
            not editing
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            self._move_current(-1)
            event.accept()
            return
        super().keyPressEvent(event)

    def edit(self, index: QModelIndex, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        """Remember how editing started: typing replaces the cell, F2/double-click edit in
        place with the cursor at the end (as Excel). Frozen cells are edited in the frozen
        view, so their editor is not hidden under it."""
        if trigger is None:
            return super().edit(index)
        view: QTableView = self
        if self.frozen.isVisible() and index.isValid() and index.column() < self.frozen.count:
            view = self.frozen
            opened = self.frozen.edit(index, trigger, event)
        else:
            self.edit_trigger = trigger
            opened = super().edit(index, trigger, event)
        if view is self:
            self.place_cursor(self, trigger, opened)
        return opened

    @staticmethod
    def place_cursor(view: QTableView, trigger: Any, opened: bool) -> None:
        """F2 and double-click put the cursor at the end of a one-line cell (Qt selects all)."""
        editor = getattr(view.itemDelegate(), "last_editor", None)
        if (
            opened
            and isinstance(editor, QLineEdit)
            and trigger
            in (
                QAbstractItemView.EditTrigger.EditKeyPressed,
                QAbstractItemView.EditTrigger.DoubleClicked,
            )
        ):
            editor.deselect()
            editor.end(False)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        # Qt gives the table its focus back only if the editor itself had it; in the
        # channel pop-up the focus sits on one of its boxes (after ↑↓ or a click).
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is editor or editor.isAncestorOf(focus))
        hint, step = self.split_hint(hint)
        super().closeEditor(editor, hint)
        if had_focus and not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.after_edit(hint, step)

    @staticmethod
    def split_hint(
        hint: QAbstractItemDelegate.EndEditHint,
    ) -> tuple[QAbstractItemDelegate.EndEditHint, int]:
        """Tab/Shift+Tab commit and move one cell without opening the next editor (Excel)."""
        Hint = QAbstractItemDelegate.EndEditHint  # noqa: N806
        if hint == Hint.EditNextItem:
            return Hint.SubmitModelCache, 2
        if hint == Hint.EditPreviousItem:
            return Hint.SubmitModelCache, -2
        return hint, 0

    def after_edit(self, hint: QAbstractItemDelegate.EndEditHint, step: int) -> None:
        """Enter moves down; Tab/Shift+Tab (``step`` ±2) move right/left."""
        if step:
            current = self.currentIndex()
            model = self.model()
            if current.isValid() and model is not None:
                column = current.column() + (1 if step > 0 else -1)
                column = max(0, min(column, model.columnCount() - 1))
                self.select_cell(current.row(), column, center=False)
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move_current(1)  # Enter commits and moves down, as in Excel

    def move_current(self, delta: int) -> None:
        self._move_current(delta)

    def _move_current(self, delta: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or model is None:
            return
        row = min(max(0, current.row() + delta), model.rowCount() - 1)
        target = model.index(row, current.column())
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def select_cell(self, row: int, column: int, center: bool = True) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, max(0, column))
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        hint = QAbstractItemView.ScrollHint
        self.scrollTo(index, hint.PositionAtCenter if center else hint.EnsureVisible)

    def select_rows(self, rows: list[int], column: int = 0) -> None:
        """Select whole visible rows (after insert/move) and make the first current."""
        model = self.model()
        if model is None or not rows:
            return
        selection = self.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            if 0 <= row < model.rowCount():
                selection.select(model.index(row, 0), flags)
        first = model.index(rows[0], column)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.scrollTo(first)

    # ----------------------------------------------------------------- row drag
    def _on_section_moved(self, logical: int, old_visual: int, new_visual: int) -> None:
        if self._moving:
            return
        header = self.verticalHeader()
        self._moving = True
        try:
            header.moveSection(new_visual, old_visual)  # the model, not the header, moves rows
        finally:
            self._moving = False
        model = self.item_model()
        if model is None or old_visual == new_visual:
            return
        source = model.domain_row(logical)
        target_visible = new_visual + (1 if new_visual > old_visual else 0)
        if target_visible >= model.rowCount():
            target = len(model.session.items(model.domain_id)) if model.domain_id else 0
        else:
            target = model.domain_row(target_visible)
        self.rows_dropped.emit([source], target)

    def commit_open_editor(self) -> None:
        """Commit a cell being edited (before the document closes), as Excel does."""
        if not self.is_editing():
            return
        widget = QApplication.focusWidget()
        viewports = (self.viewport(), self.frozen.viewport())
        while widget is not None and widget.parentWidget() not in viewports:
            widget = widget.parentWidget()
        if widget is not None:
            view = self.frozen if widget.parentWidget() is self.frozen.viewport() else self
            view.commitData(widget)
            view.closeEditor(widget, QAbstractItemDelegate.EndEditHint.NoHint)

    def current_domain_row(self) -> int | None:
        model = self.item_model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return None
        return model.domain_row(current.row())

    def visible_index(self, row: int, column: int) -> QModelIndex:
        model = self.model()
        return model.index(row, column) if model is not None else QModelIndex()
