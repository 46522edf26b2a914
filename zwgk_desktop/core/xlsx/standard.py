"""The standard (printed review) layout: one sheet per domain, as counties publish them.

Title row "XX镇XX领域基层政务公开标准目录", two-row merged header, 序号, √ marks, the channel
glyph string (the full ■/□ list or only the ticked channels, several to a line), vertical
merges of repeated 一级事项, wrapped 9-point text with explicit row heights, borders,
黑体/仿宋, frozen header. Printed on landscape A4 at 100 % (the column widths fit the page),
the title and header rows repeat on every page, and the footer names the unit, the page
("第 N 页 共 M 页") and the domain (the sheet name).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial
from typing import Any

from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.core.titles import domain_title
from zwgk_desktop.core.xlsx.columns import PlanColumn, fits_page, plan
from zwgk_desktop.core.xlsx.digest import SheetDigest
from zwgk_desktop.core.xlsx.glyphs import MARK, render_channels, render_mark
from zwgk_desktop.core.xlsx.printfit import fit_widths, level1_runs
from zwgk_desktop.core.xlsx.printpage import (
    FOOTER_MARGIN,
    HEADER_SUB_POINTS,
    HEADER_TOP_POINTS,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    TITLE_POINTS,
    grown_last_row,
    row_height,
)
from zwgk_desktop.core.xlsx.result import CancelCheck, Progress, check_cancel
from zwgk_desktop.core.xlsx.sanitize import is_plain, prepare, xml_safe
from zwgk_desktop.core.xlsx.styles import BODY_SIZE, Formats
from zwgk_desktop.core.xlsx.textsize import line_count, usable_units

TITLE_ROW = 0
HEADER_TOP = 1
HEADER_SUB = 2
DATA_ROW = 3
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
POINTS = float(BODY_SIZE)
FOOTER_UNIT_CHARS = 60
__all__ = ["DATA_ROW", "StandardSheetWriter", "domain_title", "level1_runs", "sheet_title"]


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, no []:*?/\\, not starting with ')."""
    base = xml_safe(name or "领域").translate(_SHEET_FORBIDDEN).strip("' ") or "领域"
    candidate = base[:31]
    n = 2
    while candidate.casefold() in used:
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.casefold())
    return candidate


def page_footer(unit: str) -> str:
    """Footer codes: unit left, “第 N 页 共 M 页” centred, the sheet (domain) name right,
    all in 9 points (the default 11 would need more of the bottom margin).

    ``&`` starts a code in Excel's header/footer syntax, so the unit's own ``&`` is doubled.
    """
    left = unit[:FOOTER_UNIT_CHARS].replace("&", "&&")
    if left[:1].isdigit():  # "&9" sets the 9-point size; a digit after it would join it
        left = " " + left
    return f"&L&9{left}&C&9第 &P 页 共 &N 页&R&9&A"


