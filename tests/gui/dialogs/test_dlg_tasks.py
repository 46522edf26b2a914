"""Background tasks: results, progress, errors and 取消 all arrive on the UI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QPushButton, QWidget
from shiboken6 import isValid

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.tasks import run_blocking, run_in_background


def test_result_and_progress_arrive_on_ui_thread(qtbot, parent):
    ui_thread = QThread.currentThread()
    worker_threads: list[object] = []
    seen: dict[str, object] = {}

    def work(progress, cancel):
        worker_threads.append(threading.current_thread())
        for n in range(1, 6):
            progress(n, 5)
            time.sleep(0.06)
        return sum(range(10))

    def done(result):
        seen["result"] = result
        seen["thread"] = QThread.currentThread()

    task = run_in_background(parent, "计算", work, done)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert seen["result"] == 45
    assert seen["thread"] is ui_thread
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert task.result == 45


def test_user_error_shows_its_chinese_line(qtbot, parent):
    MESSAGES.clear()

    def work(progress, cancel):
        raise ZwgkError("无法写入“a.xlsx”：文件可能正在被 Excel/WPS 打开，请关闭后重试")

    task = run_in_background(parent, "导出Excel", work, lambda r: None)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert MESSAGES[-1].kind == "error"
    assert "Excel/WPS" in MESSAGES[-1].text


def test_bug_shows_internal_error_box_not_a_crash(qtbot, parent):
    MESSAGES.clear()

    def work(progress, cancel):
        return {}["missing"]

    task = run_in_background(parent, "导入Excel", work, lambda r: None)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert MESSAGES[-1].kind == "internal"
    assert MESSAGES[-1].title == "内部错误"
    assert "KeyError" in MESSAGES[-1].text
    assert isinstance(task.error, KeyError)


def test_failing_on_done_callback_is_reported(qtbot, parent):
    MESSAGES.clear()

    def broken(result):
        raise RuntimeError("callback broke")

    task = run_in_background(parent, "导出PDF", lambda p, c: 1, broken)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert MESSAGES[-1].kind == "internal"


def test_cancel_stops_worker_quietly(qtbot, parent):
    MESSAGES.clear()
    started = threading.Event()
    outcome: list[str] = []

    def work(progress, cancel):
        started.set()
        for n in range(1000):
            if cancel():
                raise ZwgkError("已取消")
            progress(n, 1000)
            time.sleep(0.01)
        return "finished"

    task = run_in_background(
        parent,
        "导出Excel",
        work,
        lambda r: outcome.append("done"),
        on_cancel=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=3000)
    cancel_button = task.dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert task.cancelled
    assert outcome == ["cancelled"]
    assert not MESSAGES


def test_progress_dialog_appears_for_slow_work(qtbot, parent):
    release = threading.Event()

    def work(progress, cancel):
        progress(1, 4)
        release.wait(5)
        return "ok"

    task = run_in_background(parent, "读取工作簿", work, lambda r: None)
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=3000)
    assert task.dialog.maximum() == 4
    assert task.dialog.labelText().startswith("读取工作簿")
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)


def test_progress_counted_in_per_mille_shows_no_counts(qtbot, parent):
    """导出PDF reports per mille of its pages: the bar moves, the label does not say
    “（185/1000）” as if 1000 items were being read; counted work does say it."""
    release = threading.Event()

    def work(progress, cancel):
        progress(185, 1000)
        release.wait(5)
        return "ok"

    pdf = run_in_background(parent, "导出PDF", work, lambda r: None, show_counts=False)
    qtbot.waitUntil(lambda: pdf.dialog.value() == 185, timeout=3000)
    assert pdf.dialog.labelText() == "导出PDF…"
    counted = run_in_background(parent, "导出", work, lambda r: None)
    qtbot.waitUntil(lambda: counted.dialog.value() == 185, timeout=3000)
    assert counted.dialog.labelText() == "导出…（185/1000）"
    release.set()
    for task in (pdf, counted):
        qtbot.waitUntil(lambda t=task: t.finished, timeout=5000)


def test_run_blocking_returns_and_raises(qtbot, parent):
    assert run_blocking(parent, "计算", lambda p, c: "结果") == "结果"
    with pytest.raises(ZwgkError, match="坏文件"):
        run_blocking(parent, "计算", lambda p, c: (_ for _ in ()).throw(ZwgkError("坏文件")))


def test_main_thread_gc_collects_on_the_timer(qtbot, parent):
    import gc

    from zwgk_desktop.gui.tasks import MainThreadGC

    was_enabled = gc.isenabled()  # the session runs with the app's rule: GC disabled
    try:
        guard = MainThreadGC(parent, interval_ms=10)
        assert not gc.isenabled()

        class Cycle:
            pass

        for _ in range(gc.get_threshold()[0] + 10):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=3000)
        del guard
    finally:
        if was_enabled:
            gc.enable()


def _qt_calls_on_worker_threads(run) -> list[str]:
    """The Qt (PySide6/shiboken6) functions called on threads other than this one while
    ``run()`` runs, recorded by a profile hook on every new thread."""
    main = threading.get_ident()
    seen: list[str] = []

    def hook(frame, event, arg):
        if event == "c_call" and threading.get_ident() != main:
            owner = getattr(arg, "__self__", None)
            module = getattr(arg, "__module__", None) or type(owner).__module__ or ""
            if module.startswith(("PySide6", "shiboken6")):
                seen.append(f"{module}.{getattr(arg, '__qualname__', arg)}")

    threading.setprofile(hook)
    try:
        run()
    finally:
        threading.setprofile(None)
    return seen


def test_worker_threads_never_call_into_qt(qtbot, parent):
    """A thread that holds the GIL while it enters Qt can deadlock with the UI thread
    destroying a QObject (zwgk_desktop.gui.worker): progress, result, error and cancel all
    travel without a Qt call on the worker's thread."""
    outcomes: list[object] = []

    def work(progress, cancel):
        for n in range(200):
            progress(n, 200)
            time.sleep(0.001)
        return "完成"

    def fail(progress, cancel):
        progress(1, 2)
        raise ZwgkError("出错了")

    def run() -> None:
        done = run_in_background(parent, "导出", work, outcomes.append)
        failed = run_in_background(parent, "导出", fail, outcomes.append, outcomes.append)
        release = threading.Event()
        cancelled = run_in_background(
            parent, "导出", lambda p, c: release.wait(5) and None, outcomes.append
        )
        cancelled.cancel()
        release.set()
        for task in (done, failed, cancelled):
            qtbot.waitUntil(lambda t=task: t.finished, timeout=5000)

    assert _qt_calls_on_worker_threads(run) == []
    assert "完成" in outcomes and any(isinstance(o, ZwgkError) for o in outcomes)


