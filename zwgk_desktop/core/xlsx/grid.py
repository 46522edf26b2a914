"""Read one worksheet into a bounded grid of text, with its merged ranges and formulas.

openpyxl's read-only mode streams the sheet but knows nothing of merged cells, and it
trusts the declared ``<dimension>``. So rows and columns are bounded here whatever the
sheet claims, formula cells are recorded (never evaluated, never taken), and the
``<mergeCells>`` element is read from the sheet XML by a bounded streaming scan.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.xlsx.result import CancelCheck, check_cancel
from zwgk_desktop.core.xlsx.sanitize import ESCAPED_UNDERSCORE, EXCEL_MAX_CHARS, unescape_cell

MAX_ROWS = 200_000
MAX_COLS = 64
MIN_TRUSTED_COLS = 8  # a declared width below this may be a lie ("A1"); read MAX_COLS then
MAX_MERGES = 200_000
MAX_MERGED_CELLS = 2_000_000
_CHUNK = 1 << 20
_MERGE_RE = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})"'
)


@dataclass
class Grid:
    """A sheet's cells as text; ``rows[r][c]`` is row r+1, column c+1 (None when empty)."""

    title: str
    rows: list[list[str | None]]
    ncols: int
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    cut_cells: list[tuple[int, int]] = field(default_factory=list)
    row_limit_hit: bool = False
    merges: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r1, c1, r2, c2 (0-based)
    merges_truncated: bool = False
    hidden_rows: list[int] = field(default_factory=list)  # 1-based, as Excel numbers them
    hidden_columns: frozenset[int] = frozenset()  # 0-based columns Excel hides
    revisions: int = 0  # tracked changes not yet accepted (a Word table's w:ins, w:del …)
    struck_rows: list[int] = field(default_factory=list)  # 1-based rows with struck text
    mentions_strike: bool = False  # the sheet's XML says "strike" (an inline struck run)
    # Cells the workbook holds as a number or a date: their text is our rendering of the
    # value, and Excel may show them otherwise (a format such as 0"个工作日内").
    # Per column, its rows in order (4 bytes a cell: a sheet of numbers costs a fraction
    # of its own text, and no cell is left out).
    typed: dict[int, array[int]] = field(default_factory=dict)

    def mark_typed(self, r: int, c: int) -> None:
        """Cell (r, c) holds a number or a date; rows are marked in order."""
        rows = self.typed.get(c)
        if rows is None:
            rows = self.typed[c] = array("I")
        rows.append(r)

    def is_typed(self, r: int, c: int) -> bool:
        rows = self.typed.get(c)
        if not rows:
            return False
        n = bisect_left(rows, r)
        return n < len(rows) and rows[n] == r

    _merged_into: dict[tuple[int, int], tuple[int, int]] | None = None

    @property
    def merged_into(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Every covered, non-anchor cell of a merged range → its anchor cell."""
        if self._merged_into is None:
            mapping: dict[tuple[int, int], tuple[int, int]] = {}
            nrows = len(self.rows)
            for r1, c1, r2, c2 in self.merges:
                r2, c2 = min(r2, nrows - 1), min(c2, self.ncols - 1)
                if (r2 - r1 + 1) * (c2 - c1 + 1) + len(mapping) > MAX_MERGED_CELLS:
                    self.merges_truncated = True
                    break
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        if r != r1 or c != c1:
                            mapping[(r, c)] = (r1, c1)
            self._merged_into = mapping
        return self._merged_into

    def value(self, r: int, c: int) -> str | None:
        row = self.rows[r] if 0 <= r < len(self.rows) else ()
        return row[c] if c < len(row) else None

    def effective(self, r: int, c: int) -> str | None:
        """The cell's value, or its merged range's value."""
        anchor = self.merged_into.get((r, c))
        return self.value(*anchor) if anchor else self.value(r, c)

    def is_empty(self) -> bool:
        return not any(self.rows)


def column_index(letters: bytes) -> int:
    """0-based index of a column's letters (b"A" → 0)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + (char - 64)
    return index - 1


def column_letter(index: int) -> str:
    """Excel's name for the 0-based column ``index`` (0 → A, 26 → AA), for messages."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_FORMULA_TAGS = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ")
_VALUE_TAGS = (b"<v>", b"<v ", b"<is>", b"<f>", b"<f ")
_ROW_R_RE = re.compile(rb'<row\b[^>]*?\br="(\d{1,7})"')
_HIDDEN_ROW_RE = re.compile(rb'<(?:\w+:)?row\b(?=[^>]*?\bhidden="(?:1|true)")[^>]*?\br="(\d{1,7})"')
MAX_HIDDEN_ROWS = 100_000
_HIDDEN_COL_RE = re.compile(rb'<(?:\w+:)?col\b(?=[^>]*?\bhidden="(?:1|true)")[^>]*>')
_COL_MIN_RE = re.compile(rb'\bmin="(\d{1,5})"')
_COL_MAX_RE = re.compile(rb'\bmax="(\d{1,5})"')
_COLS_HEAD_LIMIT = 1 << 20  # <cols> comes before <sheetData>, in the first bytes of a sheet
_ROW_TAG_LIMIT = 4096  # a <row …> tag is far shorter; a long text cut by the border is not kept


def hidden_columns(head: bytes, ncols: int) -> frozenset[int]:
    """0-based columns a sheet's ``<cols>`` hides (within ``ncols``): a column hidden by
    hand, or the usual "hide everything right of the table" range."""
    hidden: set[int] = set()
    for match in _HIDDEN_COL_RE.finditer(head):
        tag = match.group(0)
        low, high = _COL_MIN_RE.search(tag), _COL_MAX_RE.search(tag)
        if low is None:
            continue
        first = int(low.group(1)) - 1
        last = int(high.group(1)) - 1 if high else first
        hidden.update(range(max(first, 0), min(last, ncols - 1) + 1))
    return frozenset(hidden)


def _last_value_row(data: bytes, current: int | None) -> tuple[int | None, int | None]:
    """(row number of the last cell holding a value in ``data``, row open at its end).

    ``current`` is the row open at the start of ``data``; None when rows carry no number."""
    value_at = max(data.rfind(tag) for tag in _VALUE_TAGS)
    last_open = data.rfind(b"<row ")
    end_row = _row_number(data, last_open) if last_open >= 0 else current
    if value_at < 0:
        return None, end_row
    row_at = data.rfind(b"<row ", 0, value_at)
    return (_row_number(data, row_at) if row_at >= 0 else current), end_row


def _row_number(data: bytes, at: int) -> int | None:
    match = _ROW_R_RE.match(data, at)
    return int(match.group(1)) if match else None


@dataclass
class SheetScan:
    merges: list[tuple[int, int, int, int]]
    truncated: bool
    formulas: bool
    last_row: int | None  # 1-based last row holding a value; None if unknown
    hidden_rows: list[int]  # 1-based rows Excel hides (filtered out or hidden by hand)
    hidden_columns: frozenset[int] = frozenset()  # 0-based
    mentions_strike: bool = False  # "strike" occurs: an inline string may have a struck run


def scan_sheet_rows(source: Any, nrows: int, ncols: int) -> SheetScan:
    """One streaming pass over a sheet's XML: merged ranges clipped to the grid, whether
    they were truncated, whether it has formula elements, hidden rows and columns, and the
    1-based number of the last row that holds any value (None if unknown): rows of empty,
    merely formatted cells after it are never parsed, so the read costs what the visible
    content costs. Text never contains a raw "<", so byte searches are exact enough: a
    false "formula" only costs the slower, cell-by-cell read."""
    merges: list[tuple[int, int, int, int]] = []
    found = formulas = truncated = False
    tail = b""
    last_row: int | None = 0
    open_row: int | None = 0
    hidden: set[int] = set()
    row_carry = b""  # a <row …> tag cut by the chunk border
    head = b""  # the sheet's start, up to <sheetData>: its <cols>
    head_done = False
    strike = False
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            break
        if not head_done:
            head += chunk
            at = head.find(b"sheetData")
            head_done = at >= 0 or len(head) >= _COLS_HEAD_LIMIT
            if at >= 0:
                head = head[:at]
        data = tail + chunk
        strike = strike or b"strike" in data
        if not found:
            rows_part = row_carry + chunk
            cut = rows_part.rfind(b"<")
            rows_part, row_carry = (
                (rows_part[:cut], rows_part[cut:][:_ROW_TAG_LIMIT])
                if cut >= 0
                else (rows_part, b"")
            )
            if b"hidden" in rows_part:
                hidden.update(int(m.group(1)) for m in _HIDDEN_ROW_RE.finditer(rows_part))
        if last_row is not None and (b":row" in data or b":v>" in data):
            last_row = None  # prefixed SpreadsheetML: not worth a bound
        if last_row is not None:
            seen, open_row = _last_value_row(data, open_row)
            if seen is None and max(data.rfind(tag) for tag in _VALUE_TAGS) >= 0:
                last_row = None  # a value in a row without a number: no bound
            elif seen is not None:
                last_row = max(last_row, seen)
        if not formulas:
            formulas = any(tag in data for tag in _FORMULA_TAGS)
        if not found:
            at = data.find(b"mergeCells")
            if at < 0:
                tail = data[-32:]
                continue
            found = True
            data = data[max(at - 8, 0) :]
        last_end = 0
        for match in _MERGE_RE.finditer(data):
            last_end = match.end()
            r1, r2 = int(match.group(2)) - 1, int(match.group(4)) - 1
            c1, c2 = column_index(match.group(1)), column_index(match.group(3))
            if r1 > r2:
                r1, r2 = r2, r1
            if c1 > c2:
                c1, c2 = c2, c1
            if r1 >= nrows or c1 >= ncols or r1 < 0 or c1 < 0:
                continue
            merges.append((r1, c1, min(r2, nrows - 1), min(c2, ncols - 1)))
            if len(merges) >= MAX_MERGES:
                truncated = True
                break
        if truncated:
            break
        tail = data[max(last_end, len(data) - 256) :]
    if truncated:
        last_row = None  # the scan stopped early
    columns = hidden_columns(head[:_COLS_HEAD_LIMIT], ncols) if b"hidden" in head else frozenset()
    return SheetScan(
        merges, truncated, formulas, last_row, sorted(hidden)[:MAX_HIDDEN_ROWS], columns, strike
    )


def _convert(value: Any) -> str | None:
    """A non-string cell value as text (numbers without a spurious ".0", dates ISO)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value)
    return text if text.strip() else None


