"""导出Excel dialog: both layouts through the background path, re-import equal, cancel, checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bench.catalog_gen import generate_catalog
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.xlsx import read_workbook
from zwgk_desktop.gui.dialogs.export_dialog import ExportDialog, default_export_name


def same_catalog(a: Catalog, b: Catalog) -> bool:
    return [(d.name, [i.to_dict() for i in d.items]) for d in a.domains] == [
        (d.name, [i.to_dict() for i in d.items]) for d in b.domains
    ]


@pytest.fixture
def catalog() -> Catalog:
    return generate_catalog(150, seed=7)


def make_dialog(qtbot, catalog: Catalog) -> ExportDialog:
    dialog = ExportDialog(None, catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_defaults(qtbot, catalog):
    dialog = make_dialog(qtbot, catalog)
    assert dialog.layout_key() == "standard"
    assert (
        Path(dialog.path_edit.text()).name
        == default_export_name(catalog)
        == f"{catalog.meta.unit}政务公开标准目录.xlsx"
    )
    assert str(catalog.item_count()) in dialog.summary.text()
    dialog.set_layout("flat")
    assert Path(dialog.path_edit.text()).name.endswith("（平铺）.xlsx")


@pytest.mark.parametrize("layout", ["standard", "flat"])
def test_export_writes_file_that_reimports_equal(qtbot, tmp_path, catalog, layout):
    dialog = make_dialog(qtbot, catalog)
    dialog.set_layout(layout)
    dialog.path_edit.setText(str(tmp_path / "导出"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_path is not None, timeout=30000)
    path = tmp_path / "导出.xlsx"
    assert dialog.exported_path == path
    assert dialog.pages.currentWidget() is dialog.done_page
    assert str(path) in dialog.done_label.text()
    assert same_catalog(read_workbook(path).catalog, catalog)
    settings = load_settings()
    assert settings.last_folder == str(tmp_path)
    assert settings.default_layout == layout


def test_missing_folder_disables_export(qtbot, tmp_path, catalog):
    dialog = make_dialog(qtbot, catalog)
    dialog.path_edit.setText(str(tmp_path / "没有这个文件夹" / "a.xlsx"))
    assert not dialog.export_button.isEnabled()
    assert "文件夹不存在" in dialog.hint.text()
    dialog.path_edit.setText(str(tmp_path / "a.xlsx"))
    assert dialog.export_button.isEnabled()


def test_declined_overwrite_keeps_existing_file(qtbot, tmp_path, catalog, monkeypatch):
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No)
    )
    dialog = make_dialog(qtbot, catalog)
    dialog.path_edit.setText(str(target))
    assert dialog.start_export() is None
    assert target.read_bytes() == b"old"


def test_cancel_leaves_target_untouched(qtbot, tmp_path):
    big = generate_catalog(4000, seed=2)
    target = tmp_path / "大.xlsx"
    dialog = make_dialog(qtbot, big)
    dialog.path_edit.setText(str(target))
    task = dialog.start_export()
    assert task is not None
    assert not dialog.export_button.isEnabled()
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=30000)
    assert task.cancelled
    assert dialog.exported_path is None
    assert not target.exists()
    assert dialog.export_button.isEnabled()
    assert not [p for p in tmp_path.iterdir() if p.name != "大.xlsx"]  # no temp file left behind


def test_copy_for_the_worker_is_equal_and_independent(catalog):
    from zwgk_desktop.gui.dialogs.common import copy_catalog

    before = catalog.to_dict()
    copy = copy_catalog(catalog)
    assert copy.to_dict() == before
    first = next(d for d in copy.domains if d.items)
    first.items[0].channels.append("自建平台")
    first.items.pop()
    copy.meta.levels.append("组级")
    assert catalog.to_dict() == before  # the original saw none of it
    assert copy.to_dict() != before


def test_compact_channels_option_is_remembered_and_reimports_equal(qtbot, tmp_path, catalog):
    dialog = make_dialog(qtbot, catalog)
    assert dialog.compact_check.isEnabled() and not dialog.compact_check.isChecked()
    dialog.compact_check.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "简洁"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_path is not None, timeout=30000)
    path = tmp_path / "简洁.xlsx"
    assert "渠道只列已选" in dialog.done_label.text()
    result = read_workbook(path)
    assert same_catalog(result.catalog, catalog)
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[1]
    cells = [r[7] for r in sheet.iter_rows(min_row=4, values_only=True) if r[7]]
    assert cells and not any("□" in c for c in cells)
    assert load_settings().compact_channels
    again = make_dialog(qtbot, catalog)
    assert again.compact_check.isChecked()
    again.set_layout("flat")
    assert not again.compact_check.isEnabled()


def test_continuous_pages_option_is_remembered_and_reads_back_equal(qtbot, tmp_path, catalog):
    dialog = make_dialog(qtbot, catalog)
    assert dialog.continuous_check.isEnabled() and not dialog.continuous_check.isChecked()
    qtbot.mouseClick(dialog.continuous_check, Qt.MouseButton.LeftButton)
    assert dialog.flow() == "continuous"
    dialog.path_edit.setText(str(tmp_path / "打印版"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_path is not None, timeout=30000)
    path = tmp_path / "打印版.xlsx"
    assert "各领域接续排页" in dialog.done_label.text()
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    assert len(book.worksheets) == 2  # the cover and one sheet with every domain
    assert same_catalog(read_workbook(path).catalog, catalog)
    assert load_settings().continuous_pages
    again = make_dialog(qtbot, catalog)
    assert again.continuous_check.isChecked()
    again.set_layout("flat")
    assert not again.continuous_check.isEnabled() and again.flow() == "continuous"


def test_html_page_from_the_dialog(qtbot, tmp_path, catalog):
    dialog = make_dialog(qtbot, catalog)
    dialog.set_layout("html")
    assert Path(dialog.path_edit.text()).name == default_export_name(catalog, "html")
    assert dialog.path_edit.text().endswith(".html") and not dialog.compact_check.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "发布"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported_path is not None, timeout=30000)
    page = tmp_path / "发布.html"
    assert dialog.exported_path == page
    text = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text and "按要素检索" in text
    assert load_settings().default_layout == "html"
    dialog.set_layout("standard")  # a name the clerk typed keeps its stem, not its format
    dialog.path_edit.setText(str(tmp_path / "发布.html"))
    dialog.set_layout("flat")
    assert dialog.path_edit.text().endswith("发布.xlsx")
