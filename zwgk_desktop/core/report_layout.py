"""The look shared by the app's report workbooks: 审核意见, the batch summary, 校验报告.

Each is a plain table a reviewer prints: 宋体 cells with borders, a shaded bold header row,
and a page set-up that keeps the table readable on paper.
"""

from __future__ import annotations

from typing import Any

CELL: dict[str, Any] = {"font_name": "宋体", "font_size": 10, "valign": "top", "border": 1}
HEADER: dict[str, Any] = {
    **CELL,
    "bold": True,
    "align": "center",
    "valign": "vcenter",
    "bg_color": "#D9E1F2",
}
PAGE_FOOTER = "&C第 &P 页，共 &N 页"
A4 = 9


def print_as_table(sheet: Any, header_row: int) -> None:
    """Landscape A4 fitted to the page width, the header row repeated on every page and
    frozen on screen, page numbers in the footer."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer(PAGE_FOOTER)
    sheet.freeze_panes(header_row + 1, 0)
