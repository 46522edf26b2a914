"""OS and SQLite errors reach the clerk in Chinese: no English strerror in any message."""

from __future__ import annotations

import errno
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zwgk_desktop.core.os_reasons import os_reason, read_reason, store_reason

PACKAGE = Path(__file__).resolve().parents[2] / "zwgk_desktop"


def test_reading_and_writing_fail_for_reasons_a_clerk_understands() -> None:
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert read_reason(missing) == "文件不存在（可能已被移动或删除）"
    assert os_reason(missing) == "文件夹不存在"  # writing: the folder to write into is gone
    assert (
        read_reason(IsADirectoryError(errno.EISDIR, "Is a directory")) == "这是一个文件夹，不是文件"
    )
    assert "权限" in read_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert read_reason(OSError(12345, "weird")) == "系统错误 12345"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("database is locked", "文件正被其他程序使用，请稍后再试"),
        ("database disk image is malformed", "文件已损坏"),
        ("file is not a database", "文件已损坏或不是目录文件"),
        ("attempt to write a readonly database", "文件或所在文件夹是只读的"),
        ("database or disk is full", "磁盘空间不足"),
        ("disk I/O error", "磁盘读写出错（U 盘或网络盘可能已断开）"),
    ],
)
def test_sqlite_messages_are_put_in_chinese(message: str, reason: str) -> None:
    assert store_reason(sqlite3.OperationalError(message)) == reason


def test_no_message_is_built_from_strerror() -> None:
    """``exc.strerror`` is the C library's English even on a Chinese Windows."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.strerror\b", line) and not line.lstrip().startswith(("#", '"""'))
    ]
    assert offenders == []


ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


@pytest.mark.parametrize(
    "name", ["无此文件.docx", "无此文件.html", "无此文件.csv", "无此文件.xlsx"]
)
def test_import_of_a_missing_file_says_so_in_chinese(tmp_path: Path, name: str) -> None:
    result = subprocess.run(
        [ZWGK, "import", name, "-o", "新目录.zwgk"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    message = result.stderr.replace(name, "").replace("zwgk", "")
    assert re.search(r"[A-Za-z]{3,}", message) is None, result.stderr  # no English words
    assert "不存在" in message or "找不到" in message
