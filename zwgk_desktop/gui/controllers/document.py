"""Opening and closing the catalog in the window, and moving between domains and cells.

``attach`` builds the session and its models into ``DocumentContext`` and binds the widgets;
``close_session`` takes them down again. Other areas follow through the signals: the review
controller detaches on ``closing`` and follows the cursor on ``current_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.editing import TableEditor
from zwgk_desktop.gui.first_paint import PaintWatch, checking_warmup
from zwgk_desktop.gui.live_validation import LiveValidation
from zwgk_desktop.gui.models.catalog_table import ItemTableModel
from zwgk_desktop.gui.models.domain_list import DomainListModel
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel
from zwgk_desktop.gui.widgets.item_form import ItemForm
from zwgk_desktop.gui.widgets.item_table import ItemTableView
from zwgk_desktop.gui.widgets.navigator import Navigator


class DocumentController(QObject):
    """The open catalog's lifetime in the window and where the clerk is in it."""

    HANDLES: ClassVar[tuple[str, ...]] = ()  # no menu of its own

    closing = Signal()  # about to take the document down (edits committed)
    closed = Signal(object)  # the Document just closed
    current_changed = Signal()  # the current cell moved (or the domain changed)

    def __init__(
        self,
        window: QWidget,
        ctx: DocumentContext,
        chrome: ChromeController,
        stack: QStackedWidget,
        welcome: Callable[[], QWidget],  # the page, built on first use
        editor_page: QWidget,
        banner: QLabel,
        navigator: Navigator,
        header: DomainHeader,
        table: ItemTableView,
        form: ItemForm,
        issues_panel: IssuesPanel,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.chrome = chrome
        self.stack = stack
        self.welcome = welcome
        self.editor_page = editor_page
        self.banner = banner
        self.navigator = navigator
        self.header = header
        self.table = table
        self.form = form
        self.issues_panel = issues_panel
        form.setEnabled(False)
        # Checking and the form's 公开依据 hint start once the clerk sees the table.
        self.paint_watch = PaintWatch(table.viewport(), table.painted, warmup=checking_warmup())
        form.paint_hold = self.paint_watch.hold

    # ----------------------------------------------------------------- session
    def attach(self, document: Document, first_domain: str | None = None) -> None:
        """Show ``document`` (replacing any open one)."""
        self.close_session()
        ctx, window = self.ctx, self.window
        if document.lock_pending:  # the app's start: the table first, then the lock
            self.paint_watch.soon(lambda: self._take_lock(document))
        session = Session(document, window, first=first_domain)
        ctx.session = session
        validation = ctx.validation = LiveValidation(session, window)
        validation.hold = self.paint_watch.hold
        validation.after_paint = self.paint_watch.after_next_paint
        validation.painting = self._table_filling_in
        table_model = ctx.table_model = ItemTableModel(session, validation, window)
        ctx.domain_model = DomainListModel(session, validation, window)
        self.table.setModel(table_model)
        self.table.apply_column_widths()
        self.table.selectionModel().currentChanged.connect(self._current_cell_changed)
        ctx.editor = TableEditor(session, table_model, self.table)
        self.navigator.set_model(ctx.domain_model)
        self.form.bind(session, validation)
        if not self.form.built:
            self.paint_watch.soon(self.form.build)  # the table first
        session.failed.connect(lambda text: msgbox.error(window, text, "无法保存修改"))
        session.undo_stack.indexChanged.connect(self.chrome.after_change)
        session.domain_changed.connect(self._domain_changed)
        session.domains_reset.connect(self._domains_reset)
        session.meta_changed.connect(self._meta_changed)
        for signal in (session.rows_inserted, session.rows_removed):
            signal.connect(self._rows_changed)
        validation.issues_changed.connect(self.chrome.schedule_status)
        validation.progress_changed.connect(self.chrome.schedule_status)
        domains = session.domains
        first = first_domain if first_domain and session.has_domain(first_domain) else None
        first = first or next((d.id for d in domains if session.is_loaded(d.id)), None)
        first = first or (domains[0].id if domains else None)
        validation.restart(first)
        self.issues_panel.bind(validation)
        self.stack.setCurrentWidget(self.editor_page)
        self.chrome.show_docks(True)
        self.chrome.fit_docks_once()
        if first:
            self.navigator.select(first)
            self.show_domain(first)
        self._show_read_only(session)
        self.form.setEnabled(True)
        self.chrome.refresh()
        self.table.setFocus()

    def _show_read_only(self, session: Session) -> None:
        document = session.document
        self.banner.setText(
            f"只读：{document.lock_message or '文件以只读方式打开'}。不能修改，可查看、校验、导出和打印。"
        )
        self.banner.setVisible(session.read_only)

    def _take_lock(self, document: Document) -> None:
        """The edit lock of a file opened at start (``Document.open(lock_later=True)``);
        if another window or program has it, the document turns read-only on screen; if
        one saved to it between opening and now, the catalog is read again."""
        session = self.ctx.session
        if session is None or session.document is not document:
            return
        if document.take_lock():
            if document.changed_since_open:  # another window saved meanwhile: re-read
                self.reload()
            return
        self._show_read_only(session)
        self.refresh_header()
        self.form.refresh()
        self.chrome.refresh()

    def close_session(self) -> None:
        ctx = self.ctx
        if ctx.session is None:
            return
        self.table.commit_open_editor()
        self.form.commit_all()
        self.closing.emit()
        self.form.bind(None)
        self.issues_panel.bind(None)
        self.navigator.set_model(None)
        self.table.setModel(None)
        ctx.editor = None
        if ctx.validation is not None:
            ctx.validation.stop()
        session, ctx.session = ctx.session, None
        for obj in (ctx.table_model, ctx.domain_model, ctx.validation):
            if obj is not None:
                obj.deleteLater()
        ctx.table_model = ctx.domain_model = ctx.validation = None
        session.close()
        self.closed.emit(session.document)
        session.deleteLater()
        self.show_welcome()
        self.form.setEnabled(False)
        self.chrome.refresh()

    def show_welcome(self) -> None:
        """The welcome page in place of the editor (nothing open)."""
        page = self.welcome()
        self.stack.setCurrentWidget(page)
        self.chrome.show_docks(False)
        if hasattr(page, "refresh"):
            page.refresh()

    def reload(self) -> None:
        """Re-read the open document (after a snapshot was restored)."""
        session, validation = self.ctx.session, self.ctx.validation
        if session is None:
            return
        current = self.ctx.current_domain()
        session.reload()
        if validation is not None:
            validation.restart(current)
        if current and session.has_domain(current) and self.ctx.table_model is not None:
            self.ctx.table_model.set_domain(None)
            self.show_domain(current)
        self.chrome.refresh()

    # ----------------------------------------------------------------- domains & cells
    def current_domain(self) -> str | None:
        return self.ctx.current_domain()

    def show_domain(self, domain_id: str) -> None:
        session, table_model = self.ctx.session, self.ctx.table_model
        if table_model is None or session is None or not session.has_domain(domain_id):
            return
        if domain_id == table_model.domain_id:
            return
        try:
            session.ensure_loaded(domain_id)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法读取")
            return
        self.form.commit_all()
        table_model.set_domain(domain_id)
        self.header.filter.blockSignals(True)
        self.header.filter.clear()
        self.header.filter.blockSignals(False)
        self.navigator.select(domain_id)
        self.refresh_header()
        if table_model.rowCount():
            self.table.select_cell(0, max(0, self.table.currentIndex().column()))
        self._current_cell_changed(self.table.currentIndex(), QModelIndex())
        self.chrome.update_status()

    def locate(self, domain_id: str, item_id: int | None, key: str | None) -> None:
        """Show a domain, and the item's cell if given (issue click, find)."""
        session, table_model = self.ctx.session, self.ctx.table_model
        if session is None or table_model is None or not session.has_domain(domain_id):
            return
        self.show_domain(domain_id)
        if item_id is None:
            self.header.note.setFocus() if key == "note" else self.table.setFocus()
            return
        try:
            row = session.row_of(domain_id, item_id)
        except KeyError:
            return
        visible = table_model.visible_row(row)
        if visible is None:  # hidden by the filter: drop the filter to show it
            self.header.filter.clear()
            self.apply_filter("")
            visible = table_model.visible_row(row)
        column = table_model.column_of(key) if key in {f.key for f in table_model.fields} else 0
        if visible is not None:
            self.table.select_cell(visible, column)
            self.table.setFocus()

    def jump_to_row(self, domain_id: str, row: int, field: str | None) -> None:
        """Select a domain (row out of range) or the cell of the item at ``row``."""
        session = self.ctx.session
        if session is None or not session.has_domain(domain_id):
            return
        items = session.items(domain_id)
        if row < 0 or row >= len(items):
            self.show_domain(domain_id)
            self.table.setFocus()
            return
        self.locate(domain_id, items[row].id, field or None)

    def current_position(self) -> tuple[str, int, str] | None:
        """(domain id, domain row, field key) of the current cell (for find/replace, review)."""
        table_model = self.ctx.table_model
        if table_model is None or table_model.domain_id is None:
            return None
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return (
            table_model.domain_id,
            table_model.domain_row(index.row()),
            table_model.fields[index.column()].key,
        )

    def _table_filling_in(self) -> bool:
        """The table (or its frozen columns) still shows cells without their text."""
        table = self.table
        return table.deferred_cells.pending or table.frozen.deferred_cells.pending

    def _current_cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit()
        table_model, validation = self.ctx.table_model, self.ctx.validation
        if table_model is None or not current.isValid():
            self.form.show_item(self.ctx.current_domain(), None)
            if validation is not None:
                for quiet_id in list(validation.store.quiet):
                    validation.release(quiet_id)
            return
        item = table_model.item_at(current.row())
        self.form.show_item(table_model.domain_id, item.id)
        if validation is not None and validation.store.quiet:
            for quiet_id in list(validation.store.quiet - {item.id}):
                validation.release(quiet_id)  # the clerk left the new row

    def apply_filter(self, text: str) -> None:
        table_model = self.ctx.table_model
        if table_model is None:
            return
        table_model.set_filter(text)
        if table_model.rowCount():
            self.table.select_cell(0, max(0, self.table.currentIndex().column()))
        self.refresh_header()

    def refresh_header(self) -> None:
        session, table_model = self.ctx.session, self.ctx.table_model
        domain_id = self.ctx.current_domain()
        if session is None or domain_id is None:
            self.header.show_domain(None, True)
            return
        shown = table_model.rowCount() if table_model is not None and table_model.filtered else None
        self.header.show_domain(session.domain(domain_id), session.read_only, shown)

    # ----------------------------------------------------------------- reactions
    def _domain_changed(self, domain_id: str) -> None:
        if domain_id == self.ctx.current_domain():
            self.refresh_header()

    def _meta_changed(self, levels_changed: bool) -> None:
        self.chrome.update_title()
        if levels_changed:
            self.form.refresh_levels()
            self.table.viewport().update()

    def _rows_changed(self, domain_id: str, *_: Any) -> None:
        if domain_id == self.ctx.current_domain():
            self.refresh_header()
        self.chrome.schedule_status()

    def _domains_reset(self) -> None:
        session, current = self.ctx.session, self.ctx.current_domain()
        if session is not None and (current is None or not session.has_domain(current)):
            domains = session.domains
            if domains and self.ctx.table_model is not None:
                self.ctx.table_model.set_domain(None)
                self.show_domain(domains[0].id)
        self.refresh_header()
        self.chrome.update_status()
