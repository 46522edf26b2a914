"""Read any catalog file a user may hand us: .zwgk, .xlsx, .xls/.et/.ods/.csv/.docx/.html
(see ``core.formats``) or interchange .json.

Used by ``zwgk show/validate/export`` and the reviewer's batch check. Every failure is a
``FileUnreadableError`` with one Chinese line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.suffixes import GRID_SUFFIXES
from zwgk_desktop.core.model import FORMAT_NAME, Catalog

MAX_JSON_BYTES = 200 * 1024 * 1024

_UNSUPPORTED = {
    ".xlsm": "含宏的 Excel 文件（.xlsm）：为安全起见不予打开，请另存为不含宏的 .xlsx 后再打开",
    ".xlsb": "Excel 二进制格式（.xlsb）：请在 Excel 或 WPS 中“另存为”.xlsx 后再打开",
    ".doc": "旧版 Word 文档（.doc）：请在 Word 或 WPS 中“另存为”.docx 后再打开",
    ".wps": "WPS 文字文档（.wps）：请在 WPS 中“另存为”.docx 后再打开",
    ".pdf": "PDF 文件：请使用编制单位提供的 Excel、Word 或网页版目录",
}


def load_json(path: Path) -> Catalog:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise FileUnreadableError(f"“{path.name}”过大，无法读取")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FileUnreadableError(f"“{path.name}”不是有效的 JSON 目录文件") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FileUnreadableError(f"“{path.name}”不是 zwgk-catalog 格式的 JSON")
    try:
        return Catalog.from_dict(data)
    except (TypeError, AttributeError, ValueError) as exc:
        raise FileUnreadableError(f"“{path.name}”的 JSON 结构不正确") from exc


@dataclass
class LoadedCatalog:
    """A catalog read from a file, with the fields the importer could not read per domain."""

    catalog: Catalog
    gaps: dict[str, set[str]] = field(default_factory=dict)


def load_catalog(path: str | Path) -> Catalog:
    """The catalog in ``path``; the original file is never modified."""
    return load_file(path).catalog


def load_file(path: str | Path) -> LoadedCatalog:
    """Like :func:`load_catalog`, keeping the import gaps (review shows them as 未能识别)."""
    path = Path(path)
    if not path.exists():
        raise FileUnreadableError(f"找不到文件：{path}")
    if path.is_dir():
        raise FileUnreadableError(f"“{path}”是文件夹，不是目录文件")
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise FileUnreadableError(f"“{path.name}”是{_UNSUPPORTED[suffix]}")
    if suffix == ".zwgk":
        from zwgk_desktop.core.storage import Document

        doc = Document.open_untrusted(path)
        try:
            return LoadedCatalog(doc.load_catalog())
        finally:
            doc.close()
    if suffix == ".xlsx" or suffix in GRID_SUFFIXES:
        from zwgk_desktop.core.xlsx import read_workbook

        result = read_workbook(path)
        return LoadedCatalog(result.catalog, result.gaps)
    if suffix == ".json":
        return LoadedCatalog(load_json(path))
    raise FileUnreadableError(
        f"无法识别“{path.name}”的文件类型：请使用 .zwgk、.xlsx、.xls、.et、.ods、.csv、.docx、.html 或 .json 文件"
    )
