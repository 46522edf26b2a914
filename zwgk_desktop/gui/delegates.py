"""Cell editors chosen by field kind, the severity corner marks and the review-comment marks.

TEXT cells use the standard line editor. LONG_TEXT cells open a multi-line editor larger
than the cell (Enter commits as in Excel; Alt+Enter or Shift+Enter starts a new line).
CHOICES cells open a checkbox list (Space ticks, Enter commits, Esc cancels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPixmap, QPixmapCache, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.fields import FieldKind, FieldSpec
from zwgk_desktop.core.review.model import CommentStatus
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.clipboard import format_cell
from zwgk_desktop.gui.widgets.choice_editor import ChoiceEditor
from zwgk_desktop.gui.widgets.compact import compact_choice

MARK_COLORS = {
    Severity.ERROR: QColor("#d32f2f"),
    Severity.WARNING: QColor("#e09a00"),
    Severity.INFO: QColor("#1e78c8"),
}
# A review comment: a flag in the top-left corner (validation marks use the top right).
REVIEW_MARK_COLORS = {
    CommentStatus.OPEN: QColor("#7b2cbf"),
    CommentStatus.MODIFIED: QColor("#d07a00"),
    CommentStatus.RESOLVED: QColor("#2f855a"),
}
_REVIEW_ORDER = (CommentStatus.OPEN, CommentStatus.MODIFIED, CommentStatus.RESOLVED)
_Index = QModelIndex | QPersistentModelIndex
_MIN_CHAR_PX = 4  # narrower than any glyph a cell shows at the UI font size
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_ITEM_VIEW_ITEM = QStyle.ControlElement.CE_ItemViewItem
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TYPING = QAbstractItemView.EditTrigger.AnyKeyPressed


def _visible_part(text: str, width: int) -> str:
    """The part of ``text`` a cell ``width`` px wide can show, with an ellipsis if cut.

    Qt lays out the whole string before eliding it: a 2,000-character 办理流程 cost ~1 ms
    per paint. A cell never shows more than width/_MIN_CHAR_PX characters.
    """
    if width > 0 and len(text) > width // _MIN_CHAR_PX + 2:
        return text[: width // _MIN_CHAR_PX] + "…"
    return text


def terms_for(spec: FieldSpec, levels: Sequence[str]) -> list[str]:
    """The checkbox terms of a choice field; 层级 uses the catalog's own level names."""
    if spec.key == "level":
        return list(levels)
    assert spec.vocabulary is not None
    return list(spec.vocabulary.terms)


class LongTextEditor(QPlainTextEdit):
    """Multi-line cell editor: Enter/Ctrl+Enter commit, Alt/Shift+Enter insert a line break."""

    commit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in _RETURN_KEYS:
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                self.insertPlainText("\n")
                return
            self.commit_requested.emit()
            return
        super().keyPressEvent(event)


class ChoicePopup(QFrame):
    """The checkbox list as a cell editor, drawn above the table."""

    def __init__(
        self, spec: FieldSpec, terms: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setObjectName("choicePopup")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        columns = 2 if len(terms) > 4 else len(terms) or 1
        self.editor = ChoiceEditor(spec.key, terms, columns=columns, parent=self)
        layout.addWidget(self.editor)
        hint = QLabel("空格 勾选　↑↓ 移动　回车 确定　Esc 取消", self)
        hint.setObjectName("hint")
        hint.setStyleSheet("color:#666;")
        layout.addWidget(hint)
        self.setFocusProxy(self.editor.first_focus())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.focusNextPrevChild(True)
            return
        if key == Qt.Key.Key_Up:
            self.focusNextPrevChild(False)
            return
        if key in _RETURN_KEYS:
            # The delegate's event filter already queued commit-and-close for Enter.
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt name)
        widgets = [*self.editor.boxes(), *([self.editor.extra] if self.editor.extra else [])]
        if not widgets:
            return False
        focus = self.focusWidget()
        n = widgets.index(focus) if focus in widgets else -1
        widgets[(n + (1 if forward else -1)) % len(widgets)].setFocus()
        return True


