"""Turn rows of cell values (any reader) into a bounded :class:`Grid`, as the xlsx reader does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zwgk_desktop.core.xlsx.grid import (
    MAX_COLS,
    MAX_MERGES,
    MAX_ROWS,
    Grid,
    convert_value,
)
from zwgk_desktop.core.xlsx.result import CancelCheck, check_cancel
from zwgk_desktop.core.xlsx.sanitize import EXCEL_MAX_CHARS

Merge = tuple[int, int, int, int]  # r1, c1, r2, c2, 0-based, inclusive


def build_grid(
    title: str,
    rows: Iterable[Iterable[Any]],
    merges: Iterable[Merge] = (),
    cancel: CancelCheck | None = None,
) -> Grid:
    """A grid of text from ``rows`` (at most MAX_ROWS x MAX_COLS) and merged ranges."""
    grid = Grid(title, [], MAX_COLS)
    out = grid.rows
    for r, row in enumerate(rows):
        if r >= MAX_ROWS:
            grid.row_limit_hit = True
            break
        if r % 1024 == 0:
            check_cancel(cancel)
        values: list[str | None] = []
        last = -1
        for c, value in enumerate(row):
            if c >= MAX_COLS:
                break
            if value is None:
                values.append(None)
                continue
            text = value if value.__class__ is str else convert_value(value)
            if text is None or text == "" or text.isspace():
                values.append(None)
                continue
            if value.__class__ is not str and value.__class__ is not bool:
                grid.mark_typed(r, c)
            if len(text) > EXCEL_MAX_CHARS:
                text = text[:EXCEL_MAX_CHARS]
                grid.cut_cells.append((r, c))
            values.append(text)
            last = c
        out.append(values[: last + 1])
    while out and not out[-1]:
        out.pop()
    nrows = max(len(out), 1)
    for r1, c1, r2, c2 in merges:
        if len(grid.merges) >= MAX_MERGES:
            grid.merges_truncated = True
            break
        if r1 < 0 or c1 < 0 or r1 >= nrows or c1 >= MAX_COLS or (r1, c1) == (r2, c2):
            continue
        grid.merges.append((r1, c1, min(r2, nrows - 1), min(c2, MAX_COLS - 1)))
    return grid
