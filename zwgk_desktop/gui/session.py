"""One open catalog: the Document, its in-memory Catalog and the undo stack.

Every mutation goes Document-first (one committed transaction), then to the in-memory
objects, then out as signals that the Qt models translate into their own notifications.
The methods here are the primitive steps; ``commands.py`` wraps them into undoable
commands, and nothing else changes a catalog.
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from zwgk_desktop.core.cell_block import CellBlock
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELD_BY_KEY
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.os_reasons import store_reason
from zwgk_desktop.core.storage import Document

CellChange = tuple[str, int, str, Any]  # (domain id, item id, field key, value)
UNDO_LIMIT = 500


class WriteFailed(ZwgkError):
    """The document refused a write (disk full, file gone, read-only)."""


class ReadFailed(ZwgkError):
    """The document could not be read any more (file gone, medium removed)."""


def _settle_loaded() -> None:
    """Keep what is in memory now out of the cyclic GC's scans (``gc.freeze``).

    100,000 items are ~600,000 tracked objects: each full collection scanned them all,
    ~200 ms of frozen window (after a paste, at every tenth collection). They live as
    long as the document and are still freed by reference counting; only the search for
    reference cycles skips them until the session closes. The young generations are
    collected first, so short-lived cycles are not kept.
    """
    gc.collect(1)
    gc.freeze()


LOAD_PAGE = 128  # items a page of a background read (~4 ms)
_T = TypeVar("_T")


@dataclass
class _PartialLoad:
    """A domain being read page by page (see :meth:`Session.load_some`)."""

    domain_id: str
    writes: int  # the session's write count when the read began
    items: list[Item] = field(default_factory=list)
    after: tuple[int, int] | None = None


class Session(QObject):
    """The open document and everything the editor needs to change it."""

    # (domain id, 0-based rows, field keys) — values of existing items changed
    cells_changed = Signal(str, object, object)
    # (domain id, first row, count): structural changes, announced before and after
    rows_about_to_be_inserted = Signal(str, int, int)
    rows_inserted = Signal(str, int, int)
    rows_about_to_be_removed = Signal(str, int, int)
    rows_removed = Signal(str, int, int)
    # (domain id): the order of a domain's items changes (move, drag)
    layout_about_to_change = Signal(str)
    layout_changed = Signal(str)
    domain_changed = Signal(str)  # name, 未涉及 or 说明 of one domain
    meta_changed = Signal(bool)  # 目录信息 changed; True when the 公开层级 names changed
    domains_reset = Signal()  # domains added/removed or the whole catalog reloaded
    reloaded = Signal()  # everything was re-read from the document (snapshot restored)
    domain_loaded = Signal(str)  # a domain's items were read from the document
    failed = Signal(str)  # a write was refused; the message is one Chinese line

    def __init__(
        self, document: Document, parent: QObject | None = None, first: str | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._domains: dict[str, Domain] = {}
        self._rows: dict[str, dict[int, int]] = {}
        self._loaded: set[str] = set()
        self._writes = 0  # document writes so far: a page-by-page read restarts after one
        self._partial: _PartialLoad | None = None
        self._read_structure(first)

    def _read_structure(self, first: str | None) -> None:
        """Meta and domains now; items of ``first`` (default: first involved domain) only.

        The other domains' items are read on first use or by :meth:`load_next` from the
        background pass, so a 16,000-item catalog shows its first domain at once.
        """
        self._catalog = Catalog(meta=self.document.meta(), domains=self.document.domains())
        self._loaded = set()
        self._partial = None  # pages read before are of the content re-read now
        self._reindex_domains()
        if first is None or first not in self._domains:
            first = next((d.id for d in self._catalog.domains if not d.not_involved), None)
        if first is not None:
            self.ensure_loaded(first)

    # ----------------------------------------------------------------- state
    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def unit(self) -> str:
        return self._catalog.meta.unit

    @property
    def meta(self) -> CatalogMeta:
        return self._catalog.meta

    @property
    def domains(self) -> list[Domain]:
        """The domains in order; items of a domain may not be read yet (see is_loaded)."""
        return self._catalog.domains

    @property
    def catalog(self) -> Catalog:
        """The whole catalog with every item (reads what is not loaded yet)."""
        self.ensure_all_loaded()
        return self._catalog

    @property
    def partial_catalog(self) -> Catalog:
        """The catalog as loaded so far (for meta and per-domain work)."""
        return self._catalog

    def is_loaded(self, domain_id: str) -> bool:
        return domain_id in self._loaded

    @property
    def all_loaded(self) -> bool:
        return len(self._loaded) >= len(self._domains)

    def ensure_loaded(self, domain_id: str) -> Domain:
        domain = self._domains[domain_id]
        if domain_id not in self._loaded:
            items = self._reading(lambda: self.document.items(domain_id))
            self._install(domain_id, items)
        return domain

    def load_some(self, domain_id: str, deadline: float) -> bool:
        """Read ``domain_id``'s items a page at a time until ``deadline``
        (``time.perf_counter()``); True once the domain is loaded.

        The background check reads the domains the clerk has not opened yet: a whole
        4,000-item domain in one go froze the window for ~110 ms. The pages read so far
        are kept between calls, and dropped if the document was written meanwhile.
        """
        if domain_id in self._loaded:
            return True
        partial = self._partial
        if partial is None or partial.domain_id != domain_id or partial.writes != self._writes:
            partial = self._partial = _PartialLoad(domain_id, self._writes)
        while True:
            items, after = self._reading(
                lambda: self.document.items_page(domain_id, partial.after, LOAD_PAGE)
            )
            partial.items.extend(items)
            partial.after = after
            if after is None:
                self._install(domain_id, partial.items)
                return True
            if time.perf_counter() > deadline:
                return False

    def _reading(self, read: Callable[[], _T]) -> _T:
        try:
            return read()
        except (sqlite3.Error, OSError) as exc:
            raise ReadFailed(
                f"无法读取目录文件“{self.document.path.name}”：{store_reason(exc)}"
            ) from exc

    def _install(self, domain_id: str, items: list[Item]) -> None:
        if self._partial is not None and self._partial.domain_id == domain_id:
            self._partial = None  # (another domain's read goes on where it was)
        self._domains[domain_id].items = items
        self._loaded.add(domain_id)
        self._rows.pop(domain_id, None)
        _settle_loaded()
        self.domain_loaded.emit(domain_id)

    def ensure_all_loaded(self) -> None:
        while self.load_next():
            pass

    def load_next(self) -> bool:
        """Read the next domain not yet loaded; False when everything is in memory."""
        for domain in self._catalog.domains:
            if domain.id not in self._loaded:
                self.ensure_loaded(domain.id)
                return True
        return False

    def domain(self, domain_id: str) -> Domain:
        return self.ensure_loaded(domain_id)

    def has_domain(self, domain_id: str) -> bool:
        return domain_id in self._domains

    def items(self, domain_id: str) -> list[Item]:
        return self.ensure_loaded(domain_id).items

    def row_of(self, domain_id: str, item_id: int) -> int:
        """The 0-based row of an item (by storage id); KeyError if it is gone."""
        index = self._rows.get(domain_id)
        if index is None:
            index = {
                item.id: n for n, item in enumerate(self.items(domain_id)) if item.id is not None
            }
            self._rows[domain_id] = index
        return index[item_id]

    def item(self, domain_id: str, item_id: int) -> Item:
        return self.items(domain_id)[self.row_of(domain_id, item_id)]

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
        gc.unfreeze()  # what the catalog held may be collected again (see _settle_loaded)

    def reload(self, first: str | None = None) -> None:
        """Re-read everything from the document (after restoring a snapshot)."""
        self.undo_stack.clear()
        self._read_structure(first)
        self.domains_reset.emit()
        self.reloaded.emit()

    def _reindex_domains(self) -> None:
        self._domains = {d.id: d for d in self._catalog.domains}
        self._rows.clear()

    @property
    def writes(self) -> int:
        """Document writes so far: work begun on the items before a write starts over."""
        return self._writes

    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one Document write; errors become WriteFailed with a Chinese line."""
        self._writes += 1
        try:
            return fn(*args, **kwargs)
        except ZwgkError as exc:
            raise WriteFailed(str(exc)) from exc
        except (sqlite3.Error, OSError) as exc:
            raise WriteFailed(
                f"无法写入目录文件“{self.document.path.name}”：{store_reason(exc, writing=True)}"
            ) from exc

    # ----------------------------------------------------------------- cells
    def write_cells(self, changes: Sequence[CellChange]) -> None:
        """Set field values of existing items (one transaction for all of them)."""
        if not changes:
            return
        self._write(
            self.document.update_items,
            [(item_id, key, value) for _, item_id, key, value in changes],
        )
        self._apply_cells(changes)

    def _apply_cells(self, changes: Sequence[CellChange]) -> None:
        """Put written values into the in-memory items and announce them.

        Lists are copied in (the caller keeps its own); ``Item.set`` inlined, as a paste
        sets thousands of cells here.
        """
        touched: dict[str, tuple[set[int], set[str]]] = {}
        last_domain: str | None = None
        last_item: int | None = None
        for domain_id, item_id, key, value in changes:
            if item_id != last_item or domain_id != last_domain:  # a paste sets many cells
                if domain_id != last_domain:  # of one item in a row, of one domain
                    self.row_of(domain_id, item_id)  # builds the id → row index if needed
                    index, items = self._rows[domain_id], self.items(domain_id)
                    rows, keys = touched.setdefault(domain_id, (set(), set()))
                last_domain, last_item = domain_id, item_id
                row = index[item_id]
                item = items[row]
                rows.add(row)
            if key in CHOICE_FIELDS:
                setattr(item, key, list(value))
            elif key in FIELD_BY_KEY:
                setattr(item, key, str(value))
            else:
                raise KeyError(key)
            keys.add(key)
        for domain_id, (rows, keys) in touched.items():
            self.cells_changed.emit(domain_id, sorted(rows), sorted(keys))

    def write_block(self, domain_id: str, block: CellBlock) -> None:
        """Write a block of cells of one domain's items (a paste, its undo): one
        transaction, one statement, then the items and ONE announcement."""
        if not block.item_ids or not block.keys:
            return
        self.row_of(domain_id, block.item_ids[0])  # builds the id → row index if needed
        rows = list(map(self._rows[domain_id].__getitem__, block.item_ids))  # before writing:
        items = list(map(self.items(domain_id).__getitem__, rows))  # an item not there is
        self._write(self.document.write_block, block)  # a KeyError with nothing written
        for key, column in zip(block.keys, block.columns, strict=True):
            values = map(list, column) if key in CHOICE_FIELDS else column  # own lists
            deque(map(setattr, items, repeat(key), values), maxlen=0)  # no bytecode per cell
        self.cells_changed.emit(domain_id, sorted(rows), sorted(block.keys))

    def write_template_refs(self, domain_id: str, refs: Sequence[tuple[int, str]]) -> None:
        """Set the template provenance of items (kept through reset/duplicate)."""
        self._write(
            self.document.update_items, [(item_id, "template_ref", ref) for item_id, ref in refs]
        )
        for item_id, ref in refs:
            self.item(domain_id, item_id).template_ref = ref

    def update_meta(self, meta: CatalogMeta, changes: Sequence[CellChange] = ()) -> None:
        """Set 目录信息 and the cells that follow it (公开主体) in one transaction."""
        self._write(
            self.document.set_meta,
            meta,
            [(item_id, key, value) for _, item_id, key, value in changes],
        )
        current = self._catalog.meta
        levels_changed = list(current.levels) != list(meta.levels)
        for key in ("unit", "region", "year", "contact", "date"):
            setattr(current, key, getattr(meta, key))
        current.levels = list(meta.levels)
        self._apply_cells(changes)
        self.meta_changed.emit(levels_changed)

    # ----------------------------------------------------------------- rows
    def insert_items(self, domain_id: str, position: int, items: Sequence[Item]) -> list[int]:
        """Insert new items at a 0-based row; they receive their storage ids."""
        items = list(items)
        if not items:
            return []
        ids = self._write(self.document.insert_items, domain_id, position, items)
        for item, item_id in zip(items, ids, strict=True):
            item.id = item_id
        self._insert_block(domain_id, position, items)
        return list(ids)

    def restore_items(self, domain_id: str, pairs: Sequence[tuple[int, Item]]) -> None:
        """Put items back with their ids at their rows (undo of a delete, redo of an insert)."""
        if not pairs:
            return
        ordered = sorted(pairs, key=lambda p: p[0])
        self._write(
            self.document.restore_items, domain_id, [(pos, item.copy()) for pos, item in ordered]
        )
        for start, block in _blocks(ordered):
            self._insert_block(domain_id, start, block)

    def remove_items(self, domain_id: str, item_ids: Iterable[int]) -> list[tuple[int, Item]]:
        """Delete items; returns ``(row, item)`` pairs so the caller can restore them."""
        domain = self.domain(domain_id)
        rows = sorted({self.row_of(domain_id, item_id) for item_id in item_ids})
        if not rows:
            return []
        pairs = [(row, domain.items[row]) for row in rows]
        ids = [item.id for _, item in pairs]
        tail_only = rows == list(range(len(domain.items) - len(rows), len(domain.items)))
        self._write(self.document.delete_items, ids)
        if not tail_only:
            # Document.delete_items leaves gaps in the stored positions; insert_items counts
            # positions as rows, so close the gaps to keep later inserts in place.
            gone = set(rows)
            remaining = [item.id for n, item in enumerate(domain.items) if n not in gone]
            self._write(self.document.set_order, domain_id, remaining)
        for start, block in reversed(list(_blocks(pairs))):
            self.rows_about_to_be_removed.emit(domain_id, start, len(block))
            del domain.items[start : start + len(block)]
            self._rows.pop(domain_id, None)
            self.rows_removed.emit(domain_id, start, len(block))
        return pairs

    def reorder(self, domain_id: str, item_ids: Sequence[int]) -> None:
        """Make ``item_ids`` (all of the domain's items) the new row order."""
        domain = self.domain(domain_id)
        if [item.id for item in domain.items] == list(item_ids):
            return
        if sorted(item_ids) != sorted(item.id for item in domain.items):  # type: ignore[type-var]
            raise ValueError("reorder needs exactly the domain's items")
        self._write(self.document.set_order, domain_id, list(item_ids))
        by_id = {item.id: item for item in domain.items}
        self.layout_about_to_change.emit(domain_id)
        domain.items[:] = [by_id[item_id] for item_id in item_ids]
        self._rows.pop(domain_id, None)
        self.layout_changed.emit(domain_id)

    def _insert_block(self, domain_id: str, start: int, block: Sequence[Item]) -> None:
        domain = self.domain(domain_id)
        self.rows_about_to_be_inserted.emit(domain_id, start, len(block))
        domain.items[start:start] = list(block)
        self._rows.pop(domain_id, None)
        self.rows_inserted.emit(domain_id, start, len(block))

    # ----------------------------------------------------------------- domains
    def update_domain(self, domain_id: str, **changes: Any) -> None:
        """Change name, 未涉及 or 说明 of a domain."""
        self._write(self.document.update_domain, domain_id, **changes)
        domain = self.domain(domain_id)
        for key, value in changes.items():
            setattr(domain, key, bool(value) if key == "not_involved" else str(value))
        self.domain_changed.emit(domain_id)

    def add_domain(self, domain: Domain, position: int | None = None) -> None:
        """Add a domain (with its items, whose ids it keeps when it has them)."""
        position = len(self._catalog.domains) if position is None else position
        items = domain.items
        shell = Domain(
            id=domain.id,
            name=domain.name,
            not_involved=domain.not_involved,
            note=domain.note,
            aliases=list(domain.aliases),
            pilot=domain.pilot,
        )
        self._write(self.document.add_domain, shell, position)
        if items:
            if all(item.id is not None for item in items):
                self._write(
                    self.document.restore_items,
                    domain.id,
                    [(n, item.copy()) for n, item in enumerate(items)],
                )
            else:
                ids = self._write(self.document.insert_items, domain.id, 0, items)
                for item, item_id in zip(items, ids, strict=True):
                    item.id = item_id
        self._catalog.domains.insert(position, domain)
        self._loaded.add(domain.id)
        self._reindex_domains()
        self.domains_reset.emit()

    def remove_domain(self, domain_id: str) -> tuple[int, Domain]:
        """Remove a domain and its items; returns ``(position, domain)`` for undo."""
        domain = self.domain(domain_id)
        position = self._catalog.domains.index(domain)
        self._write(self.document.remove_domain, domain_id)
        del self._catalog.domains[position]
        self._loaded.discard(domain_id)
        self._reindex_domains()
        self.domains_reset.emit()
        return position, domain


def _blocks(pairs: Sequence[tuple[int, Item]]) -> Iterable[tuple[int, list[Item]]]:
    """Group sorted ``(row, item)`` pairs into runs of consecutive rows."""
    start = -1
    block: list[Item] = []
    previous = -2
    for row, item in pairs:
        if row != previous + 1 and block:
            yield start, block
            block = []
        if not block:
            start = row
        block.append(item)
        previous = row
    if block:
        yield start, block
