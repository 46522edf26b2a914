"""Before 导出PDF or 打印: the range (whole catalog or the current domain) and the two ways
to print on less paper, the same choices as the workbook's (简洁版, 接续排页).

Both choices default to what the user chose last time (``Settings.compact_channels`` is
shared with the 导出 dialog's 简洁版; ``Settings.continuous_pages`` with the workbook's page
flow) and are remembered when the dialog is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.xlsx.result import ChannelStyle, PageFlow
from zwgk_desktop.gui.dialogs.common import MUTED_STYLE
from zwgk_desktop.gui.dialogs.sizing import FittedDialog, fit_title

COMPACT_LABEL = "简洁版（仅列已选渠道）"
COMPACT_HINT = "公开渠道和载体只列出勾选的渠道，不再列出全部 13 个 ■/□ 选项，页数更少。"
CONTINUOUS_LABEL = "各领域接续排页（省纸）"
CONTINUOUS_HINT = (
    "下一个领域接在上一个领域之后排，不再另起一页；每页仍有领域标题（续页注明“续”）、"
    "表头和页脚，事项不会跨页断开。"
)


@dataclass(frozen=True)
class PrintChoice:
    """What to print and how: ``domain_id`` None for the whole catalog."""

    domain_id: str | None
    channels: ChannelStyle
    flow: PageFlow


class PrintOptionsDialog(FittedDialog):
    """范围 (when a domain is current), 简洁版 and 接续排页; ``choice()`` after 确定."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        domain_id: str | None = None,
        domain_name: str = "",
        ok_label: str = "确定",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.domain_id = domain_id
        settings = load_settings()
        layout = QVBoxLayout(self)

        self.whole_button = QRadioButton("整个目录（封面和全部领域）")
        self.domain_button = QRadioButton(f"当前领域：{domain_name}")
        self.scope_group = QButtonGroup(self)
        for button in (self.whole_button, self.domain_button):
            self.scope_group.addButton(button)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.whole_button)
        scope_box.addWidget(self.domain_button)
        scope = QGroupBox("范围")
        scope.setLayout(scope_box)
        layout.addWidget(scope)
        if domain_id is None:
            scope.hide()
            self.whole_button.setChecked(True)
        else:
            self.domain_button.setChecked(True)  # as before: the current domain first

        self.compact_check = QCheckBox(COMPACT_LABEL)
        self.compact_check.setChecked(settings.compact_channels)
        self.continuous_check = QCheckBox(CONTINUOUS_LABEL)
        self.continuous_check.setChecked(settings.continuous_pages)
        paper_box = QVBoxLayout()
        for check, hint in (
            (self.compact_check, COMPACT_HINT),
            (self.continuous_check, CONTINUOUS_HINT),
        ):
            text = QLabel(hint)
            text.setWordWrap(True)
            text.setStyleSheet(MUTED_STYLE + " margin-left: 22px;")
            paper_box.addWidget(check)
            paper_box.addWidget(text)
        paper = QGroupBox("版式")
        paper.setLayout(paper_box)
        layout.addWidget(paper)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_label)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.scope_group.buttonToggled.connect(self._scope_changed)
        self._scope_changed()
        fit_title(self, 520)

    def _scope_changed(self, *_: object) -> None:
        whole = self.whole_button.isChecked()
        self.continuous_check.setEnabled(whole)  # one domain has nothing to run on into
        self.continuous_check.setToolTip("" if whole else "只打印一个领域时不需要接续排页")

    def choice(self) -> PrintChoice:
        whole = self.whole_button.isChecked()
        return PrintChoice(
            None if whole else self.domain_id,
            ChannelStyle.COMPACT if self.compact_check.isChecked() else ChannelStyle.FULL,
            PageFlow.CONTINUOUS
            if whole and self.continuous_check.isChecked()
            else PageFlow.BY_DOMAIN,
        )

    def accept(self) -> None:
        settings = load_settings()
        settings.compact_channels = self.compact_check.isChecked()
        if self.continuous_check.isEnabled():  # a one-domain print leaves it as it was
            settings.continuous_pages = self.continuous_check.isChecked()
        save_settings(settings)
        super().accept()


def ask_print_choice(
    parent: QWidget | None,
    title: str,
    domain_id: str | None = None,
    domain_name: str = "",
    ok_label: str = "确定",
) -> PrintChoice | None:
    """The user's choice, or None if they cancelled."""
    dialog = PrintOptionsDialog(parent, title, domain_id, domain_name, ok_label)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
