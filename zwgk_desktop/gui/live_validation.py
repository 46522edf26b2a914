"""Validation that follows the clerk's typing.

A cell edit re-runs the item's rules (≈0.1 ms) and, for 一级/二级事项, the duplicate rule
on the few items it concerns (a :class:`DuplicateIndex` per domain, made when the domain's
rules last ran whole), so marks, panel and counts are current when the edit returns, in
O(1) whatever the size of the domain. Opening a catalog checks the first domain shown at
once and the rest in small chunks from the event loop, so a 16,000-item catalog opens
without waiting for the full run (≈2 s).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from zwgk_desktop.core import validation as checks  # the engine loads on first use
from zwgk_desktop.core.model import Domain, Item
from zwgk_desktop.core.validation.duplicates import DuplicateIndex
from zwgk_desktop.gui.issue_store import IssueStore
from zwgk_desktop.gui.session import ReadFailed, Session

if TYPE_CHECKING:
    from zwgk_desktop.core.validation import Issue

SYNC_DOMAIN_LIMIT = 3000  # larger domains re-run their domain rules after a short pause
SYNC_ROWS = 64  # a change of more rows (a paste) checks the rest between event-loop turns
ROWS_SECONDS = 0.008  # … in slices this short, so the window stays responsive
ROWS_DELAY_MS = 30  # … starting after the repaint of the change (never in its turn)
CHUNK_SECONDS = 0.008  # background checking yields to the event loop this often (a frame)
CHUNK_CHECK_EVERY = 8  # items between looks at the clock (~0.2 ms each at 100,000 items)

DEBOUNCE_MS = 250
START_DELAY_MS = 30
PAINT_WAIT_MS = 17  # a frame: how long a slice waits while the table fills in new cells
PAINT_WAITS = 6  # … and how many frames in a row at most


@dataclass
class _GrowingIndex:
    """A duplicate index being grown item by item for one domain's list of items."""

    domain_id: str
    items: list[Item]
    writes: int
    index: DuplicateIndex = field(default_factory=DuplicateIndex)

    def holds(self, domain: Domain, writes: int, rows: int) -> bool:
        """Holds the first ``rows`` rows of ``domain`` as they are: the same list of
        items, no write since, and that many rows indexed."""
        return (
            domain.id == self.domain_id
            and domain.items is self.items
            and writes == self.writes
            and len(self.index) == rows
        )


