"""新建目录 dialog: validation hints, the domain checklist, and the document it creates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.templates import all_templates
from zwgk_desktop.gui.dialogs.new_catalog import DEFAULT_NOTE, NewCatalogDialog, default_file_name


def make_dialog(qtbot) -> NewCatalogDialog:
    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_ok_disabled_until_unit_given(qtbot):
    dialog = make_dialog(qtbot)
    assert dialog.year_edit.text() == str(dt.date.today().year)
    assert not dialog.ok_button.isEnabled()
    assert "单位名称" in dialog.hint.text()
    dialog.unit_edit.insert("城关镇")
    assert dialog.ok_button.isEnabled()
    assert dialog.hint.text() == ""


def test_year_and_levels_are_checked(qtbot):
    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("城关镇")
    dialog.year_edit.setText("明年")
    assert not dialog.ok_button.isEnabled()
    assert "四位年份" in dialog.hint.text()
    dialog.year_edit.setText("2025年版")
    assert dialog.ok_button.isEnabled()
    for box in dialog.level_boxes.values():
        box.setChecked(False)
    assert "公开层级" in dialog.hint.text()
    dialog.level_boxes["乡级"].setChecked(True)
    assert dialog.ok_button.isEnabled()


def test_unchecked_domain_gets_default_note_and_needs_one(qtbot):
    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("城关镇")
    first = all_templates()[0]
    dialog.set_domain_checked(first.id, False)
    assert dialog.notes() == {first.id: DEFAULT_NOTE}
    dialog.set_note(first.id, "")
    assert not dialog.ok_button.isEnabled()
    assert "缺少说明" in dialog.hint.text()
    dialog.set_note(first.id, "本镇无重大建设项目。")
    assert dialog.ok_button.isEnabled()


def test_all_none_buttons(qtbot):
    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("城关镇")
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_ids() == []
    assert not dialog.ok_button.isEnabled()
    assert len(dialog.notes()) == len(all_templates())
    assert all(note == DEFAULT_NOTE for note in dialog.notes().values())
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_ids() == [t.id for t in all_templates()]
    assert dialog.notes() == {}


def test_creates_valid_document_with_notes(qtbot, tmp_path, monkeypatch):
    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("城关镇")
    dialog.region_edit.insert("示范省示范市示范县")
    dialog.contact_edit.insert("张三 0771-1234567")
    dialog.level_boxes["村级"].setChecked(True)
    dialog.own_level_combo.setCurrentIndex(0)  # 全部事项: every template item
    templates = all_templates()
    skipped = templates[1]
    dialog.set_domain_checked(skipped.id, False)
    dialog.set_note(skipped.id, "本镇无公共资源交易职责。")

    offered: dict[str, str] = {}
    target = tmp_path / "新目录"  # the suffix is added by the dialog

    def fake_save(parent, caption, directory, name_filter):
        offered["directory"] = directory
        offered["filter"] = name_filter
        return str(target), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    path = dialog.created_path
    assert path == tmp_path / "新目录.zwgk"
    assert (
        Path(offered["directory"]).name
        == default_file_name("城关镇")
        == "城关镇政务公开标准目录.zwgk"
    )
    assert "*.zwgk" in offered["filter"]
    with Document.open(path) as document:  # closed by the dialog: we can take the lock
        catalog = document.load_catalog()
    assert catalog.meta.unit == "城关镇"
    assert catalog.meta.region == "示范省示范市示范县"
    assert catalog.meta.levels == ["县级", "乡级", "村级"]
    by_id = {d.id: d for d in catalog.domains}
    assert by_id[skipped.id].not_involved
    assert by_id[skipped.id].note == "本镇无公共资源交易职责。"
    assert by_id[skipped.id].items == []
    involved = by_id[templates[0].id]
    assert not involved.not_involved
    assert len(involved.items) == len(templates[0].items)
    assert all("【单位名称】" not in item.subject for item in involved.items)
    settings = load_settings()
    assert settings.recent_files[0] == str(path.resolve())
    assert settings.last_folder == str(tmp_path)


def test_cancelled_save_dialog_keeps_dialog_open(qtbot, monkeypatch):
    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("城关镇")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.created_path is None
    assert dialog.result() == 0


def test_note_cell_offers_the_usual_reasons(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    from zwgk_desktop.core.vocab import NOT_INVOLVED_REASONS
    from zwgk_desktop.gui.dialogs.new_catalog import NewCatalogDialog

    dialog = NewCatalogDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_domain_checked(dialog.templates[0].id, False)
    dialog.table.editItem(dialog.table.item(0, 2))
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None and editor.completer() is not None
    model = editor.completer().model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == list(NOT_INVOLVED_REASONS)
    assert dialog.default_note_edit.completer() is not None


def test_a_township_keeps_its_own_items_unless_the_clerk_picks_otherwise(qtbot, tmp_path):
    from zwgk_desktop.core.vocab import LEVEL

    dialog = make_dialog(qtbot)
    dialog.unit_edit.insert("平安县人民政府")
    assert dialog.own_level() is None
    dialog.unit_edit.clear()
    dialog.unit_edit.insert("城关镇人民政府")
    assert dialog.own_level() == "乡级"  # follows the name while the clerk has not chosen
    dialog.create_at(tmp_path / "镇.zwgk")
    with Document.open(tmp_path / "镇.zwgk") as document:
        items = [i for d in document.load_catalog().domains for i in d.items]
    assert items and all("乡级" in LEVEL.normalize(i.level) for i in items)
    total = sum(len(t.items) for t in all_templates())
    assert len(items) < total

    dialog.own_level_combo.showPopup()  # the clerk picks 全部事项 with the keyboard
    qtbot.keyClick(dialog.own_level_combo.view(), Qt.Key.Key_Home)
    qtbot.keyClick(dialog.own_level_combo.view(), Qt.Key.Key_Return)
    assert dialog.own_level() is None
    dialog.unit_edit.insert("（新）")  # the choice now stays whatever the name says
    assert dialog.own_level() is None
