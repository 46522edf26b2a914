"""The main window: composition of navigator, table, item form and validation panel.

No business logic lives here: editing is ``editing.TableEditor``, changes are
``commands``, validation is ``live_validation``; the menu handlers are in the
``handlers_file``, ``handlers_edit`` and ``handlers_review`` mixins. Without a document the welcome page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from zwgk_desktop.gui.actions import (
    ACTIONS,
    build_actions,
    build_menus,
    connect_actions,
    handler_map,
)
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.controllers.file import FileController
from zwgk_desktop.gui.controllers.review import ReviewController, ReviewWidgets
from zwgk_desktop.gui.delegates import ItemDelegate
from zwgk_desktop.gui.handlers_edit import EditHandlers
from zwgk_desktop.gui.review import DiffView, ReviewBanner, ReviewPanel
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel
from zwgk_desktop.gui.widgets.item_form import ItemForm
from zwgk_desktop.gui.widgets.item_table import ItemTableView
from zwgk_desktop.gui.widgets.navigator import Navigator


class _WindowHandlers:
    """The menu handlers not yet moved into a controller (they live on the window)."""

    def __init__(self, window: MainWindow, ids: tuple[str, ...]) -> None:
        self.HANDLES = ids
        self._window = window

    def __getattr__(self, name: str) -> Any:
        return getattr(self._window, name)


class MainWindow(EditHandlers, QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.ctx = DocumentContext()
        self.find_dialog: Any = None
        self.guide_dialog: Any = None
        self._build_pages()
        self._build_docks()
        self._build_review_docks()
        self.actions_by_id = build_actions(self, self.table)
        self.menus = build_menus(self, self.actions_by_id)
        self.chrome = ChromeController(
            self,
            self.ctx,
            self.actions_by_id,
            self.menus["文件"],
            self.form_dock,
            self.issues_dock,
            self.splitter,
        )
        self.doc = DocumentController(
            self,
            self.ctx,
            self.chrome,
            self.stack,
            self.welcome,
            self.editor_page,
            self.banner,
            self.navigator,
            self.header,
            self.table,
            self.form,
            self.issues_panel,
        )
        self.file = FileController(self, self.ctx, self.doc, self.chrome, self.form)
        self.reviewing = ReviewController(
            self,
            self.ctx,
            self.doc,
            self.chrome,
            self.actions_by_id,
            ReviewWidgets(
                self.review_banner,
                self.review_panel,
                self.review_dock,
                self.diff_view,
                self.diff_dock,
            ),
            self.banner,
            self.issues_dock,
            self.issues_panel,
        )
        self._wire()
        owned = {*self.chrome.HANDLES, *self.file.HANDLES, *self.reviewing.HANDLES}
        rest = tuple(spec.id for spec in ACTIONS if spec.id not in owned)
        connect_actions(
            self.actions_by_id,
            handler_map(
                self.chrome, self.doc, self.file, self.reviewing, _WindowHandlers(self, rest)
            ),
        )
        self.actions_by_id["show_form"].setChecked(True)
        self.actions_by_id["show_issues"].setChecked(True)
        self.chrome.restore_state()
        self.chrome.update_actions()
        self.stack.setCurrentWidget(self.welcome)
        self.chrome.show_docks(False)
        self.reviewing.hide_docks()

    # ----------------------------------------------------------------- state (read-only views)
    @property
    def session(self) -> Any:
        return self.ctx.session

    @property
    def validation(self) -> Any:
        return self.ctx.validation

    @property
    def table_model(self) -> Any:
        return self.ctx.table_model

    @property
    def domain_model(self) -> Any:
        return self.ctx.domain_model

    @property
    def editor(self) -> Any:
        return self.ctx.editor

    @property
    def review(self) -> Any:
        return self.ctx.review

    # ----------------------------------------------------------------- layout
    def _build_pages(self) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.welcome = self._make_welcome()
        self.stack.addWidget(self.welcome)
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

    def _make_welcome(self) -> QWidget:
        from zwgk_desktop.gui.dialogs.welcome import WelcomePage

        return WelcomePage(self)

    def _build_docks(self) -> None:
        self.form = ItemForm(self)
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

    def _build_review_docks(self) -> None:
        """The review's banner and docks; shown only while a review is open."""
        self.review_banner = ReviewBanner(self.editor_page)
        self.editor_page.layout().insertWidget(1, self.review_banner)  # below the 只读 strip
        self.review_panel = ReviewPanel(self)
        self.review_dock = QDockWidget("审核意见", self)
        self.review_dock.setObjectName("reviewDock")
        self.review_dock.setWidget(self.review_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.review_dock)
        self.tabifyDockWidget(self.form_dock, self.review_dock)
        self.diff_view = DiffView(self)
        self.diff_dock = QDockWidget("比较", self)
        self.diff_dock.setObjectName("diffDock")
        self.diff_dock.setWidget(self.diff_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diff_dock)

    def _wire(self) -> None:
        """Connect the widgets' requests to the controllers that answer them."""
        doc, chrome = self.doc, self.chrome
        page = self.welcome
        page.new_requested.connect(self.file.on_new)
        page.open_requested.connect(lambda path: self.file.open_path(Path(path)))
        page.import_requested.connect(self.file.on_import_excel)
        page.review_requested.connect(self.reviewing.on_review_open)
        page.batch_requested.connect(self.reviewing.on_review_batch)
        chrome.open_requested.connect(self.file.open_path)
        self.file.own_file_opened.connect(self.reviewing.open_township_review)
        chrome.actions_updated.connect(self._refine_actions)
        self.navigator.domain_selected.connect(doc.show_domain)
        self.header.not_involved_toggled.connect(self.set_not_involved)
        self.header.note_edited.connect(self.set_note)
        self.header.filter_changed.connect(doc.apply_filter)
        self.table.clear_requested.connect(lambda: self.on_clear())
        self.table.rows_dropped.connect(self._rows_dropped)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.form.reset_requested.connect(self.on_reset_to_template)
        self.issues_panel.locate_requested.connect(doc.locate)
        self.issues_panel.revalidate_requested.connect(self.on_revalidate)
        self.issues_panel.meta_requested.connect(self.file.on_edit_meta)
        doc.closing.connect(self._on_closing)

    def _on_closing(self) -> None:
        if self.find_dialog is not None:
            self.find_dialog.close()
            self.find_dialog.deleteLater()
            self.find_dialog = None

    def _refine_actions(self) -> None:
        domain_id = self.ctx.current_domain()
        session = self.ctx.session
        custom = bool(session is not None and domain_id and not session.domain(domain_id).pilot)
        self.actions_by_id["remove_domain"].setEnabled(self.ctx.writable and custom)

    # ----------------------------------------------------------------- forwarding (transitional)
    def attach(self, document: Any, first_domain: str | None = None) -> None:
        self.doc.attach(document, first_domain)

    def close_session(self) -> None:
        self.doc.close_session()

    def current_domain(self) -> str | None:
        return self.ctx.current_domain()

    def show_domain(self, domain_id: str) -> None:
        self.doc.show_domain(domain_id)

    def locate(self, domain_id: str, item_id: int | None, key: str | None) -> None:
        self.doc.locate(domain_id, item_id, key)

    def current_position(self) -> tuple[str, int, str] | None:
        return self.doc.current_position()

    def apply_filter(self, text: str) -> None:
        self.doc.apply_filter(text)

    def update_title(self) -> None:
        self.chrome.update_title()

    def update_status(self) -> None:
        self.chrome.update_status()

    def _update_actions(self) -> None:
        self.chrome.update_actions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            self.chrome.save_state()
            self.doc.close_session()
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
        event.accept()
