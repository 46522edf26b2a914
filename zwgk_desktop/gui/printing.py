"""打印 and 导出PDF of one domain or the whole catalog.

The HTML comes from :mod:`print_html` (the workbook's columns and fitted widths, 9-point
text, the full ■/□ channel list or only the ticked channels); here it is laid out with
QTextDocument on a landscape A4 page. A domain is paginated item by item: its table is
measured once, then each page is its own document with the title, the header and only the
items that fit whole, so no item is split across pages (only an item taller than a page has
to be). By domain (:class:`PageFlow`), each domain starts a page; continuous, the domains run
on, a page holding the end of one and the start of the next, each with its title and header
(a page that carries a domain on says “（续）”). Each page gets the unit, “第 N 页 共 M 页”
and its domain(s) in the footer. ``render_pdf`` takes plain inputs (picklable), so 导出PDF
runs it in a child process (:mod:`pdf_process`: no Qt work on a thread of the app); the PDF
goes through ``atomic_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from zwgk_desktop import APP_NAME
from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.errors import ExportError, ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.xlsx.result import ChannelStyle, PageFlow
from zwgk_desktop.core.xlsx.styles import BODY_SIZE
from zwgk_desktop.gui.print_html import (
    PrintSection,
    document_title,
    footer_domains,
    page_html,
    print_sections,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

PDF_FILTER = "PDF 文件 (*.pdf)"
PDF_RESOLUTION = 300
PROGRESS_STEPS = 1000
# The workbook's margins (0.25 in, what office printers reliably print); the footer takes
# the bottom 0.3 in of the printable area.
MARGINS_MM = QMarginsF(6.35, 6.35, 6.35, 6.35)
FOOTER_INCHES = 0.2
BODY_FAMILIES = ["FangSong", "仿宋", "SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei"]

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class PrintCancelled(ZwgkError):
    """The user pressed 取消 while pages were being drawn."""

    def __init__(self) -> None:
        super().__init__("已取消")


def page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _body_font() -> QFont:
    font = QFont()
    font.setFamilies(BODY_FAMILIES)
    font.setPointSizeF(BODY_SIZE)
    return font


def _check(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise PrintCancelled()


def _document(html_text: str, device: QPagedPaintDevice, width: float) -> QTextDocument:
    """A document laid out ``width`` wide and not paginated (for measuring)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # point sizes and px follow its dpi
    document.setDefaultFont(_body_font())
    document.setDocumentMargin(0)
    document.setHtml(html_text)
    document.setTextWidth(width)
    return document


def _height(document: QTextDocument) -> float:
    return document.documentLayout().documentSize().height()


def _row_tops(document: QTextDocument, rows: int) -> list[float] | None:
    """Where each item row starts in the laid-out table (plus the table's bottom), or None
    if the table cannot be found. Column 0 (序号) never spans rows, so its cell marks the row."""
    frames = document.rootFrame().childFrames()
    table = next((f for f in frames if isinstance(f, QTextTable)), None)
    if table is None or table.rows() < rows:
        return None
    layout = document.documentLayout()
    header = table.rows() - rows
    tops = [
        layout.blockBoundingRect(table.cellAt(header + r, 0).firstCursorPosition().block()).top()
        for r in range(rows)
    ]
    tops.append(layout.frameBoundingRect(table).bottom())
    return tops


def _page_documents(
    section: PrintSection, device: QPagedPaintDevice, width: float, page_height: float
) -> list[QTextDocument]:
    """The section's pages: runs of whole items that fit under the title and header."""
    whole = _document(section.html(), device, width)
    tops = _row_tops(whole, section.rows) if section.rows else None
    if tops is None or _height(whole) <= page_height:
        return [whole]
    head = tops[0]  # title, unit line and the two header rows
    pages: list[QTextDocument] = []
    start = 0
    while start < section.rows:
        end = start + 1
        while end < section.rows and head + tops[end + 1] - tops[start] <= page_height:
            end += 1
        page = _document(section.html(start, end), device, width)
        while _height(page) > page_height and end - start > 1:  # measured a bit short
            end -= 1
            page = _document(section.html(start, end), device, width)
        pages.append(page)
        start = end
    return pages