class ItemDelegate(QStyledItemDelegate):
    """One delegate for all columns of the item table; the column's FieldSpec decides."""

    def __init__(self, levels: Callable[[], Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.levels = levels
        self.last_editor: QWidget | None = None  # the view adjusts it after opening

    def twin(self, parent: Any) -> ItemDelegate:
        """The same delegate for another view (the frozen columns)."""
        return ItemDelegate(self.levels, parent)

    @staticmethod
    def spec(index: _Index) -> FieldSpec:
        return index.model().fields[index.column()]  # type: ignore[attr-defined]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        self.last_editor = editor = self._create(parent, option, index)
        return editor

    def _create(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        spec = self.spec(index)
        if spec.kind is FieldKind.LONG_TEXT:
            editor = LongTextEditor(parent)
            editor.setTabChangesFocus(True)
            editor.commit_requested.connect(lambda: self._commit_and_close(editor))
            return editor
        if spec.is_choice:
            return ChoicePopup(spec, terms_for(spec, self.levels()), parent)
        return super().createEditor(parent, option, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, LongTextEditor):
            editor.setPlainText(value or "")
            if getattr(self.parent(), "edit_trigger", None) == _TYPING:
                editor.selectAll()  # the key that opened the editor replaces the text
            else:
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, ChoicePopup):
            editor.editor.set_values(value or [])
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, LongTextEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, ChoicePopup):
            model.setData(index, editor.editor.values(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:  # noqa: N802
        if not isinstance(editor, LongTextEditor | ChoicePopup):
            super().updateEditorGeometry(editor, option, index)
            return
        cell: QRect = option.rect  # type: ignore[attr-defined]
        if isinstance(editor, LongTextEditor):
            width = max(cell.width(), 380)
            height = max(cell.height(), editor.fontMetrics().lineSpacing() * 6 + 12)
        else:
            hint = editor.sizeHint()
            width, height = max(cell.width(), hint.width()), hint.height()
        area = editor.parentWidget().rect() if editor.parentWidget() else QRect(0, 0, width, height)
        frozen = getattr(self.parent(), "frozen", None)  # never under the frozen columns
        left = frozen.width_frozen() if frozen is not None else 0
        x = max(min(cell.left(), max(0, area.right() - width)), min(left, cell.left()))
        y = cell.top()
        if y + height > area.bottom():
            y = max(0, area.bottom() - height)
        editor.setGeometry(x, y, min(width, area.width()), min(height, area.height()))

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        spec = self.spec(index)
        if spec.is_choice:  # short tags; the full list is in the tooltip and the form
            option.text = compact_choice(spec.key, index.data(Qt.ItemDataRole.EditRole) or [])  # type: ignore[attr-defined]
            return
        option.text = _visible_part(option.text, option.rect.width())  # type: ignore[attr-defined]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The stock paint asks the model ~10 roles per cell through Python; a viewport of a
        # few hundred cells then took tens of ms. One call fetches what this table shows.
        spec, value, background, severity, comments = index.model().paint_info(index)  # type: ignore[attr-defined]
        opt = QStyleOptionViewItem(option)
        opt.index = index  # type: ignore[attr-defined]
        opt.features |= _HAS_DISPLAY  # type: ignore[attr-defined]
        if spec.is_choice:
            opt.text = compact_choice(spec.key, value or [])  # type: ignore[attr-defined]
        else:
            text = format_cell(spec.key, value)
            if spec.kind is FieldKind.LONG_TEXT:
                text = text.replace("\n", " ")
            opt.text = _visible_part(text, opt.rect.width())  # type: ignore[attr-defined]
        if background is not None:
            opt.backgroundBrush = background  # type: ignore[attr-defined]
        self._draw_cell(painter, opt, background)
        if comments:
            self._paint_review_mark(painter, option.rect, comments)  # type: ignore[attr-defined]
        if severity is None:
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        size = 7
        corner = QPolygon(
            [
                QPoint(rect.right() - size, rect.top()),
                QPoint(rect.right(), rect.top()),
                QPoint(rect.right(), rect.top() + size),
            ]
        )
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARK_COLORS[severity])
        painter.drawPolygon(corner)
        painter.restore()

    @staticmethod
    def _draw_cell(painter: QPainter, opt: QStyleOptionViewItem, background: Any) -> None:
        """Qt's own cell drawing, kept as a pixmap: laying out CJK text with elision is
        most of a repaint, and scrolling or an edit redraws the same cells again."""
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        ratio = painter.device().devicePixelRatioF()
        key = (
            f"zwgk-cell\x1f{opt.text}\x1f{rect.width()}x{rect.height()}@{ratio}"  # type: ignore[attr-defined]
            f"\x1f{opt.state.value}\x1f{opt.features.value}\x1f{opt.font.key()}"  # type: ignore[attr-defined]
            f"\x1f{background.color().rgba() if background is not None else ''}"
        )
        pixmap = QPixmapCache.find(key)
        if pixmap is None:
            pixmap = QPixmap(QSize(round(rect.width() * ratio), round(rect.height() * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            local = QStyleOptionViewItem(opt)
            local.rect = QRect(0, 0, rect.width(), rect.height())  # type: ignore[attr-defined]
            cell_painter = QPainter(pixmap)
            style.drawControl(_ITEM_VIEW_ITEM, local, cell_painter, widget)
            cell_painter.end()
            QPixmapCache.insert(key, pixmap)
        painter.drawPixmap(rect.topLeft(), pixmap)

    @staticmethod
    def _paint_review_mark(painter: QPainter, rect: QRect, comments: Sequence[Any]) -> None:
        """A left bar and a corner flag in the colour of the most pressing comment."""
        statuses = {c.status for c in comments}
        status = next(s for s in _REVIEW_ORDER if s in statuses)
        size = 12
        corner = QPolygon(
            [
                QPoint(rect.left(), rect.top()),
                QPoint(rect.left() + size, rect.top()),
                QPoint(rect.left(), rect.top() + size),
            ]
        )
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(REVIEW_MARK_COLORS[status])
        painter.drawPolygon(corner)
        painter.drawRect(rect.left(), rect.top(), 3, rect.height())
        painter.restore()
