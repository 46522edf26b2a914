"""The window's chrome: title, status bar, enabled actions, docks, saved geometry.

A mixin of the main window, kept apart from the composition and the session handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from zwgk_desktop import APP_NAME
from zwgk_desktop.core import paths
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.actions import SPEC_BY_ID

if TYPE_CHECKING:
    from zwgk_desktop.gui.mainwindow import MainWindow


class WindowChrome:
    """Title, status and dock bookkeeping (mixed into MainWindow)."""

    # A dock behind another dock's tab reports visibilityChanged(False) but is still open:
    # the 视图 check marks follow whether the dock is closed, not whether it is in front.
    def _form_dock_shown(self: MainWindow, _visible: bool) -> None:
        self._sync_check("show_form", not self.form_dock.isHidden())

    def _issues_dock_shown(self: MainWindow, _visible: bool) -> None:
        self._sync_check("show_issues", not self.issues_dock.isHidden())

    def _show_docks(self: MainWindow, on: bool) -> None:
        """Docks belong to an open catalog: hidden on the welcome page, restored after.

        The review docks exist only while a review is open (handlers_review shows them).
        """
        self._docks_follow_actions = False
        try:
            self.form_dock.setVisible(on and self.actions_by_id["show_form"].isChecked())
            self.issues_dock.setVisible(on and self.actions_by_id["show_issues"].isChecked())
            if not on or self.review is None:
                self.review_dock.setVisible(False)
                self.diff_dock.setVisible(False)
        finally:
            self._docks_follow_actions = True

    def _sync_check(self: MainWindow, action_id: str, visible: bool) -> None:
        if not self.isVisible() or not self._docks_follow_actions or self.session is None:
            return
        action = self.actions_by_id[action_id]
        action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(False)

    # ----------------------------------------------------------------- status & title
    def update_title(self: MainWindow) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        unit = self.session.meta.unit or "未命名单位"
        name = self.session.document.source_path.name
        if self.review is not None and self.review.is_reviewer:
            self.setWindowTitle(
                f"审核模式：{self.review.unit}提交的文件（只读） — {name} — {APP_NAME}"
            )
            return
        mode = "（只读）" if self.session.read_only else ""
        self.setWindowTitle(f"{unit} — {name}{mode} — {APP_NAME}")

    def update_status(self: MainWindow) -> None:
        if self.session is None or self.validation is None:
            self.counts_label.setText("")
            self.items_label.setText("")
            self.save_label.setText("")
            return
        totals = self.validation.store.totals(self.session.domains)
        text = f"错误 {totals[Severity.ERROR]}　警告 {totals[Severity.WARNING]}　提示 {totals[Severity.INFO]}"
        if self.validation.busy:
            text += "（校验中…）"
        self.counts_label.setText(text)
        domain_id = self.current_domain()
        here = len(self.session.items(domain_id)) if domain_id else 0
        total = sum(len(d.items) for d in self.session.domains)
        more = "" if self.session.all_loaded else "…"
        self.items_label.setText(f"本领域 {here} 项 / 共 {total}{more} 项")
        self.save_label.setText("只读" if self.session.read_only else "已保存")

    def _update_actions(self: MainWindow) -> None:
        has_doc = self.session is not None
        writable = has_doc and not self.session.read_only  # type: ignore[union-attr]
        review = self.review is not None
        reviewer = review and self.review.is_reviewer  # type: ignore[union-attr]
        allowed = {
            "always": True,
            "doc": has_doc,
            "write": writable,
            "review": review,
            "reviewer": reviewer,
        }
        for action_id, action in self.actions_by_id.items():
            action.setEnabled(allowed[SPEC_BY_ID[action_id].needs])
        self._update_review_actions()
        self.issues_panel.set_rule_ids(reviewer)
        if has_doc:
            stack = self.session.undo_stack  # type: ignore[union-attr]
            undo, redo = self.actions_by_id["undo"], self.actions_by_id["redo"]
            undo.setEnabled(writable and stack.canUndo())
            redo.setEnabled(writable and stack.canRedo())
            undo.setText(f"撤销 {stack.undoText()}" if stack.canUndo() else "撤销")
            redo.setText(f"重做 {stack.redoText()}" if stack.canRedo() else "重做")
        domain_id = self.current_domain()
        custom = bool(has_doc and domain_id and not self.session.domain(domain_id).pilot)  # type: ignore[union-attr]
        self.actions_by_id["remove_domain"].setEnabled(writable and custom)
        self.form.setEnabled(has_doc)

    # ----------------------------------------------------------------- window state
    def _settings(self: MainWindow) -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_state(self: MainWindow) -> None:
        settings = self._settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            pass
        elif QGuiApplication.platformName() == "offscreen":
            self.resize(1360, 860)  # tests, benches, screenshots: one size they can compare
        else:
            self.fit_to_screen()
        state = settings.value("state")
        if isinstance(state, QByteArray):
            self._docks_sized = self.restoreState(state)

    def fit_to_screen(self: MainWindow) -> None:
        """First start: fill the screen's available area (maximised), with a normal size
        of most of it for when the clerk un-maximises. Later starts restore their size."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1360, 860)
            return
        area = screen.availableGeometry()
        width, height = int(area.width() * 0.9), int(area.height() * 0.9)
        self.setGeometry(
            area.x() + (area.width() - width) // 2,
            area.y() + (area.height() - height) // 2,
            width,
            height,
        )
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def fit_docks(self: MainWindow) -> None:
        """A first split that leaves the table most of a small screen."""
        width = max(self.width(), 800)
        self.splitter.setSizes([max(200, min(230, width // 6)), width])
        self.resizeDocks(
            [self.form_dock], [max(300, min(360, width // 5))], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.issues_dock], [180], Qt.Orientation.Vertical)
