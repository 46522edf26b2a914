"""The column header reads a tiny copy of the table's columns and selection.

A horizontal header asks ``isColumnSelected`` of each painted section after every
selection change, and Qt answers by calling ``index().flags()`` (three Python calls) for
every selected row of the column from the top: after a 500-row paste at the top that was
~5,500 cells and 60–150 ms before the repaint, and a whole selected column walked every
row of the domain. The header is given instead a two-row C++ model with the table's
column labels (``QStandardItemModel``) and a selection on it: row 0 of a column is
selected when the table's selection touches the column, row 1 too when it covers every
row. The header shows exactly what it showed before (bold where a column is touched,
sunken where it is fully selected) without calling Python. Clicks on a section still
select in the table (QTableView does that, not the header); sizes, hiding and moving of
sections are the header's own, whatever its model.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

_REPLACE = QItemSelectionModel.SelectionFlag.ClearAndSelect
_NO_UPDATE = QItemSelectionModel.SelectionFlag.NoUpdate
_HORIZONTAL = Qt.Orientation.Horizontal
_LABEL_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def column_marks(
    ranges: list[tuple[int, int, int, int]], rows: int, columns: int
) -> tuple[set[int], set[int]]:
    """The columns a selection touches and those it covers entirely.

    ``ranges`` are (top, bottom, left, right), inclusive, as QItemSelectionRange has them.
    """
    touched: set[int] = set()
    spans: dict[int, list[tuple[int, int]]] = {}
    for top, bottom, left, right in ranges:
        for column in range(max(left, 0), min(right, columns - 1) + 1):
            touched.add(column)
            spans.setdefault(column, []).append((top, bottom))
    full = set()
    for column, parts in spans.items():
        reach = 0  # rows 0..reach-1 are covered
        for top, bottom in sorted(parts):
            if top > reach:
                break
            reach = max(reach, bottom + 1)
        if rows and reach >= rows:
            full.add(column)
    return touched, full


class HeaderSelection(QObject):
    """Keeps ``view``'s horizontal header on a copy of ``view``'s columns and selection."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.shadow = QStandardItemModel(2, 0, self)  # row 0: touched, row 1: all rows
        self.mirror = QItemSelectionModel(self.shadow, self)
        self._source: QItemSelectionModel | None = None
        self._model: Any = None

    def install(self) -> None:
        """(Re)attach after the view got a model or a selection model."""
        view = self.view
        model = view.model()
        source = view.selectionModel()
        if model is None or source is None:
            return
        if model is not self._model:
            self._disconnect_model()
            self._model = model
            model.headerDataChanged.connect(self._labels)
            for signal in (model.columnsInserted, model.columnsRemoved):
                signal.connect(self._labels)
            for signal in (model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self.sync)
            model.modelReset.connect(self._labels)
        if source is not self._source:
            self._disconnect_source()
            self._source = source
            source.selectionChanged.connect(self.sync)
            source.currentChanged.connect(self._sync_current)
        header: QHeaderView = view.horizontalHeader()
        self._labels()
        if header.model() is not self.shadow:
            header.setModel(self.shadow)
        if header.selectionModel() is not self.mirror:
            header.setSelectionModel(self.mirror)
        self.sync()

    def _disconnect_model(self) -> None:
        model = self._model
        if model is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # gone with its C++ object
                model.headerDataChanged.disconnect(self._labels)
                model.columnsInserted.disconnect(self._labels)
                model.columnsRemoved.disconnect(self._labels)
                model.modelReset.disconnect(self._labels)
                model.rowsInserted.disconnect(self.sync)
                model.rowsRemoved.disconnect(self.sync)
                model.layoutChanged.disconnect(self.sync)

    def _disconnect_source(self) -> None:
        source = self._source
        if source is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                source.selectionChanged.disconnect(self.sync)
                source.currentChanged.disconnect(self._sync_current)

    def _labels(self, *_: Any) -> None:
        """The table's column labels and tooltips, copied (they change with the catalog)."""
        model, shadow = self._model, self.shadow
        if model is None:
            return
        columns = model.columnCount()
        if shadow.columnCount() != columns:
            shadow.setColumnCount(columns)
        for section in range(columns):
            for role in _LABEL_ROLES:
                value = model.headerData(section, _HORIZONTAL, role)
                if shadow.headerData(section, _HORIZONTAL, role) != value:
                    shadow.setHeaderData(section, _HORIZONTAL, value, role)
        self.sync()

    def sync(self, *_: Any) -> None:
        source, model, shadow = self._source, self._model, self.shadow
        if source is None or model is None:
            return
        rows, columns = model.rowCount(), shadow.columnCount()
        ranges = [(r.top(), r.bottom(), r.left(), r.right()) for r in source.selection()]
        touched, full = column_marks(ranges, rows, columns)
        selection = QItemSelection()
        for column in sorted(touched):
            bottom = 1 if column in full else 0
            selection.select(shadow.index(0, column), shadow.index(bottom, column))
        if _key(self.mirror.selection()) != _key(selection):
            self.mirror.select(selection, _REPLACE)
        self._sync_current()

    def _sync_current(self, *_: Any) -> None:
        """The current column alone: a moved cursor does not change what is selected (a
        move that does also changes the selection, which syncs the whole)."""
        source, shadow = self._source, self.shadow
        if source is None:
            return
        current = source.currentIndex()
        column = current.column() if current.isValid() else -1
        if self.mirror.currentIndex().column() != column:
            target = shadow.index(0, column) if column >= 0 else QModelIndex()
            self.mirror.setCurrentIndex(target, _NO_UPDATE)


def _key(selection: QItemSelection) -> list[tuple[int, int, int, int]]:
    return sorted((r.top(), r.bottom(), r.left(), r.right()) for r in selection)
