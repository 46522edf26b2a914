"""Estimate how many printed lines a cell needs, so rows can be given explicit heights.

LibreOffice and WPS keep the default height for wrapped rows written by a library, which
makes long cells overlap when printed. Widths are in Excel character units (the width of
"0"); at the 10-point body size a CJK character takes about two units, ASCII about one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
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


def line_count(text: str, width: float, points: float = BODY_POINTS) -> int:
    """Lines ``text`` at ``points`` wraps to in a column ``width`` units wide (short texts
    cached)."""
    if len(text) <= 400:
        return _short_line_count(text, width, points)
    return _line_count(text, width, points)


@lru_cache(maxsize=8192)
def _short_line_count(text: str, width: float, points: float) -> int:
    return _line_count(text, width, points)


def usable_units(width: float, points: float = BODY_POINTS) -> float:
    """Room in a column ``width`` wide, in units of :func:`text_units` (two per CJK
    character). Excel shows a unit as 5.25 pt and a CJK character is ``points`` wide, so a
    unit holds 10.5 / ``points`` text units, less a unit for the cell's inner margins. The
    10-point report sheets keep the rounder rule they were checked with."""
    if points == BODY_POINTS:
        return max(width - 1.5, 2.0)
    return max((width - 1.0) * 10.5 / points, 2.0)


def _line_count(text: str, width: float, points: float = BODY_POINTS) -> int:
    usable = usable_units(width, points)
    if len(text) * 2 <= usable and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        units = text_units(paragraph)
        lines += max(1, math.ceil(units / usable))
    return lines


def row_points(lines: int, line_points: float = LINE_POINTS, padding: float = ROW_PADDING) -> float:
    return min(MAX_ROW_POINTS, max(MIN_ROW_POINTS, lines * line_points + padding))


def fitted_points(texts: Iterable[tuple[str, float]]) -> float:
    """Points for a row of (text, column width) cells: what its tallest cell wraps to."""
    return row_points(max((line_count(text, width) for text, width in texts), default=1))
