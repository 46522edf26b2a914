"""Pick the reader by what the file is, not only by its name.

Offices rename files freely: an ".xls" from a portal is often an HTML table or a CSV, an
".et" is usually the Excel 97-2003 (BIFF) format, a ".xls" may be an .xlsx. The suffix says
which family we were offered; the first bytes decide the reader.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.limits import check_size
from zwgk_desktop.core.os_reasons import read_reason
from zwgk_desktop.core.xlsx.grid import Grid
from zwgk_desktop.core.xlsx.result import CancelCheck, ImportNote

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def sniff(path: Path) -> str:
    """ "ole" | "ods" | "xlsx" | "docx" | "html" | "text" | "binary" | "empty"."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise FileUnreadableError(f"无法读取“{path.name}”：{read_reason(exc)}") from exc
    if not head:
        return "empty"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(_ZIP):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist()[:5000])
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "ods"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<!--")):
        return "html"
    if b"<table" in head.lower() and stripped[:1] == b"<":
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text" if _decodes(head) else "binary"


def _decodes(head: bytes) -> bool:
    """Could ``head`` be the start of a text file (CSV) in one of the encodings we read?
    Random or binary bytes almost never decode; a character cut at the end is allowed."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    for encoding in ("utf-8-sig", "gb18030"):
        try:  # incremental: a character cut by the 2 KB head is not an error
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n")
        return controls * 20 < max(len(text), 1)
    return False


def read_grids(
    path: Path, notes: list[ImportNote], cancel: CancelCheck | None = None
) -> tuple[list[Grid], bool]:
    """Every table of ``path`` as a grid, and whether tables without a catalog header are
    normal (documents and pages hold other tables: those are skipped silently)."""
    from zwgk_desktop.core.formats.csvtable import read_csv
    from zwgk_desktop.core.formats.docxtable import read_docx
    from zwgk_desktop.core.formats.htmltable import read_html
    from zwgk_desktop.core.formats.spreadsheet import read_spreadsheet

    check_size(path)
    kind = sniff(path)
    if kind == "empty":
        raise FileUnreadableError(f"“{path.name}”是空文件")
    if kind in ("ole", "ods"):  # an .xlsx under any name goes to the xlsx reader instead
        return read_spreadsheet(path, kind, notes, cancel), False
    if kind == "docx":
        return read_docx(path, cancel), True
    if kind == "html":
        return read_html(path, cancel), True
    if kind == "text" and path.suffix.lower() == ".docx":
        # systems save CSV or web pages under a spreadsheet's name, never a Word document's:
        # reading it as CSV would only report a missing catalog table
        raise FileUnreadableError(
            f"“{path.name}”不是 Word 文档：文件内容是纯文本，可能已损坏或扩展名有误"
        )
    if kind == "text":
        return read_csv(path, cancel), False
    raise FileUnreadableError(f"无法识别“{path.name}”的内容：不是表格、Word 文档或网页文件")
