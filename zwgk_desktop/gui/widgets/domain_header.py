"""Above the table: the domain's name and counts, the 未涉及 switch with its 说明, the filter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from zwgk_desktop.core.model import Domain
from zwgk_desktop.gui import look
from zwgk_desktop.gui.widgets.reasons import attach_reasons

FILTER_DELAY_MS = 150


class DomainHeader(QWidget):
    not_involved_toggled = Signal(bool)
    note_edited = Signal(str)
    filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.name = QLabel("", self)
        self.name.setObjectName("domainName")
        look.heading(self.name, point_size=14)
        self.counts = QLabel("", self)
        self.counts.setObjectName("domainCounts")
        look.text_color(self.counts, look.MUTED_GREY)
        self.not_involved = QCheckBox("本单位未涉及该领域", self)
        self.not_involved.setToolTip("未涉及的领域不列事项，但须填写未涉及说明")
        self.not_involved.clicked.connect(self.not_involved_toggled)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("未涉及说明：写明本单位为何没有该领域的公开事项")
        self.note.setAccessibleName("未涉及说明")
        self.note.setToolTip("可从常用说明中选择（按 ↓ 键），或写明本单位的原因")
        attach_reasons(self.note)
        self.note.editingFinished.connect(self._note_done)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选本领域事项（Ctrl+Shift+L）")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("筛选")
        self.filter.setMinimumWidth(220)
        self.filter.setMaximumWidth(320)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(lambda: self.filter_changed.emit(self.filter.text()))
        self.filter.textChanged.connect(lambda _text: self._timer.start())
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.counts, 0, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(self.filter, 0, 3)
        grid.addWidget(self.not_involved, 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 3)
        self._shown_note = ""

    def show_domain(self, domain: Domain | None, read_only: bool, shown: int | None = None) -> None:
        self.setEnabled(domain is not None)
        if domain is None:
            self.name.setText("")
            self.counts.setText("")
            self.note.setText("")
            return
        suffix = "" if domain.pilot else "（自定义领域）"
        self.name.setText(f"{domain.name}{suffix}")
        total = len(domain.items)
        self.counts.setText(
            f"共 {total} 个事项" if shown is None else f"显示 {shown} / {total} 个事项"
        )
        self.not_involved.setChecked(domain.not_involved)
        self.not_involved.setEnabled(not read_only)
        if not self.note.hasFocus() or self.note.text() == self._shown_note:
            self.note.setText(domain.note)
        self._shown_note = domain.note
        self.note.setReadOnly(read_only)
        self.note.setVisible(domain.not_involved or bool(domain.note))

    def _note_done(self) -> None:
        if self.note.text().strip() != self._shown_note:
            self.note_edited.emit(self.note.text().strip())

    def apply_filter_now(self) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.filter.text())
