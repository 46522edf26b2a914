"""Welcome page (big actions, recent files) and the 关于 dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from zwgk_desktop import __version__
from zwgk_desktop.core import paths
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui.dialogs.about import CREDIT, AboutDialog
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.dialogs.welcome import WelcomePage


def make_page(qtbot) -> WelcomePage:
    page = WelcomePage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_buttons_emit_signals(qtbot):
    page = make_page(qtbot)
    with qtbot.waitSignal(page.new_requested, timeout=1000):
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.import_requested, timeout=1000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)


def test_open_button_asks_for_a_file(qtbot, tmp_path, monkeypatch):
    page = make_page(qtbot)
    target = tmp_path / "a.zwgk"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(page.open_requested, timeout=1000) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(target)]


def test_demo_button_opens_a_real_demo_document(qtbot):
    page = make_page(qtbot)
    with qtbot.waitSignal(page.open_requested, timeout=10000) as blocker:
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    path = Path(blocker.args[0])
    with Document.open(path, read_only=True) as doc:
        assert doc.item_count() > 0


def test_recent_files_listed_missing_greyed_double_click_opens(qtbot, tmp_path):
    present = tmp_path / "城关镇政务公开标准目录.zwgk"
    present.write_bytes(b"")
    gone = tmp_path / "已删除.zwgk"
    settings = load_settings()
    settings.add_recent(gone)
    settings.add_recent(present)
    save_settings(settings)

    page = make_page(qtbot)
    assert page.recent_list.count() == 2
    first, second = page.recent_list.item(0), page.recent_list.item(1)
    assert present.name in first.text()
    assert "文件不存在" in second.text()
    assert second.foreground().color().name() != first.foreground().color().name()

    rect = page.recent_list.visualItemRect(first)
    # QTest's double click needs a preceding press to set the view's pressed index.
    qtbot.mouseClick(page.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(page.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert Path(blocker.args[0]) == present.resolve()

    MESSAGES.clear()
    with qtbot.assertNotEmitted(page.open_requested):
        page.recent_list.itemActivated.emit(second)
    assert MESSAGES[-1].kind == "error"


def test_empty_recent_list_says_so(qtbot):
    page = make_page(qtbot)
    assert page.recent_list.count() == 0
    assert page.empty_label.isVisible()


def test_about_dialog_shows_versions_and_data_folder(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.info.text()
    assert __version__ in text
    assert "PySide6" in text
    assert str(paths.data_dir()) in text
    assert "26个试点领域" in dialog.credit.text() == CREDIT
