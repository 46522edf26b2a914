"""The table of one domain's items: a model over the session's Python list, never a copy.

Columns come from ``FIELDS``. A text filter keeps a sorted list of the matching rows
(computed on the Python objects, not through ``data()``), and structural changes of the
session are translated into exact insert/remove/layout notifications, so selections and
the current cell survive edits, undo and filtering.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from zwgk_desktop.core.fields import FIELDS, FieldKind, FieldSpec
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.text import shorten
from zwgk_desktop.core.validation import Issue, Severity
from zwgk_desktop.gui import commands
from zwgk_desktop.gui.clipboard import format_cell, parse_cell
from zwgk_desktop.gui.issue_store import worst
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.template_ops import differing_fields, template_for, template_item
from zwgk_desktop.gui.widgets.compact import SHORT_LABELS

ISSUES_ROLE = Qt.ItemDataRole.UserRole + 1  # list[Issue] of the cell
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # worst Severity of the cell, or None
TEMPLATE_DIFF_ROLE = Qt.ItemDataRole.UserRole + 4  # True if the cell differs from its template
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 5  # review comments shown at the cell (list[Comment])
_SERVED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        REVIEW_ROLE,
        ISSUES_ROLE,
        SEVERITY_ROLE,
        ITEM_ID_ROLE,
        TEMPLATE_DIFF_ROLE,
    )
)

SEVERITY_COLORS = {
    Severity.ERROR: QColor("#fbd5d5"),
    Severity.WARNING: QColor("#fdf0c4"),
    Severity.INFO: QColor("#dcebfb"),
}
TEMPLATE_DIFF_COLOR = QColor("#d9c9f4")
REVIEW_COLOR = QColor("#efe4fb")  # a cell with review comments (the delegate adds a flag)
_Index = QModelIndex | QPersistentModelIndex
# A tooltip shows at most 600 characters of a cell and “…” (the form shows it all).
_TOOLTIP_CHARS = 601
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable


class ItemTableModel(QAbstractTableModel):
    def __init__(self, session: Session, issues: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.issues = issues  # LiveValidation or None
        self.fields: tuple[FieldSpec, ...] = FIELDS
        self.domain_id: str | None = None
        self._visible: list[int] | None = None  # sorted domain rows shown; None = all
        self.filter_text = ""
        self.show_template_diff = False
        self._diff_cache: dict[int, frozenset[str]] = {}
        self._template: Any = None
        self._template_known = False
        self._persistent: list[QModelIndex] = []
        self._persistent_ids: list[int | None] = []
        self._visible_ids: set[int | None] | None = None
        self._pending_remove: tuple[int, int] | None = None
        # (domain id, domain row, field key or "" for the whole item) → review comments
        self._review: dict[tuple[str, int, str], list[Any]] = {}
        session.cells_changed.connect(self._on_cells)
        session.rows_about_to_be_inserted.connect(self._on_about_to_insert)
        session.rows_inserted.connect(self._on_inserted)
        session.rows_about_to_be_removed.connect(self._on_about_to_remove)
        session.rows_removed.connect(self._on_removed)
        session.layout_about_to_change.connect(self._on_layout_about)
        session.layout_changed.connect(self._on_layout)
        session.domains_reset.connect(self._on_domains_reset)
        if issues is not None:
            issues.marks_changed.connect(self._on_marks)

    # ----------------------------------------------------------------- configuration
    def set_domain(self, domain_id: str | None) -> None:
        self.beginResetModel()
        self.domain_id = domain_id if domain_id and self.session.has_domain(domain_id) else None
        self._visible = None
        self.filter_text = ""
        self._diff_cache.clear()
        self._template_known = False  # parsed only when a template comparison is asked for
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        from zwgk_desktop.gui.search import filter_rows  # (not needed to show the catalog)

        self.beginResetModel()
        self.filter_text = text
        self._visible = filter_rows(self._items(), text) if self.domain_id else None
        self.endResetModel()

    def set_show_template_diff(self, on: bool) -> None:
        self.show_template_diff = on
        self._emit_all()

    def set_review_cells(self, cells: dict[tuple[str, int, str], list[Any]] | None) -> None:
        """Review comments by cell (``ReviewSession.index().cells()``); None clears them.

        A comment on a whole item (field "") is shown at the row's first cell.
        """
        self._review = dict(cells or {})
        self._emit_all()

    # ----------------------------------------------------------------- mapping
    def _items(self) -> list[Item]:
        return self.session.items(self.domain_id) if self.domain_id else []

    def domain_row(self, row: int) -> int:
        """The 0-based row in the domain of a visible row."""
        return row if self._visible is None else self._visible[row]

    def domain_rows(self, first: int, count: int) -> list[int] | range:
        """The domain rows of ``count`` visible rows from ``first`` (a paste's targets)."""
        if self._visible is None:
            return range(first, first + count)
        return self._visible[first : first + count]

    def visible_row(self, domain_row: int) -> int | None:
        """The visible row of a domain row, None if the filter hides it."""
        if self._visible is None:
            return domain_row if 0 <= domain_row < len(self._items()) else None
        pos = bisect_left(self._visible, domain_row)
        return pos if pos < len(self._visible) and self._visible[pos] == domain_row else None

    def item_at(self, row: int) -> Item:
        return self._items()[self.domain_row(row)]

    def column_of(self, key: str) -> int:
        for n, spec in enumerate(self.fields):
            if spec.key == key:
                return n
        raise KeyError(key)

    @property
    def filtered(self) -> bool:
        return self._visible is not None

    # ----------------------------------------------------------------- Qt API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.domain_id is None:
            return 0
        return len(self._items()) if self._visible is None else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~10 times per painted cell (font, alignment, colours…): roles this model
        # does not serve return before any lookup.
        if role not in _SERVED_ROLES or not index.isValid() or self.domain_id is None:
            return None
        spec = self.fields[index.column()]
        item = self.item_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_cell(spec.key, getattr(item, spec.key))
            return text.replace("\n", " ") if spec.kind is FieldKind.LONG_TEXT else text
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(item, spec.key)
            return list(value) if isinstance(value, list) else value
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._severity(item, spec.key)
            commented = severity is None and bool(self._review_comments(index))
            return self._background(item, spec, severity, commented)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, spec, self._review_comments(index))
        if role == REVIEW_ROLE:
            return self._review_comments(index)
        if role == ISSUES_ROLE:
            return self._cell_issues(item, spec.key)
        if role == SEVERITY_ROLE:
            return self._severity(item, spec.key)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == TEMPLATE_DIFF_ROLE:
            return spec.key in self._diffs(item)
        return None

    def paint_info(
        self, index: _Index
    ) -> tuple[FieldSpec, Any, QBrush | None, Severity | None, list]:
        """What the delegate draws for a cell, in one call instead of ~10 ``data()`` calls."""
        spec = self.fields[index.column()]
        item = self.item_at(index.row())
        severity = self._severity(item, spec.key)
        comments = self._review_comments(index) if self._review else []
        value = getattr(item, spec.key)
        background = self._background(item, spec, severity, bool(comments))
        return spec, value, background, severity, comments

    def _background(
        self, item: Item, spec: FieldSpec, severity: Severity | None, commented: bool
    ) -> QBrush | None:
        if severity is not None:
            return QBrush(SEVERITY_COLORS[severity])
        if commented:
            return QBrush(REVIEW_COLOR)
        if self.show_template_diff and spec.key in self._diffs(item):
            return QBrush(TEMPLATE_DIFF_COLOR)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.fields):
                return None
            spec = self.fields[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return SHORT_LABELS.get(spec.key, spec.label)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{spec.label}{'（必填）' if spec.required else ''}：{spec.help}"
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
            return str(self.domain_row(section) + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Called once per selected cell on every selection change: no enum arithmetic here.
        if not index.isValid():
            return _NO_FLAGS
        return _READ_FLAGS if self.session.read_only else _EDIT_FLAGS

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.domain_id is None:
            return False
        spec = self.fields[index.column()]
        if spec.is_choice:
            value = (
                parse_cell(spec.key, value) if isinstance(value, str) else [str(v) for v in value]
            )
        else:
            value = "" if value is None else str(value)
        item = self.item_at(index.row())
        assert item.id is not None
        command = commands.set_cells(
            self.session, [(self.domain_id, item.id, spec.key, value)], merge=True
        )
        if command is None:
            return True
        return commands.push(self.session, command)

    # ----------------------------------------------------------------- marks
    def _review_comments(self, index: _Index) -> list[Any]:
        if not self._review or self.domain_id is None:
            return []
        row = self.domain_row(index.row())
        key = self.fields[index.column()].key
        found = list(self._review.get((self.domain_id, row, key), ()))
        if index.column() == 0:
            found += self._review.get((self.domain_id, row, ""), ())
        return found

    def _cell_issues(self, item: Item, key: str) -> list[Issue]:
        if self.issues is None:
            return []
        return self.issues.store.cell_issues(item.id, key)

    def _severity(self, item: Item, key: str) -> Severity | None:
        return worst(self._cell_issues(item, key))

    def template(self) -> Any:
        if not self._template_known and self.domain_id is not None:
            self._template = template_for(self.session.domain(self.domain_id))
            self._template_known = True
        return self._template

    def _diffs(self, item: Item) -> frozenset[str]:
        if item.id is None or not item.template_ref:
            return frozenset()
        cached = self._diff_cache.get(item.id)
        if cached is None:
            reference = template_item(self.template(), item, self.session.unit)
            cached = differing_fields(item, reference) if reference is not None else frozenset()
            self._diff_cache[item.id] = cached
        return cached

    def _tooltip(self, item: Item, spec: FieldSpec, comments: Sequence[Any] = ()) -> str | None:
        import html  # on the first hover, not at start (html.entities is a large table)

        lines = [
            f"<b>审核意见（{html.escape(c.status.label)}）</b>："
            + html.escape("；".join(t for t in (c.problem, c.text) if t))
            + f"<br/><i>{html.escape(c.author)}</i>"
            + (f"<br/>修改说明：{html.escape(c.reply)}" if c.reply else "")
            for c in comments
        ]
        lines += [
            f"<b>{issue.severity.label}</b>：{html.escape(issue.message)}"
            + (f"<br/><i>{html.escape(issue.hint)}</i>" if issue.hint else "")
            for issue in self._cell_issues(item, spec.key)
        ]
        if self.show_template_diff and spec.key in self._diffs(item):
            reference = template_item(self.template(), item, self.session.unit)
            if reference is not None:
                original = format_cell(spec.key, getattr(reference, spec.key)) or "（空）"
                lines.append(f"与模板不同，模板为：{html.escape(original[:300])}")
        if spec.is_choice and not lines:
            values = "、".join(getattr(item, spec.key))
            return html.escape(shorten(values, _TOOLTIP_CHARS)) if values else None
        if spec.kind is FieldKind.LONG_TEXT or lines:
            text = format_cell(spec.key, getattr(item, spec.key))
            if spec.kind is FieldKind.LONG_TEXT and text:
                lines.insert(0, html.escape(shorten(text, _TOOLTIP_CHARS)).replace("\n", "<br/>"))
        if not lines:
            return None
        return "<p style='white-space:pre-wrap'>" + "<hr/>".join(lines) + "</p>"

    # ----------------------------------------------------------------- session signals
    def _emit_all(self) -> None:
        rows, cols = self.rowCount(), self.columnCount()
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))

    def _on_marks(self, domain_id: str, rows: list[int] | None) -> None:
        if domain_id != self.domain_id:
            return
        if rows is None:
            self._emit_all()
            return
        self._emit_rows(rows)

    def _emit_rows(self, rows: list[int]) -> None:
        """One dataChanged over the span of ``rows`` (domain rows) that is shown."""
        if not rows:
            return
        if self._visible is None:  # every row is shown: no lookup per row (a paste is 500)
            first, end = max(min(rows), 0), min(max(rows), len(self._items()) - 1)
        else:
            shown = [r for r in (self.visible_row(row) for row in rows) if r is not None]
            first, end = (min(shown), max(shown)) if shown else (0, -1)
        if first <= end:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def _on_cells(self, domain_id: str, rows: list[int], keys: list[str]) -> None:
        if domain_id != self.domain_id:
            return
        if self._diff_cache:
            items = self._items()
            for row in rows:
                self._diff_cache.pop(items[row].id, None)  # type: ignore[arg-type]
        self._emit_rows(rows)

    def _on_about_to_insert(self, domain_id: str, start: int, count: int) -> None:
        if domain_id != self.domain_id:
            return
        first = start if self._visible is None else bisect_left(self._visible, start)
        self.beginInsertRows(QModelIndex(), first, first + count - 1)

    def _on_inserted(self, domain_id: str, start: int, count: int) -> None:
        if domain_id != self.domain_id:
            return
        if self._visible is not None:
            # New rows stay visible whatever the filter, so the clerk sees what was added.
            pos = bisect_left(self._visible, start)
            tail = [row + count for row in self._visible[pos:]]
            self._visible[pos:] = [*range(start, start + count), *tail]
        self.endInsertRows()

    def _on_about_to_remove(self, domain_id: str, start: int, count: int) -> None:
        if domain_id != self.domain_id:
            return
        self._pending_remove = None
        if self._visible is None:
            self.beginRemoveRows(QModelIndex(), start, start + count - 1)
            self._pending_remove = (start, start + count)
            return
        first = bisect_left(self._visible, start)
        last = bisect_left(self._visible, start + count)
        if last > first:
            self.beginRemoveRows(QModelIndex(), first, last - 1)
            self._pending_remove = (first, last)

    def _on_removed(self, domain_id: str, start: int, count: int) -> None:
        if domain_id != self.domain_id:
            return
        if self._visible is not None:
            first = bisect_left(self._visible, start)
            last = bisect_left(self._visible, start + count)
            self._visible[first:] = [row - count for row in self._visible[last:]]
        if self._pending_remove is not None:
            self._pending_remove = None
            self.endRemoveRows()

    def _on_layout_about(self, domain_id: str) -> None:
        if domain_id != self.domain_id:
            return
        self.layoutAboutToBeChanged.emit()
        items = self._items()
        self._persistent = self.persistentIndexList()
        self._persistent_ids = [items[self.domain_row(p.row())].id for p in self._persistent]
        self._visible_ids = None if self._visible is None else {items[r].id for r in self._visible}

    def _on_layout(self, domain_id: str) -> None:
        if domain_id != self.domain_id:
            return
        items = self._items()
        if self._visible_ids is not None:
            self._visible = [n for n, item in enumerate(items) if item.id in self._visible_ids]
        new_rows: dict[int | None, int] = {}
        for n, item in enumerate(items):
            visible = self.visible_row(n)
            if visible is not None:
                new_rows[item.id] = visible
        new_indexes = [
            self.index(new_rows[item_id], p.column()) if item_id in new_rows else QModelIndex()
            for p, item_id in zip(self._persistent, self._persistent_ids, strict=True)
        ]
        self.changePersistentIndexList(self._persistent, new_indexes)
        self._persistent = []
        self._persistent_ids = []
        self.layoutChanged.emit()

    def _on_domains_reset(self) -> None:
        domain_id = self.domain_id
        self.set_domain(domain_id if domain_id and self.session.has_domain(domain_id) else None)
