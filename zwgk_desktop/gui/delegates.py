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
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPainter, QPixmap, QPolygon
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
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.clipboard import format_cell
from zwgk_desktop.gui.paint_budget import PaintBudget
from zwgk_desktop.gui.widgets.choice_editor import ChoiceEditor
from zwgk_desktop.gui.widgets.compact import compact_choice

MARK_COLORS = {
    Severity.ERROR: QColor("#d32f2f"),
    Severity.WARNING: QColor("#e09a00"),
    Severity.INFO: QColor("#1e78c8"),
}
# A review comment: a flag in the top-left corner (validation marks use the top right),
# by comment status value, most pressing first. Keyed by value so that the review code
# loads with the first review, not at start-up.
REVIEW_MARK_COLORS = {
    "open": QColor("#7b2cbf"),
    "modified": QColor("#d07a00"),
    "resolved": QColor("#2f855a"),
}
_Index = QModelIndex | QPersistentModelIndex
_MIN_CHAR_PX = 4  # narrower than any glyph a cell shows at the UI font size
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_ITEM_VIEW_ITEM = QStyle.ControlElement.CE_ItemViewItem
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TYPING = QAbstractItemView.EditTrigger.AnyKeyPressed
_SOURCE = QPainter.CompositionMode.CompositionMode_Source
_SOURCE_OVER = QPainter.CompositionMode.CompositionMode_SourceOver
_EVERYWHERE = QRect(0, 0, 1 << 14, 1 << 14)  # clears the whole scratch image (clipped to it)


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
        self.setStyleSheet(
            "QFrame#choicePopup { background: palette(base); border: 1px solid #5b84b8;"
            " border-radius: 3px; }"
        )
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


def _with_display(features: Any) -> Any:
    """The view's item features plus HasDisplay, as the stock delegate sets them.

    PySide6 flags are Python enums: ``|`` on them costs microseconds per cell, so each of
    the few distinct values a view passes is combined once.
    """
    combined = _WITH_DISPLAY.get(features)
    if combined is None:
        combined = _WITH_DISPLAY[features] = features | _HAS_DISPLAY
    return combined


_WITH_DISPLAY: dict[Any, Any] = {}


