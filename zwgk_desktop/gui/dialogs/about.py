"""关于: what a support call needs (versions, data folder) and where the templates come from."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from zwgk_desktop import APP_NAME, __version__
from zwgk_desktop.core import paths
from zwgk_desktop.core.sources import register_label
from zwgk_desktop.gui.dialogs.sizing import FittedDialog

CREDIT = (
    "26个试点领域的标准模板依据国务院有关部门印发的基层政务公开标准指引"
    "（国办发〔2019〕54号部署）编写，供编制时参考，请结合本地实际调整。"
)


def about_rows() -> list[tuple[str, str]]:
    """(label, value) lines shown in the dialog; also handy for bug reports."""
    return [
        ("版本", __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", platform.python_version()),
        ("系统", platform.platform(terse=True)),
        ("公开依据登记册", register_label()),
        ("数据文件夹", str(paths.data_dir())),
        ("设置文件夹", str(paths.config_dir())),
    ]


class AboutDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于 {APP_NAME}")
        self.setMinimumWidth(520)
        title = QLabel(f"<h2>{html.escape(APP_NAME)}</h2>")
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:#555'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in about_rows()
        )
        self.info = QLabel(f"<table>{rows}</table>")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credit = QLabel(CREDIT)
        self.credit.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.info)
        layout.addSpacing(8)
        layout.addWidget(self.credit)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None) -> None:
    dialog = AboutDialog(parent)
    dialog.exec()
    dialog.deleteLater()
