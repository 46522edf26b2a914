"""Does the hidden metadata sheet agree with what Excel shows?

The sheet digests in the metadata only prove that the visible cells are unchanged since
they were digested — not that the metadata's catalog is what those cells show: a crafted
workbook can pair the original visible sheets with a different hidden catalog. So before
the metadata is used for a sheet, its catalog is rendered again by the same writer (into a
throwaway in-memory workbook) and must give the very digest the visible cells give.
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from zwgk_desktop.core.xlsx.cover import write_cover
from zwgk_desktop.core.xlsx.grid import Grid
from zwgk_desktop.core.xlsx.metasheet import MetaPayload, SheetInfo
from zwgk_desktop.core.xlsx.standard import StandardSheetWriter
from zwgk_desktop.core.xlsx.styles import Formats

_DATE_ROW, _DATE_COL = 6, 1  # where write_cover puts 编制日期/导出日期


def _ignore(*args: Any, **kwargs: Any) -> None:
    return None


class NullSheet:
    """A worksheet that keeps nothing: the check needs the writer's digest, not its cells.

    The per-cell methods are plain attributes (no ``__getattr__`` on the hot path)."""

    write_string = write_blank = write_number = staticmethod(_ignore)

    def __getattr__(self, name: str) -> Any:
        return _ignore


class _DigestOnlyBook:
    """The scratch workbook's formats, with worksheets that keep nothing (several times
    cheaper than building real sheets only to throw them away)."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook

    def add_worksheet(self, name: str | None = None) -> NullSheet:
        return NullSheet()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._workbook, name)


class PayloadCheck:
    """Renders parts of one payload's catalog to compare digests (one scratch workbook)."""

    def __init__(self, payload: MetaPayload) -> None:
        self.payload = payload
        self._workbook: Any = None
        self._formats: Formats | None = None
        self._sheets = 0

    def _scratch(self) -> tuple[Any, Formats]:
        if self._workbook is None:
            self._workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
            self._formats = Formats(self._workbook)
        assert self._formats is not None
        self._sheets += 1
        return self._workbook, self._formats

    def sheet_agrees(self, info: SheetInfo, grid_digest: str) -> bool:
        """True when the metadata's domain renders to the visible cells' digest."""
        workbook, formats = self._scratch()
        writer = StandardSheetWriter(
            _DigestOnlyBook(workbook),
            formats,
            self.payload.catalog,
            [],
            compact=self.payload.compact,
        )
        writer.measure = False
        writer.fixed_channel_width = info.channel_width  # as exported: no fitting again
        domain = self.payload.catalog.domains[info.domain]
        rendered = writer.write_domain(domain, f"s{self._sheets}", 0, 0, None, None)
        return rendered == grid_digest

    def cover_agrees(self, grid: Grid, grid_digest: str) -> bool:
        """True when the metadata's unit details and domain list render to the visible cover."""
        workbook, formats = self._scratch()
        shown = grid.value(_DATE_ROW, _DATE_COL) if len(grid.rows) > _DATE_ROW else None
        titles = {s.domain: s.title for s in self.payload.sheets}
        rendered = write_cover(
            workbook,
            formats,
            self.payload.catalog,
            titles,
            export_date=shown or None,
            sheet_name=f"s{self._sheets}",
        )
        return rendered == grid_digest

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.fileclosed = True  # never written: nothing to save
            self._workbook = None
