"""Chinese reasons for OS errors: a clerk never sees an English ``strerror``.

Python's own text for a failed ``open()`` is the C library's English ("No such file or
directory") even on a Chinese Windows. Reading and writing fail for different reasons in
the clerk's eyes (a missing file, or a missing folder to write into), hence two maps.
"""

from __future__ import annotations

import errno

_COMMON = {
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "磁盘读写出错（U 盘或网络盘可能已断开）",
    errno.ENOTDIR: "路径中有一段不是文件夹",
}
_WRITE = _COMMON | {
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EACCES: "没有写入该位置的权限",
    errno.EPERM: "没有写入该位置的权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出了磁盘配额",
    errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "目标是一个文件夹",
}
_READ = _COMMON | {
    errno.ENOENT: "文件不存在（可能已被移动或删除）",
    errno.EACCES: "没有读取该文件的权限，或文件正被其他程序独占",
    errno.EPERM: "没有读取该文件的权限，或文件正被其他程序独占",
    errno.EISDIR: "这是一个文件夹，不是文件",
}


def _reason(table: dict[int, str], exc: OSError) -> str:
    return table.get(exc.errno or 0, f"系统错误 {exc.errno}" if exc.errno else "系统错误")


def os_reason(exc: OSError) -> str:
    """Why writing (creating, replacing, copying to) a file or folder failed."""
    return _reason(_WRITE, exc)


def read_reason(exc: OSError) -> str:
    """Why reading a file failed."""
    return _reason(_READ, exc)


# SQLite's messages, by a phrase of its (English, fixed) text.
_SQLITE = (
    ("locked", "文件正被其他程序使用，请稍后再试"),
    ("busy", "文件正被其他程序使用，请稍后再试"),
    ("disk is full", "磁盘空间不足"),
    ("readonly", "文件或所在文件夹是只读的"),
    ("read-only", "文件或所在文件夹是只读的"),
    ("malformed", "文件已损坏"),
    ("not a database", "文件已损坏或不是目录文件"),
    ("disk i/o", "磁盘读写出错（U 盘或网络盘可能已断开）"),
    ("unable to open", "无法打开文件（可能已被移动、删除，或没有权限）"),
)


def store_reason(exc: BaseException, writing: bool = False) -> str:
    """Why reading or writing a document (an SQLite file) failed: an OS error, or
    SQLite's own (English) message put in Chinese; an unknown one is kept, in brackets,
    for whoever supports the clerk."""
    if isinstance(exc, OSError):
        return os_reason(exc) if writing else read_reason(exc)
    text = str(exc).lower()
    for phrase, reason in _SQLITE:
        if phrase in text:
            return reason
    return f"文件读写出错（{exc}）"
