"""Counting a widget's paint events, for tests of what waits for a repaint."""

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
