"""The table's row numbers, whose width is worked out again only when it can change.

Qt works out a header's size from its first and last 100 sections, asking the model four
questions about each (800 Python calls), and forgets the answer at every model reset,
show, polish and font change: before the first paint of a domain of 600 items it did so
three times, ~10 ms. The width of the numbers depends only on the numbers themselves
(the first and the last: the model numbers rows in order), the font and the style, so
:meth:`RowNumbers.sizeHint` asks Qt again only when one of those has changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QWidget


class RowNumbers(QHeaderView):
    """A vertical header that keeps its size hint while its numbers' look is the same."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView sets up its own
        self.setHighlightSections(True)
        self._key: tuple[Any, ...] | None = None
        self._hint = QSize()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        self.ensurePolished()  # as Qt's own does first: polishing may change the font
        key = self._look()
        if key != self._key or not self._hint.isValid():
            self._hint = super().sizeHint()
            self._key = key
        return QSize(self._hint)

    def _look(self) -> tuple[Any, ...]:
        """What the width of the numbers depends on."""
        model, count = self.model(), self.count()
        labels: tuple[Any, ...] = ()
        if model is not None and count:
            vertical = Qt.Orientation.Vertical
            labels = (model.headerData(0, vertical), model.headerData(count - 1, vertical))
        return (count, labels, self.font().key(), self.style().name())