def test_the_qt_call_probe_sees_a_signal_emitted_on_a_thread(qtbot):
    """The probe above is not blind: an emit from a plain thread is recorded."""
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        fired = Signal(int)

    source = Source()

    def run() -> None:
        thread = threading.Thread(target=lambda: source.fired.emit(1))
        thread.start()
        thread.join()

    assert _qt_calls_on_worker_threads(run)


def test_result_for_a_destroyed_widget_is_dropped_quietly(qtbot):
    MESSAGES.clear()
    release = threading.Event()
    called: list[object] = []
    widget = QWidget()

    def work(progress, cancel):
        release.wait(5)
        return "late"

    task = run_in_background(widget, "导出Excel", work, called.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not isValid(widget), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert called == []
    assert not MESSAGES


def test_quitting_stops_running_work_so_it_can_clean_up(qtbot, parent, tmp_path):
    """The app quitting cancels the workers and waits for them: an export stops at its
    next cancel check and ``atomic_path`` removes its temp file (a daemon thread would
    otherwise just die with the interpreter, leaving it)."""
    from zwgk_desktop.core.atomic import atomic_path
    from zwgk_desktop.gui.worker import running_workers, stop_workers

    target = tmp_path / "导出.xlsx"
    writing = threading.Event()

    def export(progress, cancel):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            writing.set()
            while not cancel():
                time.sleep(0.01)
            raise ZwgkError("已取消")

    task = run_in_background(parent, "导出", export, lambda r: None)
    assert writing.wait(5)
    assert stop_workers(5.0)
    assert list(tmp_path.iterdir()) == []  # no temp file, no half export
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert task.cancelled and running_workers() == 0
