"""Refuse an .xls/.et whose cells span far more than a catalog needs, before it is read.

python-calamine turns each sheet into a dense range from its first to its last used cell:
a 5 KB file holding one cell at A1 and one at the format's last row and column (65,536 ×
256) costs it over 1 GB and seconds before we can look at a single value. The cell records
of the BIFF stream say where every cell is, so one pass over them (no values decoded)
bounds the range first. A file this scan cannot follow is left to calamine, which reports
damaged files itself.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

from zwgk_desktop.core.errors import FileUnreadableError

# Used range of one sheet, in cells: 16,000 items × 125 columns. A real catalog is a
# fraction of it; the dense range calamine builds for this many cells stays near 100 MB.
MAX_SHEET_CELLS = 2_000_000

_BOF = 0x0809
_BOUNDSHEET = 0x0085  # a sheet's name, state and the stream offset of its BOF
_FORMULA = 0x0006
_ROW = 0x0208  # a row's height and options; bit 0x20 of its option flags: hidden
_ROW_HIDDEN = 0x0020
_COLINFO = 0x007D  # a range of columns' width and options; bit 0x0001: hidden
_COL_HIDDEN = 0x0001
_LAST_COLUMN = 255  # BIFF8 sheets have 256 columns
_FONT = 0x0031  # a font; bit 0x0008 of its options: struck out
_FONT_STRUCK = 0x0008
_XF = 0x00E0  # a cell format; its first field is the font's index
_BLANK = 0x0201
_MULRK = 0x00BD
MAX_STRUCK_ROWS = 100_000
MAX_HIDDEN_ROWS = 100_000
_ROW_COL_RECORDS = frozenset(
    {
        0x0006,  # FORMULA
        0x00D6,  # RSTRING
        0x00FD,  # LABELSST
        0x0201,  # BLANK
        0x0203,  # NUMBER
        0x0204,  # LABEL
        0x0205,  # BOOLERR
        0x027E,  # RK
    }
)
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col, …, last col


class _Extent:
    """The bounding box of the cells seen in one sheet's substream."""

    def __init__(self) -> None:
        self.rows: tuple[int, int] | None = None
        self.cols: tuple[int, int] | None = None

    def add(self, row: int, first_col: int, last_col: int) -> None:
        low_r, high_r = self.rows or (row, row)
        self.rows = (min(low_r, row), max(high_r, row))
        low_c, high_c = self.cols or (first_col, last_col)
        self.cols = (min(low_c, first_col), max(high_c, last_col))

    @property
    def cells(self) -> int:
        if self.rows is None or self.cols is None:
            return 0
        return (self.rows[1] - self.rows[0] + 1) * (self.cols[1] - self.cols[0] + 1)


def _workbook_stream(data: bytes) -> bytes | None:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return ole.openstream(name).read()
    except Exception:  # olefile raises many kinds on damaged files; calamine will say why
        return None
    return None


@dataclass
class XlsScan:
    """What one pass over the cell records tells: the largest used range of any sheet, and
    each sheet's formula cells (0-based row, column), hidden rows and hidden columns, by the
    sheet's place in the workbook."""

    largest: int = 0
    formulas: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    hidden_rows: dict[int, list[int]] = field(default_factory=dict)  # 0-based, per sheet
    hidden_columns: dict[int, set[int]] = field(default_factory=dict)  # 0-based, per sheet
    # 0-based rows with a cell whose format's font strikes through (a revised draft's
    # "to be deleted"); runs struck inside a string are not seen
    struck_rows: dict[int, set[int]] = field(default_factory=dict)


