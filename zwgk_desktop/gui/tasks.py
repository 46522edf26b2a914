"""Run long core work (import, export, PDF) off the UI thread, with progress and 取消.

The worker only ever sees plain Python callables: ``fn(progress, cancel)``; it runs on a
:class:`worker.PythonWorker`, which never calls into Qt from its thread (the deadlock that
rules out, and why, is in :mod:`worker`). ``on_done``/``on_error`` run on the UI thread.
A running task keeps itself alive until it has finished, whatever happens to the widget
that started it.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.gui.worker import PythonWorker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from zwgk_desktop.gui.worker import WorkFn

__all__ = ["BackgroundTask", "run_in_background"]

MIN_DURATION_MS = 300


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
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._worker = PythonWorker(
            fn, self._handle_progress, self._handle_done, self._handle_failed, name=title
        )
        self._cancel_event = self._worker.cancel_event
        self._in_set_value = False
        self.finished = False
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog = self._make_dialog(parent, title)

    # ------------------------------------------------------------------ public
    def start(self) -> BackgroundTask:
        self._worker.start()
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
        from PySide6.QtWidgets import QProgressDialog  # with the first long task

        from zwgk_desktop.gui.dialogs.sizing import fit_when_shown

        dialog = QProgressDialog(f"{title}…", "取消", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(MIN_DURATION_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        fit_when_shown(dialog)
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
                counted = total > 0 and self._show_counts  # not a per-mille of pages
                self.dialog.setLabelText(
                    f"{self._title}…（{done}/{total}）" if counted else f"{self._title}…"
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
    generation by generation when the counts pass the usual thresholds.
    """

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self._thresholds
        if c0 > t0:
            gc.collect(0)
            if c1 > t1:
                gc.collect(1)
                if c2 > t2:
                    gc.collect(2)
