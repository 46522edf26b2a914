"""查找下一个 as a string search over one text per domain (Qt-free).

Testing every cell from Python costs ~3 µs a cell: a term found once at the far end of a
100,000-item catalog (1.1 million cells) took ~300 ms per F3. Here each domain's cells
are joined, row by row in column order, into one string kept until the domain changes,
so F3 is ``str.find`` (C speed) plus a bisect to name the row and column. The result is
the same as :func:`zwgk_desktop.gui.search.find_from` (a test compares them); only a
domain that changed since the last search is joined again (~10 ms for 4,000 items).
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from zwgk_desktop.core.model import Domain, Item
from zwgk_desktop.gui.search import ALL_KEYS, Match, Needle, find_from

SEP = "\x00"  # never in a stored cell (cleaning drops NUL), so no match spans two cells


def _cell(item: Item, key: str) -> str:
    """The text a cell is searched in (as ``search._cell_hit``: choices joined by 、)."""
    value = getattr(item, key)
    return "、".join(value) if isinstance(value, list) else value


@dataclass
class _Haystack:
    items: list[Item]  # the list it was built from (a stale list means: build again)
    size: int
    folded: bool  # cells casefolded (the needle has ASCII letters)
    text: str  # row 0's cells, SEP, row 1's cells …, each cell followed by SEP
    starts: array  # offset of each row's first cell, plus the end


_VALUES = attrgetter(*ALL_KEYS)


def _row(item: Item) -> str:
    """One row's cells, each followed by SEP."""
    cells = ["、".join(value) if isinstance(value, list) else value for value in _VALUES(item)]
    cells.append("")
    return SEP.join(cells)


def _haystack(items: list[Item], rows: list[str], folded: bool) -> _Haystack:
    if folded:  # case folding maps each character alone, so cells keep their bounds
        rows = [row.casefold() for row in rows]
    starts = array("q", [0])
    offset = 0
    for row in rows:
        offset += len(row)
        starts.append(offset)
    return _Haystack(items, len(items), folded, "".join(rows), starts)


@dataclass
class _Pending:
    """A domain's rows joined so far by :meth:`FindIndex.warm` (between event-loop turns)."""

    items: list[Item]
    size: int
    rows: list[str] = field(default_factory=list)


