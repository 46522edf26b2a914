"""帮助 › 使用指南 (F1): the clerk's and the reviewer's day, shipped in resources/help.

The guide is Markdown rendered by QTextBrowser: no network, no HTML engine, and clerks'
questions can be answered by editing one text file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from zwgk_desktop.gui.dialogs.sizing import FittedDialog, fit_title

TITLE = "使用指南"
MISSING = "# 使用指南\n\n找不到使用指南文件（安装不完整），请重新安装本程序。"


def guide_path() -> Path | None:
    try:
        from zwgk_desktop.core.resources import resources_dir

        path = resources_dir() / "help" / "guide.md"
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def guide_text() -> str:
    path = guide_path()
    return path.read_text(encoding="utf-8") if path is not None else MISSING


class GuideDialog(FittedDialog):
    """A non-modal window beside the work: the clerk reads and types at the same time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("guideDialog")
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # nothing leaves the machine
        self.browser.setMarkdown(guide_text())
        self.browser.document().setDocumentMargin(14)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or (
            QGuiApplication.primaryScreen()
        )
        available = screen.availableGeometry() if screen is not None else None
        width, height = 780, 680
        if available is not None:
            width = min(width, available.width() - 60)
            height = min(height, available.height() - 80)
        self.resize(width, height)
        fit_title(self, min(width, 480))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def open_guide(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()
