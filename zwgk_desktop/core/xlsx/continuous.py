"""The standard layout with the domains run on (PageFlow.CONTINUOUS): one sheet, paged by us.

Each domain sheet of the standard layout starts a page, so a catalog of 26 domains of 8–13
items prints on about two pages per domain, the second often half empty. Here the domains
follow one another on one sheet, each as the same table (its title row, the two header
rows, its items), and a page that continues a domain starts with the domain's title and
“（续）” and the header again: every page names its unit and domain, as the by-domain sheets
do with repeated rows.

Excel and LibreOffice would break the pages themselves where the rows stop fitting, but
then a continued page would have no title. So the pages are planned here from the row
heights the writer sets (every row height is explicit), and written with manual row breaks;
the plan keeps each page inside the printable height, so no break of the printer's own
comes between. An item is never split (one taller than a page gets a page of its own), a
domain's title never ends a page, and 一级事项 is merged only within a page, so it is
printed on every page its items reach. Excel allows 1,026 manual breaks in a sheet: a very
large catalog continues on a further sheet after 1,000 pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.titles import catalog_title, domain_title
from zwgk_desktop.core.xlsx.columns import PlanColumn
from zwgk_desktop.core.xlsx.digest import SheetDigest
from zwgk_desktop.core.xlsx.metacheck import NullSheet
from zwgk_desktop.core.xlsx.printfit import level1_runs
from zwgk_desktop.core.xlsx.printpage import (
    BODY_POINTS,
    FOOTER_MARGIN,
    HEADER_TOP_POINTS,
    REPEATED_POINTS,
    row_height,
)
from zwgk_desktop.core.xlsx.result import CancelCheck, Progress, check_cancel
from zwgk_desktop.core.xlsx.sanitize import xml_safe
from zwgk_desktop.core.xlsx.standard import (
    POINTS,
    StandardSheetWriter,
    page_footer,
    sheet_title,
)
from zwgk_desktop.core.xlsx.textsize import line_count

# The rows' share of a landscape A4 page (header and footer stand in the margins), with
# the page's own title and header rows among them; a point kept back for rounding in the
# printer's layout.
HEAD_POINTS = REPEATED_POINTS  # title + the two header rows, written on every page here
PAGE_BODY_POINTS = BODY_POINTS + REPEATED_POINTS - 1.0
# a domain starting in mid-page: its title on one line of 11-point 黑体 (the columns are the
# sheet's, so the header above still holds; the app's PDF, whose domains have widths of
# their own, repeats the header instead)
SECTION_POINTS = HEADER_TOP_POINTS
CONTINUED = "（续）"
MAX_PAGES_PER_SHEET = 1000  # under Excel's 1,026 manual breaks a sheet


@dataclass
class _Page:
    """The rows of one printed page: a head (title and header) and then items of one or
    more domains, each domain after the first opened by a section row naming it."""

    blocks: list[_Block] = field(default_factory=list)
    used: float = 0.0


@dataclass
class _Block:
    domain: int
    title: str  # the page's title, or the section row's for a domain starting mid-page
    section: bool = False
    items: list[int] = field(default_factory=list)  # indexes into the domain's items


class ContinuousWriter(StandardSheetWriter):
    """Writes every listed domain into one sheet (or a few, for a huge catalog)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cut_note = "打印版不保留全文，交换数据请用每个领域一张工作表的标准格式"

    def write_catalog(
        self,
        domains: list[Domain],
        used_titles: set[str],
        progress: Progress | None,
        cancel: CancelCheck | None,
    ) -> int:
        """Write ``domains`` run on; returns the number of pages planned."""
        merged = Domain("all", "全部领域", [item for d in domains for item in d.items])
        columns = self._columns(merged)
        level1_col = next(n for n, c in enumerate(columns) if c.key == "level1")
        width = columns[level1_col].width
        total = len(merged.items)
        heights = self._measure(domains, columns, progress, cancel, total)
        pages = _plan(domains, heights, self._level1_heights(domains, width), self.catalog)
        name = catalog_title(self.catalog)
        done = 0
        for start in range(0, len(pages), MAX_PAGES_PER_SHEET):
            ws = self.wb.add_worksheet(sheet_title(name, used_titles))
            self._set_columns(ws, columns)
            self._page_setup(ws, columns)
            ws.freeze_panes(3, 0)
            ws.set_footer(page_footer(self.catalog.meta.unit), {"margin": FOOTER_MARGIN})
            chunk = pages[start : start + MAX_PAGES_PER_SHEET]
            written = self._write_pages(ws, chunk, domains, columns, level1_col, heights, cancel)
            done += written
            if progress is not None:  # measuring was the first half
                progress((total + done) // 2, total)
        return len(pages)

    def _measure(
        self,
        domains: list[Domain],
        columns: list[PlanColumn],
        progress: Progress | None,
        cancel: CancelCheck | None,
        total: int,
    ) -> list[list[float]]:
        """Every item's row height as the writer will set it (written to a sheet that
        keeps nothing; warnings come from the real writing)."""
        scratch, kept = NullSheet(), self.warnings
        self.warnings = []
        formats = [self.fmt.text(column.align) for column in columns]
        heights: list[list[float]] = []
        done = 0
        try:
            for domain in domains:
                row: list[float] = []
                for n, item in enumerate(domain.items):
                    if (done + n) % 256 == 0:
                        check_cancel(cancel)
                        if progress is not None:
                            progress((done + n) // 2, total)
                    row.append(
                        self._write_item(
                            scratch, 0, n, item, columns, formats, None, domain, SheetDigest()
                        )
                    )
                heights.append(row)
                done += len(domain.items)
        finally:
            self.warnings = kept
        return heights

    def _level1_heights(self, domains: list[Domain], width: float) -> list[list[float]]:
        """The height a 一级事项 cell needs where it starts (0 for an empty one)."""
        return [
            [
                row_height(line_count(xml_safe(item.level1), width, POINTS)) if item.level1 else 0.0
                for item in domain.items
            ]
            for domain in domains
        ]

    def _write_pages(
        self,
        ws: Any,
        pages: list[_Page],
        domains: list[Domain],
        columns: list[PlanColumn],
        level1_col: int,
        heights: list[list[float]],
        cancel: CancelCheck | None,
    ) -> int:
        """Write the pages' rows and breaks; returns the number of items written."""
        formats = [self.fmt.text(column.align) for column in columns]
        level1_width = columns[level1_col].width
        breaks: list[int] = []
        self.measure = False  # the heights were measured for the plan
        r = 0
        for page in pages:
            check_cancel(cancel)
            if r:
                breaks.append(r)
            for block in page.blocks:
                if block.section:
                    ws.merge_range(r, 0, r, len(columns) - 1, "", self.fmt.label)
                    self._label(ws, r, 0, block.title, "label")
                    ws.set_row(r, SECTION_POINTS)
                    r += 1
                else:
                    self._write_title(ws, r, len(columns), block.title)
                    self._write_header(ws, r + 1, columns)
                    r += 3
                domain = domains[block.domain]
                items = [domain.items[n] for n in block.items]
                runs = level1_runs(items)
                digest = SheetDigest()  # no metadata sheet: the digest is not kept
                for k, n in enumerate(block.items):
                    self._write_item(
                        ws, r + k, n, domain.items[n], columns, formats, None, domain, digest
                    )
                grown = [heights[block.domain][n] for n in block.items]
                self._merge_level1(
                    ws, domain, runs, level1_col, level1_width, grown, top=r, numbers=block.items
                )
                for k, points in enumerate(grown):
                    ws.set_row(r + k, points)
                r += len(block.items)
        ws.set_h_pagebreaks(breaks)
        self.measure = True
        return sum(len(block.items) for page in pages for block in page.blocks)


def _plan(
    domains: list[Domain],
    heights: list[list[float]],
    level1: list[list[float]],
    catalog: Any,
) -> list[_Page]:
    """Pages of whole items: a new domain opens with a section row where the row and its
    first item still fit, otherwise on a new page under its own title; an item that does
    not fit starts a page whose title repeats its domain's with “（续）”."""
    pages: list[_Page] = []
    page: _Page | None = None
    for d, domain in enumerate(domains):
        title = domain_title(catalog, domain)
        first = _reserved(domain, heights[d], level1[d], 0, top=True) if domain.items else 0.0
        if page is None or page.used + SECTION_POINTS + first > PAGE_BODY_POINTS:
            page = _Page()
            pages.append(page)
            page.blocks.append(_Block(d, title))
            page.used = HEAD_POINTS
        else:
            page.blocks.append(_Block(d, title, section=True))
            page.used += SECTION_POINTS
        for n in range(len(domain.items)):
            block = page.blocks[-1]
            height = _reserved(domain, heights[d], level1[d], n, top=not block.items)
            if block.items and page.used + height > PAGE_BODY_POINTS:
                page = _Page()
                pages.append(page)
                page.blocks.append(_Block(d, title + CONTINUED))
                page.used = HEAD_POINTS
                height = _reserved(domain, heights[d], level1[d], n, top=True)
            page.blocks[-1].items.append(n)
            page.used += height
    return pages


def _reserved(
    domain: Domain, heights: list[float], level1: list[float], n: int, top: bool
) -> float:
    """The room item ``n`` takes: its row, and where its 一级事项 cell starts (a new value,
    or the first row of a block) the whole of that cell, which a merge over later rows can
    only make roomier."""
    starts = top or n == 0 or domain.items[n].level1 != domain.items[n - 1].level1
    return max(heights[n], level1[n]) if starts else heights[n]
