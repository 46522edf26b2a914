"""The batch summary workbook: 汇总 (one row per file) and 单位×领域 (one row per domain).

Worst first on both sheets; unreadable files are rows with their error. Written with
xlsxwriter through ``atomic_path``; printable (landscape A4, fitted to the width, header
repeated, page numbers). Every row gets the height its longest text wraps to: LibreOffice
and WPS do not grow rows written by a library, and merged cells grow nowhere, so a long
error or file name would print over the rows below.
"""

from __future__ import annotations

import os
from typing import Any

import xlsxwriter

from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.catalog_check import UNTOUCHED
from zwgk_desktop.core.report_layout import CELL, HEADER, print_as_table
from zwgk_desktop.core.review.batch import OUTPUT_PROPERTY, BatchResult
from zwgk_desktop.core.xlsx.sanitize import prepare
from zwgk_desktop.core.xlsx.textsize import fitted_points

SUMMARY_COLUMNS = (
    ("序号", 5),
    ("文件", 22),
    ("单位", 18),
    ("状态", 10),
    ("事项数", 8),
    ("错误", 7),
    ("警告", 7),
    ("提示", 7),
    ("未涉及领域", 9),
    ("缺少标准事项", 10),
    ("审核记录", 16),
    ("待处理意见", 9),
    ("说明", 40),
)
TABLE_COLUMNS = (
    ("单位", 18),
    ("文件", 22),
    ("领域", 16),
    ("事项数", 8),
    ("错误", 7),
    ("警告", 7),
    ("未涉及", 8),
)


def _formats(book: Any) -> dict[str, Any]:
    base = {**CELL, "text_wrap": True}
    return {
        "title": book.add_format(
            {"font_name": "黑体", "font_size": 14, "align": "center", "valign": "vcenter"}
        ),
        "header": book.add_format({**HEADER, "text_wrap": True}),
        "text": book.add_format(base),
        "text_q": book.add_format({**base, "quote_prefix": True}),
        "num": book.add_format({**base, "align": "center"}),
        "bad": book.add_format({**base, "align": "center", "bg_color": "#F8D7DA"}),
        "warn": book.add_format({**base, "align": "center", "bg_color": "#FFF3CD"}),
        "error_text": book.add_format({**base, "font_color": "#9C0006", "bg_color": "#F8D7DA"}),
    }


def _text(sheet: Any, row: int, col: int, value: str, f: dict[str, Any], fmt: str = "text") -> None:
    cell = prepare(value)
    sheet.write_string(
        row, col, cell.value, f["text_q"] if cell.quote_prefix and fmt == "text" else f[fmt]
    )


def _count(sheet: Any, row: int, col: int, value: int, f: dict[str, Any], kind: str = "") -> None:
    fmt = "num"
    if value and kind == "error":
        fmt = "bad"
    elif value and kind == "warning":
        fmt = "warn"
    sheet.write_number(row, col, value, f[fmt])


def _fit_row(sheet: Any, row: int, texts: list[tuple[str, float]]) -> None:
    """Give ``row`` the height its tallest (text, column width) wraps to."""
    sheet.set_row(row, fitted_points(texts))


def _width(columns: tuple[tuple[str, float], ...], first: int, last: int) -> float:
    """The width of columns ``first``..``last`` merged."""
    return sum(width for _, width in columns[first : last + 1])


def _page(sheet: Any, header_row: int, last_col: int, n_rows: int) -> None:
    print_as_table(sheet, header_row)
    if n_rows:
        sheet.autofilter(header_row, 0, header_row + n_rows, last_col)


