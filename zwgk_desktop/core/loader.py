"""Read any catalog file a user may hand us: .zwgk, .xlsx, .xls/.et/.ods/.csv/.docx/.html
(see ``core.formats``) or interchange .json.

Used by ``zwgk show/validate/export`` and the reviewer's batch check. Every failure is a
``FileUnreadableError`` with one Chinese line.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.suffixes import GRID_SUFFIXES
from zwgk_desktop.core.model import FORMAT_NAME, Catalog
from zwgk_desktop.core.os_reasons import read_reason
from zwgk_desktop.core.text import without_lone_surrogates

MAX_JSON_BYTES = 200 * 1024 * 1024

_UNSUPPORTED = {
    ".xlsm": "含宏的 Excel 文件（.xlsm）：为安全起见不予打开，请另存为不含宏的 .xlsx 后再打开",
    ".xlsb": "Excel 二进制格式（.xlsb）：请在 Excel 或 WPS 中“另存为”.xlsx 后再打开",
    ".doc": "旧版 Word 文档（.doc）：请在 Word 或 WPS 中“另存为”.docx 后再打开",
    ".wps": "WPS 文字文档（.wps）：请在 WPS 中“另存为”.docx 后再打开",
    ".pdf": "PDF 文件：请使用编制单位提供的 Excel、Word 或网页版目录",
}


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file: the size a device, pipe or symlink to
    /dev/zero reports is not to be trusted, so the read itself is bounded."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise FileUnreadableError(f"“{path.name}”不是普通文件，无法读取")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileUnreadableError(f"无法读取“{path.name}”：{read_reason(exc)}") from exc
    if len(data) > limit:
        raise FileUnreadableError(
            f"“{path.name}”过大（超过 {limit // (1024 * 1024)} MB），不是正常的目录文件"
        )
    return data


def load_json(path: Path) -> Catalog:
    raw = _read_bounded(path, MAX_JSON_BYTES)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        text = json.dumps(data, ensure_ascii=False)
        if without_lone_surrogates(text) != text:  # "\ud800" escapes: not storable text
            data = json.loads(without_lone_surrogates(text))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FileUnreadableError(f"“{path.name}”不是有效的 JSON 目录文件") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FileUnreadableError(f"“{path.name}”不是 zwgk-catalog 格式的 JSON")
    try:
        return Catalog.from_dict(data)
    except (TypeError, AttributeError, ValueError, RecursionError) as exc:
        raise FileUnreadableError(f"“{path.name}”的 JSON 结构不正确") from exc


@dataclass
class LoadedCatalog:
    """A catalog read from a file, with the fields the importer could not read per domain,
    and what the user must be told although the file was read (a workbook whose hidden
    metadata disagreed with its visible cells, rows hidden in a sheet)."""

    catalog: Catalog
    gaps: dict[str, set[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    cell_gaps: dict[str, set[tuple[int, str]]] = field(default_factory=dict)  # see ImportResult


def load_catalog(path: str | Path, warnings: list[str] | None = None) -> Catalog:
    """The catalog in ``path``; the original file is never modified.

    ``warnings`` collects what the user must be told even though the file was read."""
    loaded = load_file(path)
    if warnings is not None:
        warnings.extend(loaded.warnings)
    return loaded.catalog


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
        return LoadedCatalog(
            result.catalog, result.gaps, result.mismatches + result.notices, result.cell_gaps
        )
    if suffix == ".json":
        return LoadedCatalog(load_json(path))
    raise FileUnreadableError(
        f"无法识别“{path.name}”的文件类型：请使用 .zwgk、.xlsx、.xls、.et、.ods、.csv、.docx、.html 或 .json 文件"
    )
