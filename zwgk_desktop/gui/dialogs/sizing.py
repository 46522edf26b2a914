"""Dialogs wide enough for their title bar.

Qt sizes a dialog by its contents; the title bar then elides a long title ("导出 PD…
制工具", since the app name is appended to every title). Asking for the title's width
plus room for the icon and the window buttons keeps titles whole.

Fitting is asked for per dialog (:class:`FittedDialog`, :func:`fit_when_shown`), not by a
filter on the whole application: a Python filter there sees every event of every widget,
and converting the first events' private Qt objects makes PySide build all its lazy
classes and enums at start-up (~80 ms before the first paint). Qt's static helpers give
no object to fit, so :func:`fitting_dialogs` filters the application only while one runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject
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
    """Event filter: a top-level dialog is made wide enough for its title when shown.

    Installed on one dialog, or on the application while a static helper runs. Only Show
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


def fit_when_shown(dialog: QWidget) -> TitleFitter:
    """Fit ``dialog`` (a QMessageBox, QProgressDialog … built by us) when it is shown."""
    fitter = TitleFitter(dialog)
    dialog.installEventFilter(fitter)
    return fitter


class FittedDialog(QDialog):
    """Base of the app's own dialogs: shown no narrower than their title."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (QDialog's)
        super().__init__(*args, **kwargs)
        self.title_fitter = fit_when_shown(self)


@contextmanager
def fitting_dialogs() -> Iterator[None]:
    """While a static helper (QFileDialog.getOpenFileName …) runs, fit what it shows."""
    app = QCoreApplication.instance()
    if app is None:
        yield
        return
    fitter = TitleFitter()
    app.installEventFilter(fitter)
    try:
        yield
    finally:
        app.removeEventFilter(fitter)
        fitter.deleteLater()
