"""The 检查意见 workbook a county sends back: one row per issue, styled and printable.

Written with xlsxwriter through :func:`core.atomic.atomic_path`, so the target is either the
old file or the complete new one. Every user string is written as text (never a formula)
with characters Excel cannot store removed.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from typing import Any

import xlsxwriter

from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.report_layout import CELL, HEADER, print_as_table
from zwgk_desktop.core.sources.active import register_label
from zwgk_desktop.core.validation.engine import ValidationResult, count_issues
from zwgk_desktop.core.validation.issue import Issue, Severity
from zwgk_desktop.core.validation.textutil import EXCEL_CELL_LIMIT, ILLEGAL_CHARS_RE, item_label
from zwgk_desktop.core.xlsx.sanitize import needs_quote_prefix


@dataclass
class FileReport:
    """One input of a (batch) check: its catalog and result, or why it could not be read."""

    file: str
    catalog: Catalog | None = None
    result: ValidationResult | None = None
    error: str = ""


# (header, width in characters, wraps)
_COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("单位", 16, True),
    ("领域", 12, True),
    ("序号", 6, False),
    ("事项", 22, True),
    ("字段", 10, False),
    ("级别", 6, False),
    ("问题", 48, True),
    ("修改建议", 36, True),
    ("规则", 22, False),
)
_SEVERITY_COLOURS = {
    Severity.ERROR: "#C00000",
    Severity.WARNING: "#B35C00",
    Severity.INFO: "#595959",
}
_LINE_HEIGHT = 15.0


def cell_text(value: object) -> str:
    text = ILLEGAL_CHARS_RE.sub("", "" if value is None else str(value))
    return text[:EXCEL_CELL_LIMIT]


def _row_height(values: list[str]) -> float:
    """Explicit heights, because LibreOffice/WPS do not grow rows for wrapped text."""
    lines = 1
    for value, (_, width, wraps) in zip(values, _COLUMNS, strict=False):
        if wraps and value:
            # CJK characters are about two width units each.
            units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
            lines = max(lines, math.ceil(units / max(width * 1.0 - 1, 1)))
    return min(409.0, _LINE_HEIGHT * lines + 3)


def _item_name(catalog: Catalog | None, issue: Issue) -> str:
    if catalog is None or issue.item is None or issue.domain_id is None:
        return ""
    domain = catalog.domain(issue.domain_id)
    if domain is None or not 0 < issue.item <= len(domain.items):
        return ""
    return item_label(domain.items[issue.item - 1], issue.item)


def _rows(report: FileReport, with_file: bool) -> list[tuple[Issue, list[str]]]:
    rows = []
    unit = report.catalog.meta.unit if report.catalog else ""
    for issue in report.result.issues if report.result else []:
        values = [
            unit,
            issue.domain or "（目录）",
            "" if issue.item is None else str(issue.item),
            _item_name(report.catalog, issue),
            issue.field_label,
            issue.severity.label,
            issue.message,
            issue.hint,
            issue.rule,
        ]
        if with_file:
            values.append(os.path.basename(report.file))
        rows.append((issue, [cell_text(v) for v in values]))
    return rows


def write_report(target: str | os.PathLike[str], reports: list[FileReport]) -> None:
    """Write the 检查意见 workbook for one or several checked files."""
    with atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            formats = _formats(workbook)
            _write_issues(workbook, formats, reports)
            if len(reports) > 1:
                _write_summary(workbook, formats, reports)
        finally:
            workbook.close()


def _formats(workbook: Any) -> dict[str, Any]:
    """Every kind with a ``<kind>_q`` quote-prefix twin, for text that looks like a formula."""
    base = CELL
    kinds: dict[str, dict[str, Any]] = {
        "title": {"font_name": "黑体", "font_size": 16, "bold": True, "align": "center"},
        "subtitle": {"font_name": "宋体", "font_size": 10},
        "header": dict(HEADER),
        "text": {**base, "text_wrap": True},
        "center": {**base, "align": "center"},
    }
    for severity, colour in _SEVERITY_COLOURS.items():
        kinds[severity.value] = {
            **base,
            "align": "center",
            "bold": severity is Severity.ERROR,
            "font_color": colour,
        }
    formats = {}
    for name, props in kinds.items():
        formats[name] = workbook.add_format(props)
        formats[f"{name}_q"] = workbook.add_format({**props, "quote_prefix": True})
    return formats


def _put(sheet: Any, row: int, col: int, value: str, formats: dict[str, Any], kind: str) -> None:
    """Write user-derived text neutralised: never a formula when someone edits the cell."""
    quoted = needs_quote_prefix(value)
    sheet.write_string(row, col, value, formats[f"{kind}_q" if quoted else kind])


def _write_issues(workbook: Any, formats: dict[str, Any], reports: list[FileReport]) -> None:
    sheet = workbook.add_worksheet("检查意见")
    with_file = len(reports) > 1
    columns = list(_COLUMNS) + ([("文件", 24, True)] if with_file else [])
    for col, (_, width, _wraps) in enumerate(columns):
        sheet.set_column(col, col, width)
    units = [cell_text(r.catalog.meta.unit) for r in reports if r.catalog and r.catalog.meta.unit]
    title = "政务公开标准目录检查意见"
    if len(units) == 1:
        title = f"{units[0]}政务公开标准目录检查意见"
    title = cell_text(title)
    kind = "title_q" if needs_quote_prefix(title) else "title"
    sheet.merge_range(0, 0, 0, len(columns) - 1, title, formats[kind])
    sheet.set_row(0, 28)
    all_issues = [i for r in reports if r.result for i in r.result.issues]
    counts = count_issues(all_issues)
    summary = "，".join(f"{s.label} {counts[s.value]} 个" for s in Severity)
    subtitle = (
        f"生成日期：{dt.date.today().isoformat()}    {summary}    "
        f"公开依据登记册：{register_label()}"
    )
    sheet.merge_range(1, 0, 1, len(columns) - 1, cell_text(subtitle), formats["subtitle"])
    for col, (header, _, _) in enumerate(columns):
        sheet.write_string(2, col, header, formats["header"])
    sheet.set_row(2, 20)
    row = 3
    for report in reports:
        for issue, values in _rows(report, with_file):
            for col, value in enumerate(values):
                header = columns[col][0]
                if header == "级别":
                    kind = issue.severity.value
                elif header in ("序号", "字段", "规则"):
                    kind = "center"
                else:
                    kind = "text"
                _put(sheet, row, col, value, formats, kind)
            sheet.set_row(row, _row_height(values))
            row += 1
    sheet.autofilter(2, 0, max(row - 1, 2), len(columns) - 1)
    print_as_table(sheet, header_row=2)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _write_summary(workbook: Any, formats: dict[str, Any], reports: list[FileReport]) -> None:
    sheet = workbook.add_worksheet("汇总")
    headers = (
        ("文件", 30),
        ("单位", 20),
        ("年度", 10),
        ("错误", 8),
        ("警告", 8),
        ("提示", 8),
        ("说明", 40),
    )
    for col, (header, width) in enumerate(headers):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, header, formats["header"])
    for row, report in enumerate(reports, start=1):
        meta = report.catalog.meta if report.catalog else None
        _put(sheet, row, 0, cell_text(os.path.basename(report.file)), formats, "text")
        _put(sheet, row, 1, cell_text(meta.unit if meta else ""), formats, "text")
        _put(sheet, row, 2, cell_text(meta.year if meta else ""), formats, "text")
        for col, severity in enumerate(Severity, start=3):
            if report.result is None:
                sheet.write_blank(row, col, None, formats["center"])
            else:
                sheet.write_number(
                    row, col, report.result.counts[severity.value], formats["center"]
                )
        note = f"无法读取：{report.error}" if report.error else ""
        sheet.write_string(row, 6, cell_text(note), formats["text"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(reports), len(headers) - 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
