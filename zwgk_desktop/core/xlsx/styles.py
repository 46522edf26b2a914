"""Shared xlsxwriter formats for the exported workbooks (one Format object per kind).

Titles and headers in 黑体, body in 仿宋 with the GB2312 charset so Excel and WPS pick a
Chinese fallback where 仿宋 is missing (仿宋_GB2312 on older machines). Every kind has a
``quotePrefix`` twin for text that would otherwise look like a formula.
"""

from __future__ import annotations

from typing import Any

TITLE_FONT = "黑体"
BODY_FONT = "仿宋"
GB2312 = 134
BODY_SIZE = 9  # printed at 100 %: the smallest size a reviewer reads comfortably

_BASE = {"font_charset": GB2312, "valign": "vcenter"}
_KINDS: dict[str, dict[str, Any]] = {
    "title": {"font_name": TITLE_FONT, "font_size": 14, "align": "center", "text_wrap": True},
    "header": {
        "font_name": TITLE_FONT,
        "font_size": BODY_SIZE,
        "align": "center",
        "text_wrap": True,
        "border": 1,
        "bg_color": "#F2F2F2",
    },
    "number": {"font_name": BODY_FONT, "font_size": BODY_SIZE, "align": "center", "border": 1},
    "label": {"font_name": TITLE_FONT, "font_size": 11, "align": "left", "border": 1},
    "left": {
        "font_name": BODY_FONT,
        "font_size": BODY_SIZE,
        "align": "left",
        "text_wrap": True,
        "border": 1,
    },
    "center": {
        "font_name": BODY_FONT,
        "font_size": BODY_SIZE,
        "align": "center",
        "text_wrap": True,
        "border": 1,
    },
}


class Formats:
    """Formats created on first use and shared: ``get(kind, quote)``."""

    def __init__(self, workbook: Any) -> None:
        self._wb = workbook
        self._cache: dict[tuple[str, bool], Any] = {}

    def get(self, kind: str, quote: bool = False) -> Any:
        key = (kind, quote)
        fmt = self._cache.get(key)
        if fmt is None:
            props = {**_BASE, **_KINDS[kind]}
            if quote:
                props["quote_prefix"] = True
            fmt = self._cache[key] = self._wb.add_format(props)
        return fmt

    @property
    def title(self) -> Any:
        return self.get("title")

    @property
    def header(self) -> Any:
        return self.get("header")

    @property
    def number(self) -> Any:
        return self.get("number")

    @property
    def label(self) -> Any:
        return self.get("label")

    def text(self, align: str = "left", quote: bool = False) -> Any:
        return self.get(align, quote)
