"""The printed page of a standard-layout sheet: margins, repeated rows and line heights.

One place for the numbers that decide how many rows fit a landscape A4 page, so the writer
that sets them and the width fitter that counts pages agree.
"""

from __future__ import annotations

import math

from zwgk_desktop.core.xlsx.textsize import row_points

# One wrapped line of 9-point 仿宋: Excel and WPS give a 9-point 宋体/仿宋 line 15 px
# (11.25 pt); LibreOffice's fallback (文泉驿微米黑) measures 10.5 pt a line. The larger
# one decides, so no line is clipped in Excel.
LINE_POINTS = 11.25
# Above the lines, a small margin for a printer whose text runs a little taller; Excel's
# own autofit adds none.
ROW_PADDING = 2.0
TITLE_POINTS = 21.0  # the 14-point 黑体 title row (one line: 18.75 pt in Excel)
HEADER_TOP_POINTS = 16.0  # group labels (公开事项, 公开对象 …): one line
HEADER_SUB_POINTS = 27.0  # sub-labels (一级事项, 特定群体, 依申请 …): two lines
REPEATED_POINTS = TITLE_POINTS + HEADER_TOP_POINTS + HEADER_SUB_POINTS
# Margins in inches: 0.25 in is what office printers reliably print; the footer (9-point
# unit, 第 N 页 共 M 页, domain) stands 0.25 in from the bottom edge, below the body.
MARGIN_SIDE = 0.25
MARGIN_TOP = 0.25
MARGIN_BOTTOM = 0.45
FOOTER_MARGIN = 0.25
PAGE_HEIGHT_POINTS = 595.3  # A4 landscape
BODY_POINTS = PAGE_HEIGHT_POINTS - (MARGIN_TOP + MARGIN_BOTTOM) * 72 - REPEATED_POINTS


def row_height(lines: int) -> float:
    """Points for a row whose tallest cell wraps to ``lines`` lines."""
    return row_points(lines, LINE_POINTS, ROW_PADDING)


def grown_last_row(heights: list[float], start: int, end: int, lines: int) -> float:
    """The height the last row of a merged run needs so the run holds ``lines`` lines
    (whole lines added), or its own height when the run is tall enough already."""
    need = lines * LINE_POINTS + ROW_PADDING
    have = sum(heights[start : end + 1])
    if need <= have:
        return heights[end]
    return row_height(math.ceil((need - have + heights[end] - ROW_PADDING) / LINE_POINTS))


def page_count(heights: list[float], body: float = BODY_POINTS) -> int:
    """Pages the rows fill when each page takes the rows that fit whole (as Excel and
    LibreOffice break them); a row taller than a page takes a page of its own."""
    pages, used = 1, 0.0
    for height in heights:
        if used and used + height > body:
            pages += 1
            used = 0.0
        used += height
    return pages
