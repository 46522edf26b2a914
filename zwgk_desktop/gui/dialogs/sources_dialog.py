"""校验 › 公开依据登记册: which register validation uses, and choosing a county's newer one.

The choice is stored in the settings (``sources_register``) and applies at once; a file
that is not a valid register is refused with its one-line reason and nothing changes.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.sources import (
    RegisterError,
    active_register,
    load_register,
    standing,
    use_register,
)
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs.common import ask_open_path, existing_folder
from zwgk_desktop.gui.dialogs.sizing import FittedDialog

EXPLAIN = (
    "校验时按登记册识别“公开依据”中引用的法规、文件，对已废止、失效或被替代的给出警告和替换建议。"
    "县级政务公开主管部门下发更新的登记册文件（.toml）后，可在这里选用，无需升级程序。"
)


def register_rows() -> list[tuple[str, str]]:
    """(label, value) lines describing the register in use."""
    register = active_register()
    outdated = sum(
        1 for s in register.sources.values() if standing(s, register, date.today()).outdated
    )
    unverified = register.unverified_count()
    return [
        ("核对日期", register.checked),
        ("来源", "程序自带" if register.bundled else str(register.path)),
        ("收录文件", f"{len(register)} 件（其中已过时 {outdated} 件）"),
        ("核实情况", f"{len(register) - unverified} 件已在公开文本中核实，{unverified} 件尚未核实"),
    ]


class SourcesRegisterDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("公开依据登记册")
        self.setMinimumWidth(560)
        self.changed = False
        explain = QLabel(EXPLAIN, self)
        explain.setWordWrap(True)
        self.info = QLabel("", self)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setWordWrap(True)
        self.choose_button = QPushButton("选择登记册文件…", self)
        self.choose_button.clicked.connect(self._choose)
        self.bundled_button = QPushButton("恢复使用程序自带的", self)
        self.bundled_button.clicked.connect(self.use_bundled)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.bundled_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:#555'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in register_rows()
        )
        self.info.setText(f"<table>{rows}</table>")
        self.bundled_button.setEnabled(not active_register().bundled)

    def _choose(self) -> None:
        folder = existing_folder(load_settings().last_folder, Path.home())
        path = ask_open_path(self, "选择公开依据登记册", folder, "登记册文件 (*.toml)")
        if path is not None:
            self.use_file(path)

    def use_file(self, path: Path) -> bool:
        """Use the register at ``path`` from now on; False (and a message) if it is invalid."""
        try:
            register = load_register(path)
        except RegisterError as exc:
            msgbox.warning(self, f"{exc}。仍使用原来的登记册。", "登记册文件有误")
            return False
        use_register(register)
        settings = load_settings()
        settings.sources_register = str(path)
        save_settings(settings)
        self.changed = True
        self.refresh()
        return True

    def use_bundled(self) -> None:
        use_register(None)
        settings = load_settings()
        settings.sources_register = ""
        save_settings(settings)
        self.changed = True
        self.refresh()
