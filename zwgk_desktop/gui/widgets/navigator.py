"""The domain navigator: one line per domain with its status dot, item count and status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.gui import look
from zwgk_desktop.gui.models.domain_list import (
    COUNT_ROLE,
    DOMAIN_ID_ROLE,
    STATUS_COLORS,
    STATUS_ROLE,
    STATUS_TEXT_ROLE,
    DomainListModel,
)
from zwgk_desktop.gui.widgets.viewport import own_viewport

_Index = QModelIndex | QPersistentModelIndex


class NavigatorDelegate(QStyledItemDelegate):
    """Name on the left, “N 项 · 状态” on the right in the status colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(200, height * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        text_backup = option.text  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        option.icon = option.icon.__class__()  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        status = index.data(STATUS_ROLE)
        color: QColor = STATUS_COLORS.get(status, QColor("#888"))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        line = metrics.height()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        dot = 9
        painter.drawEllipse(rect.left() + 8, rect.top() + 7 + (line - dot) // 2, dot, dot)
        name_color = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )  # type: ignore[attr-defined]
        painter.setPen(name_color)
        font = option.font  # type: ignore[attr-defined]
        font.setBold(True)
        painter.setFont(font)
        name_rect = QRect(rect.left() + 24, rect.top() + 5, rect.width() - 30, line + 2)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(text_backup, Qt.TextElideMode.ElideRight, name_rect.width()),
        )
        font.setBold(False)
        painter.setFont(font)
        count = index.data(COUNT_ROLE)
        detail = f"{'…' if count is None else count} 项 · {index.data(STATUS_TEXT_ROLE)}"
        painter.setPen(name_color if selected else color)
        detail_rect = QRect(rect.left() + 24, rect.top() + 7 + line, rect.width() - 30, line + 2)
        painter.drawText(
            detail_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        painter.restore()


class NavigatorView(QListView):
    """The domain list; a one-row change repaints that row only.

    QListView (Qt 6.11) repaints its whole viewport for a one-row ``dataChanged``: every
    visible domain was drawn again, its counts and status recomputed, after each edit.
    Rows here all have one height (``uniformItemSizes``) and no editors, so the changed
    row's rectangle is all that needs painting.
    """

    def dataChanged(  # noqa: N802
        self,
        top_left: _Index,
        bottom_right: _Index,
        roles: Sequence[int] = (),
    ) -> None:
        if not self.isVisible():  # (opening: nothing painted yet, no need for QAccessible)
            super().dataChanged(top_left, bottom_right, list(roles))
            return
        from PySide6.QtGui import QAccessible  # its enums cost ~2 ms before the first paint

        if top_left == bottom_right and top_left.isValid() and not QAccessible.isActive():
            rect = self.visualRect(top_left)
            if rect.isValid() and rect.intersects(self.viewport().rect()):
                self.viewport().update(rect)
            return
        super().dataChanged(top_left, bottom_right, list(roles))


class Navigator(QWidget):
    domain_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel("领域", self)
        self.title.setObjectName("paneTitle")
        look.heading(self.title)
        self.title.setContentsMargins(6, 5, 6, 5)
        layout.addWidget(self.title)
        self.view = NavigatorView(self)
        own_viewport(self.view)
        self.view.setItemDelegate(NavigatorDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setAccessibleName("领域列表")
        layout.addWidget(self.view)
        self.model: DomainListModel | None = None

    def set_model(self, model: DomainListModel | None) -> None:
        self.model = model
        self.view.setModel(model)
        if model is not None:
            self.view.selectionModel().currentChanged.connect(self._on_current)
            model.modelReset.connect(self._update_title)
            model.dataChanged.connect(self._update_title)
        self._update_title()

    def _update_title(self, *_: object) -> None:
        if self.model is None:
            self.title.setText("领域")
            return
        domains = self.model.domains()
        involved = sum(1 for d in domains if not d.not_involved)
        text = f"领域（{len(domains)} 个，涉及 {involved} 个）"
        if text != self.title.text():  # every cell edit signals here: no relayout for nothing
            self.title.setText(text)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.domain_selected.emit(current.data(DOMAIN_ID_ROLE))

    def select(self, domain_id: str) -> None:
        if self.model is None:
            return
        try:
            row = self.model.row_of(domain_id)
        except KeyError:
            return
        index = self.model.index(row)
        if self.view.currentIndex() != index:
            self.view.setCurrentIndex(index)
        if self.view.isVisible():
            self.view.scrollTo(index)
        else:  # a catalog opened before the window shows: scroll once the list has its size
            QTimer.singleShot(0, self, self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        if self.view.currentIndex().isValid():
            self.view.scrollTo(self.view.currentIndex())

    def current_domain(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(DOMAIN_ID_ROLE) if index.isValid() else None
