"""Painting a screen of changed cells over several event-loop turns, as a browser fills a page.

Drawing a cell never drawn before (CJK text laid out and elided by the style) costs
~60–190 µs; a paste of new text (or its undo) can show ~200 such cells at once, and one
pass drawing them all kept the window from answering for 15–25 ms on an office PC. A frame
that shows changed content (``DeferredCells``) now draws new cells for at most ``seconds``,
the table and its frozen columns together (cells in the pixmap cache cost ~10 µs and are
always drawn); a cell past the budget gets its background only (selection and colour
included) and the view repaints itself in the next turn, where the cells drawn come from
the cache and more new ones are drawn. A screen of new text is complete after 2–4 frames,
the window answering between.

Scrolling and a view's first pass are not limited (the first paint shows the whole table
at once), and ``full_paint()`` draws every cell for a grab that must show them all
(screenshots, tests).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer

_SUSPENDED = 0  # full_paint() nesting: while above 0 every pass draws every cell
MIN_NEW_CELLS = 2  # drawn in every pass whatever the time, so each pass makes progress


@contextmanager
def full_paint() -> Iterator[None]:
    """Every pass inside draws every cell (for ``QWidget.grab`` and the like)."""
    global _SUSPENDED
    _SUSPENDED += 1
    try:
        yield
    finally:
        _SUSPENDED -= 1


class PaintBudget:
    """The time the passes of one frame may spend on cells they draw anew.

    A frame is what Qt paints before it returns to the event loop: the table and its
    frozen columns are painted in the same one, so their delegates share a budget.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline: float | None = None  # this frame's, once a limited pass began
        self._limited = False  # the pass under way is limited
        self.drawn = 0  # new cells drawn in the pass under way
        self.left_out = 0  # new cells it left for the next frame
        self._frame = QTimer()
        self._frame.setSingleShot(True)
        self._frame.setInterval(0)  # fires once Qt is back in the event loop
        self._frame.timeout.connect(self._end_frame)

    def _end_frame(self) -> None:
        self._deadline = None

    def begin(self, limited: bool) -> None:
        self._limited = limited and not _SUSPENDED
        if self._limited and self._deadline is None:
            self._deadline = time.perf_counter() + self.seconds
            self._frame.start()
        self.drawn = self.left_out = 0

    def end(self) -> int:
        """Close the pass; how many new cells it left out."""
        self._limited = False
        return self.left_out

    def allows_new_cell(self) -> bool:
        """Whether the pass may draw one more new cell (counts it either way)."""
        deadline = self._deadline
        if (
            not self._limited
            or deadline is None
            or self.drawn < MIN_NEW_CELLS
            or time.perf_counter() < deadline
        ):
            self.drawn += 1
            return True
        self.left_out += 1
        return False


class DeferredCells(QObject):
    """A view's passes under its delegate's budget, and the repaint that finishes them.

    Only the frames that show a change of content are limited (an edit, a paste, an undo:
    the model's cells or rows changed), until one of them is whole again. Scrolling and
    resizing draw every cell, as before: a clerk holding PageDown through new rows sees
    their text in every frame, not backgrounds that the next page replaces.
    """

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.started = False  # the first pass that drew cells drew them all
        self._incomplete = False  # the last pass left cells out (the screen is not whole)
        self._changed = False  # the model's content changed since the last whole pass
        self._model: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._finish)

    def _watch(self, model: Any) -> None:
        """Hear of the content changes of the view's model (it changes with the view's)."""
        if model is self._model:
            return
        if self._model is not None:
            for signal in _content_signals(self._model):
                signal.disconnect(self._content_changed)
        self._model = model
        if model is not None:
            for signal in _content_signals(model):
                signal.connect(self._content_changed)

    def _content_changed(self, *_: Any) -> None:
        self._changed = True

    def paint(self, event: Any, paint: Callable[[Any], None]) -> None:
        budget: PaintBudget | None = getattr(self.view.itemDelegate(), "budget", None)
        if budget is None:
            paint(event)
            return
        self._watch(self.view.model())
        budget.begin(limited=self.started and (self._changed or self._incomplete))
        try:
            paint(event)
        finally:
            left_out = budget.end()
        self.started = self.started or budget.drawn > 0
        self._incomplete = left_out > 0
        if left_out:
            self.timer.start()
        else:
            self._changed = False

    @property
    def pending(self) -> bool:
        """Some cells on screen show their background only, until a coming frame."""
        return self._incomplete and self.view.isVisible()

    def _finish(self) -> None:
        # The whole viewport: a scroll since may have moved the cells left out. The
        # cells already drawn come from the cache.
        self.view.viewport().update()


def _content_signals(model: Any) -> tuple[Any, ...]:
    """The model's signals that mean cells now show other text."""
    return (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.layoutChanged)