def _header(
    sheet: Any, row: int, columns: tuple[tuple[str, float], ...], f: dict[str, Any]
) -> None:
    for col, (label, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(row, col, label, f["header"])
    _fit_row(sheet, row, [(label, width) for label, width in columns])


def _summary_texts(sub: Any, note: str) -> list[tuple[str, float]]:
    """The wrapping texts of a 汇总 row, with their column widths."""
    widths = dict(SUMMARY_COLUMNS)
    return [
        (sub.file_name, widths["文件"]),
        (sub.unit, widths["单位"]),
        (sub.review_status if sub.ok else "", widths["审核记录"]),
        (note, widths["说明"]),
    ]


def write_summary(result: BatchResult, target: str | os.PathLike[str]) -> None:
    """Write the batch summary workbook atomically."""
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        book.set_custom_property(OUTPUT_PROPERTY, "batch-summary")
        f = _formats(book)
        s = result.summary()
        sheet = book.add_worksheet("汇总")
        sheet.merge_range(
            0, 0, 0, len(SUMMARY_COLUMNS) - 1, "政务公开事项标准目录批量审核汇总", f["title"]
        )
        sheet.set_row(0, 26)
        info = (
            f"文件夹：{result.folder}    共 {s['files']} 个文件，可读取 {s['readable']} 个，无法读取 {s['unreadable']} 个；"
            f"事项 {s['items']} 个，错误 {s['errors']} 个，警告 {s['warnings']} 个"
        )
        sheet.merge_range(1, 0, 1, len(SUMMARY_COLUMNS) - 1, prepare(info).value, f["text"])
        whole = _width(SUMMARY_COLUMNS, 0, len(SUMMARY_COLUMNS) - 1)
        _fit_row(sheet, 1, [(info, whole)])
        _header(sheet, 2, SUMMARY_COLUMNS, f)
        for n, sub in enumerate(result.submissions, start=1):
            r = n + 2
            sheet.write_number(r, 0, n, f["num"])
            _text(sheet, r, 1, sub.file_name, f)
            _text(sheet, r, 2, sub.unit, f)
            if not sub.ok:
                _text(sheet, r, 3, "无法读取", f, "error_text")
                for col in range(4, 12):
                    _text(sheet, r, col, "", f)
                _text(sheet, r, 12, sub.error, f, "error_text")
                _fit_row(sheet, r, _summary_texts(sub, sub.error))
                continue
            _text(
                sheet,
                r,
                3,
                "有错误"
                if sub.errors
                else (
                    UNTOUCHED
                    if sub.notice.startswith(UNTOUCHED)
                    else ("有警告" if sub.warnings else "通过校验")
                ),
                f,
                "num",
            )
            _count(sheet, r, 4, sub.items, f)
            _count(sheet, r, 5, sub.errors, f, "error")
            _count(sheet, r, 6, sub.warnings, f, "warning")
            _count(sheet, r, 7, sub.infos, f)
            _count(sheet, r, 8, sub.not_involved, f)
            _count(sheet, r, 9, sub.missing_standard, f, "warning")
            _text(sheet, r, 10, sub.review_status, f)
            _count(sheet, r, 11, sub.open_comments, f, "warning")
            _text(sheet, r, 12, sub.notice, f)  # 未修改的模板, hidden rows, import gaps…
            _fit_row(sheet, r, _summary_texts(sub, sub.notice))
        last = len(result.submissions) + 3
        for k, note in enumerate(result.notes):
            text = prepare(f"注：{note}").value
            sheet.merge_range(last + k, 0, last + k, len(SUMMARY_COLUMNS) - 1, text, f["text"])
            _fit_row(sheet, last + k, [(text, whole)])
        _page(sheet, 2, len(SUMMARY_COLUMNS) - 1, len(result.submissions))

        table = book.add_worksheet("单位×领域")
        _header(table, 0, TABLE_COLUMNS, f)
        rows = result.table()
        for r, (sub, dom) in enumerate(rows, start=1):
            _text(table, r, 0, sub.unit or "（未填写单位）", f)
            _text(table, r, 1, sub.file_name, f)
            names = [
                (sub.unit or "（未填写单位）", TABLE_COLUMNS[0][1]),
                (sub.file_name, TABLE_COLUMNS[1][1]),
            ]
            if dom is None:
                error = prepare(f"无法读取：{sub.error}").value
                table.merge_range(r, 2, r, len(TABLE_COLUMNS) - 1, error, f["error_text"])
                _fit_row(
                    table, r, [*names, (error, _width(TABLE_COLUMNS, 2, len(TABLE_COLUMNS) - 1))]
                )
                continue
            _fit_row(table, r, [*names, (dom.name, TABLE_COLUMNS[2][1])])
            _text(table, r, 2, dom.name, f)
            if dom.not_involved and not dom.items:
                _text(table, r, 3, "—", f, "num")
            else:
                _count(table, r, 3, dom.items, f)
            _count(table, r, 4, dom.errors, f, "error")
            _count(table, r, 5, dom.warnings, f, "warning")
            _text(table, r, 6, "未涉及" if dom.not_involved else "", f, "num")
        _page(table, 0, len(TABLE_COLUMNS) - 1, len(rows))
        book.close()
