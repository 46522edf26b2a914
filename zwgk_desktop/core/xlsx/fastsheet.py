"""Cell values of an .xlsx sheet through calamine, when the sheet's XML shows it is safe.

openpyxl's XML parsing is most of what an import costs (about ten times calamine's, which
is Rust). openpyxl still opens the workbook — its parts, sheet states, document
properties — but a sheet's values come from calamine when a streaming pass over the sheet
XML shows that:

- it holds no formula (calamine would hand us cached results; formula cells must be
  reported, never taken — those sheets go through openpyxl as before);
- its cells stay in a bounded range: calamine builds one dense range from the first to the
  last cell, so a single cell at XFD1048576 would ask for 17 billion cells and abort the
  process. Every ``<c>`` must carry its reference first (``<c r="…"``), and the references
  must keep rows × columns under :data:`MAX_FAST_CELLS`.

Anything else — or any calamine error — leaves the sheet to the bounded openpyxl reader,
so the result never depends on which path read it (tests compare both).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from zwgk_desktop.core.formats.gridbuild import build_grid
from zwgk_desktop.core.xlsx import grid as grid_module
from zwgk_desktop.core.xlsx.grid import Grid, SheetScan, column_index, scan_sheet_rows
from zwgk_desktop.core.xlsx.result import CancelCheck, check_cancel

MAX_FAST_CELLS = 4_000_000  # rows × columns calamine may lay out densely (~130 MB at worst)
_CHUNK = 1 << 20
_TAG_LIMIT = 1 << 16
_ONE_LETTER_ROWS = 99_999  # what references without a 6-digit row or a 2-letter column reach
# Letters past Excel's three (XFD) are not a valid place, but calamine lays them out all the
# same: ZZZZ9999999 once asked it for 150 TB and aborted the process.
_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,16})\d')
_FAR_ROW = re.compile(rb'<c r="[A-Z]{1,16}(\d{6,})"')
_ODD_REF = re.compile(rb'<c r="(?:[A-Z]{17}|[A-Z]*[^A-Z0-9"])')  # a place no bound can read
# A <c> whose first attribute is not r="…" (or with none): one regex pass, cheaper than
# counting each kind of opening against the placed ones.
_UNPLACED_CELL = re.compile(rb'<c(?:[\t\n\r>/]| (?!r="))')
_PREFIXED_CELL = re.compile(rb"<\w+:c[\s>/]")


def cells_bounded(source: Any) -> bool:
    """One streaming pass: True when every cell names its place and the places are bounded."""
    carry = b""
    rows, cols = _ONE_LETTER_ROWS, 26
    while True:
        chunk = source.read(_CHUNK)
        data = carry + chunk
        carry = b""
        if chunk:  # a tag cut by the chunk border goes whole with the next chunk
            cut = data.rfind(b"<")
            if cut >= 0 and data.find(b">", cut) < 0:
                if len(data) - cut > _TAG_LIMIT:
                    return False  # no real cell tag is this long
                data, carry = data[:cut], data[cut:]
        if _UNPLACED_CELL.search(data):
            return False  # a cell without its reference first: place unknown to this scan
        if _PREFIXED_CELL.search(data) or _ODD_REF.search(data):
            return False
        for match in _WIDE_REF.finditer(data):
            cols = max(cols, column_index(match.group(1)) + 1)
        for match in _FAR_ROW.finditer(data):
            rows = max(rows, int(match.group(1)))
        if rows > grid_module.MAX_ROWS or rows * min(cols, 16_384) > MAX_FAST_CELLS:
            return False
        if not chunk:
            return True


class FastSheets:
    """calamine's view of one workbook file, opened on first use; None from :meth:`grid`
    means "read this sheet with openpyxl"."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._book: Any = None
        self._failed = False

    def _calamine(self) -> Any:
        if self._book is None and not self._failed:
            try:
                import python_calamine

                if self.path.suffix.lower() == ".xlsx":
                    self._book = python_calamine.CalamineWorkbook.from_path(str(self.path))
                else:  # calamine picks the format by the name; by content from a file object
                    with open(self.path, "rb") as source:
                        self._book = python_calamine.CalamineWorkbook.from_filelike(source)
            except Exception:  # calamine raises its own types; openpyxl then reads the file
                self._failed = True
        return self._book

    def _safe(self, ws: Any) -> SheetScan | None:
        """The sheet's scan (merged ranges, hidden rows and columns) when calamine may read
        ``ws``; None otherwise."""
        archive = getattr(getattr(ws, "parent", None), "_archive", None)
        path = getattr(ws, "_worksheet_path", None)
        if archive is None or path is None:
            return None
        with archive.open(path) as source:
            scan = scan_sheet_rows(source, grid_module.MAX_ROWS, grid_module.MAX_COLS)
        if scan.formulas:
            return None
        with archive.open(path) as source:
            if not cells_bounded(source):
                return None
        return scan

    def rows(self, ws: Any) -> list[list[Any]] | None:
        """The sheet's values from A1 (None for openpyxl to read it)."""
        if self._safe(ws) is None:
            return None
        return self._rows(ws.title)

    def _rows(self, title: str) -> list[list[Any]] | None:
        from zwgk_desktop.core.formats.spreadsheet import sheet_rows

        book = self._calamine()
        if book is None:
            return None
        try:
            return sheet_rows(book.get_sheet_by_name(title))
        except Exception:  # damaged part, unknown name: the openpyxl path reports it
            return None

    def grid(self, ws: Any, cancel: CancelCheck | None = None) -> Grid | None:
        check_cancel(cancel)
        safe = self._safe(ws)
        if safe is None:
            return None
        rows = self._rows(ws.title)
        if rows is None or len(rows) > grid_module.MAX_ROWS:
            return None  # the bounded reader cuts it and says so
        grid = build_grid(ws.title, rows, safe.merges, cancel)
        grid.merges_truncated = grid.merges_truncated or safe.truncated
        grid.hidden_rows = safe.hidden_rows
        grid.hidden_columns = frozenset(c for c in safe.hidden_columns if c < grid.ncols)
        grid.mentions_strike = safe.mentions_strike
        return grid

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None
