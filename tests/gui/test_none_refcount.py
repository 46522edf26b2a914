"""Guard against the PySide6 6.12 “none_dealloc” crash on Python 3.11.

PySide6 6.12.0 drops one reference to None on every call of a Qt method that returns
nothing; after enough calls Python aborts. pyproject pins PySide6 < 6.12 on Python 3.11;
this test fails loudly if a leaking build is installed anyway.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

CALLS = 100_000


def test_void_qt_calls_do_not_leak_none(qapp) -> None:
    label = QLabel()
    for _ in range(1000):  # warm-up: caches, interned strings
        label.setText("预热")
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText("政务公开" if n % 2 else "标准目录")
    after = sys.getrefcount(None)
    # Unrelated code may take or drop a few references; a leak drops ~CALLS of them.
    assert after > before - 1000, f"None lost {before - after} references in {CALLS} calls"
