""".csv: one table of text, in whatever encoding Chinese offices save (UTF-8, UTF-8 with BOM,
GB18030/GBK), and with whatever delimiter (comma, tab, semicolon)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.gridbuild import build_grid
from zwgk_desktop.core.formats.limits import MAX_TEXT_BYTES, check_size
from zwgk_desktop.core.xlsx.grid import Grid
from zwgk_desktop.core.xlsx.result import CancelCheck
from zwgk_desktop.core.xlsx.sanitize import EXCEL_MAX_CHARS

ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(data: bytes, name: str) -> str:
    """UTF-16 by its BOM, else UTF-8 (BOM or not), else GB18030 (a superset of GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileUnreadableError(f"“{name}”的文字编码无法识别（请另存为 UTF-8 编码的 CSV）")


def _delimiter(text: str) -> str:
    """The separator used most in the first lines (a header row holds no commas of its own)."""
    head = "\n".join(text.splitlines()[:20])
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, cancel: CancelCheck | None = None) -> list[Grid]:
    check_size(path, MAX_TEXT_BYTES)
    text = decode_text(path.read_bytes(), path.name)
    if "\x00" in text:
        raise FileUnreadableError(f"“{path.name}”不是文本文件（含二进制内容），无法作为 CSV 读取")
    old_limit = csv.field_size_limit()
    csv.field_size_limit(EXCEL_MAX_CHARS * 4)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return [build_grid(path.stem, reader, (), cancel)]
    except csv.Error as exc:
        raise FileUnreadableError(f"“{path.name}”不是有效的 CSV 文件：{exc}") from exc
    finally:
        csv.field_size_limit(old_limit)
