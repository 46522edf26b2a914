"""Dialogs wide enough for their title bar.

Qt sizes a dialog by its contents; the title bar then elides a long title ("导出 PD…
制工具", since the app name is appended to every title). Asking for the title's width
plus room for the icon and the window buttons keeps titles whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

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


FILE_DIALOG_MIN = (880, 540)  # Qt's own file dialog (no native one): columns not clipped


class TitleFitter(QObject):
    """Application event filter: every dialog, Qt's static ones too, is shown wide enough.

    The static QFileDialog/QInputDialog/QMessageBox helpers give us no object to size
    before they show, so this looks at each top-level dialog as it is shown. Only Show
    events are examined; everything else returns at the first comparison.
    """

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.Show or not isinstance(obj, QDialog):
            return False
        if not obj.isWindow() or obj.property("zwgkFitted"):
            return False
        obj.setProperty("zwgkFitted", True)
        if isinstance(obj, QFileDialog):
            width, height = FILE_DIALOG_MIN
            screen = obj.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                width, height = min(width, area.width() - 40), min(height, area.height() - 60)
            obj.resize(max(obj.width(), width), max(obj.height(), height))
        if isinstance(obj, QMessageBox):
            _widen_message_box(obj)
        else:
            fit_title(obj)
        return False


def _widen_message_box(box: QMessageBox) -> None:
    """QMessageBox fixes its own size when shown; a spacer in its grid widens it."""
    layout = box.layout()
    if not isinstance(layout, QGridLayout):
        return
    metrics = QFontMetrics(QGuiApplication.font())
    width = metrics.horizontalAdvance(full_title(box)) + TITLE_CHROME_PX
    screen = box.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        width = min(width, screen.availableGeometry().width() - 40)
    spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
    layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def install_title_fitter(app: QObject) -> TitleFitter:
    fitter = TitleFitter(app)
    app.installEventFilter(fitter)
    return fitter
