"""导出PDF in a child process: the only long work that needs Qt itself.

Laying out the pages takes Qt calls by the thousand (QTextDocument, QPdfWriter); made on a
thread of the app, any of them can meet the UI thread destroying a QObject and deadlock
(see :mod:`worker`). A child process has its own Qt and its own GIL, so nothing it does can
block the window, and a crash in it cannot take the clerk's work with it. The parent side
is plain Python, run on a :class:`worker.PythonWorker`: it sends the catalog, relays the
child's progress, asks it to stop on 取消 (and ends it if it does not), and turns its last
word into the page count or a Chinese error. The child writes through ``atomic_path``, so
the target is either untouched or the complete PDF.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zwgk_desktop.core.atomic import remove_left_temps
from zwgk_desktop.core.errors import ExportError, ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.xlsx.result import CancelCheck, Cancelled, ChannelStyle, PageFlow, Progress

STOP_GRACE_SECONDS = 10.0  # after 取消: time to finish the page in hand before it is ended
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class PdfJob:
    """Everything the child needs (pickled to it)."""

    catalog: Catalog
    path: str
    domain_id: str | None
    channels: str
    flow: str


class PdfCancelled(Cancelled):
    """取消 was pressed; nothing was written (the core's 已取消, as exports raise it)."""


def render_pdf_in_child(
    catalog: Catalog,
    path: str | Path,
    domain_id: str | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    channels: ChannelStyle | str = ChannelStyle.FULL,
    flow: PageFlow | str = PageFlow.BY_DOMAIN,
) -> int:
    """``printing.render_pdf`` in a child process; returns the page count. Raises
    :class:`PdfCancelled` after 取消, :class:`ExportError` for what the clerk can act on
    (and when the child died), RuntimeError (with the child's traceback) for a bug."""
    job = PdfJob(
        catalog,
        str(path),
        domain_id,
        ChannelStyle.parse(channels).value,
        PageFlow.parse(flow).value,
    )
    with tempfile.TemporaryDirectory(prefix="zwgk-pdf-") as folder:
        # The catalog goes by file, not in the process's arguments: multiprocessing writes
        # those into a pipe the child reads only once it has started, and a child that dies
        # before reading them would leave ``start()`` waiting forever on a large catalog.
        job_file = Path(folder) / "job.pickle"
        try:
            job_file.write_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            raise ExportError(f"无法准备导出PDF：{os_reason(exc)}") from exc
        return _run_child(job_file, path, progress, cancel)


def _run_child(
    job_file: Path, path: str | Path, progress: Progress | None, cancel: CancelCheck | None
) -> int:
    started = time.time()
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
    receiver, sender = context.Pipe(duplex=False)
    stop = context.Event()
    process = context.Process(
        target=child_main, args=(sender, stop, str(job_file)), name="zwgk-pdf", daemon=True
    )
    process.start()
    sender.close()  # the child's end: EOF here once the child has gone
    outcome: tuple[Any, ...] | None = None
    stopping_since: float | None = None
    try:
        while outcome is None:
            if stopping_since is None and cancel is not None and cancel():
                stop.set()
                stopping_since = time.monotonic()
            if receiver.poll(_POLL_SECONDS):
                try:
                    message = receiver.recv()
                except EOFError:
                    break  # gone without a last word
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1], message[2])
                else:
                    outcome = message
            elif not process.is_alive():
                if receiver.poll(0):
                    continue  # it wrote its last word just before it ended: read that
                break
            if (
                stopping_since is not None
                and time.monotonic() - stopping_since > STOP_GRACE_SECONDS
            ):
                process.kill()
                break
    finally:
        receiver.close()
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
        if process.exitcode != 0:  # killed mid-write: its temp file is still there
            remove_left_temps(path, started)
    return _result(outcome, stopping_since is not None, process.exitcode)


def _result(outcome: tuple[Any, ...] | None, stopping: bool, exitcode: int | None) -> int:
    if outcome is not None and outcome[0] == "done":
        return int(outcome[1])
    if stopping or (outcome is not None and outcome[0] == "cancelled"):
        raise PdfCancelled()
    if outcome is None:
        raise ExportError(f"生成PDF的进程意外退出（退出代码 {exitcode}），PDF没有写出，请重试")
    if outcome[0] == "error":
        raise ExportError(outcome[1])
    raise RuntimeError(f"生成PDF时出错：{outcome[1]}\n\n{outcome[2]}")


class _ParentGone(Exception):
    """The app that asked for the PDF has gone (its end of the pipe is closed)."""


def child_main(sender: Any, stop: Any, job_file: str) -> None:
    """The child: a GUI application without windows, the same render as in the app. It
    stops, leaving no temp file, when asked to (取消), when ended politely (SIGTERM: the app
    quitting mid-export) and when the app has gone (its progress cannot be sent)."""
    ended = threading.Event()
    with contextlib.suppress(ValueError, AttributeError):  # not on Windows' main thread
        signal.signal(signal.SIGTERM, lambda _signum, _frame: ended.set())

    def send(*message: Any) -> None:
        try:
            sender.send(message)
        except OSError as exc:
            raise _ParentGone() from exc

    def progress(done: int, total: int) -> None:
        send("progress", done, total)

    try:
        job: PdfJob = pickle.loads(Path(job_file).read_bytes())  # our own file, just written
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance() or QGuiApplication(["zwgk-desktop-pdf"])
        from zwgk_desktop.gui.printing import PrintCancelled, render_pdf

        try:
            pages = render_pdf(
                job.catalog,
                job.path,
                job.domain_id,
                progress,
                lambda: stop.is_set() or ended.is_set(),
                job.channels,
                job.flow,
            )
        finally:
            del app
        outcome: tuple[Any, ...] = ("done", pages)
    except PrintCancelled:
        outcome = ("cancelled",)
    except ZwgkError as exc:
        if isinstance(exc.__cause__, _ParentGone) or isinstance(exc.__context__, _ParentGone):
            return  # nobody is left to tell; atomic_path has removed the temp file
        outcome = ("error", str(exc))
    except _ParentGone:
        return
    except BaseException as exc:  # noqa: BLE001 - a bug: its traceback goes to the app
        outcome = ("internal", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    try:
        send(*outcome)
    except _ParentGone:
        pass
    finally:
        sender.close()