class LiveValidation(QObject):
    issues_changed = Signal(str)  # domain id, or "" for catalog-level / everything
    # The same, precisely: (domain id or "", item ids whose findings changed, or None when
    # any finding of the domain may have changed). Emitted just before issues_changed.
    findings_changed = Signal(str, object)
    marks_changed = Signal(str, object)  # domain id, 0-based rows (None: all rows)
    progress_changed = Signal(int, int)  # domains checked, domains in all

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = IssueStore()
        self._queue: list[str] = []  # domains waiting for a full check, in order
        self._catalog_due = False  # the catalog-level (目录信息) findings wait for a chunk
        self._next_index = 0  # next item of ``_queue[0]``
        self._chunk_timer = QTimer(self)
        self._chunk_timer.setSingleShot(True)
        self._chunk_timer.setInterval(0)
        self._chunk_timer.timeout.connect(self._on_chunk_timer)
        # Set by the window: holds background checking until the table has first painted
        # (returns True if it took the callback, see ``first_paint.PaintWatch.hold``).
        self.hold: Callable[[Callable[[], None]], bool] | None = None
        # Set by the window: runs a callback once the table has repainted (see
        # ``first_paint.PaintWatch.after_next_paint``); the rows of a paste are checked after.
        self.after_paint: Callable[[Callable[[], None]], None] | None = None
        self._dirty_rules: set[str] = set()  # big domains whose domain rules are stale
        self._rules_timer = QTimer(self)
        self._rules_timer.setSingleShot(True)
        self._rules_timer.setInterval(DEBOUNCE_MS)
        self._rules_timer.timeout.connect(self._flush_rules)
        self._rows_pending: dict[str, set[int]] = {}  # item ids of big changes, unchecked
        self._rows_done: dict[str, set[int]] = {}  # … checked, not yet announced
        # Per domain, its items' (一级, 二级) pairs as of its last whole domain-rule run,
        # kept current by cell edits; dropped when its rows move (they are positions).
        self._duplicates: dict[str, DuplicateIndex] = {}
        # The duplicate index of the domain the background check is going through, grown
        # an item at a time with the check (a 4,000-item domain's index in one go froze
        # the window ~12 ms): kept only while no write and no other list of items came.
        self._growing: _GrowingIndex | None = None
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self._on_rows_timer)
        # Set by the window: whether the table is still filling in a screen of new cells
        # (``paint_budget``); a slice then waits a frame, so that a frame's paint and a
        # slice of checking never share an event-loop turn (7 + 8 ms after a paste).
        self.painting: Callable[[], bool] | None = None
        self._paint_waits = 0  # frames waited in a row (bounded: never waits for ever)
        session.cells_changed.connect(self._on_cells)
        session.rows_about_to_be_removed.connect(self._on_removing)
        session.rows_inserted.connect(self._on_structure)
        session.rows_removed.connect(self._on_structure)
        session.layout_changed.connect(self._on_structure)
        session.domain_changed.connect(self._on_domain)
        session.domains_reset.connect(self._on_domains_reset)
        session.meta_changed.connect(self._on_meta)
        session.reloaded.connect(self.restart)

    # ----------------------------------------------------------------- control
    def restart(self, first: str | None = None) -> None:
        """Forget everything and check the catalog again, ``first`` domain synchronously."""
        self.store.clear()
        self._rows_pending.clear()
        self._rows_done.clear()
        self._duplicates.clear()
        self._queue = [d.id for d in self.session.domains]
        self._next_index = 0
        self._catalog_due = True  # checked by the first chunk, after the window has painted
        if first and first in self._queue:
            self._queue.remove(first)
            self._queue.insert(0, first)
        self._changed("")
        self._progress()
        # Let the window paint the first domain before checking starts.
        self._chunk_timer.start(START_DELAY_MS)

    def validate_all(self) -> None:
        """Check everything now (F5, tests, before export)."""
        self._chunk_timer.stop()
        self.store.clear()
        self._rows_pending.clear()
        self._rows_done.clear()
        self._duplicates.clear()
        catalog = self.session.catalog  # reads every domain not loaded yet
        self._catalog_due = False
        self.store.set_catalog(checks.catalog_issues(catalog))
        for domain in catalog.domains:
            self._check_domain(domain)
        self._queue = []
        self._dirty_rules.clear()
        self._changed("")
        for domain in catalog.domains:
            self.marks_changed.emit(domain.id, None)
        self._progress()

    def stop(self) -> None:
        """No more background work (the document is being closed)."""
        self._chunk_timer.stop()
        self._rules_timer.stop()
        self._rows_timer.stop()
        self._catalog_due = False
        self._queue = []
        self._dirty_rules.clear()
        self._rows_pending.clear()
        self._rows_done.clear()
        self._duplicates.clear()

    def wait_idle(self) -> None:
        """Finish pending background work now (tests, export)."""
        self._chunk_timer.stop()
        while self._queue or self._catalog_due:
            self._work(budget=None)
        self._check_pending_rows(budget=None)
        self._flush_rules()

    def quiet(self, domain_id: str, item_id: int) -> None:
        """Hold back the findings of a row just inserted (see ``IssueStore.quiet``)."""
        self.store.quiet.add(item_id)
        self._announce_item(domain_id, item_id)

    def release(self, item_id: int) -> None:
        """Show a quiet row's findings (the clerk left the row)."""
        if item_id not in self.store.quiet:
            return
        self.store.quiet.discard(item_id)
        for domain in self.session.domains:
            if self.session.is_loaded(domain.id) and any(i.id == item_id for i in domain.items):
                self._announce_item(domain.id, item_id)
                return

    def _announce_item(self, domain_id: str, item_id: int) -> None:
        self.store.invalidate_counts(domain_id)
        try:
            row = self.session.row_of(domain_id, item_id)
        except KeyError:
            return
        self.marks_changed.emit(domain_id, [row])
        self._changed(domain_id, [item_id])

    def _changed(self, domain_id: str, item_ids: list[int] | None = None) -> None:
        self.findings_changed.emit(domain_id, item_ids)
        self.issues_changed.emit(domain_id)

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._rows_pending or self._catalog_due)

    def is_checked(self, domain_id: str) -> bool:
        return domain_id in self.store.validated

    # ----------------------------------------------------------------- background
    def _on_chunk_timer(self) -> None:
        if self.hold is not None and self.hold(self._resume):
            return
        if self._waits_for_painting(self._chunk_timer):
            return
        self._work()

    def _on_rows_timer(self) -> None:
        if not self._waits_for_painting(self._rows_timer):
            self._check_pending_rows()

    def _waits_for_painting(self, timer: QTimer) -> bool:
        """True if the table is filling in new cells: ``timer`` fires again a frame later
        (at most PAINT_WAITS frames in a row, so a window that does not paint, e.g.
        minimised, never stops the checking)."""
        if self.painting is None or self._paint_waits >= PAINT_WAITS or not self.painting():
            self._paint_waits = 0
            return False
        self._paint_waits += 1
        timer.start(PAINT_WAIT_MS)
        return True

    def _resume(self) -> None:
        if self._queue:
            self._chunk_timer.start(0)

    def _work(self, budget: float | None = CHUNK_SECONDS) -> None:
        try:
            self._work_chunk(budget)
        except ReadFailed as exc:
            self.stop()
            self.session.failed.emit(str(exc))

    def _work_chunk(self, budget: float | None) -> None:
        deadline = None if budget is None else time.perf_counter() + budget
        catalog = self.session.partial_catalog
        if self._catalog_due:  # 目录信息 findings first: one pass over the meta
            self._catalog_due = False
            self.store.set_catalog(checks.catalog_issues(catalog))
            self._changed("")
        while self._queue:
            domain_id = self._queue[0]
            if not self.session.has_domain(domain_id):
                self._queue.pop(0)
                self._next_index = 0
                continue
            if deadline is not None and not self.session.load_some(domain_id, deadline):
                self._chunk_timer.start(0)  # its items are read a page per turn
                return
            domain = self.session.domain(domain_id)  # read whole if checked at once
            items = domain.items
            started = self._next_index
            growing = self._grow_index(domain)
            while self._next_index < len(items):
                item = items[self._next_index]
                if item.id is not None:
                    self.store.set_item(
                        item.id, checks.validate_item(catalog, domain, self._next_index)
                    )
                if growing is not None:
                    growing.append(item)
                self._next_index += 1
                if (
                    deadline is not None
                    and self._next_index % CHUNK_CHECK_EVERY == 0
                    and time.perf_counter() > deadline
                ):
                    self._chunk_timer.start(0)
                    return
            if deadline is not None and self._next_index > started and len(items) > SYNC_ROWS:
                # the domain rules (duplicates…) of a big domain take a slice of their own
                self._chunk_timer.start(0)
                return
            self._finish_domain(domain)
            self._queue.pop(0)
            self._next_index = 0
            if deadline is not None and time.perf_counter() > deadline:
                break
        if self._queue:
            self._chunk_timer.start(0)

    def _check_domain(self, domain: Domain) -> None:
        catalog = self.session.partial_catalog
        for n, item in enumerate(domain.items):
            if item.id is not None:
                self.store.set_item(item.id, checks.validate_item(catalog, domain, n))
        self.store.set_domain_rules(domain, self._domain_issues(domain))
        self.store.validated.add(domain.id)

    def _finish_domain(self, domain: Domain) -> None:
        self.store.set_domain_rules(domain, self._domain_issues(domain))
        self.store.validated.add(domain.id)
        self._changed(domain.id)
        self.marks_changed.emit(domain.id, None)
        self._progress()

    def _progress(self) -> None:
        total = len(self.session.domains)
        self.progress_changed.emit(total - len(self._queue), total)

    def _requeue(self, domain_id: str) -> None:
        """Check a whole domain again soon (row numbers in its messages changed)."""
        self._duplicates.pop(domain_id, None)
        if self._queue and self._queue[0] == domain_id:
            self._next_index = 0
        else:
            if domain_id in self._queue:
                self._queue.remove(domain_id)
            if self._queue:
                self._queue.insert(1, domain_id)
            else:
                self._queue.append(domain_id)
        # after the repaint of the change that moved the rows (a paste that added rows,
        # its undo): a slice in the same turn would double the freeze
        self._chunk_timer.stop()
        self._after_repaint(self._resume)

    def _after_repaint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the table has repainted (or from the next turn)."""
        if self.after_paint is not None:
            self.after_paint(callback)
        else:
            QTimer.singleShot(0, self, callback)

    # ----------------------------------------------------------------- reacting to edits
    def _on_cells(self, domain_id: str, rows: list[int], keys: list[str]) -> None:
        catalog = self.session.partial_catalog
        domain = self.session.domain(domain_id)
        if len(rows) > SYNC_ROWS:
            # A paste of hundreds of rows: the first rows (those in view) now, the rest
            # between event-loop turns (~0.15 ms an item would freeze the window).
            later = {domain.items[row].id for row in rows[SYNC_ROWS:]} - {None}
            self._rows_pending.setdefault(domain_id, set()).update(later)  # type: ignore[arg-type]
            # counted from the repaint of the change: counted from the change, a slow
            # repaint (a screen of new cells) met the first slice in the same turn
            self._after_repaint(self._arm_rows_timer)
            rows = rows[:SYNC_ROWS]
        for row in rows:
            item = domain.items[row]
            if item.id is not None:
                self.store.set_item(item.id, checks.validate_item(catalog, domain, row), domain_id)
        marks_rows: list[int] | None = list(rows)
        if not checks.domain_checks_read(keys):
            pass  # e.g. 公开时限: no domain rule (duplicates…) reads it
        elif (affected := self._follow_duplicates(domain, rows, keys)) is not None:
            marks_rows = sorted(set(rows).union(affected))
        elif len(domain.items) <= SYNC_DOMAIN_LIMIT:
            if self._domain_rules(domain):
                marks_rows = None
        else:
            self._dirty_rules.add(domain_id)
            self._rules_timer.start()
        self.marks_changed.emit(domain_id, marks_rows)
        ids = [domain.items[row].id for row in marks_rows or () if domain.items[row].id is not None]
        self._changed(domain_id, None if marks_rows is None else ids)

    def _follow_duplicates(
        self, domain: Domain, rows: list[int], keys: list[str]
    ) -> list[int] | None:
        """Update the duplicate findings an edit of ``rows`` changes, from the domain's
        index: the rows whose finding may have changed, or None if the domain rules must
        run whole (no index yet, rows moved, a paste, another domain rule reads ``keys``)."""
        from zwgk_desktop.core.validation.rules_consistency import (  # loaded by the engine
            DUPLICATE,
            check_duplicates,
            duplicate_issue,
        )

        index = self._duplicates.get(domain.id)
        if (
            index is None
            or len(index) != len(domain.items)
            or len(rows) > SYNC_ROWS
            or checks.domain_checks_reading(keys) != [check_duplicates]
        ):
            self._duplicates.pop(domain.id, None)  # stale from now on
            return None
        affected = sorted(index.update(domain.items, rows))
        marks: dict[int, Issue | None] = {}
        for row in affected:
            item_id = domain.items[row].id
            if item_id is None:
                continue
            first = None if domain.not_involved else index.first_of(row)
            marks[item_id] = None if first is None else duplicate_issue(domain, row, first)
        self.store.set_domain_marks(domain.id, DUPLICATE.id, marks)
        return affected

    def _arm_rows_timer(self) -> None:
        if self._rows_pending:
            self._rows_timer.start(ROWS_DELAY_MS)

    def _check_pending_rows(self, budget: float | None = ROWS_SECONDS) -> None:
        """Check items left over from a big change, for about ``budget`` seconds.

        Marks, counts and the panel hear of a domain's rows once all are checked: telling
        them after each slice would repaint the table and the navigator every 8 ms.
        """
        deadline = None if budget is None else time.perf_counter() + budget
        catalog = self.session.partial_catalog
        worked = False
        while self._rows_pending:
            domain_id = next(iter(self._rows_pending))
            pending = self._rows_pending[domain_id]
            if not self.session.has_domain(domain_id):
                del self._rows_pending[domain_id]
                self._rows_done.pop(domain_id, None)
                continue
            domain = self.session.domain(domain_id)
            done = self._rows_done.setdefault(domain_id, set())
            while pending and (deadline is None or time.perf_counter() < deadline):
                worked = True
                item_id = pending.pop()
                try:
                    row = self.session.row_of(domain_id, item_id)
                except KeyError:
                    continue  # removed meanwhile
                self.store.set_item(item_id, checks.validate_item(catalog, domain, row))
                done.add(item_id)
            if pending:
                break  # out of time
            if worked and deadline is not None:
                break  # announced next turn: the repaint it causes gets a turn of its own
            del self._rows_pending[domain_id]
            done = self._rows_done.pop(domain_id)
            rows = []
            for item_id in done:
                try:
                    rows.append(self.session.row_of(domain_id, item_id))
                except KeyError:
                    continue
            self.store.invalidate_counts(domain_id)
            self.marks_changed.emit(domain_id, sorted(rows))
            self._changed(domain_id, sorted(done))
            if deadline is not None:
                break
        if self._rows_pending:
            self._rows_timer.start(0)

    def _domain_rules(self, domain: Domain) -> bool:
        """Re-run the domain rules; True if their findings changed."""
        old = self.store.domain_rule_findings(domain.id)
        self.store.set_domain_rules(domain, self._domain_issues(domain))
        return old != self.store.domain_rule_findings(domain.id)

    def _grow_index(self, domain: Domain) -> DuplicateIndex | None:
        """The duplicate index to grow with the items checked from ``_next_index`` on:
        a new one at a domain's first item, the same one while the rows it holds are
        still the domain's (None otherwise: the domain rules then build it whole)."""
        growing = self._growing
        if self._next_index == 0:
            growing = self._growing = _GrowingIndex(domain.id, domain.items, self.session.writes)
        if growing is None or not growing.holds(domain, self.session.writes, self._next_index):
            self._growing = None
            return None
        return growing.index

    def _domain_issues(self, domain: Domain) -> list[Issue]:
        """The domain rules run whole, with the duplicate index kept for later edits (the
        one the background check grew, if it holds the domain's items as they are)."""
        growing, self._growing = self._growing, None
        if growing is not None and growing.holds(domain, self.session.writes, len(domain.items)):
            index = growing.index
        else:
            index = DuplicateIndex(domain.items)
        self._duplicates[domain.id] = index
        return checks.domain_issues(self.session.partial_catalog, domain, index)

    def _flush_rules(self) -> None:
        dirty, self._dirty_rules = self._dirty_rules, set()
        for domain_id in dirty:
            if self.session.has_domain(domain_id):
                domain = self.session.domain(domain_id)
                changed = self._domain_rules(domain)
                if changed:
                    self.marks_changed.emit(domain_id, None)
                self._changed(domain_id, None if changed else [])

    def _on_domains_reset(self) -> None:
        """A domain was added or removed: check the new one, forget the gone one."""
        ids = [d.id for d in self.session.domains]
        present = set(ids)
        for gone in [d for d in self.store.validated if d not in present]:
            self.store.drop_domain(gone)
        for gone in [d for d in self._duplicates if d not in present]:
            del self._duplicates[gone]
        head = self._queue[0] if self._queue else None
        known = self.store.validated | set(self._queue)
        self._queue = [d for d in self._queue if d in present] + [d for d in ids if d not in known]
        if not self._queue or self._queue[0] != head:
            self._next_index = 0
        self.store.set_catalog(checks.catalog_issues(self.session.partial_catalog))
        self._changed("")
        self._progress()
        if self._queue:
            self._chunk_timer.start(0)

    def _on_meta(self, levels_changed: bool) -> None:
        """目录信息 changed: catalog rules now; 公开层级 names concern every item."""
        if levels_changed:
            self.restart(self._queue[0] if self._queue else None)
            return
        self.store.set_catalog(checks.catalog_issues(self.session.partial_catalog))
        self._changed("")

    def _on_removing(self, domain_id: str, start: int, count: int) -> None:
        items = self.session.items(domain_id)[start : start + count]
        self.store.forget_items(item.id for item in items if item.id is not None)
        self.store.invalidate_counts(domain_id)

    def _on_structure(self, domain_id: str, *_: int) -> None:
        domain = self.session.domain(domain_id)
        catalog = self.session.partial_catalog
        if len(domain.items) <= SYNC_DOMAIN_LIMIT:
            # Row numbers in messages shift: re-check the whole (small) domain now.
            for n, item in enumerate(domain.items):
                if item.id is not None:
                    self.store.set_item(item.id, checks.validate_item(catalog, domain, n))
            self.store.set_domain_rules(domain, self._domain_issues(domain))
        else:
            self._requeue(domain_id)
        self.store.invalidate_counts(domain_id)
        self.marks_changed.emit(domain_id, None)
        self._changed(domain_id)

    def _on_domain(self, domain_id: str) -> None:
        domain = self.session.domain(domain_id)
        if domain.not_involved:
            self.store.forget_items(item.id for item in domain.items if item.id is not None)
            self.store.set_domain_rules(domain, self._domain_issues(domain))
            self.store.validated.add(domain_id)
        else:
            self._on_structure(domain_id)
            return
        self.store.invalidate_counts(domain_id)
        self.marks_changed.emit(domain_id, None)
        self._changed(domain_id)
