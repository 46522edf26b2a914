"""The ``zwgk-desktop`` entry point as a user (or a check script) starts it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from zwgk_desktop.gui import app as gui_app


def run_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZWGK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "zwgk_desktop.gui.app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_screenshot_of_a_document(doc_path: Path, tmp_path: Path, zwgk_home: Path) -> None:
    out = tmp_path / "shot.png"
    result = run_app(str(doc_path), "--screenshot", str(out), home=zwgk_home)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1280 and image.height() >= 800
    # Not a blank picture: many distinct colours (text, marks, panels).
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20


def test_screenshot_of_the_demo(tmp_path: Path, zwgk_home: Path) -> None:
    out = tmp_path / "demo.png"
    result = run_app("--demo", "--screenshot", str(out), home=zwgk_home)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() >= 1280


def test_unreadable_file_exits_2_with_one_chinese_line(tmp_path: Path, zwgk_home: Path) -> None:
    bad = tmp_path / "损坏.zwgk"
    bad.write_bytes(b"\x00garbage" * 50)
    result = run_app(str(bad), "--screenshot", str(tmp_path / "x.png"), home=zwgk_home)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1 and "损坏.zwgk" in lines[0]
    assert "Traceback" not in result.stderr


def test_pdf_of_the_demo_without_a_window(tmp_path: Path, zwgk_home: Path) -> None:
    """``--pdf``: the printed catalog through the same child process as 导出PDF; this
    process never loads Qt (the child does the drawing)."""
    out = tmp_path / "示范.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from zwgk_desktop.gui import app\n"
            "code = app.main(sys.argv[1:])\n"
            "print('Qt loaded' if 'PySide6.QtGui' in sys.modules else 'no Qt')\n"
            "sys.exit(code)",
            "--demo",
            "--pdf",
            str(out),
            "--channels",
            "compact",
            "--flow",
            "continuous",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZWGK_HOME": str(zwgk_home)},
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "已导出PDF" in result.stdout and "no Qt" in result.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["示范.pdf"]


def test_pdf_without_a_file_says_so_in_chinese(tmp_path: Path, zwgk_home: Path) -> None:
    result = run_app("--pdf", str(tmp_path / "x.pdf"), home=zwgk_home)
    assert result.returncode == 2
    assert "--pdf 需要一个目录文件" in result.stderr and "usage" not in result.stderr
    missing = run_app(str(tmp_path / "没有.zwgk"), "--pdf", str(tmp_path / "x.pdf"), home=zwgk_home)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "没有.zwgk" in missing.stderr


def test_pdf_keeps_someone_elses_file_unless_forced(tmp_path: Path, zwgk_home: Path) -> None:
    out = tmp_path / "别人的.pdf"
    out.write_bytes(b"%PDF-someone else's")
    refused = run_app("--demo", "--pdf", str(out), home=zwgk_home)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert out.read_bytes() == b"%PDF-someone else's"
    forced = run_app("--demo", "--pdf", str(out), "--force", home=zwgk_home)
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"%PDF-1")
    again = run_app("--demo", "--pdf", str(out), home=zwgk_home)  # our own, unchanged
    assert again.returncode == 0, again.stderr


def test_version_answers_without_loading_qt(zwgk_home: Path) -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from zwgk_desktop.gui import app\ntry:\n    app.main(['--version'])\nexcept SystemExit:\n    pass\nprint('PySide6' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().endswith("False")
    assert "zwgk-desktop" in result.stdout
    assert time.perf_counter() - start < 10


def test_main_without_exec_returns_the_window_on_the_welcome_page(qapp, zwgk_home: Path) -> None:
    window = gui_app.main([], exec_=False)
    try:
        assert window.session is None
        assert window.stack.currentWidget() is window.welcome
        assert window.isVisible()
    finally:
        window.close()


@pytest.fixture(autouse=True)
def restore_gc(qapp) -> Iterator[None]:
    """``main()`` moves GC to the UI thread's timer; give the test session its GC back."""
    yield
    guard = getattr(qapp, "_zwgk_gc", None)
    if guard is not None:
        del qapp._zwgk_gc
        guard.deleteLater()
    gc.enable()


def test_main_names_the_desktop_file_and_moves_gc_to_the_ui_thread(qapp, zwgk_home: Path) -> None:
    from zwgk_desktop.gui.tasks import MainThreadGC

    first = gui_app.main([], exec_=False)
    second = None
    try:
        guard = qapp._zwgk_gc
        assert qapp.desktopFileName() == "zwgk-desktop"
        assert isinstance(guard, MainThreadGC)
        assert not gc.isenabled()  # collections now run from the UI thread's timer
        second = gui_app.main([], exec_=False)
        assert qapp._zwgk_gc is guard  # a second start installs no twin
    finally:
        for window in (first, second):
            if window is not None:
                window.close()


# What the window opened on a catalog does not need before its first paint: exports and
# imports, the review, the welcome page, the checking rules and the register (they warm
# up a piece per turn after the paint), Qt's dialog classes (with the first dialog), the
# html and difflib modules (first tooltip, a mistyped choice).
NOT_BEFORE_FIRST_PAINT = (
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "docx",
    "lxml",
    "sqlite_utils",
    "filelock",  # the edit lock is taken right after the paint
    "tomllib",
    "html",
    "difflib",
    "zwgk_desktop.gui.review",
    "zwgk_desktop.gui.dialogs.welcome",
    "zwgk_desktop.gui.dialogs.sizing",
    "zwgk_desktop.core.validation.engine",
    "zwgk_desktop.core.sources.register",
    "PySide6.QtGui.QAccessible",  # (classes: looked for in their module below)
    "PySide6.QtWidgets.QProgressDialog",
    "PySide6.QtWidgets.QTableWidget",
)


