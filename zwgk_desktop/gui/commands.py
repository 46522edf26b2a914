"""Undoable edits: every change of a catalog is one of these on the session's QUndoStack.

A command is a list of small operations (set cells, insert rows, remove rows, reorder,
change a domain …) run in order by ``redo`` and backwards by ``undo``. A paste that grows
the table is thus one command (insert + set cells) and one Ctrl+Z. Operations name items
by storage id, never by row, so they stay valid while other commands move rows around.
If the document refuses a write, the command rolls back what it did, removes itself from
the stack and the session reports the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

from zwgk_desktop.core.cell_block import CellBlock
from zwgk_desktop.core.model import CatalogMeta, Domain, Item
from zwgk_desktop.gui.session import Session, WriteFailed

if TYPE_CHECKING:
    from zwgk_desktop.core.meta_edit import SubjectChange  # (loaded with the first 目录信息 edit)

CELL_MERGE_ID = 1001


class Op(Protocol):
    def redo(self) -> None: ...
    def undo(self) -> None: ...


class CellsOp:
    """Set cells: ``changes`` are (domain id, item id, key, old value, new value).

    The op owns copies of the values; the session copies lists again into the items, so
    redo and undo hand their values over as they are (a paste is thousands of cells).
    """

    def __init__(self, session: Session, changes: Sequence[tuple[str, int, str, Any, Any]]) -> None:
        self.session = session
        self.changes = [
            (
                d,
                i,
                k,
                list(old) if type(old) is list else old,
                list(new) if type(new) is list else new,
            )  # noqa: E721
            for d, i, k, old, new in changes
        ]

    def redo(self) -> None:
        self.session.write_cells([(d, i, k, new) for d, i, k, _, new in self.changes])

    def undo(self) -> None:
        self.session.write_cells([(d, i, k, old) for d, i, k, old, _ in self.changes])


class BlockOp:
    """Set a block of cells (a paste): ``new`` on redo, ``old`` on undo (both immutable)."""

    def __init__(self, session: Session, domain_id: str, old: CellBlock, new: CellBlock) -> None:
        if old.item_ids != new.item_ids or old.keys != new.keys:
            raise ValueError("old and new blocks must cover the same cells")
        self.session = session
        self.domain_id = domain_id
        self.old = old
        self.new = new

    def redo(self) -> None:
        self.session.write_block(self.domain_id, self.new)

    def undo(self) -> None:
        self.session.write_block(self.domain_id, self.old)


class InsertOp:
    """Insert new items at a row; redo after undo restores them with the same ids."""

    def __init__(
        self, session: Session, domain_id: str, position: int, items: Sequence[Item]
    ) -> None:
        self.session = session
        self.domain_id = domain_id
        self.position = position
        self.items = [item.copy() for item in items]
        self.ids: list[int] = []

    def redo(self) -> None:
        if not self.ids:
            fresh = [item.copy() for item in self.items]
            self.ids = self.session.insert_items(self.domain_id, self.position, fresh)
            for item, item_id in zip(self.items, self.ids, strict=True):
                item.id = item_id
        else:
            pairs = [(self.position + n, item.copy()) for n, item in enumerate(self.items)]
            self.session.restore_items(self.domain_id, pairs)

    def undo(self) -> None:
        self.session.remove_items(self.domain_id, self.ids)


class RemoveOp:
    """Delete items by id; undo puts them back where they were."""

    def __init__(self, session: Session, domain_id: str, item_ids: Sequence[int]) -> None:
        self.session = session
        self.domain_id = domain_id
        self.item_ids = list(item_ids)
        self.pairs: list[tuple[int, Item]] = []

    def redo(self) -> None:
        self.pairs = [
            (row, item.copy())
            for row, item in self.session.remove_items(self.domain_id, self.item_ids)
        ]

    def undo(self) -> None:
        self.session.restore_items(self.domain_id, [(row, item.copy()) for row, item in self.pairs])


class OrderOp:
    def __init__(
        self, session: Session, domain_id: str, old_ids: Sequence[int], new_ids: Sequence[int]
    ) -> None:
        self.session = session
        self.domain_id = domain_id
        self.old_ids = list(old_ids)
        self.new_ids = list(new_ids)

    def redo(self) -> None:
        self.session.reorder(self.domain_id, self.new_ids)

    def undo(self) -> None:
        self.session.reorder(self.domain_id, self.old_ids)


class DomainOp:
    """Change name / 未涉及 / 说明 of a domain."""

    def __init__(
        self, session: Session, domain_id: str, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        self.session = session
        self.domain_id = domain_id
        self.old = dict(old)
        self.new = dict(new)

    def redo(self) -> None:
        self.session.update_domain(self.domain_id, **self.new)

    def undo(self) -> None:
        self.session.update_domain(self.domain_id, **self.old)


class MetaOp:
    """Change 目录信息; 公开主体 cells that follow the unit name change with it."""

    def __init__(
        self,
        session: Session,
        old: CatalogMeta,
        new: CatalogMeta,
        subjects: Sequence[SubjectChange] = (),
    ) -> None:
        self.session = session
        self.old = replace(old, levels=list(old.levels))
        self.new = replace(new, levels=list(new.levels))
        self.subjects = list(subjects)

    def redo(self) -> None:
        cells = [(c.domain_id, c.item_id, "subject", c.new) for c in self.subjects]
        self.session.update_meta(replace(self.new, levels=list(self.new.levels)), cells)

    def undo(self) -> None:
        cells = [(c.domain_id, c.item_id, "subject", c.old) for c in self.subjects]
        self.session.update_meta(replace(self.old, levels=list(self.old.levels)), cells)


class AddDomainOp:
    def __init__(self, session: Session, domain: Domain, position: int | None = None) -> None:
        self.session = session
        self.domain = domain
        self.position = position

    def redo(self) -> None:
        self.session.add_domain(self.domain.copy(), self.position)
        self.domain = self.session.domain(self.domain.id).copy()

    def undo(self) -> None:
        self.position, removed = self.session.remove_domain(self.domain.id)
        self.domain = removed.copy()


class RemoveDomainOp:
    def __init__(self, session: Session, domain_id: str) -> None:
        self.inverse = AddDomainOp(session, session.domain(domain_id))

    def redo(self) -> None:
        self.inverse.undo()

    def undo(self) -> None:
        self.inverse.redo()


class TemplateRefOp:
    """Set ``template_ref`` of items: (domain id, item id, old ref, new ref)."""

    def __init__(
        self, session: Session, domain_id: str, refs: Sequence[tuple[int, str, str]]
    ) -> None:
        self.session = session
        self.domain_id = domain_id
        self.refs = list(refs)

    def redo(self) -> None:
        self.session.write_template_refs(self.domain_id, [(i, new) for i, _, new in self.refs])

    def undo(self) -> None:
        self.session.write_template_refs(self.domain_id, [(i, old) for i, old, _ in self.refs])


class EditCommand(QUndoCommand):
    """One undo step made of operations; consecutive edits of one cell merge."""

    def __init__(
        self,
        session: Session,
        text: str,
        ops: Sequence[Op],
        merge_key: tuple[str, int, str] | None = None,
    ) -> None:
        super().__init__(text)
        self.session = session
        self.ops = list(ops)
        self.merge_key = merge_key
        self.failed = False

    def redo(self) -> None:
        self._run([op.redo for op in self.ops])

    def undo(self) -> None:
        self._run([op.undo for op in reversed(self.ops)], undoing=True)

    def _run(self, steps: list[Any], undoing: bool = False) -> None:
        done = 0
        try:
            for step in steps:
                step()
                done += 1
        except WriteFailed as exc:
            self._roll_back(done, undoing)
            self.failed = True
            self.setObsolete(True)
            self.session.failed.emit(str(exc))

    def _roll_back(self, done: int, undoing: bool) -> None:
        ops = list(reversed(self.ops)) if undoing else self.ops
        for op in reversed(ops[:done]):
            try:
                op.redo() if undoing else op.undo()
            except WriteFailed:
                break

    def id(self) -> int:
        return CELL_MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key or other.failed:
            return False
        mine = self.ops[0]
        theirs = other.ops[0]
        assert isinstance(mine, CellsOp) and isinstance(theirs, CellsOp)
        d, i, k, old, _ = mine.changes[0]
        new = theirs.changes[0][4]
        mine.changes[0] = (d, i, k, old, new)
        if old == new:
            self.setObsolete(True)
        return True


# --------------------------------------------------------------------- factories
def set_cells(
    session: Session,
    changes: Sequence[tuple[str, int, str, Any]],
    text: str = "编辑",
    merge: bool = False,
) -> EditCommand | None:
    """A command setting cells to new values (old values read now); None if nothing changes."""
    full = []
    for domain_id, item_id, key, value in changes:
        old = session.item(domain_id, item_id).get(key)
        if old != value:
            full.append((domain_id, item_id, key, old, value))
    if not full:
        return None
    merge_key = full[0][:3] if merge and len(full) == 1 else None
    return EditCommand(session, text, [CellsOp(session, full)], merge_key)


def edit_meta(session: Session, meta: CatalogMeta) -> EditCommand | None:
    """A command setting 目录信息 (and the 公开主体 cells that follow the unit); None if same."""
    from zwgk_desktop.core.meta_edit import changed_fields, following_subjects

    old = session.meta
    labels = changed_fields(old, meta)
    if not labels and old.date == meta.date:
        return None
    subjects = following_subjects(session.catalog, old.unit, meta.unit)
    text = f"修改目录信息（{'、'.join(labels) or '编制日期'}）"
    return EditCommand(session, text, [MetaOp(session, old, meta, subjects)])


def push(session: Session, command: EditCommand | None) -> bool:
    """Push a command (runs its redo); True if it took effect."""
    if command is None or session.read_only:
        return False
    session.undo_stack.push(command)
    return not command.failed
