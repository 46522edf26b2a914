"""Shared xlsxwriter formats for the exported workbooks (one Format object per kind).

Titles and headers in 黑体, body in 仿宋 with the GB2312 charset so Excel and WPS pick a
Chinese fallback where 仿宋 is missing (仿宋_GB2312 on older machines).
"""

from __future__ import annotations

from typing import Any

TITLE_FONT = "黑体"
BODY_FONT = "仿宋"
GB2312 = 134
BODY_SIZE = 10


class Formats:
    """Lazily created, shared formats keyed by role; ``text(align, quote)`` for body cells."""

    def __init__(self, workbook: Any) -> None:
        self._wb = workbook
        base = {"font_charset": GB2312}
        self.title = workbook.add_format(
            {
                **base,
                "font_name": TITLE_FONT,
                "font_size": 16,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        self.subtitle = workbook.add_format(
            {**base, "font_name": BODY_FONT, "font_size": 11, "align": "left", "valign": "vcenter"}
        )
        self.header = workbook.add_format(
            {
                **base,
                "font_name": TITLE_FONT,
                "font_size": 10,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
                "bg_color": "#F2F2F2",
            }
        )
        self.number = workbook.add_format(
            {
                **base,
                "font_name": BODY_FONT,
                "font_size": BODY_SIZE,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
            }
        )
        self.label = workbook.add_format(
            {
                **base,
                "font_name": TITLE_FONT,
                "font_size": 11,
                "align": "left",
                "valign": "vcenter",
                "border": 1,
            }
        )
        self._text: dict[tuple[str, bool], Any] = {}

    def text(self, align: str = "left", quote: bool = False) -> Any:
        key = (align, quote)
        fmt = self._text.get(key)
        if fmt is None:
            props: dict[str, Any] = {
                "font_charset": GB2312,
                "font_name": BODY_FONT,
                "font_size": BODY_SIZE,
                "align": align,
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
            }
            if quote:
                props["quote_prefix"] = True
            fmt = self._text[key] = self._wb.add_format(props)
        return fmt
