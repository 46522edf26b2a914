"""导出PDF in a child process: 取消, errors and a child that dies, as the clerk meets them."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.errors import ExportError
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.pdf_process import PdfCancelled, _result, render_pdf_in_child
from zwgk_desktop.gui.tasks import run_in_background


def _catalog():
    return new_catalog(CatalogMeta(unit="城关镇", year="2025"))


def test_cancel_stops_the_child_and_writes_nothing(qtbot, parent, tmp_path):
    target = tmp_path / "全部.pdf"
    seen: list[int] = []

    def work(progress, cancel):
        def report(done, total):
            seen.append(done)
            progress(done, total)

        return render_pdf_in_child(_catalog(), target, None, report, cancel)

    MESSAGES.clear()
    task = run_in_background(parent, "导出PDF", work, lambda pages: None)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)  # the child is drawing pages
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    assert task.cancelled and isinstance(task.error, PdfCancelled)
    assert not MESSAGES  # 取消 is not an error
    assert list(tmp_path.iterdir()) == []  # no PDF, no temp file
    assert not multiprocessing.active_children()


def test_a_target_that_cannot_be_written_gives_the_chinese_reason(tmp_path):
    with pytest.raises(ExportError, match="文件夹不存在|无法写入"):
        render_pdf_in_child(_catalog(), tmp_path / "没有" / "x.pdf", "social-assistance")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_child_killed_mid_export_is_reported_and_the_old_file_kept(tmp_path):
    target = tmp_path / "目录.pdf"
    target.write_bytes(b"%PDF-old")
    killed: list[int] = []

    def report(done, total):
        for child in multiprocessing.active_children():
            if child.name == "zwgk-pdf" and not killed:
                killed.append(child.pid)
                os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(ExportError, match="意外退出"):
        render_pdf_in_child(_catalog(), target, None, report)
    assert killed
    assert target.read_bytes() == b"%PDF-old"  # the earlier PDF is untouched
    assert list(tmp_path.iterdir()) == [target]  # and the half-written temp file is gone


def test_outcomes_of_the_child():
    assert _result(("done", 7), False, 0) == 7
    with pytest.raises(PdfCancelled):
        _result(None, True, -9)
    with pytest.raises(PdfCancelled):
        _result(("cancelled",), False, 0)
    with pytest.raises(ExportError, match="无法写入"):
        _result(("error", "无法写入“x.pdf”：磁盘空间不足"), False, 0)
    with pytest.raises(RuntimeError, match="Traceback"):
        _result(("internal", "KeyError: 'x'", "Traceback …"), False, 1)


def test_a_child_that_dies_before_reading_its_job_does_not_hang_the_export(tmp_path):
    """A child that cannot start (here: the parent runs from stdin, which a spawned child
    cannot re-import) dies before it reads the catalog; the export says so and returns."""
    import subprocess

    script = (
        "from bench.catalog_gen import generate_catalog\n"
        "from zwgk_desktop.core.errors import ExportError\n"
        "from zwgk_desktop.gui.pdf_process import render_pdf_in_child\n"
        "try:\n"
        f"    render_pdf_in_child(generate_catalog(3000), {str(tmp_path / 'x.pdf')!r})\n"
        "except ExportError as exc:\n"
        "    print('ExportError', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert "ExportError" in result.stdout and "意外退出" in result.stdout, result.stderr[-2000:]
    assert list(tmp_path.iterdir()) == []


_QUIT_MID_EXPORT = """
import os, sys, threading
from bench.catalog_gen import generate_catalog
from zwgk_desktop.gui.pdf_process import render_pdf_in_child

if __name__ == "__main__":
    started = threading.Event()

    def report(done, total):
        started.set()

    def export():
        try:  # as the app's worker does: the outcome is its business, not a traceback
            render_pdf_in_child(generate_catalog(3000), sys.argv[1], None, report)
        except Exception:
            pass

    threading.Thread(target=export, daemon=True).start()
    started.wait(120)
    if sys.argv[2] == "exit":
        sys.exit(0)  # the app quits: multiprocessing ends the child (SIGTERM)
    os._exit(0)  # the app is killed: the child finds its pipe closed
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("how", ["exit", "killed"])
def test_the_app_going_away_mid_export_leaves_no_file_and_no_traceback(tmp_path, how):
    import subprocess

    script = tmp_path / "app.py"
    script.write_text(_QUIT_MID_EXPORT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # run() returns once the child has closed the inherited stderr too, i.e. has ended
    result = subprocess.run(
        [sys.executable, str(script), str(out / "目录.pdf"), how],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert list(out.iterdir()) == []  # neither a PDF nor a temp file
