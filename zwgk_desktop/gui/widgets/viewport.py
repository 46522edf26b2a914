"""Views whose viewport widget is made from Python.

Handing Qt's own viewport to Python (any ``view.viewport()`` call) makes PySide look up
a type it has not bound, and that lookup builds every class of QtWidgets with all their
enums: about 20 ms, once, on the way to the first paint. A viewport created here is
already a Python object, so asking for it costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(view: QAbstractScrollArea) -> QWidget:
    """Replace ``view``'s viewport with an equivalent plain widget made from Python."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")  # what Qt names its own (style sheets)
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)  # touch-screen scrolling
    view.setViewport(viewport)
    return viewport
