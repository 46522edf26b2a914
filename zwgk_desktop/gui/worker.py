"""A worker thread that never calls into Qt, and the UI-thread timer that hands on its news.

A thread that holds Python's lock (the GIL) while it enters Qt can deadlock the app: a
QObject being destroyed on the UI thread holds one of Qt's connection locks while PySide
waits for the GIL (to look for Python overrides), and the thread, holding the GIL, waits
for that same lock — when it emits a signal, or when QTextDocument connects its layout.
gdb showed exactly that in CI. So a worker here runs plain Python only: it leaves its
progress and its outcome in a :class:`Mailbox`, and a QTimer on the UI thread collects them
every few milliseconds while it runs. Work that needs Qt itself (the PDF) runs in a child
process (:mod:`pdf_process`), whose messages this worker relays.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:  # the core's progress and cancel protocol (core.xlsx loads on first use)
    from zwgk_desktop.core.xlsx.result import CancelCheck, Progress

    WorkFn = Callable[[Progress, CancelCheck], Any]

POLL_MS = 30  # how often the UI thread looks: progress stays smooth, the outcome is prompt
_RUNNING: set[PythonWorker] = set()  # kept alive until the outcome is delivered


class Mailbox:
    """What the worker thread leaves for the UI thread: the latest progress and, once, the
    outcome (``("done", result)`` or ``("failed", exc, details)``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress: tuple[int, int] | None = None
        self._outcome: tuple[Any, ...] | None = None

    def report(self, done: int, total: int) -> None:
        with self._lock:
            self._progress = (int(done), int(total))

    def finish(self, *outcome: Any) -> None:
        with self._lock:
            self._outcome = outcome

    def take(self) -> tuple[tuple[int, int] | None, tuple[Any, ...] | None]:
        """Progress not yet taken (or None), and the outcome (or None while running)."""
        with self._lock:
            progress, self._progress = self._progress, None
            return progress, self._outcome


class PythonWorker(QObject):
    """``fn(progress, cancel)`` on a plain Python thread; ``on_progress(done, total)``,
    ``on_done(result)`` and ``on_failed(exc, details)`` are called on the UI thread.

    The worker keeps itself alive until it has delivered its outcome, whatever happens to
    the widget that started it.
    """

    def __init__(
        self,
        fn: WorkFn,
        on_progress: Progress,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException, str], None],
        name: str = "zwgk-worker",
    ) -> None:
        super().__init__()
        self._fn: WorkFn | None = fn
        self._on_progress = on_progress
        self._on_done = on_done
        self._on_failed = on_failed
        self.cancel_event = threading.Event()
        self.mailbox = Mailbox()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> PythonWorker:
        _RUNNING.add(self)
        self._timer.start()
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def running(self) -> bool:
        return self in _RUNNING

    def _run(self) -> None:  # the worker thread: Python only, never Qt
        fn, self._fn = self._fn, None  # captured data is dropped with the work
        assert fn is not None
        try:
            result = fn(self.mailbox.report, self.cancel_event.is_set)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the UI thread
            self.mailbox.finish("failed", exc, traceback.format_exc())
        else:
            self.mailbox.finish("done", result)

    def poll(self) -> None:
        """UI thread: hand on the progress and, when it has come, the outcome (once)."""
        if self not in _RUNNING:
            return
        progress, outcome = self.mailbox.take()
        if progress is not None:  # the last one too: a bar ends full
            self._on_progress(*progress)
        if outcome is None:
            return
        self._timer.stop()
        _RUNNING.discard(self)
        if outcome[0] == "done":
            self._on_done(outcome[1])
        else:
            self._on_failed(outcome[1], outcome[2])

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread has ended (tests, shutdown); the outcome is still
        delivered by :meth:`poll`."""
        self._thread.join(timeout)
        return not self._thread.is_alive()


def stop_workers(timeout: float = 5.0) -> bool:
    """Ask every running worker to stop and wait up to ``timeout`` seconds in all for
    them (the app quitting): the core's work stops at its next ``cancel()`` check and
    ``atomic_path`` removes its temp file, instead of the thread dying with the
    interpreter. True when none is left running."""
    deadline = time.monotonic() + timeout
    workers = list(_RUNNING)
    for worker in workers:
        worker.cancel()
    return all(worker.wait(max(0.0, deadline - time.monotonic())) for worker in workers)


def running_workers() -> int:
    """Workers whose outcome has not been delivered yet (tests wait for none)."""
    return len(_RUNNING)