# A fresh process starts the app on a file (up to the table's first paint, or just until
# the window is built) and prints which of the modules or ``module.Class`` names given
# after the file are loaded or built by then.
_LOADED_AT_START = (
    "import os, sys, time\nfrom zwgk_desktop.gui import app\n"
    "from PySide6.QtWidgets import QApplication\n"
    "until_painted = sys.argv[2] == 'painted'\n"
    "window = app.main(sys.argv[1:2], exec_=False)\n"
    "assert window.table_model.rowCount() > 0\n"
    "deadline = time.monotonic() + 30\n"
    "while until_painted and not window.doc.paint_watch.painted:\n"
    "    assert time.monotonic() < deadline\n"
    "    QApplication.processEvents()\n"
    "def built(name):\n"
    "    module, _, cls = name.rpartition('.')\n"
    "    return module in sys.modules and cls in vars(sys.modules[module])\n"
    "print(' '.join(m for m in sys.argv[3:] if m in sys.modules or built(m)) or 'none')\n"
    "sys.stdout.flush(); os._exit(0)"
)


def _loaded_at_start(doc_path: Path, zwgk_home: Path, until: str, names: tuple[str, ...]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _LOADED_AT_START, str(doc_path), until, *names],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZWGK_HOME": str(zwgk_home)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_first_screen_loads_only_what_it_shows(doc_path: Path, zwgk_home: Path) -> None:
    assert _loaded_at_start(doc_path, zwgk_home, "built", NOT_BEFORE_FIRST_PAINT) == "none"


# Built by PySide the first time Python is handed an event of unknown class (an event
# filter, a wrapped ``event``): ~50 classes, ~5 ms, of which the first paint needs none.
EVENT_CLASSES_NOT_HANDLED = (
    "PySide6.QtWidgets.QGraphicsSceneMouseEvent",
    "PySide6.QtGui.QTabletEvent",
    "PySide6.QtGui.QNativeGestureEvent",
)


def test_the_first_paint_hands_python_no_event_of_unknown_class(
    doc_path: Path, zwgk_home: Path
) -> None:
    loaded = _loaded_at_start(doc_path, zwgk_home, "painted", EVENT_CLASSES_NOT_HANDLED)
    assert loaded == "none"


def test_the_start_paints_the_table_before_the_form_and_the_recent_list(
    qapp, doc_path: Path, zwgk_home: Path
) -> None:
    """Opening a file at start: the form's fields and the 最近打开 entry come right
    after the table's first paint, then show the current item as if built at once."""
    from zwgk_desktop.core.settings import load_settings

    window = gui_app.main([str(doc_path)], exec_=False)
    try:
        assert window.table_model.rowCount() > 0
        assert not window.form.built and window.form.editors == {}
        assert str(doc_path.resolve()) not in load_settings().recent_files
        deadline = time.monotonic() + 10
        while not window.form.built and time.monotonic() < deadline:
            qapp.processEvents()
        assert window.doc.paint_watch.painted and window.form.built
        item = window.session.items(window.table_model.domain_id)[0]
        assert window.form.editors["level2"].text() == item.level2
        assert window.form.isEnabled() and window.form.editors["level2"].isEnabled()
        assert load_settings().recent_files[0] == str(doc_path.resolve())
    finally:
        window.doc.close_session()
        window.close()


def _painted(qapp, window) -> None:
    deadline = time.monotonic() + 10
    while not (window.doc.paint_watch.painted and window.form.built):
        assert time.monotonic() < deadline
        qapp.processEvents()


def test_the_start_takes_the_edit_lock_after_the_first_paint(
    qapp, doc_path: Path, zwgk_home: Path
) -> None:
    lock = Path(f"{doc_path}.lock")
    window = gui_app.main([str(doc_path)], exec_=False)
    try:
        assert window.session.document.lock_pending and not lock.exists()
        _painted(qapp, window)
        assert lock.exists() and not window.session.read_only
        assert window.banner.isHidden() and "只读" not in window.windowTitle()
    finally:
        window.doc.close_session()
        window.close()
    assert not lock.exists()


def test_a_file_another_window_edits_turns_read_only_after_the_first_paint(
    qapp, doc_path: Path, zwgk_home: Path
) -> None:
    """The other window took the file between the check and the lock: the clerk sees
    the same 只读 strip and title as when it was held before the start."""
    from zwgk_desktop.core.storage import Document

    window = gui_app.main([str(doc_path)], exec_=False)
    holder = Document.open(doc_path)
    try:
        _painted(qapp, window)
        assert window.session.read_only
        assert not window.banner.isHidden()
        assert "正在另一个窗口或程序中编辑" in window.banner.text()
        assert "只读" in window.windowTitle()
        assert not window.form.editors["level2"].isEnabled() or (
            window.form.editors["level2"].isReadOnly()
        )
    finally:
        window.doc.close_session()
        window.close()
        holder.close()


def test_a_save_by_another_window_before_the_lock_is_read_again(
    qapp, doc_path: Path, zwgk_home: Path
) -> None:
    from zwgk_desktop.core.storage import Document

    window = gui_app.main([str(doc_path)], exec_=False)
    try:
        domain = window.table_model.domain_id
        first = window.session.items(domain)[0]
        with Document.open(doc_path) as other:  # saved and closed before the lock
            other.update_item(first.id, "level2", "另一窗口改的")
        _painted(qapp, window)
        assert not window.session.read_only
        assert window.session.items(domain)[0].level2 == "另一窗口改的"
        row = window.table_model.index(0, window.table_model.column_of("level2"))
        assert window.table_model.data(row) == "另一窗口改的"
    finally:
        window.doc.close_session()
        window.close()
