"""Run long core work (import, export, PDF) off the UI thread, with progress and 取消.

The worker only ever sees plain Python callables: ``fn(progress, cancel)``. The signals
object is created and owned on the UI thread (novelWriter #2926: a runnable that owns its
signals destroys them on the pool thread); cancel is a ``threading.Event``. Results and
errors come back through queued signals, so ``on_done``/``on_error`` run on the UI thread.
A running task keeps itself alive in ``_ACTIVE`` until it has finished, whatever happens
to the widget that started it.

Objects waiting for ``deleteLater`` are destroyed before a worker starts, and the UI
thread's garbage collection waits while one runs (``MainThreadGC``). A QObject being
destroyed by the event loop holds one of Qt's connection locks while it asks PySide (which
needs the GIL) about Python overrides; a worker that meanwhile holds the GIL and connects a
Qt object under the same lock (QTextDocument does, for every page of a PDF) waits for it
forever. A full-suite run hung exactly so: a window of an earlier test was deleted in the
event loop that waited for a background PDF export.
"""

from __future__ import annotations

import gc
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from zwgk_desktop.core.errors import ZwgkError

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
WorkFn = Callable[[ProgressFn, CancelFn], Any]

MIN_DURATION_MS = 300
_PROGRESS_INTERVAL = 0.05  # seconds between progress signals: a 16,000-item loop emits ~20/s
_ACTIVE: set[BackgroundTask] = set()


