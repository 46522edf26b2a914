""".xls, .et (WPS, the same BIFF format inside) and .ods through python-calamine.

calamine (Rust) reads values only: formulas are never evaluated, and the cells holding one
are found by the scan that bounds the file (BIFF records, content.xml), blanked and reported
(a cached result is not taken, as for .xlsx); macros are never run, links are not followed. Merged
ranges come with each sheet. Hidden sheets are skipped with a note, as for .xlsx.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.gridbuild import build_grid
from zwgk_desktop.core.formats.limits import check_size, check_zip
from zwgk_desktop.core.formats.odscheck import scan_ods
from zwgk_desktop.core.xlsx.grid import MAX_COLS, MAX_ROWS, Grid
from zwgk_desktop.core.xlsx.result import CancelCheck, ImportNote, check_cancel

MAX_SHEETS = 255


def read_spreadsheet(
    path: Path, kind: str, notes: list[ImportNote], cancel: CancelCheck | None = None
) -> list[Grid]:
    """Grids of every visible sheet; ``kind`` is "ole" (.xls/.et) or "ods". (An .xlsx under
    another name is read by ``core.xlsx.reader``, whose scan bounds what calamine lays out.)"""
    import python_calamine

    from zwgk_desktop.core.formats.biffscan import check_xls_extent

    check_size(path)
    formulas: dict[int, list[tuple[int, int]]] = {}
    hidden: dict[int, list[int]] = {}
    hidden_columns: dict[int, set[int]] = {}
    struck: dict[int, set[int]] = {}
    if kind == "ods":
        check_zip(path, "content.xml", "OpenDocument 表格")
        ods = scan_ods(path)
        formulas, hidden, hidden_columns = ods.formulas, ods.hidden, ods.hidden_columns
        struck = ods.struck
    data = path.read_bytes()
    if kind == "ole":
        xls = check_xls_extent(data, path.name)
        formulas, hidden, hidden_columns = xls.formulas, xls.hidden_rows, xls.hidden_columns
        struck = xls.struck_rows
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for every bad file
        if kind == "ole" and "EncryptedPackage".encode("utf-16-le") in data:
            raise FileUnreadableError(
                f"“{path.name}”是加密的工作簿，请取消密码后另存再打开"
            ) from exc
        raise _unreadable(path, exc) from exc
    grids: list[Grid] = []
    try:
        for place, meta in enumerate(book.sheets_metadata[:MAX_SHEETS]):
            check_cancel(cancel)
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            if meta.visible != python_calamine.SheetVisibleEnum.Visible:
                notes.append(
                    ImportNote(meta.name, None, "", "warning", f"隐藏的工作表“{meta.name}”未读取")
                )
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet_rows(sheet)
            taken_out = _drop_formula_cells(rows, formulas.get(place, ()))
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ()]
            grid = build_grid(meta.name, rows, merges, cancel)
            grid.formulas.update(dict.fromkeys(taken_out, ""))
            grid.hidden_rows = sorted(r + 1 for r in set(hidden.get(place, ())))
            columns = hidden_columns.get(place, ())
            grid.hidden_columns = frozenset(c for c in columns if c < grid.ncols)
            grid.struck_rows = sorted(r + 1 for r in struck.get(place, ()))
            grids.append(grid)
    except FileUnreadableError:
        raise
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    finally:
        book.close()
    return grids


def sheet_rows(sheet: Any) -> list[list[Any]]:
    """The sheet's rows from A1, at most MAX_COLS wide (iter_rows starts at the first used
    column and may start below row 1: both are padded back)."""
    end = sheet.end
    if end is None:
        return []
    end_row, end_col = end
    rows: list[list[Any]] = []
    for row in sheet.iter_rows():
        pad = max(0, end_col + 1 - len(row))
        rows.append(([None] * pad + row[: MAX_COLS - pad]) if pad < MAX_COLS else [])
        if len(rows) > MAX_ROWS:
            return rows
    lead = max(0, end_row + 1 - len(rows))
    return [[] for _ in range(lead)] + rows


def _drop_formula_cells(
    rows: list[list[Any]], cells: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Blank the formula cells: calamine hands over their cached results, which we never
    take (as for .xlsx) — the reader reports each one instead. Returns the cells blanked."""
    dropped = []
    for r, c in cells:
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = None
            dropped.append((r, c))
    return dropped


def _unreadable(path: Path, exc: BaseException) -> FileUnreadableError:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return FileUnreadableError(f"“{path.name}”已加密，请取消密码后另存再打开")
    return FileUnreadableError(f"“{path.name}”已损坏或格式不正确，无法读取")
