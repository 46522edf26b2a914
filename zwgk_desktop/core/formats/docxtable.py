""".docx tables (python-docx): many catalogs are drafted and published as Word tables.

Each table becomes a grid; horizontal merges (gridSpan) and vertical ones (vMerge) become
merged ranges, exactly like merged cells of a workbook. The few paragraphs above a table
(its title: "（一）社会救助领域基层政务公开标准目录") are put above it so the interpreter
finds the domain as it does in a sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.gridbuild import Merge, build_grid
from zwgk_desktop.core.formats.limits import check_size, check_zip
from zwgk_desktop.core.xlsx.grid import MAX_COLS, MAX_ROWS, Grid
from zwgk_desktop.core.xlsx.result import CancelCheck, check_cancel

TITLE_PARAGRAPHS = 3
MAX_TABLES = 500
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element: Any) -> str:
    """The text of a paragraph or cell: runs joined, breaks as new lines, tabs as spaces."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab", f"{_W}p"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag == f"{_W}p":
            if parts and parts[-1] != "\n":
                parts.append("\n")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def _table_rows(tbl: Any, cancel: CancelCheck | None) -> tuple[list[list[str | None]], list[Merge]]:
    rows: list[list[str | None]] = []
    merges: list[list[int]] = []
    open_vertical: dict[int, list[int]] = {}  # column -> its merge, while vMerge continues
    for r, tr in enumerate(tbl.tr_lst):
        if r >= MAX_ROWS:
            break
        if r % 1024 == 0:
            check_cancel(cancel)
        row: list[str | None] = []
        col = tr.grid_before
        row.extend([None] * min(col, MAX_COLS))
        for tc in tr.tc_lst:
            if col >= MAX_COLS:
                break
            span = max(1, min(tc.grid_span, MAX_COLS - col))
            vmerge = tc.vMerge
            if vmerge == "continue" and col in open_vertical:
                open_vertical[col][2] = r
                row.extend([None] * span)
            else:
                open_vertical.pop(col, None)
                row.append(_text(tc))
                row.extend([None] * (span - 1))
                if span > 1 or vmerge == "restart":
                    merge = [r, col, r, col + span - 1]
                    merges.append(merge)
                    if vmerge == "restart":
                        open_vertical[col] = merge
            col += span
        rows.append(row)
    return rows, [(a, b, c, d) for a, b, c, d in merges]


def read_docx(path: Path, cancel: CancelCheck | None = None) -> list[Grid]:
    import docx
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P

    check_size(path)
    check_zip(path, "word/document.xml", "Word 文档（.docx）")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx/lxml raise many types for a damaged package
        raise FileUnreadableError(
            f"“{path.name}”已损坏或不是 Word 文档（.docx），无法读取"
        ) from exc
    tables: list[tuple[list[str], Any]] = []
    titles: list[str] = []
    for child in document.element.body.iterchildren():
        if isinstance(child, CT_P):
            text = _text(child)
            if text:
                titles = [*titles, text][-TITLE_PARAGRAPHS:]
        elif isinstance(child, CT_Tbl):
            tables.append((titles, child))
            titles = []
            if len(tables) >= MAX_TABLES:
                break
    grids: list[Grid] = []
    for n, (above, tbl) in enumerate(tables, start=1):
        rows, merges = _table_rows(tbl, cancel)
        shift = len(above)
        title_rows: list[list[str | None]] = [[t] for t in above if len(t) <= 120]
        shift = len(title_rows)
        moved = [(a + shift, b, c + shift, d) for a, b, c, d in merges]
        name = path.stem if len(tables) == 1 else f"{path.stem}-表格{n}"
        grids.append(build_grid(name, [*title_rows, *rows], moved, cancel))
    return grids
