"""Size and expansion limits shared by the non-xlsx readers, and the zip pre-check."""

from __future__ import annotations

import zipfile
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.os_reasons import read_reason

MAX_FILE_BYTES = 64 * 1024 * 1024  # a 100,000-item catalog is far smaller in any format
MAX_TEXT_BYTES = 64 * 1024 * 1024  # csv / html read into memory
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_TOTAL = 512 * 1024 * 1024  # declared uncompressed size of all entries
MAX_ZIP_ENTRY = 256 * 1024 * 1024
MAX_RATIO = 150
RATIO_FLOOR_BYTES = 4 * 1024 * 1024
_SCAN_CHUNK = 1 << 20
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileUnreadableError(f"无法读取“{path.name}”：{read_reason(exc)}") from exc
    if size == 0:
        raise FileUnreadableError(f"“{path.name}”是空文件")
    if size > limit:
        raise FileUnreadableError(
            f"“{path.name}”过大（{size // (1024 * 1024)} MB），不是正常的目录文件"
        )
    return size


def check_zip(path: Path, required: str, what: str) -> None:
    """Refuse a zip package (.docx/.ods) that is a bomb, encrypted, or lacks ``required``;
    any XML part we will parse must not declare a DTD or entities."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise FileUnreadableError(f"“{name}”包含的部件过多，不像正常的{what}，不予打开")
            names = {info.filename for info in infos}
            if required not in names:
                raise FileUnreadableError(f"“{name}”不是{what}（缺少 {required}）")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise FileUnreadableError(f"“{name}”含加密内容，请取消密码后另存再打开")
                total += info.file_size
                ratio_bad = info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                )
                if info.file_size > MAX_ZIP_ENTRY or total > MAX_ZIP_TOTAL or ratio_bad:
                    raise FileUnreadableError(f"“{name}”解压后过大，疑似“压缩炸弹”，不予打开")
            for info in infos:
                if info.filename.endswith(".xml"):
                    _check_no_dtd(archive, info, name)
    except zipfile.BadZipFile as exc:
        raise FileUnreadableError(f"“{name}”不完整或已损坏，无法读取") from exc
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise FileUnreadableError(f"“{name}”已损坏或格式不正确，无法读取") from exc


def _check_no_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Only the head of a part may hold a DTD: read its first MB (bounded), look for one."""
    with archive.open(info) as source:
        head = source.read(_SCAN_CHUNK)
    if any(marker in head for marker in _DTD_MARKERS):
        raise FileUnreadableError(
            f"“{name}”含不安全的 XML 内容（实体或 DTD 声明），为安全起见不予打开"
        )
