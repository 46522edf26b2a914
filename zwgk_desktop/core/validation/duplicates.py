"""Which items of a domain repeat an earlier item's (一级, 二级) pair, kept up to date by edits.

The duplicate rule (DUPLICATE-ITEM) reports each later copy, pointing at the first. Found
from scratch it is a pass over the domain; a clerk's cell edit changes one item's pair,
which can change the finding of that item, of the items sharing its old pair and of those
sharing its new one — nothing else. :class:`DuplicateIndex` keeps every item's folded pair
and, per pair, the rows that have it, so an edit of 一级/二级 costs those few rows, not
the domain (≈8 ms at 4,000 items, each time the clerk leaves a cell).

Rows are positions in the domain: an insert, removal or move of rows makes a new index.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.validation.textutil import fast_fold

Key = tuple[str, str]


class DuplicateIndex:
    """The folded (一级, 二级) pair of each row of one domain and the rows of each pair."""

    __slots__ = ("_folded", "_keys", "_rows")

    def __init__(self, items: Sequence[Item] = ()) -> None:
        """The index of ``items``; or empty, to be grown a few rows at a time with
        :meth:`append` (the background check does so as it checks each item, so a big
        domain's index is never built in one go)."""
        self._folded: dict[str, str] = {}  # 一级事项 names repeat: fold each once
        self._keys: list[Key | None] = []
        self._rows: dict[Key, list[int]] = {}
        for item in items:
            self.append(item)

    def append(self, item: Item) -> None:
        """Index ``item`` as the next row."""
        level1 = self._folded.get(item.level1)
        if level1 is None:
            level1 = self._folded[item.level1] = fast_fold(item.level1)
        key = (level1, fast_fold(item.level2))
        row = len(self._keys)
        if not key[0] and not key[1]:
            self._keys.append(None)  # a blank row repeats nothing
            return
        self._keys.append(key)
        same = self._rows.get(key)
        if same is None:
            self._rows[key] = [row]
        else:
            same.append(row)  # rows come in order: each list stays sorted

    def __len__(self) -> int:
        return len(self._keys)

    def first_of(self, row: int) -> int | None:
        """The earlier row that ``row`` repeats (the first with its pair), or None."""
        key = self._keys[row]
        if key is None:
            return None
        first = self._rows[key][0]
        return first if first != row else None

    def repeats(self) -> Iterator[tuple[int, int]]:
        """Every later copy as (row, first row it repeats), in row order."""
        found = [
            (row, same[0]) for same in self._rows.values() if len(same) > 1 for row in same[1:]
        ]
        found.sort()
        return iter(found)

    def update(self, items: Sequence[Item], rows: Iterable[int]) -> set[int]:
        """Take the pairs of ``rows`` from ``items`` again; the rows whose finding may differ.

        The edited rows are always among them (their message names the item); so are the
        rows of a pair whose first row changed, as their messages point at it.
        """
        affected: set[int] = set()
        for row in rows:
            affected.add(row)
            item = items[row]
            key: Key | None = (fast_fold(item.level1), fast_fold(item.level2))
            if not key[0] and not key[1]:  # type: ignore[index]
                key = None
            old = self._keys[row]
            if key == old:
                continue
            if old is not None:
                same = self._rows[old]
                was_first = same[0] == row
                del same[bisect_left(same, row)]
                if not same:
                    del self._rows[old]
                elif was_first:
                    affected.update(same)  # they now repeat another first row
            self._keys[row] = key
            if key is not None:
                same = self._rows.setdefault(key, [])
                if same and row < same[0]:
                    affected.update(same)  # the new first row: the others point at it
                insort(same, row)
        return affected
