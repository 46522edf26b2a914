"""The main window: composition of navigator, table, item form and validation panel.

No business logic lives here: editing is ``editing.TableEditor``, changes are
``commands``, validation is ``live_validation``; the menu handlers are in the
``handlers_file``, ``handlers_edit`` and ``handlers_review`` mixins. Without a document the welcome page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
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
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.actions import build_actions, build_menus
from zwgk_desktop.gui.delegates import ItemDelegate
from zwgk_desktop.gui.editing import TableEditor
from zwgk_desktop.gui.handlers_edit import EditHandlers
from zwgk_desktop.gui.handlers_file import FileHandlers
from zwgk_desktop.gui.handlers_review import ReviewHandlers, drop_review_copy
from zwgk_desktop.gui.live_validation import LiveValidation
from zwgk_desktop.gui.models.catalog_table import ItemTableModel
from zwgk_desktop.gui.models.domain_list import DomainListModel
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel
from zwgk_desktop.gui.widgets.item_form import ItemForm
from zwgk_desktop.gui.widgets.item_table import ItemTableView
from zwgk_desktop.gui.widgets.navigator import Navigator
from zwgk_desktop.gui.window_chrome import WindowChrome


class MainWindow(FileHandlers, EditHandlers, ReviewHandlers, WindowChrome, QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.session: Session | None = None
        self.validation: LiveValidation | None = None
        self.table_model: ItemTableModel | None = None
        self.domain_model: DomainListModel | None = None
        self.editor: TableEditor | None = None
        self.find_dialog: Any = None
        self.guide_dialog: Any = None
        self.meta_dialog: Any = None
        self._build_pages()
        self._build_docks()
        self._build_review()
        self.actions_by_id = build_actions(self, self.table)
        self.menus = build_menus(self, self.actions_by_id)
        self._build_recent_menu()
        self._build_status_bar()
        self.actions_by_id["show_form"].setChecked(True)
        self.actions_by_id["show_issues"].setChecked(True)
        self._restore_state()
        self._update_actions()
        self.stack.setCurrentWidget(self.welcome)
        self._show_docks(False)

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
        self.navigator.domain_selected.connect(self.show_domain)
        centre = QWidget(self.splitter)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        self.header = DomainHeader(centre)
        self.header.not_involved_toggled.connect(self.set_not_involved)
        self.header.note_edited.connect(self.set_note)
        self.header.filter_changed.connect(self.apply_filter)
        centre_layout.addWidget(self.header)
        self.table = ItemTableView(centre)
        self.table.setItemDelegate(ItemDelegate(self._levels, self.table))
        self.table.clear_requested.connect(lambda: self.on_clear())
        self.table.rows_dropped.connect(self._rows_dropped)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
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

        page = WelcomePage(self)
        page.new_requested.connect(self.on_new)
        page.open_requested.connect(lambda path: self.open_path(Path(path)))
        page.import_requested.connect(self.on_import_excel)
        page.review_requested.connect(self.on_review_open)
        page.batch_requested.connect(self.on_review_batch)
        return page

    def _build_docks(self) -> None:
        self.form = ItemForm(self)
        self.form.reset_requested.connect(self.on_reset_to_template)
        self.form_dock = QDockWidget("事项详情", self)
        self.form_dock.setObjectName("formDock")
        self.form_dock.setWidget(self.form)
        self.form_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.form_dock)
        self.issues_panel = IssuesPanel(self)
        self.issues_panel.locate_requested.connect(self.locate)
        self.issues_panel.revalidate_requested.connect(self.on_revalidate)
        self.issues_panel.meta_requested.connect(self.on_edit_meta)
        self.issues_dock = QDockWidget("校验问题", self)
        self.issues_dock.setObjectName("issuesDock")
        self.issues_dock.setWidget(self.issues_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.issues_dock)
        self.form_dock.visibilityChanged.connect(self._form_dock_shown)
        self.issues_dock.visibilityChanged.connect(self._issues_dock_shown)
        self._docks_follow_actions = True
        self._docks_sized = False

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel("", self)
        self.items_label = QLabel("", self)
        self.save_label = QLabel("", self)
        for label in (self.counts_label, self.items_label, self.save_label):
            bar.addPermanentWidget(label)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(50)
        self._status_timer.timeout.connect(self.update_status)

    # ----------------------------------------------------------------- session
    def attach(self, document: Document, first_domain: str | None = None) -> None:
        """Show ``document`` (replacing any open one)."""
        self.close_session()
        session = Session(document, self, first=first_domain)
        self.session = session
        self.validation = LiveValidation(session, self)
        self.table_model = ItemTableModel(session, self.validation, self)
        self.domain_model = DomainListModel(session, self.validation, self)
        self.table.setModel(self.table_model)
        self.table.apply_column_widths()
        self.table.selectionModel().currentChanged.connect(self._current_cell_changed)
        self.editor = TableEditor(session, self.table_model, self.table)
        self.navigator.set_model(self.domain_model)
        self.form.bind(session, self.validation)
        session.failed.connect(lambda text: msgbox.error(self, text, "无法保存修改"))
        session.undo_stack.indexChanged.connect(self._after_change)
        session.domain_changed.connect(self._domain_changed)
        session.domains_reset.connect(self._domains_reset)
        session.meta_changed.connect(self._meta_changed)
        for signal in (session.rows_inserted, session.rows_removed):
            signal.connect(self._rows_changed)
        self.validation.issues_changed.connect(lambda _d: self._status_timer.start())
        self.validation.progress_changed.connect(lambda *_: self._status_timer.start())
        domains = session.domains
        first = first_domain if first_domain and session.has_domain(first_domain) else None
        first = first or next((d.id for d in domains if session.is_loaded(d.id)), None)
        first = first or (domains[0].id if domains else None)
        self.validation.restart(first)
        self.issues_panel.bind(self.validation)
        self.stack.setCurrentWidget(self.editor_page)
        self._show_docks(True)
        if not self._docks_sized:  # first document of a fresh profile: a sensible split
            self.fit_docks()
            self._docks_sized = True
        if first:
            self.navigator.select(first)
            self.show_domain(first)
        read_only = session.read_only
        self.banner.setText(
            f"只读：{document.lock_message or '文件以只读方式打开'}。不能修改，可查看、校验、导出和打印。"
        )
        self.banner.setVisible(read_only)
        self.update_title()
        self.update_status()
        self._update_actions()
        self.table.setFocus()

    def close_session(self) -> None:
        if self.session is None:
            return
        self.table.commit_open_editor()
        self.form.commit_all()
        self._detach_review()
        if self.find_dialog is not None:
            self.find_dialog.close()
            self.find_dialog.deleteLater()
            self.find_dialog = None
        self.form.bind(None)
        self.issues_panel.bind(None)
        self.navigator.set_model(None)
        self.table.setModel(None)
        self.editor = None
        if self.validation is not None:
            self.validation.stop()
        session, self.session = self.session, None
        for obj in (self.table_model, self.domain_model, self.validation):
            if obj is not None:
                obj.deleteLater()
        self.table_model = self.domain_model = self.validation = None
        session.close()
        drop_review_copy(session.document)
        session.deleteLater()
        self.stack.setCurrentWidget(self.welcome)
        self._show_docks(False)
        if hasattr(self.welcome, "refresh"):
            self.welcome.refresh()
        self.update_title()
        self.update_status()
        self._update_actions()

    # ----------------------------------------------------------------- domains & cells
    def current_domain(self) -> str | None:
        return self.table_model.domain_id if self.table_model is not None else None

    def show_domain(self, domain_id: str) -> None:
        if (
            self.table_model is None
            or self.session is None
            or not self.session.has_domain(domain_id)
        ):
            return
        if domain_id == self.table_model.domain_id:
            return
        try:
            self.session.ensure_loaded(domain_id)
        except ZwgkError as exc:
            msgbox.error(self, str(exc), "无法读取")
            return
        self.form.commit_all()
        self.table_model.set_domain(domain_id)
        self.header.filter.blockSignals(True)
        self.header.filter.clear()
        self.header.filter.blockSignals(False)
        self.navigator.select(domain_id)
        self._refresh_header()
        if self.table_model.rowCount():
            self.table.select_cell(0, max(0, self.table.currentIndex().column()))
        self._current_cell_changed(self.table.currentIndex(), QModelIndex())
        self.update_status()

    def locate(self, domain_id: str, item_id: int | None, key: str | None) -> None:
        """Show a domain, and the item's cell if given (issue click, find)."""
        if (
            self.session is None
            or self.table_model is None
            or not self.session.has_domain(domain_id)
        ):
            return
        self.show_domain(domain_id)
        if item_id is None:
            self.header.note.setFocus() if key == "note" else self.table.setFocus()
            return
        try:
            row = self.session.row_of(domain_id, item_id)
        except KeyError:
            return
        visible = self.table_model.visible_row(row)
        if visible is None:  # hidden by the filter: drop the filter to show it
            self.header.filter.clear()
            self.apply_filter("")
            visible = self.table_model.visible_row(row)
        column = (
            self.table_model.column_of(key)
            if key in {f.key for f in self.table_model.fields}
            else 0
        )
        if visible is not None:
            self.table.select_cell(visible, column)
            self.table.setFocus()

    def current_position(self) -> tuple[str, int, str] | None:
        """(domain id, domain row, field key) of the current cell (for find/replace)."""
        if self.table_model is None or self.table_model.domain_id is None:
            return None
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return (
            self.table_model.domain_id,
            self.table_model.domain_row(index.row()),
            self.table_model.fields[index.column()].key,
        )

    def _current_cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._review_follow_cell()
        if self.table_model is None or not current.isValid():
            self.form.show_item(self.current_domain(), None)
            if self.validation is not None:
                for quiet_id in list(self.validation.store.quiet):
                    self.validation.release(quiet_id)
            return
        item = self.table_model.item_at(current.row())
        self.form.show_item(self.table_model.domain_id, item.id)
        if self.validation is not None and self.validation.store.quiet:
            for quiet_id in list(self.validation.store.quiet - {item.id}):
                self.validation.release(quiet_id)  # the clerk left the new row

    def apply_filter(self, text: str) -> None:
        if self.table_model is None:
            return
        self.table_model.set_filter(text)
        if self.table_model.rowCount():
            self.table.select_cell(0, max(0, self.table.currentIndex().column()))
        self._refresh_header()

    def _refresh_header(self) -> None:
        domain_id = self.current_domain()
        if self.session is None or domain_id is None:
            self.header.show_domain(None, True)
            return
        shown = (
            self.table_model.rowCount()
            if self.table_model is not None and self.table_model.filtered
            else None
        )
        self.header.show_domain(self.session.domain(domain_id), self.session.read_only, shown)

    def _levels(self) -> list[str]:
        return list(self.session.meta.levels) if self.session is not None else []

    # ----------------------------------------------------------------- reactions
    def _after_change(self, *_: Any) -> None:
        self._update_actions()
        self._status_timer.start()
        self.save_label.setText("已保存")

    def _domain_changed(self, domain_id: str) -> None:
        if domain_id == self.current_domain():
            self._refresh_header()

    def _meta_changed(self, levels_changed: bool) -> None:
        self.update_title()
        if levels_changed:
            self.form.refresh_levels()
            self.table.viewport().update()

    def _rows_changed(self, domain_id: str, *_: int) -> None:
        if domain_id == self.current_domain():
            self._refresh_header()
        self._status_timer.start()

    def _domains_reset(self) -> None:
        current = self.current_domain()
        if self.session is not None and (current is None or not self.session.has_domain(current)):
            domains = self.session.domains
            if domains:
                self.table_model.set_domain(None)  # type: ignore[union-attr]
                self.show_domain(domains[0].id)
        self._refresh_header()
        self.update_status()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            settings = self._settings()
            settings.setValue("geometry", self.saveGeometry())
            settings.setValue("state", self.saveState())
            self.close_session()
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
        event.accept()
