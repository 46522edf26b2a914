"""帮助 menu: the clerk's guide (F1 from any screen), the shortcut list, 关于."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QVBoxLayout, QWidget

from zwgk_desktop.gui import look, msgbox
from zwgk_desktop.gui.actions import shortcut_table


class HelpController(QObject):
    """Handlers of the 帮助 menu."""

    HANDLES: ClassVar[tuple[str, ...]] = ("guide", "shortcuts", "about")

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.guide_dialog: Any = None
        self.shortcuts_dialog: Any = None

    def on_guide(self) -> None:
        """帮助 › 使用指南 (F1): one non-modal guide window, brought to the front."""
        from zwgk_desktop.gui.dialogs.guide import GuideDialog

        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.window)
        self.guide_dialog.open_guide()

    def on_shortcuts(self) -> None:
        from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

        from zwgk_desktop.gui.dialogs.sizing import FittedDialog

        dialog = FittedDialog(self.window)
        dialog.setWindowTitle("快捷键一览")
        layout = QVBoxLayout(dialog)
        rows = shortcut_table()
        table = QTableWidget(len(rows), 2, dialog)  # a small static list, not catalog data
        table.setHorizontalHeaderLabels(["按键", "功能"])
        look.plain_row_numbers(table)
        for n, (keys, text) in enumerate(rows):
            table.setItem(n, 0, QTableWidgetItem(keys))
            table.setItem(n, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        dialog.resize(520, 560)
        if msgbox.in_test_mode():
            dialog.show()
            self.shortcuts_dialog = dialog
        else:
            dialog.exec()

    def on_about(self) -> None:
        from zwgk_desktop.gui.dialogs.about import show_about

        show_about(self.window)
