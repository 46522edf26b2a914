"""What the clerk does to the table: clipboard, fill down, rows, templates.

Each operation reads the view's selection, builds ONE undoable command and pushes it, then
puts the selection where a spreadsheet user expects it. The main window's actions call
these methods; tests call them directly on a real view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication

from zwgk_desktop.core.cell_block import KEEP, change_blocks
from zwgk_desktop.core.fields import CHOICE_FIELDS
from zwgk_desktop.core.model import Item
from zwgk_desktop.gui import commands
from zwgk_desktop.gui.clipboard import format_cell, from_tsv, to_tsv
from zwgk_desktop.gui.commands import (
    BlockOp,
    CellsOp,
    DomainOp,
    EditCommand,
    InsertOp,
    OrderOp,
    RemoveOp,
)
from zwgk_desktop.gui.models.catalog_table import ItemTableModel
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.template_ops import (
    missing_standard_items,
    reset_changes,
    template_for,
    template_item,
)
from zwgk_desktop.gui.widgets.item_table import ItemTableView

Rect = tuple[int, int, int, int]  # first row, last row, first column, last column (visible)


class TableEditor:
    def __init__(self, session: Session, model: ItemTableModel, view: ItemTableView) -> None:
        self.session = session
        self.model = model
        self.view = view
        self.last_refusals: list[Any] = []  # cells the last paste refused (for tests/status)

    # ----------------------------------------------------------------- selection
    @property
    def domain_id(self) -> str | None:
        return self.model.domain_id

    @property
    def can_edit(self) -> bool:
        return self.domain_id is not None and not self.session.read_only

    def selected_cells(self) -> list[tuple[int, int]]:
        indexes = self.view.selectionModel().selectedIndexes() if self.view.selectionModel() else []
        cells = sorted({(i.row(), i.column()) for i in indexes})
        if not cells:
            current = self.view.currentIndex()
            if current.isValid():
                cells = [(current.row(), current.column())]
        return cells

    def selection_rect(self) -> Rect | None:
        cells = self.selected_cells()
        if not cells:
            return None
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        return min(rows), max(rows), min(cols), max(cols)

    def selected_domain_rows(self) -> list[int]:
        return sorted({self.model.domain_row(r) for r, _ in self.selected_cells()})

    def _item(self, visible_row: int) -> Item:
        return self.model.item_at(visible_row)

    def _key(self, column: int) -> str:
        return self.model.fields[column].key

    def _push(self, text: str, ops: list[Any]) -> bool:
        ops = [op for op in ops if op is not None]
        if not ops or not self.can_edit:
            return False
        return commands.push(self.session, EditCommand(self.session, text, ops))

    def _cells_op(self, changes: list[tuple[int, int, Any]]) -> CellsOp | None:
        """A CellsOp for (visible row, column, new value) triples; None if nothing changes."""
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        domain_row = self.model.domain_row
        keys = [spec.key for spec in self.model.fields]
        full = []
        last_row, item = -1, None
        for row, column, value in changes:
            if row != last_row:  # changes come row by row (paste, fill, clear)
                last_row, item = row, items[domain_row(row)]
            key = keys[column]
            old = getattr(item, key)
            if old != value:
                full.append((self.domain_id, item.id, key, old, value))
        return CellsOp(self.session, full) if full else None  # type: ignore[arg-type]

    # ----------------------------------------------------------------- cells
    def clear_cells(self) -> bool:
        cells = self.selected_cells()
        changes = [(r, c, [] if self.model.fields[c].is_choice else "") for r, c in cells]
        return (
            self._push("清除内容", [self._cells_op(changes)])
            if changes and self.can_edit
            else False
        )

    def copy_text(self) -> str:
        rect = self.selection_rect()
        if rect is None:
            return ""
        r0, r1, c0, c1 = rect
        rows = [
            [format_cell(self._key(c), self._item(r).get(self._key(c))) for c in range(c0, c1 + 1)]
            for r in range(r0, r1 + 1)
        ]
        return to_tsv(rows)

    def copy(self) -> bool:
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def cut(self) -> bool:
        if not self.copy() or not self.can_edit:
            return False
        cells = self.selected_cells()
        changes = [(r, c, [] if self.model.fields[c].is_choice else "") for r, c in cells]
        return self._push("剪切", [self._cells_op(changes)])

    def paste(self, text: str | None = None) -> bool:
        """Paste TSV at the selection as ONE undo step.

        A header row maps columns by name; a block that does not fit the columns from the
        cursor (or would put vocabulary values into the wrong kind of column) is shown in a
        preview first. One value, or a block that divides the selection, fills the
        selection as in Excel; rows grow as needed. Refused values are reported, not stored.
        """
        from zwgk_desktop.core.paste_plan import check_value, convert_columns, plan_paste

        self.last_refusals = []
        if not self.can_edit:
            return False
        text = QGuiApplication.clipboard().text() if text is None else text
        rows = from_tsv(text)
        if not rows:
            return False
        r0, r1, c0, c1 = self.selection_rect() or (0, -1, 0, 0)
        r0 = max(r0, 0)
        if len(rows) == 1 and len(rows[0]) == 1 and (r1 > r0 or c1 > c0):
            return self._paste_value(rows[0][0], check_value)
        plan = plan_paste(rows, c0)
        if not plan.by_header:
            tiled = _tile(plan.rows, r1 - r0 + 1, c1 - c0 + 1)
            if tiled is not None:
                plan = plan_paste(tiled, c0)
        if plan.needs_review:
            targets = self.review_paste(plan)
            if targets is None:
                return False
            plan.targets = targets
        block = convert_columns(plan)
        refused = self.last_refusals = block.refused
        if not block.height:
            self._report(refused)
            return False
        assert self.domain_id is not None
        domain_id = self.domain_id
        given = dict(zip(block.keys, block.columns, strict=True))  # a refused cell is KEEP
        columns = {key: self.model.column_of(key) for key in given}
        items = self.session.items(domain_id)
        count = self.model.rowCount()
        existing = max(0, min(block.height, count - r0))
        targets = list(map(items.__getitem__, self.model.domain_rows(r0, existing)))
        keys = [spec.key for spec in self.model.fields if spec.key in given]
        blocks = change_blocks(targets, keys, [given[key][:existing] for key in keys])
        new_items = _new_items(given, existing, block.height)
        end = len(items)
        ops: list[Any] = [BlockOp(self.session, domain_id, *blocks) if blocks else None]
        if new_items:
            ops.append(InsertOp(self.session, domain_id, end, new_items))
        done = self._push("粘贴", ops)
        if done and columns:
            last_row = min(r0 + block.height - 1, self.model.rowCount() - 1)
            self._select_rect(r0, last_row, min(columns.values()), max(columns.values()))
        self._report(refused)
        return done

    def _paste_value(self, value: str, check: Any) -> bool:
        changes = []
        refused = []
        for r, c in self.selected_cells():
            parsed, reason = check(self._key(c), value)
            if reason is None:
                changes.append((r, c, list(parsed) if isinstance(parsed, list) else parsed))
            else:
                refused.append(reason)
        self._report(refused)
        return self._push("粘贴", [self._cells_op(changes)])

    def review_paste(self, plan: Any) -> Any:
        """Ask the clerk where the columns go (the preview dialog); None = cancelled."""
        from zwgk_desktop.gui.dialogs.paste_preview import review_paste

        try:
            return review_paste(plan, self.view.window())
        finally:
            self._refocus()

    def _refocus(self) -> None:
        """After a dialog the keys belong to the table again, whatever was clicked."""
        self.view.window().activateWindow()
        self.view.setFocus()

    def _report(self, refused: list[Any]) -> None:
        if not refused:
            return
        from zwgk_desktop.gui import msgbox

        reasons = [getattr(r, "reason", r) for r in refused]
        shown = list(dict.fromkeys(reasons))[:8]
        more = f"\n……共 {len(reasons)} 个" if len(reasons) > len(shown) else ""
        msgbox.warning(
            self.view.window(),
            f"{len(reasons)} 个值没有粘贴（单元格保持原样）：\n" + "\n".join(shown) + more,
            "部分内容未粘贴",
        )
        self._refocus()

    def fill_down(self) -> bool:
        """Ctrl+D: the top cell of each selected column fills the rows below it in the selection;
        with one row selected, the row above is copied (as in Excel)."""
        rect = self.selection_rect()
        if rect is None or not self.can_edit:
            return False
        r0, r1, c0, c1 = rect
        cells = self.selected_cells()
        if r0 == r1:
            if r0 == 0:
                return False
            source_row = r0 - 1
            targets = cells
        else:
            source_row = r0
            targets = [(r, c) for r, c in cells if r != r0]
        changes = []
        for r, c in targets:
            value = self._item(source_row).get(self._key(c))
            changes.append((r, c, list(value) if isinstance(value, list) else value))
        return self._push("向下填充", [self._cells_op(changes)])

    def _select_rect(self, r0: int, r1: int, c0: int, c1: int) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection(self.model.index(r0, c0), self.model.index(r1, c1))
        self.view.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.selectionModel().setCurrentIndex(
            self.model.index(r0, c0), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    # ----------------------------------------------------------------- rows
    def new_item(self, like: Item | None) -> Item:
        """A fresh item: 公开主体 is the unit, 一级事项 that of the current row."""
        return Item(level1=like.level1 if like else "", subject=self.session.unit)

    def insert_row(self, below: bool = True) -> bool:
        if not self.can_edit:
            return False
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        rows = self.selected_domain_rows()
        if rows:
            position = rows[-1] + 1 if below else rows[0]
            like = items[rows[-1] if below else rows[0]]
        else:
            position, like = len(items), (items[-1] if items else None)
        op = InsertOp(self.session, self.domain_id, position, [self.new_item(like)])
        ops: list[Any] = [op]
        domain = self.session.domain(self.domain_id)
        if domain.not_involved:
            ops.insert(
                0,
                DomainOp(self.session, domain.id, {"not_involved": True}, {"not_involved": False}),
            )
        if not self._push("插入事项", ops):
            return False
        self._select_domain_rows([position], self.model.column_of("level2"))
        return True

    def duplicate_rows(self) -> bool:
        rows = self.selected_domain_rows()
        if not rows or not self.can_edit:
            return False
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        copies = []
        for row in rows:
            copy = items[row].copy()
            copy.id = None
            copy.template_ref = ""
            copies.append(copy)
        position = rows[-1] + 1
        if not self._push("复制事项", [InsertOp(self.session, self.domain_id, position, copies)]):
            return False
        self._select_domain_rows(list(range(position, position + len(copies))))
        return True

    def delete_rows(self) -> bool:
        rows = self.selected_domain_rows()
        if not rows or not self.can_edit:
            return False
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        ids = [items[row].id for row in rows]
        column = max(0, self.view.currentIndex().column())
        if not self._push(f"删除 {len(ids)} 个事项", [RemoveOp(self.session, self.domain_id, ids)]):  # type: ignore[arg-type]
            return False
        remaining = len(self.session.items(self.domain_id))
        if remaining:
            self._select_domain_rows([min(rows[0], remaining - 1)], column, whole_rows=False)
        return True

    def move_rows(self, delta: int) -> bool:
        """Alt+Up / Alt+Down: move the selected rows one place."""
        rows = self.selected_domain_rows()
        if not rows or not self.can_edit or delta not in (-1, 1):
            return False
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        if (delta < 0 and rows[0] == 0) or (delta > 0 and rows[-1] == len(items) - 1):
            return False
        target = rows[0] - 1 if delta < 0 else rows[-1] + 2
        return self.move_rows_to(rows, target)

    def move_rows_to(self, rows: list[int], target: int) -> bool:
        """Move domain ``rows`` so that they come before the item now at ``target`` (drag)."""
        if not rows or not self.can_edit:
            return False
        assert self.domain_id is not None
        items = self.session.items(self.domain_id)
        old = [item.id for item in items]
        chosen = set(rows)
        moving = [items[r].id for r in sorted(chosen)]
        before = sum(1 for r in chosen if r < target)
        rest = [item.id for n, item in enumerate(items) if n not in chosen]
        at = max(0, min(len(rest), target - before))
        new = rest[:at] + moving + rest[at:]
        if new == old:
            return False
        column = max(0, self.view.currentIndex().column())
        if not self._push("移动事项", [OrderOp(self.session, self.domain_id, old, new)]):  # type: ignore[arg-type]
            return False
        self._select_domain_rows(list(range(at, at + len(moving))), column)
        return True

    def _select_domain_rows(
        self, domain_rows: list[int], column: int = 0, whole_rows: bool = True
    ) -> None:
        visible = [v for v in (self.model.visible_row(r) for r in domain_rows) if v is not None]
        if not visible:
            return
        if whole_rows and len(visible) > 1:
            self.view.select_rows(visible, column)
        else:
            self.view.select_cell(visible[0], column)

    # ----------------------------------------------------------------- templates
    def reset_to_template(self) -> bool:
        """Restore the selected items' fields to their template (undoable)."""
        rows = self.selected_domain_rows()
        if not rows or not self.can_edit:
            return False
        assert self.domain_id is not None
        domain = self.session.domain(self.domain_id)
        template = template_for(domain)
        full = []
        for row in rows:
            item = domain.items[row]
            reference = template_item(template, item, self.session.unit)
            if reference is None:
                continue
            for key, value in reset_changes(item, reference).items():
                full.append((domain.id, item.id, key, item.get(key), value))
        if not full:
            return False
        return self._push("恢复为模板", [CellsOp(self.session, full)])  # type: ignore[arg-type]

    def add_standard_items(self) -> int:
        """Append the template's standard items the domain lacks; returns how many."""
        if not self.can_edit:
            return 0
        assert self.domain_id is not None
        domain = self.session.domain(self.domain_id)
        missing = missing_standard_items(domain, template_for(domain), self.session.unit)
        if not missing:
            return 0
        position = len(domain.items)
        ops: list[Any] = [InsertOp(self.session, domain.id, position, missing)]
        if domain.not_involved:
            ops.insert(
                0,
                DomainOp(self.session, domain.id, {"not_involved": True}, {"not_involved": False}),
            )
        if not self._push(f"添加 {len(missing)} 个标准事项", ops):
            return 0
        self._select_domain_rows(list(range(position, position + len(missing))))
        return len(missing)

    def rows_with_template(self) -> list[int]:
        """Selected rows that came from a template item (for enabling 恢复为模板)."""
        if self.domain_id is None:
            return []
        domain = self.session.domain(self.domain_id)
        template = template_for(domain)
        return [
            r
            for r in self.selected_domain_rows()
            if template_item(template, domain.items[r], self.session.unit)
        ]


def _new_items(given: dict[str, list[Any]], first: int, end: int) -> list[Item]:
    """Items for rows ``first``..``end`` of pasted columns (past the table's last row),
    filled a column at a time; KEEP cells (refused) stay empty."""
    items = [Item(subject="") for _ in range(first, end)]
    for key, column in given.items():
        choice = key in CHOICE_FIELDS
        for item, value in zip(items, column[first:end], strict=True):
            if value is not KEEP:
                setattr(item, key, list(value) if choice else str(value))
    return items


def _tile(rows: list[list[str]], height: int, width: int) -> list[list[str]] | None:
    """Excel's fill: a block repeated to a selection that is a whole multiple of it."""
    h, w = len(rows), max(map(len, rows), default=0)
    if not h or not w or (height <= h and width <= w) or height % h or width % w:
        return None
    if height < h or width < w:
        return None
    padded = [list(row) + [""] * (w - len(row)) for row in rows]
    return [row * (width // w) for row in padded] * (height // h)
