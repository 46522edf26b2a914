"""Estimate how many printed lines a cell needs, so rows can be given explicit heights.

LibreOffice and WPS keep the default height for wrapped rows written by a library, which
makes long cells overlap when printed. Widths are in Excel character units (the width of
"0"); at the 10-point body size a CJK character takes about two units, ASCII about one.
"""

from __future__ import annotations

import math
from functools import lru_cache

BODY_POINTS = 10.0
LINE_POINTS = 13.5  # one wrapped line of 10-point 仿宋 in Excel, WPS and LibreOffice
ROW_PADDING = 4.0
MAX_ROW_POINTS = 409.0  # Excel's limit
MIN_ROW_POINTS = 18.0


def text_units(text: str) -> int:
    """Display width: ASCII 1 unit, characters outside ASCII/Latin about 2 (fast, no loop)."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return len(text) + wide


def line_count(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` units wide (short texts cached)."""
    if len(text) <= 400:
        return _short_line_count(text, width)
    return _line_count(text, width)


@lru_cache(maxsize=8192)
def _short_line_count(text: str, width: float) -> int:
    return _line_count(text, width)


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1.5, 2.0)
    if len(text) * 2 <= usable and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        units = text_units(paragraph)
        lines += max(1, math.ceil(units / usable))
    return lines


def row_points(lines: int) -> float:
    return min(MAX_ROW_POINTS, max(MIN_ROW_POINTS, lines * LINE_POINTS + ROW_PADDING))