def read_grid(ws: Any, cancel: CancelCheck | None = None, on_rows: Any = None) -> Grid:
    """Read a read-only openpyxl worksheet into a :class:`Grid`, bounded in rows and columns."""
    declared = ws.max_column if isinstance(ws.max_column, int) else None
    ncols = MAX_COLS if declared is None or declared < MIN_TRUSTED_COLS else min(declared, MAX_COLS)
    grid = Grid(ws.title, [], ncols)
    formulas, last_row = _scan(ws, grid)
    rows = grid.rows
    gap_row: object = None  # openpyxl pads missing rows with one shared tuple
    max_row = MAX_ROWS + 1 if last_row is None else min(MAX_ROWS + 1, last_row)
    source = ws.iter_rows(min_row=1, max_row=max_row, max_col=ncols, values_only=not formulas)
    for r, row in enumerate(source):
        if r >= MAX_ROWS:
            grid.row_limit_hit = True
            break
        if r % 512 == 0:
            check_cancel(cancel)
            if on_rows is not None:
                on_rows(r)
        if row is gap_row:
            rows.append([])
            continue
        values = [cell.value for cell in row] if formulas else list(row)
        if values.count(None) == len(values):
            gap_row = row
            rows.append([])
            continue
        last = -1
        for c, value in enumerate(values):
            if value is None:
                continue
            if value.__class__ is str:
                if formulas and value[:1] == "=" and row[c].data_type == "f":
                    grid.formulas[(r, c)] = value
                    values[c] = None
                    continue
                if "_x" in value or ESCAPED_UNDERSCORE in value:
                    value = values[c] = unescape_cell(value)
                if len(value) > EXCEL_MAX_CHARS:
                    value = values[c] = value[:EXCEL_MAX_CHARS]
                    grid.cut_cells.append((r, c))
                if value.isspace():
                    values[c] = None
                    continue
            else:
                values[c] = _convert(value)
                if values[c] is None:
                    continue
                if value.__class__ is not bool:
                    grid.mark_typed(r, c)
            last = c
        rows.append(values[: last + 1] if last >= 0 else [])
    while rows and not rows[-1]:
        rows.pop()
    return grid


def _scan(ws: Any, grid: Grid) -> tuple[bool, int | None]:
    """Merges into ``grid``; (the sheet may hold formulas, last row with a value or None).
    Unscannable sheets give (True, None): formulas assumed, no row bound."""
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    path = getattr(ws, "_worksheet_path", None)
    if archive is None or path is None:
        return True, None
    with archive.open(path) as source:
        scan = scan_sheet_rows(source, MAX_ROWS, grid.ncols)
    grid.merges, grid.merges_truncated = scan.merges, scan.truncated
    grid.hidden_rows = scan.hidden_rows
    grid.hidden_columns = scan.hidden_columns
    grid.mentions_strike = scan.mentions_strike
    return scan.formulas, scan.last_row


convert_value = _convert  # the other formats' readers turn values into text the same way
