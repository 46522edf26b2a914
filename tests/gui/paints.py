"""Paints in tests: counting a widget's paint events, and what the screen shows against a
full render."""

from __future__ import annotations

from typing import Any


def count_paints(widget: Any) -> list[int]:
    """A list that grows by one at each paint event of ``widget`` (a filter, for tests)."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[int] = []

    class Counter(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                seen.append(1)
            return False

    counter = Counter(widget)
    widget.installEventFilter(counter)
    return seen


def on_screen(window: Any, widget: Any) -> Any:
    """What ``window`` shows over ``widget`` now (its backing store), painting nothing."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication, QImage

    corner = widget.mapTo(window, QPoint(0, 0))
    shot = QGuiApplication.primaryScreen().grabWindow(
        window.winId(), corner.x(), corner.y(), *widget.size().toTuple()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def rendered(widget: Any) -> Any:
    """``widget`` and its children drawn afresh, every cell included (``full_paint``)."""
    from PySide6.QtGui import QImage

    from zwgk_desktop.gui.paint_budget import full_paint

    with full_paint():
        image = widget.grab().toImage()
    return image.convertToFormat(QImage.Format.Format_RGB32)
