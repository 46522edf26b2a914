"""Dialogs wide enough for their title bar.

Qt sizes a dialog by its contents; the title bar then elides a long title ("导出 PD…
制工具", since the app name is appended to every title). Asking for the title's width
plus room for the icon and the window buttons keeps titles whole.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_CHROME_PX = 170  # icon, close/maximise buttons and margins of a typical title bar


def full_title(widget: QWidget) -> str:
    """The title as the window manager shows it (with the application's display name)."""
    title = widget.windowTitle()
    app_name = QGuiApplication.applicationDisplayName()
    if app_name and app_name not in title:
        return f"{title} — {app_name}"
    return title


def fit_title(widget: QWidget, minimum: int = 0) -> int:
    """Make ``widget`` at least as wide as its title needs; returns the width asked for."""
    metrics = QFontMetrics(QGuiApplication.font())
    width = max(minimum, metrics.horizontalAdvance(full_title(widget)) + TITLE_CHROME_PX)
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        width = min(width, screen.availableGeometry().width() - 40)
    widget.setMinimumWidth(width)
    if widget.width() < width:
        widget.resize(width, widget.height())
    return width