class _Signals(QObject):
    """Lives on the UI thread; the worker only emits through it."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, fn: WorkFn, signals: _Signals, cancel_event: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._progress = signals.progress
        self._done = signals.done
        self._failed = signals.failed
        self._cancel_event = cancel_event
        self._last_emit = 0.0

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= _PROGRESS_INTERVAL:
            self._last_emit = now
            self._emit(self._progress, int(done), int(total))

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The application is shutting down and took the signals object with it:
            # nobody is left to tell, so stop quietly.
            self._cancel_event.set()

    def run(self) -> None:
        try:
            result = self._fn(self._report, self._cancel_event.is_set)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            self._emit(self._failed, exc, traceback.format_exc())
        else:
            self._emit(self._done, result)
        finally:
            self._fn = None  # type: ignore[assignment]  # drop captured data on the worker


class BackgroundTask(QObject):
    """One piece of background work and its progress dialog.

    ``finished`` is True once ``on_done``/``on_error`` has run (or the task was cancelled);
    tests wait on it with ``qtbot.waitUntil(lambda: task.finished)``.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: WorkFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        show_counts: bool = True,
    ) -> None:
        super().__init__()
        self._show_counts = show_counts
        self._parent = parent
        self._title = title
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._cancel_event = threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self._handle_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.done.connect(self._handle_done, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._handle_failed, Qt.ConnectionType.QueuedConnection)
        self._in_set_value = False
        self.finished = False
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog = self._make_dialog(parent, title)

    # ------------------------------------------------------------------ public
    def start(self) -> BackgroundTask:
        _ACTIVE.add(self)
        # pending deferred deletions, done now, cannot meet the worker (see the module doc)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QThreadPool.globalInstance().start(_Runnable(self._fn, self._signals, self._cancel_event))
        return self

    def cancel(self) -> None:
        """Ask the worker to stop; it notices at its next ``cancel()`` check."""
        if self.finished:
            return
        self._cancel_event.set()
        if isValid(self.dialog):
            self.dialog.setLabelText("正在取消…")
            self.dialog.setCancelButton(None)

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    # ------------------------------------------------------------------ dialog
    def _make_dialog(self, parent: QWidget | None, title: str) -> QProgressDialog:
        dialog = QProgressDialog(f"{title}…", "取消", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(MIN_DURATION_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        dialog.canceled.disconnect()  # default slot would reset/hide the dialog at once
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        return dialog

    def _handle_progress(self, done: int, total: int) -> None:
        if self.finished or self._in_set_value or not isValid(self.dialog):
            return  # setValue on a modal dialog processes events: never nest
        self._in_set_value = True
        try:
            if total <= 0:
                self.dialog.setRange(0, 0)
            else:
                if self.dialog.maximum() != total:
                    self.dialog.setRange(0, total)
                self.dialog.setValue(min(done, total))
            if not self._cancel_event.is_set():
                self.dialog.setLabelText(
                    f"{self._title}…（{done}/{total}）" if total > 0 else f"{self._title}…"
                )
        finally:
            self._in_set_value = False

    # ------------------------------------------------------------------ outcome
    def _close_dialog(self) -> None:
        if isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()

    def _parent_gone(self) -> bool:
        """The widget that started the work was destroyed: its callbacks have nothing to update."""
        return self._parent is not None and not isValid(self._parent)

    def _finish(self) -> None:
        self.finished = True
        _ACTIVE.discard(self)

    def _handle_done(self, result: Any) -> None:
        self._close_dialog()
        self.result = result
        if self._parent_gone():
            self._finish()
            return
        try:
            self._on_done(result)
        except BaseException as exc:  # noqa: BLE001 - a broken callback must not kill the app
            self.error = exc
            report_error(self._parent, self._title, exc)
        finally:
            self._finish()

    def _handle_failed(self, exc: BaseException, details: str) -> None:
        self._close_dialog()
        self.error = exc
        if self._parent_gone():
            self.cancelled = self._cancel_event.is_set()
            self._finish()
            return
        try:
            if self._cancel_event.is_set() and isinstance(exc, ZwgkError):
                self.cancelled = True  # the worker stopped because we asked it to
                if self._on_cancel is not None:
                    self._on_cancel()
            elif self._on_error is not None:
                self._on_error(exc)
            else:
                report_error(self._parent, self._title, exc, details)
        except BaseException as callback_exc:  # noqa: BLE001
            report_error(self._parent, self._title, callback_exc)
        finally:
            self._finish()


def report_error(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    """A user error as its Chinese line; anything else as 内部错误 with the traceback."""
    from zwgk_desktop.gui.dialogs.common import show_error, show_internal_error

    if isinstance(exc, ZwgkError):
        show_error(parent, title, str(exc))
    else:
        show_internal_error(parent, title, exc, details or "".join(traceback.format_exception(exc)))


def run_in_background(
    parent: QWidget | None,
    title: str,
    fn: WorkFn,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_counts: bool = True,
) -> BackgroundTask:
    """Start ``fn(progress, cancel)`` on a worker thread; returns at once.

    A window-modal progress dialog with 取消 appears after 300 ms. ``on_done(result)`` runs
    on the UI thread. Errors: ``on_error(exc)`` if given, else ZwgkError → its Chinese line,
    anything else → a 内部错误 box with details. A ZwgkError raised after 取消 (the core's
    ``Cancelled``) calls ``on_cancel`` instead and shows nothing. ``show_counts`` puts
    “（done/total）” in the label, for progress counted in items.
    """
    return BackgroundTask(parent, title, fn, on_done, on_error, on_cancel, show_counts).start()


def run_blocking(parent: QWidget | None, title: str, fn: WorkFn, timeout_ms: int = 600_000) -> Any:
    """Run ``fn`` in the background but wait for it (tests, scripts); re-raises its error."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    box: dict[str, Any] = {}

    def done(result: Any) -> None:
        box["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        box["error"] = exc
        loop.quit()

    task = run_in_background(parent, title, fn, done, failed, on_cancel=loop.quit)
    if not task.finished:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    if "error" in box:
        raise box["error"]
    if not task.finished:
        raise TimeoutError(title)
    return box.get("result")


class MainThreadGC(QObject):
    """Run Python's cyclic GC only on the UI thread (novelWriter #2927, pyqtgraph/calibre).

    A collection triggered inside a worker can destroy UI-thread QObjects there. The app
    calls ``MainThreadGC(app)`` once: automatic GC is disabled and a timer collects
    generation by generation when the counts pass the usual thresholds. It waits while a
    background task runs: a collection then destroys QObjects on the UI thread, which can
    deadlock with the worker (see the module doc); the garbage keeps until it has finished.
    """

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        if _ACTIVE:
            return
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self._thresholds
        if c0 > t0:
            gc.collect(0)
            if c1 > t1:
                gc.collect(1)
                if c2 > t2:
                    gc.collect(2)