class _CellContext:
    """What is the same for every cell a view paints: its style, font and pixel ratio,
    and the scratch image new cells are drawn on."""

    __slots__ = ("font", "font_key", "painter", "ratio", "scratch", "style", "widget")

    def __init__(self, widget: QWidget | None, font: QFont, ratio: float) -> None:
        self.widget = widget
        self.font = QFont(font)
        self.font_key = font.key()
        self.ratio = ratio
        self.style = widget.style() if widget is not None else QApplication.style()
        self.scratch: QImage | None = None
        self.painter: QPainter | None = None

    def draw(self, option: QStyleOptionViewItem, width: int, height: int) -> QPixmap:
        """Qt's own drawing of a cell, on transparent, as a pixmap of the cell's size;
        ``option`` is moved to the origin (the caller keeps the real rect).

        One scratch image keeps its painter open: a QPainter begun on a new pixmap for
        every cell cost a third of a cell's drawing. Drawn on transparent and copied
        out, the pixels are those a pixmap of its own would get.
        """
        ratio = self.ratio
        device = QRect(0, 0, round(width * ratio), round(height * ratio))
        painter = self._painter_for(device.width(), device.height())
        painter.save()
        painter.setCompositionMode(_SOURCE)
        painter.fillRect(_EVERYWHERE, Qt.GlobalColor.transparent)
        painter.setCompositionMode(_SOURCE_OVER)
        option.rect = QRect(0, 0, width, height)  # type: ignore[attr-defined]
        self.style.drawControl(_ITEM_VIEW_ITEM, option, painter, self.widget)
        painter.restore()
        assert self.scratch is not None
        return QPixmap.fromImage(self.scratch.copy(device))

    def _painter_for(self, width: int, height: int) -> QPainter:
        """The scratch painter, on an image at least ``width`` × ``height`` device px."""
        scratch, painter = self.scratch, self.painter
        if (
            scratch is None
            or painter is None
            or width > scratch.width()
            or height > scratch.height()
        ):
            if painter is not None:
                painter.end()
            old_w, old_h = (scratch.width(), scratch.height()) if scratch is not None else (0, 0)
            scratch = QImage(
                max(width, old_w, 64),
                max(height, old_h, 32),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            scratch.setDevicePixelRatio(self.ratio)
            self.scratch, self.painter = scratch, painter = scratch, QPainter(scratch)
        return painter


class _PixmapCache:
    """Drawn cells by (text, size, state, features, background, font), least recently
    used out first once ``budget`` bytes are held.

    Laying out CJK text with elision is most of a repaint, and scrolling or an edit
    redraws the same cells again. Tuple keys: no key string is built per cell.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.pixmaps: dict[tuple, QPixmap] = {}

    def get(self, key: tuple) -> QPixmap | None:
        pixmap = self.pixmaps.pop(key, None)
        if pixmap is not None:
            self.pixmaps[key] = pixmap  # now the most recent
        return pixmap

    def put(self, key: tuple, pixmap: QPixmap) -> None:
        self.pixmaps[key] = pixmap
        self.used += pixmap.width() * pixmap.height() * 4
        while self.used > self.budget and len(self.pixmaps) > 1:
            old = self.pixmaps.pop(next(iter(self.pixmaps)))
            self.used -= old.width() * old.height() * 4

    def clear(self) -> None:
        self.pixmaps.clear()
        self.used = 0


# Two full 1920×1080 viewports of cells; an old office PC has the memory, not the CPU.
_PIXMAPS = _PixmapCache(16 * 1024 * 1024)


# Seconds a frame may spend drawing new cells (paint_budget.py), the table and its frozen
# columns together.
NEW_CELLS_SECONDS = 0.004


class ItemDelegate(QStyledItemDelegate):
    """One delegate for all columns of the item table; the column's FieldSpec decides."""

    def __init__(
        self,
        levels: Callable[[], Sequence[str]],
        parent: Any = None,
        budget: PaintBudget | None = None,
    ) -> None:
        super().__init__(parent)
        self.levels = levels
        self.last_editor: QWidget | None = None  # the view adjusts it after opening
        self._context: _CellContext | None = None
        self.budget = budget if budget is not None else PaintBudget(NEW_CELLS_SECONDS)

    def twin(self, parent: Any) -> ItemDelegate:
        """The same delegate for another view (the frozen columns)."""
        return ItemDelegate(self.levels, parent, self.budget)  # one frame, one budget

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
        # Runs for every visible cell on each repaint (a 500-row paste repaints ~200 new
        # ones at once), so everything that is the same for all cells is looked up once
        # per font, screen and view (``_CellContext``) and the Python work per cell is
        # a handful of attribute reads. ``option`` is the view's own per-cell copy
        # (QTableView::drawCell), so it is filled in place rather than copied again.
        spec, value, background, severity, comments = index.model().paint_info(index)  # type: ignore[attr-defined]
        # A copy: PySide's ``option.rect`` is a view of the option's own rect, which a
        # cold draw moves to the origin.
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        width = rect.width()
        if spec.is_choice:
            text = compact_choice(spec.key, value or [])
        else:
            text = format_cell(spec.key, value)
            if spec.kind is FieldKind.LONG_TEXT:
                text = text.replace("\n", " ")
            text = _visible_part(text, width)
        context = self._context
        widget = option.widget  # type: ignore[attr-defined]
        font = option.font  # type: ignore[attr-defined]
        ratio = painter.device().devicePixelRatioF()
        if (
            context is None
            or context.widget is not widget
            or context.ratio != ratio
            or context.font != font
        ):
            self._context = context = _CellContext(widget, font, ratio)
        state = option.state  # type: ignore[attr-defined]
        features = option.features  # type: ignore[attr-defined]
        height = rect.height()
        key = (
            text,
            width,
            height,
            state,
            features,
            background.color().rgba() if background is not None else None,
            context.font_key,
            ratio,
        )
        pixmap = _PIXMAPS.get(key)
        if pixmap is None and not self.budget.allows_new_cell():
            # Past this pass's budget: the cell's background now, its text next turn.
            if background is not None:
                option.backgroundBrush = background  # type: ignore[attr-defined]
            context.style.drawPrimitive(_PANEL, option, painter, widget)
        else:
            if pixmap is None:
                option.text = text  # type: ignore[attr-defined]
                option.index = index  # type: ignore[attr-defined]
                option.features = _with_display(features)  # type: ignore[attr-defined]
                if background is not None:
                    option.backgroundBrush = background  # type: ignore[attr-defined]
                pixmap = context.draw(option, width, height)
                _PIXMAPS.put(key, pixmap)
            painter.drawPixmap(rect.topLeft(), pixmap)
        if comments:
            self._paint_review_mark(painter, rect, comments)
        if severity is not None:
            self._paint_severity_mark(painter, rect, severity)

    @staticmethod
    def _paint_severity_mark(painter: QPainter, rect: QRect, severity: Severity) -> None:
        """A small triangle in the top-right corner in the colour of the worst issue."""
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
    def _paint_review_mark(painter: QPainter, rect: QRect, comments: Sequence[Any]) -> None:
        """A left bar and a corner flag in the colour of the most pressing comment."""
        statuses = {c.status.value for c in comments}
        status = next(s for s in REVIEW_MARK_COLORS if s in statuses)
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
