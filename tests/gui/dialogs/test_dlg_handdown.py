"""新建目录 从上级目录开始, and 逐村生成: county → township → village in the real dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs.new_catalog import NewCatalogDialog
from zwgk_desktop.gui.dialogs.village_batch import VillageBatchDialog

COUNTY = "平安县人民政府"
TOWN = "城关镇人民政府"


@pytest.fixture(autouse=True)
def quiet_messages() -> Iterator[None]:
    msgbox.set_test_mode(True)
    yield
    msgbox.set_test_mode(False)


@pytest.fixture
def county_file(tmp_path: Path) -> Path:
    path = tmp_path / "平安县目录.zwgk"
    Document.create(path, new_catalog(CatalogMeta(unit=COUNTY, year="2025"))).close()
    return path


def test_township_starts_from_the_county_catalog(qtbot, county_file: Path, tmp_path: Path) -> None:
    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.from_templates_radio.isChecked() and dialog.domains_box.isVisible()
    qtbot.mouseClick(dialog.from_parent_radio, Qt.MouseButton.LeftButton)
    assert dialog.from_parent() and not dialog.domains_box.isVisible()
    dialog.unit_edit.setText(TOWN)
    assert not dialog.ok_button.isEnabled() and "上级目录文件" in dialog.hint.text()
    assert dialog.set_parent_file(county_file)
    assert dialog.handdown_level() == "乡级"  # a county's catalog hands down to 乡级
    assert dialog.year_edit.text() == "2025"
    assert dialog.ok_button.isEnabled(), dialog.hint.text()
    assert "平安县人民政府（2025）" in dialog.parent_info.text()
    assert "其中乡级" in dialog.parent_info.text()
    out = dialog.create_at(tmp_path / "城关镇.zwgk")
    town = load_catalog(out)
    county = load_catalog(county_file)
    expected = [i for d in county.domains for i in d.items if "乡级" in i.level]
    assert town.item_count() == len(expected) < county.item_count()
    assert {i.subject for d in town.domains for i in d.items} == {TOWN}
    assert town.meta.source["unit"] == COUNTY and town.meta.source["file"] == county_file.name
    assert town.meta.year == "2025"


def test_bad_parent_file_is_said_in_the_dialog(qtbot, tmp_path: Path) -> None:
    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    dialog.unit_edit.setText(TOWN)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not dialog.set_parent_file(bad)
    assert dialog.parent_info.text() and not dialog.ok_button.isEnabled()


def test_villages_from_the_township_in_a_small_dialog(
    qtbot, county_file: Path, tmp_path: Path
) -> None:
    new = NewCatalogDialog()
    qtbot.addWidget(new)
    new.unit_edit.setText(TOWN)
    new.set_parent_file(county_file)
    town_file = new.create_at(tmp_path / "城关镇.zwgk")

    dialog = VillageBatchDialog(township=town_file)
    qtbot.addWidget(dialog)
    assert "城关镇人民政府" in dialog.source_info.text() and "其中村级" in dialog.source_info.text()
    assert not dialog.generate_button.isEnabled()  # no villages yet
    dialog.names_edit.setPlainText("甲村\n乙社区\n")
    dialog.folder_edit.setText(str(tmp_path / "各村"))
    assert dialog.generate_button.isEnabled() and dialog.generate_button.text() == "生成 2 个目录"
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    a = load_catalog(tmp_path / "各村" / "甲村.zwgk")
    b = load_catalog(tmp_path / "各村" / "乙社区.zwgk")
    assert a.item_count() == b.item_count() > 0
    assert all("村级" in i.level for d in a.domains for i in d.items)
    pairs = zip(
        (i for d in a.domains for i in d.items),
        (i for d in b.domains for i in d.items),
        strict=True,
    )
    for ia, ib in pairs:
        assert (ia.subject, ib.subject) == ("甲村", "乙社区")
        assert ia.content == ib.content and ia.channels == ib.channels
    assert "生成 2 个村（居）务公开目录" in dialog.result_label.text()
    # Again: asks before replacing; a "no" writes nothing.
    msgbox.answers.append(False)
    assert dialog.generate() == []
    assert msgbox.shown[-1][0] == "ask" and "已存在" in msgbox.shown[-1][1]
    dialog.names_edit.setPlainText("a/b")
    assert not dialog.generate_button.isEnabled() and "文件名" in dialog.hint.text()


def test_parent_workbook_is_read_off_the_ui_thread(
    qtbot, county_file: Path, tmp_path: Path
) -> None:
    from zwgk_desktop.core.xlsx import export_workbook

    xlsx = tmp_path / "平安县目录.xlsx"
    export_workbook(load_catalog(county_file), xlsx)
    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    dialog.unit_edit.setText(TOWN)
    dialog.load_parent_in_background(xlsx)
    qtbot.waitUntil(lambda: dialog.task.finished, timeout=30_000)
    assert dialog.parent_path == xlsx and dialog.ok_button.isEnabled(), dialog.hint.text()
    town = load_catalog(dialog.create_at(tmp_path / "城关镇.zwgk"))
    assert town.meta.source["file"] == "平安县目录.xlsx"
    assert town.item_count() > 0
