"""编辑 menu: undo/redo, the clipboard and cells, rows, find/replace and the filter.

Cell actions only act while no cell editor is open: the same keys then belong to the editor.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.item_form import ItemForm
from zwgk_desktop.gui.widgets.item_table import ItemTableView

# The table's right-click menu (None: a separator); the reviewer's 添加审核意见 comes first.
TABLE_MENU: tuple[str | None, ...] = (
    "cut",
    "copy",
    "paste",
    "clear",
    "fill_down",
    None,
    "insert_above",
    "insert_below",
    "duplicate",
    "delete_rows",
    "move_up",
    "move_down",
    None,
    "reset_to_template",
)


class EditController(QObject):
    """Handlers of the 编辑 menu and the table's own requests (Delete, drag, right-click)."""

    HANDLES: ClassVar[tuple[str, ...]] = (
        "undo",
        "redo",
        "cut",
        "copy",
        "paste",
        "clear",
        "fill_down",
        "insert_below",
        "insert_above",
        "duplicate",
        "delete_rows",
        "move_up",
        "move_down",
        "find",
        "replace",
        "find_next",
        "filter",
    )

    def __init__(
        self,
        window: QWidget,
        ctx: DocumentContext,
        doc: DocumentController,
        chrome: ChromeController,
        actions: dict[str, QAction],
        table: ItemTableView,
        form: ItemForm,
        header: DomainHeader,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.doc = doc
        self.chrome = chrome
        self.actions = actions
        self.table = table
        self.form = form
        self.header = header
        self.find_dialog: Any = None
        table.clear_requested.connect(self.on_clear)
        table.rows_dropped.connect(self._rows_dropped)
        table.customContextMenuRequested.connect(self._table_menu)
        doc.closing.connect(self._close_find_dialog)

    def _cells_free(self) -> bool:
        """An open document and no cell editor open (table shortcuts then belong to it)."""
        return self.ctx.editor is not None and not self.table.is_editing()

    # ----------------------------------------------------------------- undo
    def on_undo(self) -> None:
        session = self.ctx.session
        if session is not None and not session.read_only:
            self.form.commit_all()
            self._follow_change(session.undo_stack.undo)

    def on_redo(self) -> None:
        session = self.ctx.session
        if session is not None and not session.read_only:
            self._follow_change(session.undo_stack.redo)

    def _follow_change(self, step: Any) -> None:
        """Run an undo/redo step and show where it changed something, as Excel does."""
        session = self.ctx.session
        assert session is not None
        seen: list[tuple[str, int, str | None]] = []

        def cells(domain_id: str, rows: list[int], keys: list[str]) -> None:
            seen.append((domain_id, rows[0], keys[0] if keys else None))

        def rows(domain_id: str, start: int, _count: int) -> None:
            seen.append((domain_id, start, None))

        hooks = [
            (session.cells_changed, cells),
            (session.rows_inserted, rows),
            (session.rows_removed, rows),
        ]
        for signal, slot in hooks:
            signal.connect(slot)
        try:
            step()
        finally:
            for signal, slot in hooks:
                signal.disconnect(slot)
        if not seen or self.ctx.table_model is None:
            return
        domain_id, row, key = seen[0]
        if not session.has_domain(domain_id):
            return
        self.doc.show_domain(domain_id)
        items = session.items(domain_id)
        if not items:
            return
        row = min(row, len(items) - 1)
        table_model = self.ctx.table_model
        visible = table_model.visible_row(row)
        if visible is not None:
            column = (
                table_model.column_of(key) if key else max(0, self.table.currentIndex().column())
            )
            self.table.select_cell(visible, column)

    # ----------------------------------------------------------------- cells
    def on_cut(self) -> None:
        if self._cells_free():
            self.ctx.editor.cut()  # type: ignore[union-attr]

    def on_copy(self) -> None:
        if self._cells_free():
            self.ctx.editor.copy()  # type: ignore[union-attr]

    def on_paste(self) -> None:
        if self._cells_free():
            self.ctx.editor.paste()  # type: ignore[union-attr]

    def on_clear(self) -> None:
        if self._cells_free():
            self.ctx.editor.clear_cells()  # type: ignore[union-attr]

    def on_fill_down(self) -> None:
        if self._cells_free():
            self.ctx.editor.fill_down()  # type: ignore[union-attr]

    # ----------------------------------------------------------------- rows
    def on_insert_below(self) -> None:
        self._insert_row(below=True)

    def on_insert_above(self) -> None:
        self._insert_row(below=False)

    def _insert_row(self, below: bool) -> None:
        """Insert a row; it starts quiet (no 必填 marks) until the clerk leaves it."""
        editor, validation, table_model = self.ctx.editor, self.ctx.validation, self.ctx.table_model
        if editor is None:
            return
        if editor.insert_row(below=below) and validation is not None:
            index = self.table.currentIndex()
            if index.isValid() and table_model is not None:
                item = table_model.item_at(index.row())
                if item.id is not None:
                    validation.quiet(table_model.domain_id, item.id)
        self.table.setFocus()

    def on_duplicate(self) -> None:
        if self.ctx.editor is not None:
            self.ctx.editor.duplicate_rows()

    def on_delete_rows(self) -> None:
        if self.ctx.editor is not None and self.ctx.editor.delete_rows():
            self.chrome.message("已删除事项（Ctrl+Z 可撤销）", 5000)

    def on_move_up(self) -> None:
        if self.ctx.editor is not None:
            self.ctx.editor.move_rows(-1)

    def on_move_down(self) -> None:
        if self.ctx.editor is not None:
            self.ctx.editor.move_rows(1)

    def _rows_dropped(self, rows: list[int], target: int) -> None:
        if self.ctx.editor is not None:
            self.ctx.editor.move_rows_to(rows, target)

    def _table_menu(self, pos: QPoint) -> None:
        if self.ctx.session is None:
            return
        menu = QMenu(self.window)
        if self.ctx.reviewer:
            menu.addAction(self.actions["review_add_comment"])
            menu.addSeparator()
        for action_id in TABLE_MENU:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[action_id])
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ----------------------------------------------------------------- find & filter
    def _find_dialog(self) -> Any:
        if self.ctx.session is None:
            return None
        if self.find_dialog is None:
            from zwgk_desktop.gui.widgets.find_replace import FindReplaceDialog

            self.find_dialog = FindReplaceDialog(
                self.ctx.session,
                self._find_position,
                self.doc.locate,
                self.window,
                notify=self.chrome.message,
            )
        return self.find_dialog

    def _close_find_dialog(self) -> None:
        """The dialog searches one session: it goes with it."""
        if self.find_dialog is not None:
            self.find_dialog.close()
            self.find_dialog.deleteLater()
            self.find_dialog = None

    def _find_position(self) -> tuple[str, int, str] | None:
        """Where 查找下一个 starts: the current cell, or before the first row of the domain."""
        position = self.doc.current_position()
        domain_id = self.ctx.current_domain()
        if position is None and domain_id is not None and self.ctx.table_model is not None:
            return domain_id, -1, self.ctx.table_model.fields[0].key
        return position

    def _selected_text(self) -> str:
        index = self.table.currentIndex()
        text = index.data() if index.isValid() else ""
        return text if text and len(text) <= 30 else ""

    def on_find(self) -> None:
        dialog = self._find_dialog()
        if dialog is not None:
            dialog.open_for(replace=False, text=dialog.find_edit.text() or self._selected_text())

    def on_replace(self) -> None:
        dialog = self._find_dialog()
        if dialog is not None:
            dialog.open_for(replace=True, text=dialog.find_edit.text() or self._selected_text())

    def on_find_next(self) -> None:
        dialog = self._find_dialog()
        if dialog is None:
            return
        if dialog.find_edit.text():
            dialog.find_next(True)
        else:
            self.on_find()

    def on_filter(self) -> None:
        self.header.filter.setFocus()
        self.header.filter.selectAll()