class FindIndex:
    """The joined texts of the domains searched so far; ``forget`` a domain that changed."""

    def __init__(self) -> None:
        self._hay: dict[tuple[str, bool], _Haystack] = {}
        self._pending: dict[str, _Pending] = {}

    def forget(self, domain_id: str | None = None) -> None:
        """Drop one domain's text (it changed), or all of them (None)."""
        if domain_id is None:
            self._hay.clear()
            self._pending.clear()
        else:
            self._hay.pop((domain_id, False), None)
            self._hay.pop((domain_id, True), None)
            self._pending.pop(domain_id, None)

    def _fresh(self, domain: Domain, folded: bool) -> _Haystack | None:
        hay = self._hay.get((domain.id, folded))
        if hay is None or hay.items is not domain.items or hay.size != len(domain.items):
            return None
        return hay

    def _haystack(self, domain: Domain, folded: bool) -> _Haystack:
        hay = self._fresh(domain, folded)
        if hay is None and folded:
            hay = self._folded_from_plain(self._haystack(domain, False))
            self._hay[(domain.id, True)] = hay
        if hay is None:
            pending = self._pending.pop(domain.id, None)
            stale = pending is None or pending.items is not domain.items
            rows = [] if stale or pending.size != len(domain.items) else pending.rows
            rows.extend(_row(item) for item in domain.items[len(rows) :])
            hay = self._hay[(domain.id, False)] = _haystack(domain.items, rows, False)
        return hay

    @staticmethod
    def _folded_from_plain(plain: _Haystack) -> _Haystack:
        """The case-folded text: the plain text folded in one C call when that keeps every
        character's length (it nearly always does; ß and ﬁ grow), so the row offsets
        stay; otherwise row by row, with offsets counted again (~5× slower)."""
        text = plain.text.casefold()
        if len(text) == len(plain.text):
            return _Haystack(plain.items, plain.size, True, text, plain.starts)
        starts = plain.starts
        rows = [plain.text[starts[n] : starts[n + 1]] for n in range(plain.size)]
        return _haystack(plain.items, rows, True)

    def ready(self, domains: Sequence[Domain], folded: bool = False) -> bool:
        """Whether a search of ``domains`` needs no joining (answers at once)."""
        return all(self._fresh(domain, folded) is not None for domain in domains)

    def warm(self, domains: Sequence[Domain], budget: float = 0.005, folded: bool = False) -> bool:
        """Join rows of domains not indexed yet for about ``budget`` seconds; True when
        all are (the dialog calls this between event-loop turns while it is open, so the
        first F3 does not join a 100,000-item catalog at once: ~1 s). ``folded``: the
        texts a search with ASCII letters needs."""
        started = time.perf_counter()
        deadline = started + budget
        for domain in domains:
            if self._fresh(domain, folded) is not None:
                continue
            if self._fresh(domain, False) is None:
                pending = self._pending.get(domain.id)
                if pending is None or pending.items is not domain.items:
                    pending = _Pending(domain.items, len(domain.items))
                    self._pending[domain.id] = pending
                items, rows = domain.items, pending.rows
                while len(rows) < len(items):
                    rows.extend(_row(item) for item in items[len(rows) : len(rows) + 200])
                    if len(rows) < len(items) and time.perf_counter() > deadline:
                        return False
                self._haystack(domain, False)
                if time.perf_counter() > deadline:
                    return self.ready(domains, folded)  # out of time, but maybe that was all
            if folded:
                # One casefold of a domain's text (~9 ms for 4,000 items): in a call of
                # its own unless this one has most of its time left.
                now = time.perf_counter()
                if now - started > budget / 4 and now > started + 0.001:
                    return False
                self._haystack(domain, True)
                if time.perf_counter() > deadline:
                    return self.ready(domains, folded)
        return True

    def find_from(
        self,
        domains: Sequence[Domain],
        text: str,
        start: tuple[int, int, str] | None,
        forward: bool = True,
        keys: Sequence[str] = ALL_KEYS,
    ) -> tuple[Match | None, bool]:
        """As :func:`search.find_from`: the next/previous match after ``start``, wrapping."""
        needle = Needle(text)
        if not needle or not domains:
            return None, False
        if SEP in needle.text:
            return find_from(domains, text, start, forward, keys)
        wanted = frozenset(keys)
        count = len(domains)
        d0, r0, k0 = start if start is not None else (0, -1, ALL_KEYS[-1])
        d0 = min(max(d0, 0), count - 1)
        # The cursor's column; a key we do not know sits after the row's last column
        # (as in search.find_from).
        here = ALL_KEYS.index(k0) if k0 in ALL_KEYS else len(ALL_KEYS)
        sign = 1 if forward else -1
        for step in range(count + 1):
            di = (d0 + sign * step) % count
            domain = domains[di]
            hay = self._haystack(domain, needle.folds_case)
            lo, hi = 0, len(hay.text)
            if step in (0, count):
                cursor = _offset(hay, domain, r0, here)
                # step 0 searches after the cursor cell (forward) or before it (backward);
                # the final wrapped step comes back to the cursor cell itself.
                if forward:
                    lo, hi = (cursor[1], hi) if step == 0 else (0, cursor[1])
                else:
                    lo, hi = (0, cursor[0]) if step == 0 else (cursor[0], hi)
            found = _search(hay, domain, needle._cmp, lo, hi, forward, wanted)
            if found is not None:
                row, key = found
                wrapped = (step > 0 and (di <= d0 if forward else di >= d0)) or step == count
                return Match(domain.id, domain.items[row].id or 0, row, key), wrapped
        return None, False


def _length(hay: _Haystack, item: Item, key: str) -> int:
    """The cell's length in ``hay.text``, its separator included."""
    cell = _cell(item, key)
    return len(cell.casefold() if hay.folded else cell) + 1


def _offset(hay: _Haystack, domain: Domain, row: int, here: int) -> tuple[int, int]:
    """(start, end) offsets of the cursor cell: the cells before it end at ``start``,
    the cells after it begin at ``end``. Rows out of range clamp to the ends."""
    if row < 0:
        return 0, 0
    if row >= hay.size:
        return len(hay.text), len(hay.text)
    item = domain.items[row]
    offset = hay.starts[row]
    for n, key in enumerate(ALL_KEYS):
        length = _length(hay, item, key)
        if n == here:
            return offset, offset + length
        offset += length
    return offset, offset


def _locate(hay: _Haystack, domain: Domain, pos: int) -> tuple[int, int, int, str]:
    """(row, cell start, cell end, key) of the cell holding offset ``pos``."""
    row = bisect_right(hay.starts, pos) - 1
    item = domain.items[row]
    offset = hay.starts[row]
    for key in ALL_KEYS:
        end = offset + _length(hay, item, key)
        if pos < end:
            return row, offset, end, key
        offset = end
    raise AssertionError("offset beyond its row")  # pragma: no cover


def _search(
    hay: _Haystack,
    domain: Domain,
    needle: str,
    lo: int,
    hi: int,
    forward: bool,
    wanted: frozenset[str],
) -> tuple[int, str] | None:
    """The first (last) hit in text[lo:hi] whose column is wanted: (row, key)."""
    text = hay.text
    while lo < hi:
        pos = text.find(needle, lo, hi) if forward else text.rfind(needle, lo, hi)
        if pos < 0:
            return None
        row, start, end, key = _locate(hay, domain, pos)
        if key in wanted:
            return row, key
        if forward:
            lo = end
        else:
            hi = start
    return None
