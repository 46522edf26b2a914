""".docx tables (python-docx): many catalogs are drafted and published as Word tables.

Each table becomes a grid; horizontal merges (gridSpan) and vertical ones (vMerge) become
merged ranges, exactly like merged cells of a workbook. The few paragraphs above a table
(its title: "（一）社会救助领域基层政务公开标准目录") are put above it so the interpreter
finds the domain as it does in a sheet.

A table with tracked changes (修订) not yet accepted is read as Word shows it with all
changes accepted: inserted text counts, deleted text and rows do not, moved text counts
once (where it was moved to). The count of such changes goes with the grid, so the reviewer
is told the township sent a draft still under revision.
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
_GONE = (f"{_W}del", f"{_W}moveFrom")  # tracked deletions and the old place of moved text
_REVISIONS = (f"{_W}ins", f"{_W}del", f"{_W}moveFrom", f"{_W}moveTo")
_STRIKES = (f"{_W}strike", f"{_W}dstrike")
_OFF = {"0", "false", "off"}


def _gone(node: Any, stop: Any) -> bool:
    """Whether ``node`` lies in a tracked deletion (or a move's old place) inside ``stop``."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _GONE:
            return True
        parent = parent.getparent()
    return False


def _text(element: Any) -> str:
    """The text of a paragraph or cell: runs joined, breaks as new lines, tabs as spaces;
    tracked deletions left out, as Word shows the text with its changes accepted."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab", f"{_W}p"):
        tag = node.tag
        if tag != f"{_W}p" and _gone(node, element):
            continue
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


def _row_deleted(tr: Any) -> bool:
    """A row whose deletion is tracked (w:trPr/w:del): gone once the changes are accepted."""
    properties = tr.find(f"{_W}trPr")
    return properties is not None and properties.find(f"{_W}del") is not None


def _struck(tr: Any) -> bool:
    """Whether a row shows struck-through text (w:strike or w:dstrike on a run with text):
    a revised draft's way to mark what is to go, without tracked changes."""
    for mark in tr.iter(*_STRIKES):
        if mark.get(f"{_W}val", "1").lower() in _OFF:
            continue
        run = mark.getparent().getparent()  # w:rPr → w:r
        if run is not None and any((t.text or "").strip() for t in run.iter(f"{_W}t")):
            return True
    return False


def revision_count(tbl: Any) -> int:
    """Tracked changes in a table not yet accepted or rejected."""
    return sum(1 for _ in tbl.iter(*_REVISIONS))


def _table_rows(
    tbl: Any, cancel: CancelCheck | None
) -> tuple[list[list[str | None]], list[Merge], list[int]]:
    """The table's cells, merges and the 0-based rows with struck-through text."""
    rows: list[list[str | None]] = []
    struck: list[int] = []
    merges: list[list[int]] = []
    open_vertical: dict[int, list[int]] = {}  # column -> its merge, while vMerge continues
    for r, tr in enumerate(tr for tr in tbl.tr_lst if not _row_deleted(tr)):
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
        if _struck(tr):
            struck.append(r)
    return rows, [(a, b, c, d) for a, b, c, d in merges], struck


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
        rows, merges, struck = _table_rows(tbl, cancel)
        shift = len(above)
        title_rows: list[list[str | None]] = [[t] for t in above if len(t) <= 120]
        shift = len(title_rows)
        moved = [(a + shift, b, c + shift, d) for a, b, c, d in merges]
        name = path.stem if len(tables) == 1 else f"{path.stem}-表格{n}"
        grid = build_grid(name, [*title_rows, *rows], moved, cancel)
        grid.revisions = revision_count(tbl)
        grid.struck_rows = [r + shift + 1 for r in struck]
        grids.append(grid)
    return grids
