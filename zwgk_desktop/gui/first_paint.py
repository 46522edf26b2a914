"""Work that waits until the clerk sees the catalog: the table's first paint.

Opening a catalog queues work that is not needed to show it (background checking, the
form's 公开依据 hint that compiles the source register). A zero-delay timer does not
keep it out of the way: on a busy or slow PC it fires before the window has painted and
the clerk stares at an empty frame for that long. ``PaintWatch`` holds such work until
the watched widget has painted once (or a short fallback passed, e.g. a window opened
minimised), then runs it from the event loop.

The same holds for later changes: background work set off by a big change (the re-check
of a 500-row paste) waits for the repaint of that change (``after_next_paint``), or its
first slice would fall in the same event-loop turn and freeze the window twice as long.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a window that is shown but never paints (minimised) still gets its work
NEXT_PAINT_FALLBACK_MS = 200  # a change out of view repaints nothing: do not wait longer


class PaintWatch(QObject):
    """Knows whether ``widget`` has painted yet and holds work back until it has.

    ``painted`` is a signal the widget emits after each paint (``ItemTableView.painted``),
    not an event filter: a Python filter has PySide convert each event to its Python
    class, and the first conversion builds all ~50 of PySide's event classes (~5 ms
    before the first paint)."""

    def __init__(
        self,
        widget: QWidget,
        painted: SignalInstance,
        fallback_ms: int = FALLBACK_MS,
        next_paint_fallback_ms: int = NEXT_PAINT_FALLBACK_MS,
        warmup: Sequence[Callable[[], None]] = (),
    ) -> None:
        """``warmup``: steps the held work needs (reading the register…), run after the
        first paint one per event-loop turn, before the held work: done all at once by
        whichever needed it first, they froze the new window for ~150 ms."""
        super().__init__(widget)
        self._widget = widget
        self._painted_signal = painted
        self.painted = False
        self._warmup = list(warmup)
        self._release_pending = False
        self._waiting: list[Callable[[], None]] = []
        self._first: list[Callable[[], None]] = []  # before the warm-up (see ``soon``)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(fallback_ms)
        self._fallback.timeout.connect(self._release)
        self._after_next: list[Callable[[], None]] = []
        self._next_fallback = QTimer(self)
        self._next_fallback.setSingleShot(True)
        self._next_fallback.setInterval(next_paint_fallback_ms)
        self._next_fallback.timeout.connect(self._release_next)
        self._listening = False
        self._watch(True)

    def _watch(self, on: bool) -> None:
        """Hear of paints only while something waits for one: a connected Python slot
        costs a call per paint."""
        if on and not self._listening:
            self._painted_signal.connect(self._on_paint)
        elif not on and self._listening:
            self._painted_signal.disconnect(self._on_paint)
        self._listening = on

    def _on_paint(self) -> None:
        if not self.painted:
            self.painted = True
            if self._waiting or self._warmup or self._first:
                self._schedule_release()  # after this paint has finished
        if self._after_next:  # likewise; work queued meanwhile waits for the next one
            ready, self._after_next = self._after_next, []
            self._next_fallback.stop()
            QTimer.singleShot(0, self, lambda: _run(ready))
        self._watch(False)

    def hold(self, callback: Callable[[], None]) -> bool:
        """Run ``callback`` after the first paint and return True; False if there is
        nothing to wait for (painted already, or hidden: tests, a window not shown yet
        is not waited for) and the caller should go ahead now."""
        if (self.painted and not self._warmup) or not self._widget.isVisible():
            return False
        self._waiting.append(callback)
        if self.painted:
            self._schedule_release()  # painted, still warming up: the chain may be idle
        elif not self._fallback.isActive():
            self._fallback.start()
        return True

    def soon(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in the first event-loop turn after the first paint, before the
        warm-up and the held work: what the clerk sees next but the first frame can do
        without (the form's fields, the 最近打开 list).

        The app's start opens the file before it shows the window, so whether there is a
        paint to wait for is decided in the next event-loop turn; a window that is not
        shown then (tests) runs ``callback`` in that turn, one that painted already too.
        """
        QTimer.singleShot(0, self, lambda: self._first_or_now(callback))

    def _first_or_now(self, callback: Callable[[], None]) -> None:
        if self.painted or not self._widget.isVisible():
            callback()
            return
        self._first.append(callback)
        if not self._fallback.isActive():
            self._fallback.start()

    def _schedule_release(self) -> None:
        if not self._release_pending:
            self._release_pending = True
            QTimer.singleShot(0, self, self._release)

    def after_next_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the widget's next paint has finished; at once if the
        widget is hidden (nothing will paint), after a short fallback if no paint comes
        (the change was out of view)."""
        if not self._widget.isVisible():
            callback()
            return
        self._after_next.append(callback)
        self._watch(True)
        if not self._next_fallback.isActive():
            self._next_fallback.start()

    def _release(self) -> None:
        self._release_pending = False
        if not self.painted:  # the fallback: stop watching as well
            self.painted = True
            self._watch(bool(self._after_next))
        self._fallback.stop()
        if self._first:
            first, self._first = self._first, []
            _run(first)
            if self._warmup or self._waiting:
                self._schedule_release()  # the warm-up in a turn of its own
            return
        if self._warmup:
            step = self._warmup.pop(0)
            with contextlib.suppress(Exception):  # the held work does it again, says why
                step()
            self._schedule_release()  # the next step in a turn of its own
            return
        waiting, self._waiting = self._waiting, []
        _run(waiting)

    def _release_next(self) -> None:
        """The fallback: no paint came."""
        waiting, self._after_next = self._after_next, []
        self._watch(not self.painted)
        _run(waiting)


def _run(callbacks: list[Callable[[], None]]) -> None:
    for callback in callbacks:
        callback()


def checking_warmup() -> list[Callable[[], None]]:
    """What the first check and the form's outdated-citation hint need, a piece per turn:
    the register's code, the register, its matcher, the checking rules (on the 2-core test
    machine with the user cache warm: ~15, ~6, ~11 and ~8 ms, so no turn misses a frame;
    before PySide stopped reading our modules' source and the matcher stopped normalising
    28,000 characters, ~45, ~15, ~35 and ~40 ms)."""

    def load_register_code() -> None:
        import zwgk_desktop.core.sources.outdated
        import zwgk_desktop.core.sources.replace  # noqa: F401

    def read_register() -> None:
        from zwgk_desktop.core.sources import active_register

        active_register()

    def compile_matcher() -> None:
        from zwgk_desktop.core.sources import active_register
        from zwgk_desktop.core.sources.matcher import matcher_for

        matcher_for(active_register())

    def load_rules() -> None:
        import zwgk_desktop.core.validation.engine  # noqa: F401

    return [load_register_code, read_register, compile_matcher, load_rules]
