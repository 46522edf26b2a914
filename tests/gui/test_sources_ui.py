"""The register in the window: outdated 公开依据 in the item form with one-click 替换
(one undo step), the register's date in 关于, and choosing a newer register file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.factories import small_catalog
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.sources import active_register, bundled_register_path, use_register
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs.about import about_rows
from zwgk_desktop.gui.dialogs.sources_dialog import SourcesRegisterDialog, register_rows
from zwgk_desktop.gui.mainwindow import MainWindow

OLD = "1.《政府信息公开条例》(国令第４９２号);2.《社会救助暂行办法》"
NEW = "1.《中华人民共和国政府信息公开条例》（国务院令第711号）;2.《社会救助暂行办法》"


@pytest.fixture(autouse=True)
def bundled_register_again() -> Iterator[None]:
    use_register(None)
    yield
    use_register(None)


@pytest.fixture
def swindow(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    catalog = small_catalog()
    catalog.domains[0].items[1].basis = OLD
    path = tmp_path / "依据.zwgk"
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.file.open_path(path)
    w.show()
    qtbot.waitExposed(w)
    w.validation.wait_idle()
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)


def _select(w: MainWindow, row: int, qtbot) -> None:
    w.table.select_cell(row, w.table_model.column_of("basis"))
    qtbot.waitUntil(lambda: w.form.item_id is not None and w.form.current_item() is not None)


def test_outdated_basis_offers_replacement_and_undo_is_one_step(swindow, qtbot) -> None:
    w = swindow
    _select(w, 0, qtbot)
    assert not w.form.source_row.isVisible()  # a current citation: nothing to offer
    _select(w, 1, qtbot)
    qtbot.waitUntil(lambda: w.form.source_row.isVisible())
    text = w.form.source_label.text()
    assert "国务院令第492号" in text and "自2019年5月15日起已修订" in text
    assert "可一键改为现行的《中华人民共和国政府信息公开条例》（国务院令第711号）" in text
    assert "BASIS-SUPERSEDED" not in w.form.messages["basis"].text()  # messages, not ids
    assert "BASIS-SUPERSEDED" in {
        i.rule for i in w.validation.store.cell_issues(w.form.item_id, "basis")
    }
    depth = w.session.undo_stack.count()
    qtbot.mouseClick(w.form.source_replace, Qt.MouseButton.LeftButton)
    domain_id = w.doc.current_domain()
    assert w.session.items(domain_id)[1].basis == NEW
    assert w.session.undo_stack.count() == depth + 1
    assert w.session.undo_stack.undoText() == "替换过时的公开依据"
    qtbot.waitUntil(lambda: not w.form.source_row.isVisible())
    assert w.form.editors["basis"].toPlainText() == NEW
    w.validation.wait_idle()
    qtbot.waitUntil(
        lambda: (
            "BASIS-SUPERSEDED"
            not in {i.rule for i in w.validation.store.cell_issues(w.form.item_id, "basis")}
        )
    )
    w.edit.on_undo()
    assert w.session.items(domain_id)[1].basis == OLD
    qtbot.waitUntil(lambda: w.form.source_row.isVisible())
    w.edit.on_redo()
    assert w.session.items(domain_id)[1].basis == NEW


def test_about_and_the_register_dialog(swindow, qtbot, tmp_path: Path) -> None:
    w = swindow
    assert dict(about_rows())["公开依据登记册"].startswith("程序自带登记册（核对日期 ")
    w.checks.on_sources_register()
    dialog = w.checks.sources_dialog
    assert isinstance(dialog, SourcesRegisterDialog)
    assert "程序自带" in dialog.info.text()
    register = active_register()
    unverified = register.unverified_count()
    assert dict(register_rows())["核实情况"] == (
        f"{len(register) - unverified} 件已在公开文本中核实，{unverified} 件尚未核实"
    )
    assert f"{unverified} 件尚未核实" in dialog.info.text()
    assert not dialog.bundled_button.isEnabled()
    # A broken file is refused with its reason; nothing changes.
    bad = tmp_path / "坏.toml"
    bad.write_text(
        'schema_version = 1\nchecked = "2027-01"\n[[source]]\nkey = 1\n', encoding="utf-8"
    )
    assert not dialog.use_file(bad)
    assert any(kind == "warning" and "坏.toml" in text for kind, text in msgbox.shown)
    assert active_register().bundled
    # A newer register: used at once, remembered in the settings, shown in 关于.
    newer = tmp_path / "县级登记册.toml"
    newer.write_text(
        bundled_register_path()
        .read_text(encoding="utf-8")
        .replace('checked = "2026-12-06"\n', 'checked = "2027-01-10"\n', 1),
        encoding="utf-8",
    )
    assert dialog.use_file(newer)
    assert active_register().checked == "2027-01-10"
    assert load_settings().sources_register == str(newer)
    assert "2027-01-10" in dialog.info.text() and str(newer) in dialog.info.text()
    assert str(newer) in dict(about_rows())["公开依据登记册"]
    dialog.use_bundled()
    assert active_register().bundled and load_settings().sources_register == ""
    dialog.close()
