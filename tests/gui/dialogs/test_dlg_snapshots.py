"""版本快照 dialog on a real document: create, restore (with safety copy), delete, copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui.dialogs.snapshots import DEFAULT_SNAPSHOT_NAME, SnapshotsDialog


@pytest.fixture
def document(tmp_path):
    doc = Document.create(
        tmp_path / "城关镇.zwgk", new_catalog(CatalogMeta(unit="城关镇", year="2025"))
    )
    yield doc
    doc.close()


def first_domain_with_items(doc: Document) -> str:
    return next(d.id for d in doc.domains() if not d.not_involved)


def yes(monkeypatch, answers: list[str]):
    def question(parent, title, text, *args):
        answers.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def test_create_with_default_name(qtbot, document, monkeypatch):
    dialog = SnapshotsDialog(None, document)
    qtbot.addWidget(dialog)
    assert dialog.snapshot_infos() == []
    assert not dialog.restore_button.isEnabled()
    offered: list[str] = []

    def get_text(parent, title, label, *args, **kwargs):
        offered.append(kwargs.get("text", ""))
        return kwargs.get("text", ""), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert offered == [DEFAULT_SNAPSHOT_NAME]
    infos = dialog.snapshot_infos()
    assert [s.name for s in infos] == [DEFAULT_SNAPSHOT_NAME]
    assert infos[0].item_count == document.item_count()
    assert dialog.table.item(0, 0).text() == DEFAULT_SNAPSHOT_NAME
    assert dialog.table.item(0, 2).text() == str(document.item_count())
    assert dialog.restore_button.isEnabled()


def test_restore_brings_back_items_and_keeps_safety_snapshot(qtbot, document, monkeypatch):
    domain_id = first_domain_with_items(document)
    before = [i.to_dict() for i in document.items(domain_id)]
    dialog = SnapshotsDialog(None, document)
    qtbot.addWidget(dialog)
    snap_id = dialog.create("报县审核前")

    items = document.items(domain_id)
    document.delete_items([items[0].id])
    document.update_item(items[1].id, "subject", "改过的主体")
    assert len(document.items(domain_id)) == len(before) - 1

    answers: list[str] = []
    yes(monkeypatch, answers)
    dialog.select_snapshot(snap_id)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "报县审核前" in answers[0]
    assert dialog.restored
    assert [i.to_dict() for i in document.items(domain_id)] == before
    names = [s.name for s in dialog.snapshot_infos()]
    assert names[1:] == ["报县审核前"]
    assert names[0].startswith("恢复前自动保存")
    safety = document.snapshot_catalog(dialog.snapshot_infos()[0].id)
    assert len(safety.domain(domain_id).items) == len(before) - 1


def test_restore_declined_changes_nothing(qtbot, document, monkeypatch):
    dialog = SnapshotsDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.create("一")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No)
    )
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not dialog.restored
    assert len(dialog.snapshot_infos()) == 1


def test_delete(qtbot, document, monkeypatch):
    dialog = SnapshotsDialog(None, document)
    qtbot.addWidget(dialog)
    first = dialog.create("一")
    second = dialog.create("二")
    yes(monkeypatch, [])
    dialog.select_snapshot(first)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in dialog.snapshot_infos()] == [second]
    assert [s.id for s in document.snapshots()] == [second]


def test_save_copy_writes_independent_document(qtbot, document, tmp_path, monkeypatch):
    domain_id = first_domain_with_items(document)
    dialog = SnapshotsDialog(None, document)
    qtbot.addWidget(dialog)
    snap_id = dialog.create("报县审核前")
    document.delete_items([i.id for i in document.items(domain_id)])
    target = tmp_path / "副本"
    offered: list[str] = []

    def fake_save(parent, caption, directory, name_filter):
        offered.append(directory)
        return str(target), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog.select_snapshot(snap_id)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert Path(offered[0]).name == "城关镇-报县审核前.zwgk"
    with Document.open(tmp_path / "副本.zwgk") as copy:
        expected = document.snapshot_catalog(snap_id)
        assert copy.load_catalog().to_dict() == expected.to_dict()
        assert copy.items(domain_id)
    assert document.items(domain_id) == []


def test_read_only_document_only_allows_copy(qtbot, document, tmp_path):
    document.create_snapshot("一")
    reader = Document.open(document.path, read_only=True)
    try:
        dialog = SnapshotsDialog(None, reader)
        qtbot.addWidget(dialog)
        assert dialog.read_only_label.isVisibleTo(dialog)
        assert not dialog.new_button.isEnabled()
        assert not dialog.restore_button.isEnabled()
        assert not dialog.delete_button.isEnabled()
        assert dialog.copy_button.isEnabled()
    finally:
        reader.close()
