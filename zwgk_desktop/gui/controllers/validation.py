"""校验 menu: re-check everything, step through the issues, the register of sources."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget

from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel
from zwgk_desktop.gui.widgets.item_form import ItemForm


class ValidationController(QObject):
    """Handlers of the 校验 menu and the issues panel's 重新校验."""

    HANDLES: ClassVar[tuple[str, ...]] = (
        "revalidate",
        "next_issue",
        "prev_issue",
        "sources_register",
    )

    def __init__(
        self,
        window: QWidget,
        ctx: DocumentContext,
        chrome: ChromeController,
        form: ItemForm,
        issues_panel: IssuesPanel,
        issues_dock: QDockWidget,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.chrome = chrome
        self.form = form
        self.issues_panel = issues_panel
        self.issues_dock = issues_dock
        self.sources_dialog: Any = None
        issues_panel.revalidate_requested.connect(self.on_revalidate)

    def on_revalidate(self) -> None:
        validation = self.ctx.validation
        if validation is None:
            return
        self.form.commit_all()
        validation.validate_all()
        self.issues_panel.rebuild()
        self.chrome.update_status()
        self.chrome.message("校验完成", 4000)

    def on_next_issue(self) -> None:
        self._step(True)

    def on_prev_issue(self) -> None:
        self._step(False)

    def _step(self, forward: bool) -> None:
        self.issues_dock.setVisible(True)
        self.issues_panel.flush()
        self.issues_panel.select_next(forward)

    def on_sources_register(self) -> None:
        from zwgk_desktop.gui.dialogs.sources_dialog import SourcesRegisterDialog

        dialog = SourcesRegisterDialog(self.window)
        self.sources_dialog = dialog
        dialog.finished.connect(lambda _code: self._after_sources_dialog(dialog))
        if msgbox.in_test_mode():
            dialog.show()
        else:
            dialog.exec()

    def _after_sources_dialog(self, dialog: Any) -> None:
        """A newly chosen register changes which citations are current: check again."""
        if dialog.changed and self.ctx.validation is not None:
            self.on_revalidate()
            self.form.refresh()
