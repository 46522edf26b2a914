"""Refuse hostile or unreadable files before any XML parser sees them.

Reviewers open what townships send, so an .xlsx is untrusted: it must be a real zip of
sane size and compression ratio, without a macro project, external links, embedded
objects or encrypted entries. Every refusal is a ``FileUnreadableError`` with one Chinese
line, decided from the zip directory alone (seconds, bounded memory).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.os_reasons import read_reason

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # declared uncompressed size of all entries
MAX_ENTRY_BYTES = 512 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024  # openpyxl holds the whole table in memory
MAX_RATIO = 150  # our own exports measure <= 15:1 (100,000 items); bombs are 1,000:1 and more
RATIO_FLOOR_BYTES = 4 * 1024 * 1024  # smaller entries may compress better, harmlessly
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_SAVE_AS = "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入"
_SUFFIX_MESSAGES = {
    ".xls": f"“{{name}}”是旧版 Excel 97-2003 格式（.xls），{_SAVE_AS}",
    ".et": f"“{{name}}”是 WPS 表格格式（.et），{_SAVE_AS}",
    ".ett": f"“{{name}}”是 WPS 表格模板（.ett），{_SAVE_AS}",
    ".csv": f"“{{name}}”是 CSV 文本，不是 Excel 工作簿；{_SAVE_AS}",
    ".xlsm": "“{name}”是含宏的工作簿（.xlsm），为安全起见不予打开；请另存为不含宏的 .xlsx 后再导入",
    ".xlsb": f"“{{name}}”是 Excel 二进制格式（.xlsb），{_SAVE_AS}",
    ".ods": f"“{{name}}”是 OpenDocument 表格（.ods），{_SAVE_AS}",
    ".xltx": f"“{{name}}”是 Excel 模板（.xltx），{_SAVE_AS}",
}
_FORBIDDEN_PARTS = (
    ("vbaproject.bin", "含宏代码（VBA），为安全起见不予打开；请另存为不含宏的 .xlsx 后再导入"),
    (
        "xl/externallinks/",
        "含指向其他文件的外部链接，为安全起见不予打开；请在 Excel 中“断开链接”后另存再导入",
    ),
    ("xl/activex/", "含 ActiveX 控件，为安全起见不予打开"),
    ("xl/embeddings/", "含嵌入的文档或对象，为安全起见不予打开；请删除嵌入对象后另存再导入"),
    ("customui/", "含自定义功能区代码，为安全起见不予打开"),
    ("xl/macrosheets/", "含宏表（Excel 4.0 宏），为安全起见不予打开"),
    ("xl/dialogsheets/", "含对话框表，为安全起见不予打开"),
)
_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"ms-excel.intlmacrosheet", b"ms-excel.macrosheet")


def _refuse(message: str) -> FileUnreadableError:
    return FileUnreadableError(message)


def _sniff(path: Path, name: str) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise _refuse(f"无法读取“{name}”：{read_reason(exc)}") from exc
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        raise _refuse(
            f"“{name}”是旧版 .xls/.et 文件或加密的工作簿，不是 .xlsx；请取消密码并“另存为”Excel 工作簿（.xlsx）后再导入"
        )
    if not head:
        raise _refuse(f"“{name}”是空文件")
    text = _looks_like_text(head)
    if head[:1] in b"<{" and text:  # (binary that happens to start with “<” is no page)
        raise _refuse(f"“{name}”是网页或文本文件，不是 Excel 工作簿；{_SAVE_AS}")
    if text:
        raise _refuse(f"“{name}”是文本（如 CSV）文件，不是 Excel 工作簿；{_SAVE_AS}")
    raise _refuse(f"“{name}”不是有效的 Excel 工作簿（.xlsx）")


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 or GBK text without control bytes (a CSV or TXT saved with an .xlsx name)."""
    if any(b < 0x09 or 0x0E <= b < 0x20 for b in head):
        return False
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):  # the sample may end inside a multi-byte character
            try:
                head[: len(head) - cut].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def check_file(path: Path, any_suffix: bool = False) -> None:
    """Raise FileUnreadableError unless ``path`` is a plausible, safe .xlsx package.

    ``any_suffix``: the content is known to be an .xlsx package whatever the name says."""
    name = path.name
    if not path.exists():
        raise _refuse(f"找不到文件：{path}")
    if path.is_dir():
        raise _refuse(f"“{path}”是文件夹，不是 Excel 工作簿")
    suffix = path.suffix.lower()
    if suffix in _SUFFIX_MESSAGES and not any_suffix:
        raise _refuse(_SUFFIX_MESSAGES[suffix].format(name=name))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(f"“{name}”过大（{size // (1024 * 1024)} MB），不是正常的目录工作簿")
    _sniff(path, name)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_entries(infos, name)
            _check_content_types(archive, name)
    except zipfile.BadZipFile as exc:
        raise _refuse(f"“{name}”不完整或已损坏（可能未下载完整），无法读取") from exc
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise _refuse(f"“{name}”已损坏或格式不正确，无法读取") from exc


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _refuse(f"“{name}”包含的部件过多（{len(infos)} 个），不像正常的工作簿，不予打开")
    names = {info.filename.lower().lstrip("/") for info in infos}
    if "xl/workbook.xml" not in names and not any(n.startswith("xl/workbook") for n in names):
        raise _refuse(f"“{name}”不是 Excel 工作簿（缺少工作簿内容）")
    total = 0
    for info in infos:
        lower = info.filename.lower().lstrip("/")
        for part, reason in _FORBIDDEN_PARTS:
            if part in lower:
                raise _refuse(f"“{name}”{reason}")
        if info.flag_bits & 0x1:
            raise _refuse(f"“{name}”含加密内容，请取消密码后另存再导入")
        size = info.file_size
        total += size
        if size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
            raise _refuse(f"“{name}”解压后过大，疑似“压缩炸弹”，不予打开")
        if lower.endswith("sharedstrings.xml") and size > MAX_SHARED_STRINGS_BYTES:
            raise _refuse(f"“{name}”的文字内容解压后过大，不予打开")
        if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(
                f"“{name}”压缩比异常（约 {size // max(info.compress_size, 1)}:1），疑似“压缩炸弹”，不予打开"
            )


def _check_content_types(archive: zipfile.ZipFile, name: str) -> None:
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        raise _refuse(f"“{name}”不是 Excel 工作簿（缺少内容类型说明）") from None
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        raise _refuse(f"“{name}”的内容类型说明异常，不予打开")
    data = archive.read(info).lower()
    if any(marker in data for marker in _MACRO_TYPES):
        raise _refuse(
            f"“{name}”是含宏的工作簿，为安全起见不予打开；请另存为不含宏的 .xlsx 后再导入"
        )
    if b"externallink" in data:
        raise _refuse(
            f"“{name}”含指向其他文件的外部链接，为安全起见不予打开；请在 Excel 中“断开链接”后另存再导入"
        )