@dataclass(frozen=True)
class _Chunk:
    """Part of a page in the continuous flow: items ``start``..``end`` of one section."""

    section: int
    start: int
    end: int
    continued: bool  # the domain began on an earlier page: its title says （续）


@dataclass
class _Measure:
    """A section laid out whole without the unit line: its height, and where its title and
    header end and each row starts (None for a section without a table)."""

    height: float
    tops: list[float] | None


class _ContinuousLayout:
    """Pages on which the domains run on: a domain starts below the last one (with its
    title and header) when its first item fits there; a page that carries a domain on opens
    with its title + （续） and the header; items are never split (only one taller than a
    page); the cover keeps a page of its own."""

    def __init__(
        self,
        sections: Sequence[PrintSection],
        device: QPagedPaintDevice,
        width: float,
        page_height: float,
    ) -> None:
        self.sections = sections
        self.device = device
        self.width = width
        self.page_height = page_height
        self.measures: dict[int, _Measure] = {}
        self.gap = _height(_document(page_html(["", ""]), device, width))

    def measure(self, index: int) -> _Measure:
        found = self.measures.get(index)
        if found is None:
            section = self.sections[index]
            document = _document(page_html([section.body(meta=False)]), self.device, self.width)
            tops = _row_tops(document, section.rows) if section.rows else None
            found = self.measures[index] = _Measure(_height(document), tops)
        return found

    def document(self, chunks: Sequence[_Chunk]) -> QTextDocument:
        parts = [
            self.sections[c.section].body(c.start, c.end, c.continued, meta=False) for c in chunks
        ]
        return _document(page_html(parts), self.device, self.width)

    def plan(self, index: int, row: int) -> list[_Chunk]:
        """The chunks that fit on a page starting at item ``row`` of section ``index``,
        by the measured heights."""
        chunks: list[_Chunk] = []
        room = self.page_height
        while index < len(self.sections):
            section = self.sections[index]
            measure = self.measure(index)
            gap = self.gap if chunks else 0.0
            if measure.tops is None:  # a note instead of a table: one block
                if chunks and gap + measure.height > room:
                    break
                chunks.append(_Chunk(index, 0, section.rows, False))  # whole
                room -= gap + measure.height
                index, row = index + 1, 0
                continue
            tops = measure.tops
            room -= gap + tops[0]
            end = row
            while end < section.rows and tops[end + 1] - tops[row] <= room:
                end += 1
            if end == row:
                if chunks:
                    break
                end = row + 1  # an item taller than a page: alone, split by Qt
            chunks.append(_Chunk(index, row, end, row > 0))
            room -= tops[end] - tops[row]
            if end < section.rows:
                break
            index, row = index + 1, 0
        return chunks

    def pages(self, cancel: CancelFn | None, progress: ProgressFn | None) -> list[_Page]:
        pages: list[_Page] = []
        index, row = 0, 0
        unit = self.sections[0].footer[0] if self.sections else ""
        while index < len(self.sections):
            _check(cancel)
            section = self.sections[index]
            if section.domain is None:  # the cover
                document = _document(section.html(), self.device, self.width)
                pages.append(_Page(document, section.footer))
                index += 1
                continue
            chunks = self.plan(index, row)
            document = self.document(chunks)
            while _height(document) > self.page_height and _shrink(chunks):
                document = self.document(chunks)
            last = chunks[-1]
            names = [self.sections[c.section].footer[1] for c in chunks]
            pages.append(_Page(document, (unit, footer_domains(names))))
            if last.end < self.sections[last.section].rows:
                index, row = last.section, last.end
            else:
                index, row = last.section + 1, 0
            if progress is not None:
                progress(PROGRESS_STEPS * index // (2 * len(self.sections)), PROGRESS_STEPS)
        return pages


def _compact(channels: ChannelStyle | str) -> bool:
    return ChannelStyle.parse(channels) is ChannelStyle.COMPACT


def _shrink(chunks: list[_Chunk]) -> bool:
    """One item fewer on a page that measured too tall (the last chunk's last item, or the
    whole last chunk); False when only one item is left."""
    last = chunks[-1]
    if last.end - last.start > 1:
        chunks[-1] = _Chunk(last.section, last.start, last.end - 1, last.continued)
        return True
    if len(chunks) > 1:
        chunks.pop()
        return True
    return False


@dataclass
class _Page:
    """A laid-out page document (more than one printed page only for an item or cover
    taller than a page) and its footer's left and right."""

    document: QTextDocument
    footer: tuple[str, str]


def _domain_pages(
    sections: Sequence[str | PrintSection],
    device: QPagedPaintDevice,
    width: float,
    page_height: float,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> list[_Page]:
    """Each section from a new page."""
    pages: list[_Page] = []
    for number, section in enumerate(sections):
        _check(cancel)
        if isinstance(section, PrintSection):
            documents = _page_documents(section, device, width, page_height)
            sides = section.footer
        else:
            documents = [_document(section, device, width)]
            sides = ("", "")
        pages += [_Page(document, sides) for document in documents]
        if progress is not None:
            progress(PROGRESS_STEPS * (number + 1) // (2 * len(sections)), PROGRESS_STEPS)
    return pages


def paint_html(
    sections: str | Sequence[str | PrintSection],
    device: QPagedPaintDevice,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    channels: ChannelStyle | str | None = None,
    flow: PageFlow | str = PageFlow.BY_DOMAIN,
) -> int:
    """Lay the sections out in pages of ``device`` and paint them; returns the page count.

    By domain, each section starts on a new page; continuous, the domains run on (plain
    HTML sections still take pages of their own). A :class:`PrintSection` is paginated item
    by item (an item taller than a page is the only one split), plain HTML by Qt.
    ``channels`` (full / compact), when given, overrides the sections' channel list. All
    sections are laid out first (the footer needs the total), then painted; ``cancel`` is
    checked between sections and pages. Progress is reported in per mille: the first half
    is layout, the second half painting.
    """
    if isinstance(sections, str):
        sections = [sections]
    if channels is not None:
        compact = _compact(channels)
        sections = [
            replace(s, compact=compact) if isinstance(s, PrintSection) else s for s in sections
        ]
    resolution = device.logicalDpiY()
    rect = device.pageLayout().paintRectPixels(resolution)
    width = float(rect.width())
    footer_height = resolution * FOOTER_INCHES  # “单位 … 第 N 页 共 M 页 … 领域”
    page_height = float(rect.height()) - footer_height

    flow = PageFlow.parse(flow)
    printed = [s for s in sections if isinstance(s, PrintSection)]
    if flow is PageFlow.CONTINUOUS and len(printed) == len(sections):
        layout = _ContinuousLayout(printed, device, width, page_height)
        laid = layout.pages(cancel, progress)
    else:
        laid = _domain_pages(sections, device, width, page_height, progress, cancel)
    documents: list[tuple[QTextDocument, int, tuple[str, str]]] = []
    for page in laid:
        page.document.setPageSize(QSizeF(width, page_height))
        count = page.document.pageCount()
        if count < 1:  # Qt's layout gave up (it overflows on a row far taller than a page)
            raise ExportError("无法排版：有单元格或表头的内容过长，请先缩短后再打印或导出PDF")
        documents.append((page.document, count, page.footer))
    pages = sum(count for _, count, _ in documents)
    footer_font = QFont(_body_font())
    footer_font.setPointSizeF(9)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("无法开始打印或写入PDF（打印机不可用或文件无法写入）")
    page_number = 0
    try:
        for document, count, (left, right) in documents:
            for index in range(count):
                _check(cancel)
                if page_number:
                    device.newPage()
                page_number += 1
                top = index * page_height
                painter.save()
                painter.translate(0, -top)
                context = QAbstractTextDocumentLayout.PaintContext()
                context.clip = QRectF(0, top, width, page_height)
                painter.setClipRect(context.clip)
                document.documentLayout().draw(painter, context)
                painter.restore()
                painter.setFont(footer_font)
                footer = QRectF(0, page_height, width, footer_height)
                bottom = Qt.AlignmentFlag.AlignBottom
                painter.drawText(
                    footer,
                    int(Qt.AlignmentFlag.AlignHCenter | bottom),
                    f"第 {page_number} 页 共 {pages} 页",
                )
                if left:  # the unit, as in the workbook's footer
                    painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | bottom), left)
                if right:  # the domain
                    painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | bottom), right)
                if progress is not None:
                    progress(
                        PROGRESS_STEPS // 2 + PROGRESS_STEPS * page_number // (2 * pages),
                        PROGRESS_STEPS,
                    )
    finally:
        painter.end()
    return pages


