"""Read-only table models for the import preview: the per-row notes and a domain's items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.xlsx import ImportNote

LEVEL_LABELS = {"error": "错误", "warning": "警告", "guess": "推测"}
LEVEL_ORDER = ("error", "warning", "guess")
_LEVEL_COLORS = {
    "error": QColor("#c0392b"),
    "warning": QColor("#b9770e"),
    "guess": QColor("#2e6da4"),
}
_NOTE_HEADERS = ("级别", "工作表", "行", "领域", "说明")
_Index = QModelIndex | QPersistentModelIndex


class NotesModel(QAbstractTableModel):
    """ImportNotes, filtered by level and/or domain without copying the notes."""

    def __init__(self, notes: Sequence[ImportNote] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ImportNote] = list(notes)
        self._shown: list[ImportNote] = list(self._all)
        self._level: str | None = None
        self._domains: tuple[str, ...] | None = None

    def set_notes(self, notes: Sequence[ImportNote]) -> None:
        self._all = list(notes)
        self._apply()

    def set_filter(self, level: str | None = None, domains: Sequence[str] | None = None) -> None:
        """Show only ``level`` ("error"/"warning"/"guess") and notes of ``domains`` (names or ids)."""
        self._level = level
        self._domains = tuple(domains) if domains is not None else None
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self._shown = [
            n
            for n in self._all
            if (self._level is None or n.level == self._level)
            and (self._domains is None or n.domain in self._domains or not n.domain)
        ]
        self.endResetModel()

    def note(self, row: int) -> ImportNote:
        return self._shown[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_NOTE_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _NOTE_HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self._shown[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                LEVEL_LABELS.get(note.level, note.level),
                note.sheet,
                "" if note.row is None else str(note.row),
                note.domain,
                note.message,
            )
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(_LEVEL_COLORS.get(note.level, QColor("#333333")))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _cell_text(item: Item, key: str) -> str:
    value = item.get(key)
    return "、".join(value) if isinstance(value, list) else str(value)


class ItemsPreviewModel(QAbstractTableModel):
    """The items of one imported domain, columns from FIELDS; long text elided, full in tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []

    def set_items(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return FIELDS[section].label
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _cell_text(self._items[index.row()], FIELDS[index.column()].key)
            if role == Qt.ItemDataRole.DisplayRole:
                return text.replace("\n", " ")
            return text or None
        return None
