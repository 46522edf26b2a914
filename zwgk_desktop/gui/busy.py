"""The wait cursor while the UI thread does work the clerk has to wait for.

Opening a large catalog and laying out the print preview run on the UI thread (a
preview's pages are painted on request, an opened document must be attached here); a
wait cursor says the program is working rather than stuck, as in Excel or WPS.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """Show the wait cursor for the duration of the block (nests; always restored)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
