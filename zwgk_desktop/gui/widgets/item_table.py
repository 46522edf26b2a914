"""The item table view: fixed row heights, elided text, Excel-like keys, row dragging.

Rows are never sized to their contents (14 s at 13,000 rows, perf-baselines.md); long
text is read in the item form or the tooltip. A row is dragged by its number in the
vertical header: the header's visual move is undone at once and turned into an undoable
reorder of the items.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from zwgk_desktop.core.fields import FieldKind
from zwgk_desktop.gui.models.catalog_table import ItemTableModel

MIN_COLUMN = 56
MAX_COLUMN = 420


class ItemTableView(QTableView):
    clear_requested = Signal()  # Delete/Backspace on selected cells (not while editing)
    rows_dropped = Signal(object, int)  # (domain rows, target domain row: insert before)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

    def item_model(self) -> ItemTableModel | None:
        model = self.model()
        return model if isinstance(model, ItemTableModel) else None

    def apply_column_widths(self) -> None:
        """Widths from the Excel widths of FIELDS (in characters of the UI font)."""
        model = self.item_model()
        if model is None:
            return
        char = self.fontMetrics().horizontalAdvance("中")
        for column, spec in enumerate(model.fields):
            factor = 0.9 if spec.kind is FieldKind.LONG_TEXT else 1.0
            width = int(spec.excel_width * char * factor) + 16
            self.setColumnWidth(column, max(MIN_COLUMN, min(MAX_COLUMN, width)))

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
        place with the cursor at the end (as Excel)."""
        if trigger is None:
            return super().edit(index)
        self.edit_trigger = trigger
        opened = super().edit(index, trigger, event)
        editor = getattr(self.itemDelegate(), "last_editor", None)
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
        return opened

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        # Qt gives the table its focus back only if the editor itself had it; in the
        # channel pop-up the focus sits on one of its boxes (after ↑↓ or a click).
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is editor or editor.isAncestorOf(focus))
        super().closeEditor(editor, hint)
        if had_focus and not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move_current(1)  # Enter commits and moves down, as in Excel

    def _move_current(self, delta: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or model is None:
            return
        row = min(max(0, current.row() + delta), model.rowCount() - 1)
        target = model.index(row, current.column())
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def select_cell(self, row: int, column: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, max(0, column))
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

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
        if self.state() != QAbstractItemView.State.EditingState:
            return
        widget = QApplication.focusWidget()
        viewport = self.viewport()
        while widget is not None and widget.parentWidget() is not viewport:
            widget = widget.parentWidget()
        if widget is not None:
            self.commitData(widget)
            self.closeEditor(widget, QAbstractItemDelegate.EndEditHint.NoHint)

    def current_domain_row(self) -> int | None:
        model = self.item_model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return None
        return model.domain_row(current.row())

    def visible_index(self, row: int, column: int) -> QModelIndex:
        model = self.model()
        return model.index(row, column) if model is not None else QModelIndex()
