"""编辑, 视图, 领域, 校验 and 帮助 menus (a mixin of the main window)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QInputDialog,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.vocab import NOT_INVOLVED_REASONS
from zwgk_desktop.gui import commands, msgbox
from zwgk_desktop.gui.actions import shortcut_table
from zwgk_desktop.gui.commands import AddDomainOp, DomainOp, EditCommand, RemoveDomainOp, RemoveOp
from zwgk_desktop.gui.widgets.reasons import show_reasons

if TYPE_CHECKING:
    from zwgk_desktop.gui.mainwindow import MainWindow


class EditHandlers:
    """Handlers of the editing menus (mixed into MainWindow)."""

    def _editing(self: MainWindow) -> bool:
        """True while a cell editor is open: table shortcuts then belong to the editor."""
        return self.table.is_editing()

    def _push(self: MainWindow, text: str, ops: list[Any]) -> bool:
        if self.session is None:
            return False
        return commands.push(self.session, EditCommand(self.session, text, ops))

    # ----------------------------------------------------------------- undo
    def on_undo(self: MainWindow) -> None:
        if self.session is not None and not self.session.read_only:
            self.form.commit_all()
            self._follow_change(self.session.undo_stack.undo)

    def on_redo(self: MainWindow) -> None:
        if self.session is not None and not self.session.read_only:
            self._follow_change(self.session.undo_stack.redo)

    def _follow_change(self: MainWindow, step: Any) -> None:
        """Run an undo/redo step and show where it changed something, as Excel does."""
        assert self.session is not None
        seen: list[tuple[str, int, str | None]] = []
        session = self.session

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
        if not seen or self.table_model is None:
            return
        domain_id, row, key = seen[0]
        if not session.has_domain(domain_id):
            return
        self.show_domain(domain_id)
        items = session.items(domain_id)
        if not items:
            return
        row = min(row, len(items) - 1)
        visible = self.table_model.visible_row(row)
        if visible is not None:
            column = (
                self.table_model.column_of(key)
                if key
                else max(0, self.table.currentIndex().column())
            )
            self.table.select_cell(visible, column)

    # ----------------------------------------------------------------- cells
    def on_cut(self: MainWindow) -> None:
        if self.editor is not None and not self._editing():
            self.editor.cut()

    def on_copy(self: MainWindow) -> None:
        if self.editor is not None and not self._editing():
            self.editor.copy()

    def on_paste(self: MainWindow) -> None:
        if self.editor is not None and not self._editing():
            self.editor.paste()

    def on_clear(self: MainWindow) -> None:
        if self.editor is not None and not self._editing():
            self.editor.clear_cells()

    def on_fill_down(self: MainWindow) -> None:
        if self.editor is not None and not self._editing():
            self.editor.fill_down()

    # ----------------------------------------------------------------- rows
    def on_insert_below(self: MainWindow) -> None:
        self._insert_row(below=True)

    def on_insert_above(self: MainWindow) -> None:
        self._insert_row(below=False)

    def _insert_row(self: MainWindow, below: bool) -> None:
        """Insert a row; it starts quiet (no 必填 marks) until the clerk leaves it."""
        if self.editor is None:
            return
        if self.editor.insert_row(below=below) and self.validation is not None:
            index = self.table.currentIndex()
            if index.isValid() and self.table_model is not None:
                item = self.table_model.item_at(index.row())
                if item.id is not None:
                    self.validation.quiet(self.table_model.domain_id, item.id)
        self.table.setFocus()

    def on_duplicate(self: MainWindow) -> None:
        if self.editor is not None:
            self.editor.duplicate_rows()

    def on_delete_rows(self: MainWindow) -> None:
        if self.editor is not None and self.editor.delete_rows():
            self.statusBar().showMessage("已删除事项（Ctrl+Z 可撤销）", 5000)

    def on_move_up(self: MainWindow) -> None:
        if self.editor is not None:
            self.editor.move_rows(-1)

    def on_move_down(self: MainWindow) -> None:
        if self.editor is not None:
            self.editor.move_rows(1)

    def _rows_dropped(self: MainWindow, rows: list[int], target: int) -> None:
        if self.editor is not None:
            self.editor.move_rows_to(rows, target)

    def _table_menu(self: MainWindow, pos: QPoint) -> None:
        if self.session is None:
            return
        menu = QMenu(self)
        if self.review is not None and self.review.is_reviewer:
            menu.addAction(self.actions_by_id["review_add_comment"])
            menu.addSeparator()
        for action_id in (
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
        ):
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_id[action_id])
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ----------------------------------------------------------------- find & filter
    def _find_dialog(self: MainWindow) -> Any:
        if self.session is None:
            return None
        if self.find_dialog is None:
            from zwgk_desktop.gui.widgets.find_replace import FindReplaceDialog

            self.find_dialog = FindReplaceDialog(
                self.session, self._find_position, self.locate, self
            )
        return self.find_dialog

    def _find_position(self: MainWindow) -> tuple[str, int, str] | None:
        """Where 查找下一个 starts: the current cell, or before the first row of the domain."""
        position = self.current_position()
        domain_id = self.current_domain()
        if position is None and domain_id is not None and self.table_model is not None:
            return domain_id, -1, self.table_model.fields[0].key
        return position

    def _selected_text(self: MainWindow) -> str:
        index = self.table.currentIndex()
        text = index.data() if index.isValid() else ""
        return text if text and len(text) <= 30 else ""

    def on_find(self: MainWindow) -> None:
        dialog = self._find_dialog()
        if dialog is not None:
            dialog.open_for(replace=False, text=dialog.find_edit.text() or self._selected_text())

    def on_replace(self: MainWindow) -> None:
        dialog = self._find_dialog()
        if dialog is not None:
            dialog.open_for(replace=True, text=dialog.find_edit.text() or self._selected_text())

    def on_find_next(self: MainWindow) -> None:
        dialog = self._find_dialog()
        if dialog is None:
            return
        if dialog.find_edit.text():
            dialog.find_next(True)
        else:
            self.on_find()

    def on_filter(self: MainWindow) -> None:
        self.header.filter.setFocus()
        self.header.filter.selectAll()

    # ----------------------------------------------------------------- domains
    def set_not_involved(self: MainWindow, checked: bool) -> None:
        domain_id = self.current_domain()
        if self.session is None or domain_id is None:
            return
        domain = self.session.domain(domain_id)
        if domain.not_involved == checked:
            return
        text = "标为未涉及" if checked else "取消未涉及"
        old_values: dict[str, Any] = {"not_involved": domain.not_involved}
        new_values: dict[str, Any] = {"not_involved": checked}
        offer_reason = checked and not domain.note.strip()
        if offer_reason:  # the usual reason, as 新建目录 offers it; one undo step with the mark
            old_values["note"] = domain.note
            new_values["note"] = NOT_INVOLVED_REASONS[0]
        ops: list[Any] = [DomainOp(self.session, domain_id, old_values, new_values)]
        if checked and domain.items:
            question = f"“{domain.name}”中还有 {len(domain.items)} 个事项。标为未涉及后这些事项不再需要，要一并删除吗？（可撤销）"
            if msgbox.ask(self, question, yes="一并删除", no="保留事项"):
                ops.append(RemoveOp(self.session, domain_id, [item.id for item in domain.items]))  # type: ignore[misc]
        self._push(text, ops)
        self.header.show_domain(self.session.domain(domain_id), self.session.read_only)
        if offer_reason:
            self.header.note.setFocus()
            self.header.note.selectAll()
            show_reasons(self.header.note)

    def set_note(self: MainWindow, text: str) -> None:
        domain_id = self.current_domain()
        if self.session is None or domain_id is None:
            return
        domain = self.session.domain(domain_id)
        if domain.note != text:
            self._push(
                "编辑未涉及说明",
                [DomainOp(self.session, domain_id, {"note": domain.note}, {"note": text})],
            )

    def on_add_domain(self: MainWindow) -> None:
        if self.session is None:
            return
        name, ok = QInputDialog.getText(self, "添加领域", "领域名称（26 个试点领域以外的领域）：")
        name = name.strip()
        if not ok or not name:
            return
        if any(fold(d.name) == fold(name) for d in self.session.domains):
            msgbox.warning(self, f"领域“{name}”已经存在")
            return
        self.add_custom_domain(name)

    def add_custom_domain(self: MainWindow, name: str) -> str | None:
        assert self.session is not None
        taken = {d.id for d in self.session.domains}
        base = "custom-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "domain")
        domain_id, n = base, 2
        while domain_id in taken:
            domain_id, n = f"{base}-{n}", n + 1
        domain = Domain(id=domain_id, name=name, pilot=False)
        if not self._push(f"添加领域“{name}”", [AddDomainOp(self.session, domain)]):
            return None
        self.show_domain(domain_id)
        return domain_id

    def on_remove_domain(self: MainWindow) -> None:
        domain_id = self.current_domain()
        if self.session is None or domain_id is None:
            return
        domain = self.session.domain(domain_id)
        if domain.pilot:
            msgbox.info(
                self, "试点领域不能删除；本单位不涉及时，请勾选“本单位未涉及该领域”并填写说明。"
            )
            return
        if not msgbox.ask(
            self,
            f"删除自定义领域“{domain.name}”及其 {len(domain.items)} 个事项？（可撤销）",
            yes="删除",
        ):
            return
        self._push(f"删除领域“{domain.name}”", [RemoveDomainOp(self.session, domain_id)])

    def on_add_standard_items(self: MainWindow) -> None:
        if self.editor is None or self.session is None or self.current_domain() is None:
            return
        added = self.editor.add_standard_items()
        domain = self.session.domain(self.current_domain())  # type: ignore[arg-type]
        if added:
            self.statusBar().showMessage(f"已从模板添加 {added} 个标准事项（Ctrl+Z 可撤销）", 6000)
        elif not domain.pilot:
            msgbox.info(self, "自定义领域没有标准模板。")
        else:
            msgbox.info(self, f"“{domain.name}”已包含模板中的全部标准事项。")

    def on_reset_to_template(self: MainWindow) -> None:
        if self.editor is None:
            return
        if not self.editor.rows_with_template():
            self.statusBar().showMessage("选中的事项不是来自标准模板", 5000)
            return
        if self.editor.reset_to_template():
            self.statusBar().showMessage("已恢复为模板内容（Ctrl+Z 可撤销）", 5000)
        else:
            self.statusBar().showMessage("选中的事项与模板一致", 5000)

    def on_mark_template_diff(self: MainWindow, checked: bool) -> None:
        if self.table_model is not None:
            self.table_model.set_show_template_diff(checked)

    # ----------------------------------------------------------------- validation
    def on_revalidate(self: MainWindow) -> None:
        if self.validation is None:
            return
        self.form.commit_all()
        self.validation.validate_all()
        self.issues_panel.rebuild()
        self.update_status()
        self.statusBar().showMessage("校验完成", 4000)

    def on_next_issue(self: MainWindow) -> None:
        self.issues_dock.setVisible(True)
        self.issues_panel.flush()
        self.issues_panel.select_next(True)

    def on_prev_issue(self: MainWindow) -> None:
        self.issues_dock.setVisible(True)
        self.issues_panel.flush()
        self.issues_panel.select_next(False)

    def on_sources_register(self: MainWindow) -> None:
        from zwgk_desktop.gui.dialogs.sources_dialog import SourcesRegisterDialog

        dialog = SourcesRegisterDialog(self)
        self._sources_dialog = dialog
        dialog.finished.connect(lambda _code: self._after_sources_dialog(dialog))
        if msgbox.in_test_mode():
            dialog.show()
        else:
            dialog.exec()

    def _after_sources_dialog(self: MainWindow, dialog: Any) -> None:
        if dialog.changed and self.validation is not None:
            self.on_revalidate()
            self.form.refresh()

    # ----------------------------------------------------------------- help
    def on_guide(self: MainWindow) -> None:
        """帮助 › 使用指南 (F1): one non-modal guide window, brought to the front."""
        from zwgk_desktop.gui.dialogs.guide import GuideDialog

        if getattr(self, "guide_dialog", None) is None:
            self.guide_dialog = GuideDialog(self)
        self.guide_dialog.open_guide()

    def on_shortcuts(self: MainWindow) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("快捷键一览")
        layout = QVBoxLayout(dialog)
        rows = shortcut_table()
        table = QTableWidget(len(rows), 2, dialog)  # a small static list, not catalog data
        table.setHorizontalHeaderLabels(["按键", "功能"])
        for n, (keys, text) in enumerate(rows):
            table.setItem(n, 0, QTableWidgetItem(keys))
            table.setItem(n, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        dialog.resize(520, 560)
        if msgbox.in_test_mode():
            dialog.show()
            self._shortcuts_dialog = dialog
        else:
            dialog.exec()

    def on_about(self: MainWindow) -> None:
        from zwgk_desktop.gui.dialogs.about import show_about

        show_about(self)
