"""The small dialog in which a reviewer writes (or edits) one comment."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.gui.dialogs.common import ok_cancel_buttons
from zwgk_desktop.gui.dialogs.sizing import FittedDialog


class CommentDialog(FittedDialog):
    """问题 (optional, one line) and 意见 (the text); 确定 is enabled once something is written."""

    def __init__(
        self, target: str, problem: str = "", text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("审核意见")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.target_label = QLabel(f"位置：{target}", self)
        self.target_label.setWordWrap(True)
        layout.addWidget(self.target_label)
        form = QFormLayout()
        self.problem_edit = QLineEdit(problem, self)
        self.problem_edit.setPlaceholderText("存在的问题（可不填）")
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlainText(text)
        self.text_edit.setPlaceholderText("修改意见，如“公开时限请写明具体工作日”")
        form.addRow("问题", self.problem_edit)
        form.addRow("意见", self.text_edit)
        layout.addLayout(form)
        self.buttons = ok_cancel_buttons(self, "确定", self.accept, self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update)
        self.problem_edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.text().strip() or self.problem().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def problem(self) -> str:
        return self.problem_edit.text()
