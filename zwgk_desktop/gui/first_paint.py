"""Work that waits until the clerk sees the catalog: the table's first paint.

Opening a catalog queues work that is not needed to show it (background checking, the
form's 公开依据 hint that compiles the source register). A zero-delay timer does not
keep it out of the way: on a busy or slow PC it fires before the window has painted and
the clerk stares at an empty frame for that long. ``PaintWatch`` holds such work until
the watched widget has painted once (or a short fallback passed, e.g. a window opened
minimised), then runs it from the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a window that is shown but never paints (minimised) still gets its work


class PaintWatch(QObject):
    """Knows whether ``widget`` has painted yet and holds work back until it has."""

    def __init__(self, widget: QWidget, fallback_ms: int = FALLBACK_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self.painted = False
        self._waiting: list[Callable[[], None]] = []
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(fallback_ms)
        self._fallback.timeout.connect(self._release)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._widget and event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self._widget.removeEventFilter(self)  # no Python call per event from now on
            if self._waiting:
                QTimer.singleShot(0, self, self._release)  # after this paint has finished
        return False

    def hold(self, callback: Callable[[], None]) -> bool:
        """Run ``callback`` after the first paint and return True; False if there is
        nothing to wait for (painted already, or hidden: tests, a window not shown yet
        is not waited for) and the caller should go ahead now."""
        if self.painted or not self._widget.isVisible():
            return False
        self._waiting.append(callback)
        if not self._fallback.isActive():
            self._fallback.start()
        return True

    def _release(self) -> None:
        if not self.painted:  # the fallback: stop watching as well
            self.painted = True
            self._widget.removeEventFilter(self)
        self._fallback.stop()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()
