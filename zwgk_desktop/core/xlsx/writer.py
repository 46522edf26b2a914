"""``export_workbook``: write a catalog as an xlsx file, atomically, in either layout."""

from __future__ import annotations

import json
import os
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from zwgk_desktop import __version__
from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.errors import ExportError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.xlsx import metasheet
from zwgk_desktop.core.xlsx.cover import COVER_TITLE, write_cover
from zwgk_desktop.core.xlsx.flat import write_flat
from zwgk_desktop.core.xlsx.result import (
    CancelCheck,
    ChannelStyle,
    Layout,
    PageFlow,
    Progress,
    check_cancel,
)
from zwgk_desktop.core.xlsx.sanitize import prepare, xml_safe
from zwgk_desktop.core.xlsx.standard import DATA_ROW, StandardSheetWriter, sheet_title
from zwgk_desktop.core.xlsx.styles import Formats

PROPERTY_NAME = "zwgk-layout"
META_PROPERTY = "zwgk-meta"  # unit, region … for the flat layout, which has no cover
_MAX_PROPERTY_CHARS = 255  # Excel's limit for a custom text property
_OPTIONS = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "use_future_functions": False,
}


def _workbook(path: Path, catalog: Catalog, layout: Layout) -> xlsxwriter.Workbook:
    workbook = xlsxwriter.Workbook(str(path), _OPTIONS)
    unit = xml_safe(catalog.meta.unit)
    workbook.set_properties(
        {
            "title": f"{unit}基层政务公开标准目录" if unit else "基层政务公开标准目录",
            "author": unit,
            "company": xml_safe(catalog.meta.region),
            "comments": f"由政务公开标准目录编制工具 {__version__} 导出",
        }
    )
    workbook.set_custom_property(PROPERTY_NAME, layout.value)
    meta = {
        **catalog.meta.to_dict(),
        "date": catalog.meta.date,
        "levels": list(catalog.meta.levels),
    }
    text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= _MAX_PROPERTY_CHARS and prepare(text).value == text:
        workbook.set_custom_property(META_PROPERTY, text)
    return workbook


def _write_standard(
    workbook: xlsxwriter.Workbook,
    catalog: Catalog,
    warnings: list[str],
    progress: Progress | None,
    cancel: CancelCheck | None,
    channels: ChannelStyle = ChannelStyle.FULL,
) -> None:
    formats = Formats(workbook)
    used = {COVER_TITLE.casefold(), metasheet.SHEET_NAME.casefold()}
    titles: dict[int, str] = {}
    for index, domain in enumerate(catalog.domains):
        if domain.items or not domain.not_involved:
            titles[index] = sheet_title(domain.name, used)
    cover_digest = write_cover(workbook, formats, catalog, titles)
    writer = StandardSheetWriter(
        workbook, formats, catalog, warnings, compact=channels is ChannelStyle.COMPACT
    )
    total = catalog.item_count()
    done = 0
    sheets: list[metasheet.SheetInfo] = []
    for index, title in titles.items():
        domain = catalog.domains[index]
        digest = writer.write_domain(domain, title, done, total, progress, cancel)
        sheets.append(metasheet.SheetInfo(title, index, DATA_ROW, digest, writer.channel_width))
        done += len(domain.items)
    check_cancel(cancel)
    metasheet.write(
        workbook,
        metasheet.encode(
            catalog, sheets, COVER_TITLE, cover_digest, compact=channels is ChannelStyle.COMPACT
        ),
    )
    workbook.worksheets()[0].activate()


def _write_continuous(
    workbook: xlsxwriter.Workbook,
    catalog: Catalog,
    warnings: list[str],
    progress: Progress | None,
    cancel: CancelCheck | None,
    channels: ChannelStyle,
) -> None:
    """The cover, then every domain with items run on in one sheet. A printout, not an
    exchange file: no metadata sheet, so the app reads it back from its visible cells."""
    from zwgk_desktop.core.xlsx.continuous import ContinuousWriter

    formats = Formats(workbook)
    used = {COVER_TITLE.casefold()}
    write_cover(workbook, formats, catalog, {})
    domains = [d for d in catalog.domains if d.items or not d.not_involved]
    writer = ContinuousWriter(
        workbook, formats, catalog, warnings, compact=channels is ChannelStyle.COMPACT
    )
    writer.write_catalog(domains, used, progress, cancel)
    workbook.worksheets()[0].activate()


def export_workbook(
    catalog: Catalog,
    path: str | os.PathLike[str],
    layout: str = "standard",
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    channels: str = "full",
    flow: str = "domain",
) -> list[str]:
    """Write ``catalog`` to ``path`` (.xlsx); returns Chinese warnings (cells cut or cleaned).

    ``channels`` ("full" or "compact") chooses how the standard layout prints 公开渠道和载体;
    ``flow`` ("domain" or "continuous") whether each domain starts a page of its own.
    The target is replaced atomically: on error or cancel it is left untouched.
    """
    chosen = Layout.parse(layout)
    style = ChannelStyle.parse(channels)
    page_flow = PageFlow.parse(flow)
    warnings: list[str] = []
    target = Path(path)
    with atomic_path(target) as tmp:
        workbook = _workbook(tmp, catalog, chosen)
        try:
            if chosen is Layout.STANDARD and page_flow is PageFlow.CONTINUOUS:
                _write_continuous(workbook, catalog, warnings, progress, cancel, style)
            elif chosen is Layout.STANDARD:
                _write_standard(workbook, catalog, warnings, progress, cancel, style)
            else:
                write_flat(workbook, catalog, warnings, progress, cancel)
            check_cancel(cancel)
            workbook.close()
        except XlsxWriterException as exc:
            raise ExportError(f"无法写入“{target.name}”：{exc}") from exc
        finally:
            if not workbook.fileclosed:
                _discard(workbook)
    if progress is not None:
        progress(catalog.item_count(), catalog.item_count())
    return warnings


def _discard(workbook: xlsxwriter.Workbook) -> None:
    """Drop an unfinished workbook without writing it (xlsxwriter writes on close())."""
    workbook.fileclosed = True
