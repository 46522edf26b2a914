"""Refuse an .ods whose repeated rows/columns would expand past what a catalog holds.

ODS compresses runs of equal cells as ``number-rows-repeated``/``number-columns-repeated``;
a 2 KB file can declare billions of filled cells, and calamine would allocate them all
(a Rust allocation failure aborts the process: no exception to catch). So content.xml is
scanned first, streaming and bounded: the filled cells and the box they span must stay
within a catalog's size. Empty repeated cells (LibreOffice pads every sheet with them)
cost nothing and are allowed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.xlsx.grid import MAX_ROWS

MAX_FILLED_CELLS = 4_000_000
MAX_BOX_CELLS = 8_000_000
MAX_FILLED_COLS = 1_024
_CHUNK = 1 << 20
_TAG_RE = re.compile(
    rb"<(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table-column|table|span)(?=[\s>/])"
    rb"([^>]*)>"
    rb"|</(?:[\w.-]+:)?(table-row)>"
)
_ROWS_RE = re.compile(rb'number-rows-repeated\s*=\s*["\'](\d{1,12})')
_COLS_RE = re.compile(rb'number-columns-repeated\s*=\s*["\'](\d{1,12})')
_VALUE_RE = re.compile(rb"value-type\s*=")
_FORMULA_RE = re.compile(rb"\bformula\s*=")
_HIDDEN_RE = re.compile(rb'visibility\s*=\s*["\'](?:collapse|filter)')
MAX_HIDDEN_ROWS = 100_000
MAX_STRUCK_ROWS = 100_000
# automatic styles (before <office:body>) whose text is struck through: cell styles strike
# a whole cell, text styles a span inside one
_STYLE_RE = re.compile(rb"<(?:[\w.-]+:)?style\b([^>]*)>(.*?)</(?:[\w.-]+:)?style>", re.S)
_STYLE_NAME_RE = re.compile(rb'\bstyle:name\s*=\s*["\']([^"\']{1,200})')
_FAMILY_RE = re.compile(rb'\bstyle:family\s*=\s*["\']([\w-]{1,40})')
_LINE_THROUGH_RE = re.compile(rb'text-line-through-(?:style|type)\s*=\s*["\'](?!none)[a-z-]+')
_USES_STYLE_RE = re.compile(rb'\b(?:table|text):style-name\s*=\s*["\']([^"\']{1,200})')
MAX_FORMULA_CELLS = 100_000  # each is reported by the reader; a catalog has none or a few


class _Scan:
    def __init__(self, name: str) -> None:
        self.name = name
        self.filled = 0
        self.row = 0
        self.col = 0
        self.repeat = 1
        self.row_filled = 0
        self.row_width = 0
        self.max_row = 0
        self.max_col = 0
        self.sheet = -1
        self.formulas: dict[int, list[tuple[int, int]]] = {}
        self.formula_count = 0
        self.hidden: dict[int, list[int]] = {}  # 0-based rows hidden or filtered out
        self.hidden_columns: dict[int, set[int]] = {}  # 0-based columns collapsed
        self.row_hidden = False
        self.column = 0  # the next <table-column>'s index
        self.struck_styles: dict[bytes, set[bytes]] = {b"table-cell": set(), b"text": set()}
        self.struck: dict[int, set[int]] = {}  # 0-based rows with struck-through text
        self.in_body = False

    def styles(self, data: bytes) -> None:
        """Struck-through automatic styles defined in ``data`` (the part before the body)."""
        for match in _STYLE_RE.finditer(data):
            if not _LINE_THROUGH_RE.search(match.group(2)):
                continue
            name, family = _STYLE_NAME_RE.search(match.group(1)), _FAMILY_RE.search(match.group(1))
            if name and family and family.group(1) in self.struck_styles:
                self.struck_styles[family.group(1)].add(name.group(1))

    def _mark_struck(self, rows: int) -> None:
        found = self.struck.setdefault(self.sheet, set())
        room = MAX_STRUCK_ROWS - len(found)
        found.update(range(self.row, self.row + min(rows, max(room, 0))))

    def span(self, attrs: bytes) -> None:
        used = _USES_STYLE_RE.search(attrs)
        if used and used.group(1) in self.struck_styles[b"text"]:
            self._mark_struck(1)

    def table(self) -> None:
        self.row = self.max_row = self.max_col = self.column = 0
        self.sheet += 1

    def table_column(self, attrs: bytes) -> None:
        match = _COLS_RE.search(attrs)
        count = int(match.group(1)) if match else 1
        if _HIDDEN_RE.search(attrs) and self.column < MAX_FILLED_COLS:
            hidden = self.hidden_columns.setdefault(self.sheet, set())
            hidden.update(range(self.column, min(self.column + count, MAX_FILLED_COLS)))
        self.column += count

    def start_row(self, attrs: bytes) -> None:
        match = _ROWS_RE.search(attrs)
        self.repeat = int(match.group(1)) if match else 1
        self.col = self.row_filled = self.row_width = 0
        self.row_hidden = _HIDDEN_RE.search(attrs) is not None

    def cell(self, attrs: bytes) -> None:
        match = _COLS_RE.search(attrs)
        count = int(match.group(1)) if match else 1
        if _VALUE_RE.search(attrs):
            self.row_filled += count
            self.row_width = self.col + count
            used = _USES_STYLE_RE.search(attrs)
            if used and used.group(1) in self.struck_styles[b"table-cell"]:
                self._mark_struck(self.repeat)
        if _FORMULA_RE.search(attrs):
            self._formula(count)
        self.col += count

    def _formula(self, count: int) -> None:
        """Where a formula cell (repeated ``count`` × the row's repeat) lies."""
        self.formula_count += count * self.repeat
        if self.formula_count > MAX_FORMULA_CELLS:
            raise FileUnreadableError(
                f"“{self.name}”含 {MAX_FORMULA_CELLS:,} 个以上的公式单元格，不是正常的目录表格，不予打开"
            )
        cells = self.formulas.setdefault(self.sheet, [])
        for r in range(self.row, self.row + self.repeat):
            cells.extend((r, c) for c in range(self.col, self.col + count))

    def end_row(self) -> None:
        if self.row_hidden and self.row_filled:
            hidden = self.hidden.setdefault(self.sheet, [])
            room = MAX_HIDDEN_ROWS - len(hidden)
            hidden.extend(range(self.row, self.row + min(self.repeat, max(room, 0))))
        if self.row_filled:
            self.filled += self.row_filled * self.repeat
            self.max_row = self.row + self.repeat
            self.max_col = max(self.max_col, self.row_width)
            if (
                self.filled > MAX_FILLED_CELLS
                or self.max_row > MAX_ROWS
                or self.max_col > MAX_FILLED_COLS
                or self.max_row * self.max_col > MAX_BOX_CELLS
            ):
                raise FileUnreadableError(
                    f"“{self.name}”中的重复单元格展开后过大，疑似“压缩炸弹”，不予打开"
                )
        self.row += self.repeat
        self.repeat = 1


def check_ods_expansion(path: Path) -> dict[int, list[tuple[int, int]]]:
    """Raise when the repeated cells expand too far; else each sheet's formula cells
    (0-based row, column, by the sheet's place), which the reader reports, never takes."""
    return scan_ods(path).formulas


def scan_ods(path: Path) -> _Scan:
    """:func:`check_ods_expansion`'s scan: formula cells, hidden rows (``hidden``, 0-based
    rows holding values), hidden columns and rows with struck-through text, by the sheet's
    place."""
    scan = _Scan(path.name)
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as source:
        tail = b""
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            if not scan.in_body:
                body = data.find(b"office:body")
                scan.styles(data if body < 0 else data[:body])
                scan.in_body = body >= 0
            last = 0
            for match in _TAG_RE.finditer(data):
                last = match.end()
                kind = match.group(1)
                if match.group(3):
                    scan.end_row()
                elif kind == b"table-row":
                    scan.start_row(match.group(2))
                    if match.group(2).rstrip().endswith(b"/"):
                        scan.end_row()
                elif kind in (b"table-cell", b"covered-table-cell"):
                    scan.cell(match.group(2))
                elif kind == b"table-column":
                    scan.table_column(match.group(2))
                elif kind == b"span":
                    scan.span(match.group(2))
                elif kind == b"table":
                    scan.table()
            cut = data.rfind(b"<", last)
            tail = data[cut:] if cut >= 0 and len(data) - cut < 65_536 else b""
    return scan