@lru_cache(maxsize=256)
def header_label(label: str, width: float) -> str:
    """A short Chinese header that needs two lines in a narrow column, broken evenly
    (“公开\n主体”, not “公开主\n体”, which a wider column in LibreOffice would print)."""
    per_line = int(usable_units(width, POINTS) // 2)
    if any(ch.isascii() for ch in label) or per_line < 2 or len(label) <= per_line:
        return label
    lines = math.ceil(len(label) / per_line)
    size = math.ceil(len(label) / lines)
    return "\n".join(label[k : k + size] for k in range(0, len(label), size))


class StandardSheetWriter:
    """Writes domain sheets into one xlsxwriter workbook, collecting warnings and digests."""

    def __init__(
        self,
        workbook: Any,
        formats: Formats,
        catalog: Catalog,
        warnings: list[str],
        compact: bool = False,
    ) -> None:
        self.wb = workbook
        self.fmt = formats
        self.catalog = catalog
        self.warnings = warnings
        self.compact = compact  # only the ticked channels in 公开渠道和载体
        self.measure = True  # row heights; the metadata check needs only the digest
        # the metadata check renders at the recorded channel width (0: fit the widths)
        self.fixed_channel_width = 0.0
        self.channel_width = 0.0  # the last sheet's, recorded in the metadata
        self.cut_note = "本软件重新打开时可恢复全文"  # the metadata sheet keeps the whole text

    def write_domain(
        self,
        domain: Domain,
        title: str,
        done: int,
        total: int,
        progress: Progress | None,
        cancel: CancelCheck | None,
    ) -> str:
        """Write one domain sheet; returns the digest of its data cells."""
        ws = self.wb.add_worksheet(title)
        columns = self._columns(domain)
        self._write_frame(ws, columns, domain_title(self.catalog, domain))
        digest = SheetDigest()
        level1_col = next(i for i, c in enumerate(columns) if c.key == "level1")
        runs = level1_runs(domain.items)
        anchors = {start: prepare(value).value for start, _, value in runs if value}
        heights: list[float] = []
        column_formats = [self.fmt.text(column.align) for column in columns]
        for n, item in enumerate(domain.items):
            if n % 256 == 0:
                check_cancel(cancel)
                if progress is not None:
                    progress(done + n, total)
            heights.append(
                self._write_item(
                    ws,
                    DATA_ROW + n,
                    n,
                    item,
                    columns,
                    column_formats,
                    anchors.get(n),
                    domain,
                    digest,
                )
            )
        self._merge_level1(ws, domain, runs, level1_col, columns[level1_col].width, heights)
        for n, points in enumerate(heights):
            ws.set_row(DATA_ROW + n, points)
        return digest.hexdigest()

    def _columns(self, domain: Domain) -> list[PlanColumn]:
        columns = plan(domain, self.catalog.meta.levels, self.compact)
        if self.fixed_channel_width:
            width = self.fixed_channel_width
            columns = [replace(c, width=width) if c.kind == "channels" else c for c in columns]
        else:
            columns = fit_widths(columns, domain.items, self.compact)
        self.channel_width = next((c.width for c in columns if c.kind == "channels"), 0.0)
        return columns

    def _write_frame(self, ws: Any, columns: list[PlanColumn], title: str) -> None:
        self._set_columns(ws, columns)
        self._write_title(ws, TITLE_ROW, len(columns), title)
        self._write_header(ws, HEADER_TOP, columns)
        ws.freeze_panes(DATA_ROW, 0)
        self._page_setup(ws, columns)
        ws.repeat_rows(TITLE_ROW, HEADER_SUB)  # domain and unit on every printed page
        ws.set_footer(page_footer(self.catalog.meta.unit), {"margin": FOOTER_MARGIN})

    @staticmethod
    def _set_columns(ws: Any, columns: list[PlanColumn]) -> None:
        for c, column in enumerate(columns):
            ws.set_column(c, c, column.width)

    def _write_title(self, ws: Any, r: int, count: int, title: str) -> None:
        """The 14-point title row over all ``count`` columns."""
        ws.merge_range(r, 0, r, count - 1, "", self.fmt.title)
        self._label(ws, r, 0, title, "title")
        ws.set_row(r, TITLE_POINTS)

    def _write_header(self, ws: Any, top: int, columns: list[PlanColumn]) -> None:
        """The two header rows (groups above, sub-labels below) at ``top`` and ``top + 1``."""
        fmt = self.fmt
        sub = top + 1
        last = len(columns) - 1
        c = 0
        while c <= last:
            column = columns[c]
            if not column.group:
                ws.merge_range(top, c, sub, c, "", fmt.header)
                self._label(ws, top, c, header_label(column.label, column.width), "header")
                c += 1
                continue
            end = c
            while end + 1 <= last and columns[end + 1].group == column.group:
                end += 1
            if end > c:
                ws.merge_range(top, c, top, end, "", fmt.header)
            ws.write_string(top, c, column.group, fmt.header)
            for k in range(c, end + 1):
                label = header_label(columns[k].label, columns[k].width)
                self._label(ws, sub, k, label, "header")
            c = end + 1
        ws.set_row(top, HEADER_TOP_POINTS)
        ws.set_row(sub, HEADER_SUB_POINTS)

    @staticmethod
    def _page_setup(ws: Any, columns: list[PlanColumn]) -> None:
        """Landscape A4 at 100 % (shrunk to the width only when the columns cannot fit)."""
        ws.set_landscape()
        ws.set_paper(9)
        if not fits_page(columns):  # many extra columns: shrink rather than cut the table
            ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)

    def _label(self, ws: Any, r: int, c: int, text: str, kind: str) -> None:
        cell = prepare(text)
        ws.write_string(r, c, cell.value, self.fmt.get(kind, cell.quote_prefix))

    def _text(
        self,
        ws: Any,
        r: int,
        c: int,
        text: str,
        align: str,
        digest: SheetDigest,
        where: Callable[[], str],
    ) -> str:
        """Write one text cell; ``where`` names it for a warning and is built only if needed."""
        cell = prepare(text)
        if cell.cleaned:
            self.warnings.append(f"{where()}含无法保存的字符，已删除")
        if cell.cut:
            self.warnings.append(
                f"{where()}超过 Excel 单元格上限 32,767 个字符，表格中已截断（{self.cut_note}）"
            )
        ws.write_string(r, c, cell.value, self.fmt.text(align, cell.quote_prefix))
        digest.add(r, c, cell.value)
        return cell.value

    def _write_item(
        self,
        ws: Any,
        r: int,
        n: int,
        item: Item,
        columns: list[PlanColumn],
        column_formats: list[Any],
        level1: str | None,
        domain: Domain,
        digest: SheetDigest,
    ) -> float:
        """Write one item row except 一级事项 (merged later); ``level1`` is its value if this
        row starts a run, added to the digest here to keep reading order."""
        fmt = self.fmt
        lines = 1
        for c, column in enumerate(columns):
            kind = column.kind
            if kind == "seq":
                ws.write_number(r, c, n + 1, fmt.number)
                digest.add(r, c, n + 1)
                continue
            if column.key == "level1":
                if level1 is not None:
                    digest.add(r, c, level1)
                continue
            if kind == "text":
                value = item.get(column.key)
            elif kind == "channels":
                value = render_channels(item.channels, column.width, self.compact, POINTS)
            elif kind == "mark":
                chosen = column.term in item.get(column.key)
                note = item.audience_note if column.term == "特定群体" else ""
                value = render_mark(chosen, note)
            else:
                value = item.extra.get(column.key, "")
            if not value:
                ws.write_blank(r, c, None, column_formats[c])
                continue
            if value == MARK:  # the common, constant case needs no checks
                ws.write_string(r, c, value, column_formats[c])
                digest.add_text(r, c, value)
                continue
            if is_plain(value) and not value.isspace():  # the usual case: written as it is
                ws.write_string(r, c, value, column_formats[c])
                digest.add_text(r, c, value)
                written = value
            else:
                written = self._text(
                    ws, r, c, value, column.align, digest, partial(_where, domain, n, item, column)
                )
            if self.measure and (kind != "mark" or len(written) > 2):
                lines = max(lines, line_count(written, column.width, POINTS))
        return row_height(lines)

    def _merge_level1(
        self,
        ws: Any,
        domain: Domain,
        runs: list[tuple[int, int, str]],
        col: int,
        width: float,
        heights: list[float],
        top: int = DATA_ROW,
        numbers: list[int] | None = None,
    ) -> None:
        """Write 一级事项, merged over each run of equal consecutive values; grow short runs.

        ``runs`` and ``heights`` count rows from ``top``; ``numbers`` are the items' places
        in the domain when the rows hold only some of them (a page of the continuous flow)."""
        scratch = SheetDigest()  # the values were added to the sheet digest in row order
        for start, end, value in runs:
            r = top + start
            if end > start:
                ws.merge_range(r, col, top + end, col, "", self.fmt.text("center"))
            if not value:
                if end == start:
                    ws.write_blank(r, col, None, self.fmt.text("center"))
                continue
            where = partial(_level1_where, domain, numbers[start] if numbers else start)
            written = self._text(ws, r, col, value, "center", scratch, where)
            lines = line_count(written, width, POINTS)
            heights[end] = grown_last_row(heights, start, end, lines)


def _item_label(domain: Domain, n: int, item: Item) -> str:
    return f"“{domain.name}”第{n + 1}项“{item.title()}”的"


def _level1_where(domain: Domain, n: int) -> str:
    return _item_label(domain, n, domain.items[n]) + "一级事项"


def _where(domain: Domain, n: int, item: Item, column: PlanColumn) -> str:
    """Names a cell in a warning: “社会救助”第3项“审核信息”的公开内容(要素)."""
    name = FIELD_BY_KEY[column.key].label if column.kind != "extra" else f"“{column.key}”"
    return _item_label(domain, n, item) + name
