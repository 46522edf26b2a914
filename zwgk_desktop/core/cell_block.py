"""Cells of many items held as columns: a paste's new values and its undo record.

A 500-row paste is 5,500 cells. Passed as one (item, field, value) tuple or one dict per
row, every cell went through Python code in each layer (convert, command, session,
storage). As a block of columns the layers use C-level maps and zips, and the document
writes the block with ONE ``executemany``. A block is immutable: text values are ``str``
and choice values tuples, so the undo stack, the document and the in-memory items can
share it (the session copies choice values into items as lists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, ne, or_
from typing import Any

from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELD_BY_KEY
from zwgk_desktop.core.model import Item

KEEP: Any = type("Keep", (), {"__repr__": lambda self: "KEEP"})()  # a cell not pasted


@dataclass(frozen=True)
class CellBlock:
    """``columns[k][n]`` is the value of field ``keys[k]`` of item ``item_ids[n]``."""

    item_ids: tuple[int, ...]
    keys: tuple[str, ...]
    columns: tuple[tuple[Any, ...], ...]

    def __post_init__(self) -> None:
        if len(set(self.keys)) != len(self.keys) or len(self.columns) != len(self.keys):
            raise ValueError("a block needs one column per distinct field")
        columns = []
        for key, column in zip(self.keys, self.columns, strict=True):
            if key not in FIELD_BY_KEY:
                raise KeyError(key)
            if len(column) != len(self.item_ids):
                raise ValueError("a block column needs one value per item")
            # str() of a str and tuple() of a tuple are the same object: cheap when typed
            columns.append(tuple(map(tuple if key in CHOICE_FIELDS else str, column)))
        object.__setattr__(self, "item_ids", tuple(self.item_ids))
        object.__setattr__(self, "keys", tuple(self.keys))
        object.__setattr__(self, "columns", tuple(columns))

    def __len__(self) -> int:
        return len(self.item_ids) * len(self.keys)

    def cells(self) -> list[tuple[int, str, Any]]:
        """(item id, field, value) per cell, row by row (for tests and messages)."""
        return [
            (item_id, key, column[n])
            for n, item_id in enumerate(self.item_ids)
            for key, column in zip(self.keys, self.columns, strict=True)
        ]


def change_blocks(
    items: Sequence[Item], keys: Sequence[str], columns: Sequence[Sequence[Any]]
) -> tuple[CellBlock, CellBlock] | None:
    """(old, new) blocks setting ``columns`` (one value per item, or KEEP) on ``items``.

    Only the rows and fields where some value changes are kept; in a kept row, a field's
    unchanged or KEEP cell is written with its old value (no change, one statement for
    the whole block). None if nothing changes. Compared a column at a time.
    """
    if len(set(keys)) != len(keys) or not FIELD_BY_KEY.keys() >= set(keys):
        raise KeyError(f"not distinct field keys: {keys}")  # the keys end up in SQL
    span = range(len(items))
    ids = tuple(map(attrgetter("id"), items))
    if None in ids:
        raise ValueError("items without a storage id")
    if any(len(column) != len(items) for column in columns):
        raise ValueError("a column needs one value per item")
    if not keys or not items:
        return None
    # one C-level pass reads every old value (two names at least: attrgetter returns
    # tuples); the columns then compare as whole tuples
    old_columns = list(zip(*map(attrgetter(*keys, keys[0]), items), strict=True))[: len(keys)]
    changed: list[bool] | None = None  # per row: some field changes
    kept_keys: list[str] = []
    olds: list[tuple[Any, ...]] = []
    news: list[tuple[Any, ...]] = []
    for key, old, column in zip(keys, old_columns, columns, strict=True):
        new = tuple(column)
        if old == new:  # the common unchanged column: one C-level comparison
            continue
        if KEEP in new:  # a refused cell: its old value stays
            new = tuple(o if n is KEEP else n for o, n in zip(old, new, strict=True))
        if key in CHOICE_FIELDS:  # frozen: the undo record must not share the items' lists
            old, new = tuple(map(tuple, old)), tuple(map(tuple, new))
        else:
            old, new = _texts(old), _texts(new)
        if old == new:  # (a choice column: the items hold lists, a pasted column tuples)
            continue
        if changed is None:
            changed = list(map(ne, old, new))
        elif not all(changed):  # once every row changes, the rows need no more tests
            changed = list(map(or_, changed, map(ne, old, new)))
        kept_keys.append(key)
        olds.append(old)
        news.append(new)
    if changed is None:
        return None
    if not all(changed):
        pick = list(compress(span, changed))
        ids = tuple(map(ids.__getitem__, pick))
        olds = [tuple(map(column.__getitem__, pick)) for column in olds]
        news = [tuple(map(column.__getitem__, pick)) for column in news]
    names = tuple(kept_keys)
    return _normalised(ids, names, tuple(olds)), _normalised(ids, names, tuple(news))


def _texts(column: tuple[Any, ...]) -> tuple[str, ...]:
    """A text column as ``str`` values: the column itself when it holds only ``str`` (as
    items and pasted columns do). ``str.join`` tests that in one C pass, ~10× cheaper than
    ``str()`` per cell (a changed column of a paste is 500 cells, twice)."""
    try:
        "".join(column)
    except TypeError:
        return tuple(map(str, column))
    return column


def _normalised(
    ids: tuple[int, ...], keys: tuple[str, ...], columns: tuple[tuple[Any, ...], ...]
) -> CellBlock:
    """A block whose values are ``str`` and frozen tuples already (read from items, or
    made so above): built without a second pass over every value."""
    block = object.__new__(CellBlock)
    object.__setattr__(block, "item_ids", ids)
    object.__setattr__(block, "keys", keys)
    object.__setattr__(block, "columns", columns)
    return block
