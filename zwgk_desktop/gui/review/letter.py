"""The 审核意见函 as a PDF: the core's letter HTML laid out by QTextDocument on A4 portrait
and printed through QPrinter (PDF output), written atomically.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.review.letter import Letter, letter_html

FONT_FAMILIES = ["FangSong", "仿宋", "SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei"]


def write_letter_pdf(letter: Letter, path: str | Path) -> int:
    """Write ``letter`` as a PDF at ``path``; returns the number of pages."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(12)
    document.setDefaultFont(font)
    document.setHtml(letter_html(letter))
    target = Path(path)
    with atomic_path(target) as tmp:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp))
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(25, 25, 25, 25),
                QPageLayout.Unit.Millimeter,
            )
        )
        printer.setDocName(letter.title)
        printer.setCreator("政务公开标准目录编制工具")
        document.print_(printer)
        pages = document.pageCount()
        del printer  # finishes and closes the PDF before it is moved into place
    return pages
