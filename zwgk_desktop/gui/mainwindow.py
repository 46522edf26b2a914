"""The main window: composition only — it builds the widgets, creates one controller per
area and wires them together.

No business logic lives here: editing is ``editing.TableEditor``, changes are ``commands``,
validation is ``live_validation``; what the menus and panels do is in ``gui/controllers``
(each controller gets the widgets it needs, never this window). Without a document the
welcome page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop import APP_NAME
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.actions import build_actions, build_menus, connect_actions, handler_map
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.controllers.domain import DomainController
from zwgk_desktop.gui.controllers.edit import EditController
from zwgk_desktop.gui.controllers.file import FileController
from zwgk_desktop.gui.controllers.help import HelpController
from zwgk_desktop.gui.controllers.review import ReviewController, ReviewWidgets
from zwgk_desktop.gui.controllers.validation import ValidationController
from zwgk_desktop.gui.delegates import ItemDelegate
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel
from zwgk_desktop.gui.widgets.item_form import ItemForm
from zwgk_desktop.gui.widgets.item_table import ItemTableView
from zwgk_desktop.gui.widgets.navigator import Navigator

if TYPE_CHECKING:
    from zwgk_desktop.core.review.session import ReviewSession
    from zwgk_desktop.gui.editing import TableEditor
    from zwgk_desktop.gui.live_validation import LiveValidation
    from zwgk_desktop.gui.models.catalog_table import ItemTableModel
    from zwgk_desktop.gui.models.domain_list import DomainListModel
    from zwgk_desktop.gui.session import Session


class MainWindow(QMainWindow):
    """Widgets + controllers: ``doc`` (open/close, navigation), ``chrome``, ``file``,
    ``edit``, ``domains``, ``checks`` (校验), ``help`` and ``reviewing`` (审核)."""

    def __init__(self, parent: QWidget | None = None, welcome: bool = True) -> None:
        """``welcome=False``: a file is about to be opened (the app's start with a file),
        so the welcome page is built only if it is ever shown (~50 ms saved at start),
        and the form's fields after the table's first paint."""
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.ctx = DocumentContext()
        self._welcome: Any = None
        self._build_pages()
        self._build_docks(build_form=welcome)
        self.actions_by_id = build_actions(self, self.table)
        self.menus = build_menus(self, self.actions_by_id)
        self._build_controllers()
        self._wire()
        self.actions_by_id["show_form"].setChecked(True)
        self.actions_by_id["show_issues"].setChecked(True)
        self.chrome.restore_state()
        self.chrome.update_actions()
        if welcome:
            self.stack.setCurrentWidget(self.welcome)
        self.chrome.show_docks(False)
        self.reviewing.hide_docks()

    # ----------------------------------------------------------------- what is open (read-only)
    @property
    def session(self) -> Session | None:
        return self.ctx.session

    @property
    def validation(self) -> LiveValidation | None:
        return self.ctx.validation

    @property
    def table_model(self) -> ItemTableModel | None:
        return self.ctx.table_model

    @property
    def domain_model(self) -> DomainListModel | None:
        return self.ctx.domain_model

    @property
    def editor(self) -> TableEditor | None:
        return self.ctx.editor

    @property
    def review(self) -> ReviewSession | None:
        return self.ctx.review

    @property
    def welcome(self) -> Any:
        """The welcome page, built the first time it is needed."""
        if self._welcome is None:
            from zwgk_desktop.gui.dialogs.welcome import WelcomePage

            page = self._welcome = WelcomePage(self)
            self.stack.insertWidget(0, page)
            page.new_requested.connect(self.file.on_new)
            page.open_requested.connect(lambda path: self.file.open_path(Path(path)))
            page.import_requested.connect(self.file.on_import_excel)
            page.review_requested.connect(self.reviewing.on_review_open)
            page.batch_requested.connect(self.reviewing.on_review_batch)
        return self._welcome

    # ----------------------------------------------------------------- widgets
    def _build_pages(self) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.editor_page = QWidget(self)
        layout = QVBoxLayout(self.editor_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel("", self.editor_page)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff4c2; color:#5c4400; padding:6px 10px; border-bottom:1px solid #e5c84a;"
        )
        self.banner.setVisible(False)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.editor_page)
        self.navigator = Navigator(self.splitter)
        centre = QWidget(self.splitter)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        self.header = DomainHeader(centre)
        centre_layout.addWidget(self.header)
        self.table = ItemTableView(centre)
        self.table.setItemDelegate(ItemDelegate(self.ctx.levels, self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        centre_layout.addWidget(self.table)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 900])
        layout.addWidget(self.splitter, 1)
        self.stack.addWidget(self.editor_page)

    def _build_docks(self, build_form: bool) -> None:
        self.form = ItemForm(self, build=build_form)
        self.form_dock = QDockWidget("事项详情", self)
        self.form_dock.setObjectName("formDock")
        self.form_dock.setWidget(self.form)
        self.form_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.form_dock)
        self.issues_panel = IssuesPanel(self)
        self.issues_dock = QDockWidget("校验问题", self)
        self.issues_dock.setObjectName("issuesDock")
        self.issues_dock.setWidget(self.issues_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.issues_dock)

    def _build_review_widgets(self) -> ReviewWidgets:
        """The review's banner and docks, built when a review is first opened (shown only
        while one is open); a layout restored before they existed is applied to them."""
        from zwgk_desktop.gui.review import DiffView, ReviewBanner, ReviewPanel

        banner = ReviewBanner(self.editor_page)
        self.editor_page.layout().insertWidget(1, banner)  # below the 只读 strip
        panel = ReviewPanel(self)
        panel_dock = QDockWidget("审核意见", self)
        panel_dock.setObjectName("reviewDock")
        panel_dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel_dock)
        self.tabifyDockWidget(self.form_dock, panel_dock)
        diff_view = DiffView(self)
        diff_dock = QDockWidget("比较", self)
        diff_dock.setObjectName("diffDock")
        diff_dock.setWidget(diff_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, diff_dock)
        for dock in (panel_dock, diff_dock):
            self.restoreDockWidget(dock)
        return ReviewWidgets(banner, panel, panel_dock, diff_view, diff_dock)

    @property
    def review_banner(self) -> Any:
        return self.reviewing.banner

    @property
    def review_panel(self) -> Any:
        return self.reviewing.panel

    @property
    def review_dock(self) -> QDockWidget:
        return self.reviewing.panel_dock

    @property
    def diff_view(self) -> Any:
        return self.reviewing.diff_view

    @property
    def diff_dock(self) -> QDockWidget:
        return self.reviewing.diff_dock

    # ----------------------------------------------------------------- controllers
    def _build_controllers(self) -> None:
        ctx, actions = self.ctx, self.actions_by_id
        self.chrome = ChromeController(
            self,
            ctx,
            actions,
            self.menus["文件"],
            self.form_dock,
            self.issues_dock,
            self.splitter,
        )
        self.doc = DocumentController(
            self,
            ctx,
            self.chrome,
            self.stack,
            lambda: self.welcome,
            self.editor_page,
            self.banner,
            self.navigator,
            self.header,
            self.table,
            self.form,
            self.issues_panel,
        )
        self.file = FileController(self, ctx, self.doc, self.chrome, self.form)
        self.edit = EditController(
            self, ctx, self.doc, self.chrome, actions, self.table, self.form, self.header
        )
        self.domains = DomainController(self, ctx, self.doc, self.chrome, actions, self.header)
        self.checks = ValidationController(
            self, ctx, self.chrome, self.form, self.issues_panel, self.issues_dock
        )
        self.help = HelpController(self)
        self.reviewing = ReviewController(
            self,
            ctx,
            self.doc,
            self.chrome,
            actions,
            self._build_review_widgets,
            self.banner,
            self.issues_dock,
            self.issues_panel,
        )
        connect_actions(actions, handler_map(*self.controllers()))

    def controllers(self) -> tuple[Any, ...]:
        """Every area's controller (together they handle each action exactly once)."""
        return (
            self.chrome,
            self.doc,
            self.file,
            self.edit,
            self.domains,
            self.checks,
            self.help,
            self.reviewing,
        )

    def _wire(self) -> None:
        """Requests that cross areas: a widget of one area asks another area's controller."""
        self.chrome.open_requested.connect(self.file.open_path)
        self.file.own_file_opened.connect(self.reviewing.open_township_review)
        self.navigator.domain_selected.connect(self.doc.show_domain)
        self.header.filter_changed.connect(self.doc.apply_filter)
        self.form.reset_requested.connect(self.domains.on_reset_to_template)
        self.issues_panel.locate_requested.connect(self.doc.locate)
        self.issues_panel.meta_requested.connect(self.file.on_edit_meta)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            self.chrome.save_state()
            self.doc.close_session()
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
        event.accept()