def scan_xls(data: bytes) -> XlsScan:
    """One pass over an OLE .xls file's workbook stream (no values decoded)."""
    scan = XlsScan()
    stream = _workbook_stream(data)
    if stream is None:
        return scan
    sheet_at: dict[int, int] = {}  # stream offset of a sheet's BOF → its place (BOUNDSHEET order)
    fonts: list[bool] = []  # struck out?, by FONT record order
    xf_fonts: list[int] = []  # font index of each XF
    struck: frozenset[int] | None = None  # XF indexes whose font strikes, once known
    extent = _Extent()
    sheet: int | None = None
    pos, end = 0, len(stream)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        if kind == _BOF:
            scan.largest = max(scan.largest, extent.cells)
            extent = _Extent()
            sheet = sheet_at.get(pos)
        elif kind == _BOUNDSHEET and size >= 4 and body + 4 <= end:
            (offset,) = struct.unpack_from("<I", stream, body)
            sheet_at[offset] = len(sheet_at)
        elif kind == _FONT and sheet is None and size >= 4 and body + 4 <= end:
            (options,) = struct.unpack_from("<H", stream, body + 2)
            fonts.append(bool(options & _FONT_STRUCK))
        elif kind == _XF and sheet is None and size >= 2 and body + 2 <= end:
            xf_fonts.append(struct.unpack_from("<H", stream, body)[0])
        elif kind in _ROW_COL_RECORDS and size >= 4 and body + 4 <= end:
            row, col = struct.unpack_from("<HH", stream, body)
            extent.add(row, col, col)
            if kind == _FORMULA and sheet is not None:
                scan.formulas.setdefault(sheet, []).append((row, col))
            if struck is None:
                struck = _struck_formats(fonts, xf_fonts)
            if struck and kind != _BLANK and sheet is not None and size >= 6:
                (xf,) = struct.unpack_from("<H", stream, body + 4)
                if xf in struck:
                    _add_row(scan.struck_rows, sheet, row)
        elif kind == _ROW and size >= 16 and body + 16 <= end and sheet is not None:
            (row,) = struct.unpack_from("<H", stream, body)
            (options,) = struct.unpack_from("<H", stream, body + 12)
            hidden = scan.hidden_rows.setdefault(sheet, [])
            if options & _ROW_HIDDEN and len(hidden) < MAX_HIDDEN_ROWS:
                hidden.append(row)
        elif kind == _COLINFO and size >= 10 and body + 10 <= end and sheet is not None:
            first, last = struct.unpack_from("<HH", stream, body)
            (options,) = struct.unpack_from("<H", stream, body + 8)
            if options & _COL_HIDDEN and first <= _LAST_COLUMN:
                columns = scan.hidden_columns.setdefault(sheet, set())
                columns.update(range(first, min(last, _LAST_COLUMN) + 1))
        elif kind in _MULTI_RECORDS and size >= 6 and body + size <= end:
            row, first = struct.unpack_from("<HH", stream, body)
            (last,) = struct.unpack_from("<H", stream, body + size - 2)
            extent.add(row, first, max(first, last))
            if struck is None:
                struck = _struck_formats(fonts, xf_fonts)
            if struck and kind == _MULRK and sheet is not None:
                for at in range(body + 4, body + size - 2 - 5, 6):  # (xf, rk) per cell
                    if struct.unpack_from("<H", stream, at)[0] in struck:
                        _add_row(scan.struck_rows, sheet, row)
                        break
        pos = body + size
    scan.largest = max(scan.largest, extent.cells)
    return scan


def _struck_formats(fonts: list[bool], xf_fonts: list[int]) -> frozenset[int]:
    """XF indexes whose font strikes through. BIFF numbers fonts 0–3, then 5 onwards
    (index 4 is never used), so the fifth FONT record is font 5."""
    return frozenset(
        n
        for n, font in enumerate(xf_fonts)
        if (index := font if font < 4 else font - 1) < len(fonts) and font != 4 and fonts[index]
    )


def _add_row(rows: dict[int, set[int]], sheet: int, row: int) -> None:
    found = rows.setdefault(sheet, set())
    if len(found) < MAX_STRUCK_ROWS:
        found.add(row)


def largest_sheet_cells(data: bytes) -> int:
    """The largest used range (rows × columns) of any sheet in an OLE .xls file's bytes."""
    return scan_xls(data).largest


def check_xls_extent(data: bytes, name: str) -> XlsScan:
    """Raise FileUnreadableError when a sheet's cells span more than :data:`MAX_SHEET_CELLS`;
    else the scan (its formula cells are reported by the reader, never taken)."""
    scan = scan_xls(data)
    cells = scan.largest
    if cells > MAX_SHEET_CELLS:
        raise FileUnreadableError(
            f"“{name}”的工作表范围过大（约 {cells:,} 个单元格，上限 {MAX_SHEET_CELLS:,}），"
            "不是正常的目录表格，已拒绝读取"
        )
    return scan
