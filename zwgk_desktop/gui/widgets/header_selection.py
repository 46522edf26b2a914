"""The column header's own, tiny copy of the table's selection, for its highlighting.

A horizontal header asks ``isColumnSelected`` of each painted section after every
selection change, and Qt answers by calling ``index().flags()`` (three Python calls)
for every selected row of the column from the top: after a 500-row paste at row 1 that is
~5,500 cells and 60–150 ms before the repaint. The header is given instead a selection
model of the same table model holding, per column, one cell when the table's selection
touches the column and the whole column when it covers every row. The header then shows
exactly what it showed before (bold where a column is touched, sunken where it is fully
selected) for one or two ``flags`` calls per section. Clicks on a section still select
in the table's own selection model (QTableView does that, not the header).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

_REPLACE = QItemSelectionModel.SelectionFlag.ClearAndSelect
_NO_UPDATE = QItemSelectionModel.SelectionFlag.NoUpdate


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
    """Keeps ``view``'s horizontal header on a mirror of ``view``'s selection."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.mirror: QItemSelectionModel | None = None
        self._source: QItemSelectionModel | None = None
        self._model: Any = None

    def install(self) -> None:
        """(Re)attach after the view got a model or a selection model."""
        view = self.view
        model = view.model()
        source = view.selectionModel()
        header: QHeaderView = view.horizontalHeader()
        if model is None or source is None:
            return
        if model is not self._model:
            self._disconnect_model()
            self._model = model
            for signal in (
                model.rowsInserted,
                model.rowsRemoved,
                model.modelReset,
                model.layoutChanged,
            ):
                signal.connect(self.sync)
            self.mirror = QItemSelectionModel(model, self)
        if source is not self._source:
            self._disconnect_source()
            self._source = source
            source.selectionChanged.connect(self.sync)
            source.currentChanged.connect(self.sync)
        if header.selectionModel() is not self.mirror:
            header.setSelectionModel(self.mirror)
        self.sync()

    def _disconnect_model(self) -> None:
        model = self._model
        if model is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # gone with its C++ object
                for signal in (
                    model.rowsInserted,
                    model.rowsRemoved,
                    model.modelReset,
                    model.layoutChanged,
                ):
                    signal.disconnect(self.sync)

    def _disconnect_source(self) -> None:
        source = self._source
        if source is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                source.selectionChanged.disconnect(self.sync)
                source.currentChanged.disconnect(self.sync)

    def sync(self, *_: Any) -> None:
        mirror, source, model = self.mirror, self._source, self._model
        if mirror is None or source is None or model is None:
            return
        rows, columns = model.rowCount(), model.columnCount()
        ranges = [(r.top(), r.bottom(), r.left(), r.right()) for r in source.selection()]
        touched, full = column_marks(ranges, rows, columns)
        selection = QItemSelection()
        for column in sorted(touched):
            if column in full:
                selection.select(model.index(0, column), model.index(rows - 1, column))
            else:
                # Row 1 (never row 0): Qt's column walk then stops at the unselected row 0.
                row = 1 if rows > 1 else 0
                selection.select(model.index(row, column), model.index(row, column))
        current = source.currentIndex()
        if not _same(mirror.selection(), selection):
            mirror.select(selection, _REPLACE)
        if mirror.currentIndex() != current:
            mirror.setCurrentIndex(current, _NO_UPDATE)


def _same(a: QItemSelection, b: QItemSelection) -> bool:
    def key(s: QItemSelection) -> list[tuple[int, int, int, int]]:
        return sorted((r.top(), r.bottom(), r.left(), r.right()) for r in s)

    return key(a) == key(b)
