"""Read any catalog file a user may hand us: .zwgk, .xlsx or interchange .json.

Used by ``zwgk show/validate/export`` and the reviewer's batch check. Every failure is a
``FileUnreadableError`` with one Chinese line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.model import FORMAT_NAME, Catalog

MAX_JSON_BYTES = 200 * 1024 * 1024

_UNSUPPORTED = {
    ".xls": "旧版 Excel 97-2003 格式（.xls）",
    ".et": "WPS 表格格式（.et）",
    ".ett": "WPS 表格模板（.ett）",
    ".csv": "CSV 文本",
    ".xlsm": "含宏的 Excel 文件（.xlsm）",
    ".xlsb": "Excel 二进制格式（.xlsb）",
    ".ods": "OpenDocument 表格（.ods）",
    ".doc": "Word 文档",
    ".docx": "Word 文档",
    ".pdf": "PDF 文件",
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
        raise FileUnreadableError(
            f"不支持{_UNSUPPORTED[suffix]}：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再打开"
        )
    if suffix == ".zwgk":
        from zwgk_desktop.core.storage import Document

        doc = Document.open_untrusted(path)
        try:
            return LoadedCatalog(doc.load_catalog())
        finally:
            doc.close()
    if suffix == ".xlsx":
        from zwgk_desktop.core.xlsx import read_workbook

        result = read_workbook(path)
        return LoadedCatalog(result.catalog, result.gaps)
    if suffix == ".json":
        return LoadedCatalog(load_json(path))
    raise FileUnreadableError(f"无法识别“{path.name}”的文件类型：请使用 .zwgk、.xlsx 或 .json 文件")
