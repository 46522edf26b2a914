"""Issue 12, finding 1: a planted trigger must never reach the editor's open-and-edit path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.gui.factories import small_catalog
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.mainwindow import MainWindow


@pytest.fixture
def bare_window(qtbot):
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])
    finally:
        conn.close()


def test_planted_trigger_file_is_refused_by_the_main_window(bare_window, tmp_path: Path) -> None:
    path = tmp_path / "收到的目录.zwgk"
    Document.create(path, small_catalog()).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON items BEGIN DELETE FROM items; END")
    conn.commit()
    conn.close()
    before = _count(path)

    assert not bare_window.file.open_path(path)

    assert bare_window.session is None  # nothing open, so no cell can be edited
    assert [kind for kind, _ in msgbox.shown] == ["error"]
    text = msgbox.shown[0][1]
    assert "收到的目录.zwgk" in text and "可能被篡改" in text and "\n" not in text
    assert _count(path) == before > 0
    assert not Path(str(path) + ".lock").exists()


def test_clean_file_still_opens_and_edits(bare_window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "本镇目录.zwgk"
    Document.create(path, small_catalog()).close()
    assert bare_window.file.open_path(path)
    document = bare_window.session.document
    first = document.load_catalog().domains[0].items[0]
    document.update_item(first.id, "content", "改过的内容")
    assert document.item(first.id).content == "改过的内容"
    assert _count(path) == small_catalog().item_count()
