"""The file named at start is opened while the window is built: same result, same gate."""

from __future__ import annotations

import gc
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.factories import small_catalog
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import app as gui_app
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.preopen import PreOpen, preopen


@pytest.fixture(autouse=True)
def restore_gc(qapp) -> Iterator[None]:
    """``main()`` moves GC to the UI thread's timer; give the test session its GC back."""
    yield
    guard = getattr(qapp, "_zwgk_gc", None)
    if guard is not None:
        del qapp._zwgk_gc
        guard.deleteLater()
    gc.enable()


def _planted(tmp_path: Path) -> Path:
    path = tmp_path / "收到的目录.zwgk"
    Document.create(path, small_catalog()).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON items BEGIN DELETE FROM items; END")
    conn.commit()
    conn.close()
    return path


def test_only_an_existing_catalog_document_is_opened_early(tmp_path: Path) -> None:
    assert preopen(None) is None
    assert preopen(str(tmp_path / "无此文件.zwgk")) is None
    sheet = tmp_path / "表.xlsx"
    sheet.write_bytes(b"")
    assert preopen(str(sheet)) is None  # imports ask questions: the usual path


def test_the_early_document_is_locked_and_released_from_the_ui_thread(
    doc_path: Path,
) -> None:
    early = PreOpen(doc_path)
    document = early.take(doc_path)
    try:
        assert not document.read_only and document.lock_pending  # the window takes it
        assert not Path(str(doc_path) + ".lock").exists()
        assert document.take_lock()  # on the UI thread, after the first paint
        with pytest.raises(ZwgkError):  # the edit lock is held: no one may replace it
            Document.create(doc_path, small_catalog(), overwrite=True)
    finally:
        document.close()  # released from this thread, not the worker's
    assert not Path(str(doc_path) + ".lock").exists()
    Document.open(doc_path).close()  # and free again


def test_threads_switch_often_only_while_the_worker_runs(tmp_path: Path, doc_path: Path) -> None:
    """The UI thread's imports must not starve the check of the GIL; afterwards Python's
    own interval is back, whether the file opened or was refused."""
    import sys

    before = sys.getswitchinterval()
    early = PreOpen(doc_path, hold_imports=True)  # (waits for take: no race with the check)
    assert sys.getswitchinterval() <= 0.0005
    early.take(doc_path).close()
    assert sys.getswitchinterval() == before
    path = _planted(tmp_path)
    with pytest.raises(ZwgkError):
        PreOpen(path).take(path)
    assert sys.getswitchinterval() == before


WORKER_IMPORTS = """
import json, sys, threading, time
from pathlib import Path
main = threading.get_ident()
seen = []
class Recorder:
    def find_spec(self, name, path, target=None):
        if threading.get_ident() != main:
            seen.append(name)
        return None
sys.meta_path.insert(0, Recorder())
from zwgk_desktop.gui.preopen import preopen
path = Path(sys.argv[1])
early = preopen(str(path))
preloaded = "filelock" in sys.modules
import PySide6.QtWidgets  # what the app imports meanwhile
time.sleep(0.3)
before = list(seen)
early.qt_loaded()
early.take(path).close()
print(json.dumps({"before": before, "after": seen[len(before):], "preloaded": preloaded}))
"""


def test_the_worker_imports_nothing_until_qt_is_loaded(doc_path: Path) -> None:
    """PySide's start-up walks sys.modules while the UI thread imports Qt; a module the
    worker added then aborted the whole app (a fatal error in libshiboken, seen 1 start
    in 15 with the short switch interval). In a fresh process, as at the app's start."""
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", WORKER_IMPORTS, str(doc_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["before"] == []
    # The worker opens without the edit lock: filelock is loaded by neither thread
    # before the window (imported by the worker, it fought the UI thread's imports for
    # the GIL; by the UI thread, it cost ~12 ms before the first paint).
    assert not seen["preloaded"] and "filelock" not in seen["after"]


def test_a_refused_file_raises_when_taken(tmp_path: Path) -> None:
    path = _planted(tmp_path)
    with pytest.raises(ZwgkError, match="可能被篡改"):
        PreOpen(path).take(path)
    assert not Path(str(path) + ".lock").exists()


def test_app_start_opens_the_named_file(qapp, doc_path: Path, zwgk_home: Path) -> None:
    window = gui_app.main([str(doc_path)], exec_=False)
    try:
        assert window.session is not None
        assert window.session.document.path == doc_path
        assert window.stack.currentWidget() is window.editor_page
        assert window._welcome is None  # never shown, so never built
        window.doc.close_session()
        assert window.stack.currentWidget() is window.welcome  # built when needed
        assert window.welcome.open_button.isVisible()
    finally:
        window.doc.close_session()
        window.close()


def test_app_start_refuses_a_planted_file_before_showing_it(
    qapp, tmp_path: Path, zwgk_home: Path
) -> None:
    path = _planted(tmp_path)
    msgbox.set_test_mode(True)
    try:
        window = gui_app.main([str(path)], exec_=False)
        try:
            assert window.session is None  # nothing of it shown or editable
            assert [kind for kind, _ in msgbox.shown] == ["error"]
            assert "可能被篡改" in msgbox.shown[0][1]
            assert window.stack.currentWidget() is window.welcome
        finally:
            window.close()
    finally:
        msgbox.set_test_mode(False)


def test_review_docks_are_built_by_the_first_review_only(
    window, doc_path: Path, tmp_path: Path
) -> None:
    """Opening a catalog builds no review widgets; a review builds them, in place."""
    assert window.reviewing._widgets is None  # a catalog without a review file beside it
    inbox = tmp_path / "收件"
    inbox.mkdir()
    received = Path(shutil.copy2(doc_path, inbox / "测试镇.zwgk"))
    window.reviewing.set_reviewer_name("王审核")
    assert window.reviewing.open_for_review(received)
    assert window.reviewing._widgets is not None
    assert window.review_dock.isVisible() and window.review_banner.isVisible()
    assert window.review_banner.parent() is window.editor_page
    assert window.tabifiedDockWidgets(window.form_dock) == [window.review_dock]
    window.doc.close_session()
    assert not window.review_dock.isVisible() and not window.review_banner.isVisible()
