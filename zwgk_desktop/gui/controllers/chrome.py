"""The window's chrome: title, status bar, enabled actions, docks, recent files, geometry.

Other controllers ask it to refresh (``update_title``, ``update_actions`` …); the review and
domain controllers refine their own actions' states on ``actions_updated``.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QSplitter

from zwgk_desktop import APP_NAME
from zwgk_desktop.core import paths
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.actions import SPEC_BY_ID
from zwgk_desktop.gui.controllers.context import DocumentContext


class ChromeController(QObject):
    """Title, status and dock bookkeeping; the 视图 menu's panel switches."""

    HANDLES: ClassVar[tuple[str, ...]] = ("show_form", "show_issues")

    actions_updated = Signal()  # after the generic pass of update_actions
    open_requested = Signal(object)  # a Path picked from 最近打开

    def __init__(
        self,
        window: QMainWindow,
        ctx: DocumentContext,
        actions: dict[str, QAction],
        file_menu: QMenu,
        form_dock: QDockWidget,
        issues_dock: QDockWidget,
        splitter: QSplitter,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.actions = actions
        self.form_dock = form_dock
        self.issues_dock = issues_dock
        self.splitter = splitter
        self.docks_follow_actions = True
        self.docks_sized = False
        form_dock.visibilityChanged.connect(self._form_dock_shown)
        issues_dock.visibilityChanged.connect(self._issues_dock_shown)
        self._build_status_bar()
        self._build_recent_menu(file_menu)

    # ----------------------------------------------------------------- 视图 menu
    def on_show_form(self, checked: bool) -> None:
        self.form_dock.setVisible(checked)
        if checked:
            self.form_dock.raise_()  # in front of a tabbed 审核意见 dock

    def on_show_issues(self, checked: bool) -> None:
        self.issues_dock.setVisible(checked)
        if checked:
            self.issues_dock.raise_()  # in front of a tabbed 比较 dock

    # A dock behind another dock's tab reports visibilityChanged(False) but is still open:
    # the 视图 check marks follow whether the dock is closed, not whether it is in front.
    def _form_dock_shown(self, _visible: bool) -> None:
        self._sync_check("show_form", not self.form_dock.isHidden())

    def _issues_dock_shown(self, _visible: bool) -> None:
        self._sync_check("show_issues", not self.issues_dock.isHidden())

    def show_docks(self, on: bool) -> None:
        """Docks belong to an open catalog: hidden on the welcome page, restored after.

        The review docks are the review controller's: they exist only while a review is open.
        """
        self.docks_follow_actions = False
        try:
            self.form_dock.setVisible(on and self.actions["show_form"].isChecked())
            self.issues_dock.setVisible(on and self.actions["show_issues"].isChecked())
        finally:
            self.docks_follow_actions = True

    def _sync_check(self, action_id: str, visible: bool) -> None:
        # The docks hide while the window is being destroyed: the window is gone by then.
        if (
            not shiboken6.isValid(self.window)
            or not self.window.isVisible()
            or not self.docks_follow_actions
            or self.ctx.session is None
        ):
            return
        action = self.actions[action_id]
        action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(False)

    # ----------------------------------------------------------------- status & title
    def _build_status_bar(self) -> None:
        bar = self.window.statusBar()
        self.counts_label = QLabel("", self.window)
        self.items_label = QLabel("", self.window)
        self.save_label = QLabel("", self.window)
        for label in (self.counts_label, self.items_label, self.save_label):
            bar.addPermanentWidget(label)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(50)
        self._status_timer.timeout.connect(self.update_status)

    def message(self, text: str, ms: int) -> None:
        """A passing note in the status bar (what an action just did)."""
        self.window.statusBar().showMessage(text, ms)

    def schedule_status(self, *_: object) -> None:
        """Recount soon: many changes in a row cost one recount."""
        self._status_timer.start()

    def after_change(self, *_: object) -> None:
        """An edit, undo or redo went through (each is saved at once)."""
        self.update_actions()
        self._status_timer.start()
        self.save_label.setText("已保存")

    def update_title(self) -> None:
        session, review = self.ctx.session, self.ctx.review
        if session is None:
            self.window.setWindowTitle(APP_NAME)
            return
        unit = session.meta.unit or "未命名单位"
        name = session.document.source_path.name
        if review is not None and review.is_reviewer:
            self.window.setWindowTitle(
                f"审核模式：{review.unit}提交的文件（只读） — {name} — {APP_NAME}"
            )
            return
        mode = "（只读）" if session.read_only else ""
        self.window.setWindowTitle(f"{unit} — {name}{mode} — {APP_NAME}")

    def update_status(self) -> None:
        session, validation = self.ctx.session, self.ctx.validation
        if session is None or validation is None:
            self.counts_label.setText("")
            self.items_label.setText("")
            self.save_label.setText("")
            return
        totals = validation.store.totals(session.domains)
        text = f"错误 {totals[Severity.ERROR]}　警告 {totals[Severity.WARNING]}　提示 {totals[Severity.INFO]}"
        if validation.busy:
            text += "（校验中…）"
        self.counts_label.setText(text)
        domain_id = self.ctx.current_domain()
        here = len(session.items(domain_id)) if domain_id else 0
        total = sum(len(d.items) for d in session.domains)
        more = "" if session.all_loaded else "…"
        self.items_label.setText(f"本领域 {here} 项 / 共 {total}{more} 项")
        self.save_label.setText("只读" if session.read_only else "已保存")

    def update_actions(self) -> None:
        """Enable each action by its ``needs``; then the areas refine their own."""
        session = self.ctx.session
        writable = self.ctx.writable
        review = self.ctx.review is not None
        allowed = {
            "always": True,
            "doc": session is not None,
            "write": writable,
            "review": review,
            "reviewer": self.ctx.reviewer,
        }
        for action_id, action in self.actions.items():
            action.setEnabled(allowed[SPEC_BY_ID[action_id].needs])
        if session is not None:
            stack = session.undo_stack
            undo, redo = self.actions["undo"], self.actions["redo"]
            undo.setEnabled(writable and stack.canUndo())
            redo.setEnabled(writable and stack.canRedo())
            undo.setText(f"撤销 {stack.undoText()}" if stack.canUndo() else "撤销")
            redo.setText(f"重做 {stack.redoText()}" if stack.canRedo() else "重做")
        self.actions_updated.emit()

    def refresh(self) -> None:
        """Title, counts and action states after the document or its mode changed."""
        self.update_title()
        self.update_status()
        self.update_actions()

    # ----------------------------------------------------------------- recent files
    def _build_recent_menu(self, menu: QMenu) -> None:
        self.recent_menu = QMenu("最近打开", self.window)
        before = self.actions["close_doc"]
        menu.insertMenu(before, self.recent_menu)
        menu.insertSeparator(before)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = load_settings().recent_files
        if not recent:
            action = self.recent_menu.addAction("（无）")
            action.setEnabled(False)
            return
        for n, text in enumerate(recent, start=1):
            path = Path(text)
            action = self.recent_menu.addAction(f"&{n % 10} {path.name}")
            action.setToolTip(text)
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _checked=False, p=path: self.open_requested.emit(p))

    # ----------------------------------------------------------------- window state
    @staticmethod
    def settings() -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        settings = self.settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry):
            pass
        elif QGuiApplication.platformName() == "offscreen":
            self.window.resize(1360, 860)  # tests, benches, screenshots: one size they can compare
        else:
            self.fit_to_screen()
        state = settings.value("state")
        if isinstance(state, QByteArray):
            self.docks_sized = self.window.restoreState(state)

    def save_state(self) -> None:
        settings = self.settings()
        settings.setValue("geometry", self.window.saveGeometry())
        settings.setValue("state", self.window.saveState())

    def fit_to_screen(self) -> None:
        """First start: fill the screen's available area (maximised), with a normal size
        of most of it for when the clerk un-maximises. Later starts restore their size."""
        window = self.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            window.resize(1360, 860)
            return
        area = screen.availableGeometry()
        width, height = int(area.width() * 0.9), int(area.height() * 0.9)
        window.setGeometry(
            area.x() + (area.width() - width) // 2,
            area.y() + (area.height() - height) // 2,
            width,
            height,
        )
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def fit_docks(self) -> None:
        """A first split that leaves the table most of a small screen."""
        width = max(self.window.width(), 800)
        self.splitter.setSizes([max(200, min(230, width // 6)), width])
        self.window.resizeDocks(
            [self.form_dock], [max(300, min(360, width // 5))], Qt.Orientation.Horizontal
        )
        self.window.resizeDocks([self.issues_dock], [180], Qt.Orientation.Vertical)

    def fit_docks_once(self) -> None:
        """The first document of a fresh profile gets a sensible split; later ones keep the
        clerk's."""
        if not self.docks_sized:
            self.fit_docks()
            self.docks_sized = True