def render_pdf(
    catalog: Catalog,
    path: str | Path,
    domain_id: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    channels: ChannelStyle | str = ChannelStyle.FULL,
    flow: PageFlow | str = PageFlow.BY_DOMAIN,
) -> int:
    """Write the printed catalog (or one domain) as a PDF at ``path``; returns the page
    count. ``channels`` full / compact (only the ticked ones), ``flow`` by domain /
    continuous, as the workbook's options."""
    sections = print_sections(catalog, domain_id, _compact(channels))
    target = Path(path)
    with atomic_path(target) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(page_layout())
        writer.setTitle(document_title(catalog, domain_id))
        writer.setCreator(APP_NAME)
        pages = paint_html(sections, writer, progress, cancel, flow=flow)
        del writer  # closes the file before it is moved into place
    return pages


def default_pdf_name(catalog: Catalog, domain_id: str | None = None) -> str:
    from zwgk_desktop.gui.dialogs.common import safe_filename

    return f"{safe_filename(document_title(catalog, domain_id), '政务公开标准目录')}.pdf"


def ask_export_pdf(
    parent: QWidget | None,
    catalog: Catalog,
    domain_id: str | None = None,
    channels: ChannelStyle | str = ChannelStyle.FULL,
    flow: PageFlow | str = PageFlow.BY_DOMAIN,
) -> Path | None:
    """Ask for a file name, then write the PDF in a child process, with progress and 取消;
    returns the chosen path."""
    # the dialogs' modules are imported here, not at the top: the PDF child process
    # imports this module for ``render_pdf`` and needs neither widgets nor settings
    from zwgk_desktop.core import paths
    from zwgk_desktop.core.settings import load_settings, save_settings
    from zwgk_desktop.gui.dialogs.common import (
        ask_save_path,
        copy_catalog,
        existing_folder,
        show_done,
    )
    from zwgk_desktop.gui.pdf_process import render_pdf_in_child
    from zwgk_desktop.gui.tasks import run_in_background

    settings = load_settings()
    folder = existing_folder(settings.last_folder, paths.documents_dir())
    path = ask_save_path(
        parent, "导出PDF", folder / default_pdf_name(catalog, domain_id), PDF_FILTER, ".pdf"
    )
    if path is None:
        return None
    settings.last_folder = str(path.parent)
    save_settings(settings)
    snapshot = copy_catalog(catalog)  # the worker pickles its own copy for the child

    def work(progress: ProgressFn, cancel: CancelFn) -> int:
        return render_pdf_in_child(snapshot, path, domain_id, progress, cancel, channels, flow)

    def done(pages: int) -> None:
        show_done(parent, "导出PDF", f"已导出PDF（{pages} 页）：{path}", path)

    run_in_background(parent, "导出PDF", work, done, show_counts=False)
    return path


def print_preview(
    parent: QWidget | None,
    catalog: Catalog,
    domain_id: str | None = None,
    channels: ChannelStyle | str = ChannelStyle.FULL,
    flow: PageFlow | str = PageFlow.BY_DOMAIN,
) -> None:
    """打印预览 with the system's printers (landscape A4 preset)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from zwgk_desktop.gui.dialogs.sizing import fit_when_shown

    sections = print_sections(catalog, domain_id, _compact(channels))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(document_title(catalog, domain_id))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {document_title(catalog, domain_id)}")
    dialog.resize(1100, 800)
    fit_when_shown(dialog)

    def paint(device: QPagedPaintDevice) -> None:
        from zwgk_desktop.gui.busy import busy_cursor

        with busy_cursor():  # the preview lays out every page on the UI thread
            paint_html(sections, device, flow=flow)

    dialog.paintRequested.connect(paint)
    dialog.exec()
    dialog.deleteLater()
