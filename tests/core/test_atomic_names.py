"""core.atomic: names the platform cannot store are caught before anything is written."""

from __future__ import annotations

import errno

import pytest

from zwgk_desktop.core.atomic import name_problem, os_error_in
from zwgk_desktop.core.os_reasons import os_reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("CON.xlsx", "保留设备名"),
        ("lpt9", "保留设备名"),
        ("a<b>.xlsx", "不允许的字符"),
        ("x|y.json", "不允许的字符"),
        ("tab\there.xlsx", "U+0009"),
        ("结尾.", "空格或句点结尾"),
        ("结尾 ", "空格或句点结尾"),
        ("长" * 86, "文件名太长"),
    ],
)
def test_bad_names(name: str, reason: str) -> None:
    assert reason in name_problem(name)


@pytest.mark.parametrize("name", ["甲镇目录.xlsx", "CONSOLE.xlsx", "com10.json", "长" * 80 + ".x"])
def test_good_names(name: str) -> None:
    assert name_problem(name) == ""


def test_os_reasons_are_chinese_and_found_behind_a_wrapper() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    wrapped = RuntimeError(full)
    assert os_error_in(wrapped) is full
    assert os_reason(full) == "磁盘空间不足"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "磁盘或文件夹是只读的"
