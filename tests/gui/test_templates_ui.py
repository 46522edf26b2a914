"""Template features in the window: differing cells, reset to template, add standard items."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import commands, msgbox
from zwgk_desktop.gui.mainwindow import MainWindow
from zwgk_desktop.gui.models.catalog_table import TEMPLATE_DIFF_ROLE
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE


@pytest.fixture
def twindow(qtbot, template_doc_path: Path):
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.file.open_path(template_doc_path)
    w.show()
    w.validation.wait_idle()
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)


def test_changed_cells_marked_and_reset_to_template(twindow, qtbot) -> None:
    w = twindow
    domain_id = w.doc.current_domain()
    assert w.navigator.model.index(0).data(STATUS_TEXT_ROLE) == "未开始"
    item = w.session.items(domain_id)[1]
    original = item.content
    commands.push(
        w.session,
        commands.set_cells(
            w.session, [(domain_id, item.id, "content", original + "、本镇补充要素")]
        ),
    )
    col = w.table_model.column_of("content")
    w.actions_by_id["mark_template_diff"].setChecked(True)
    assert w.table_model.index(1, col).data(TEMPLATE_DIFF_ROLE)
    assert (
        w.table_model.index(1, col).data(
            __import__("PySide6.QtCore").QtCore.Qt.ItemDataRole.BackgroundRole
        )
        is not None
    )
    assert not w.table_model.index(0, col).data(TEMPLATE_DIFF_ROLE)
    w.table.select_cell(1, col)
    qtbot.waitUntil(lambda: "已修改：公开内容(要素)" in w.form.template_label.text())
    w.domains.on_reset_to_template()
    assert w.session.items(domain_id)[1].content == original
    assert not w.table_model.index(1, col).data(TEMPLATE_DIFF_ROLE)
    assert w.navigator.model.index(0).data(STATUS_TEXT_ROLE) == "未开始"
    w.edit.on_undo()
    assert w.session.items(domain_id)[1].content.endswith("本镇补充要素")


def test_add_standard_items_back_after_deleting(twindow, template_doc_path: Path) -> None:
    w = twindow
    domain_id = w.doc.current_domain()
    count = len(w.session.items(domain_id))
    w.table.select_rows([0, 2])
    w.edit.on_delete_rows()
    assert len(w.session.items(domain_id)) == count - 2
    w.domains.on_add_standard_items()
    items = w.session.items(domain_id)
    assert len(items) == count
    assert {i.template_ref for i in items} == {f"{domain_id}/{n}" for n in range(1, count + 1)}
    w.domains.on_add_standard_items()  # nothing left to add
    assert msgbox.shown[-1][0] == "info" and "全部标准事项" in msgbox.shown[-1][1]
    doc = Document.open(template_doc_path, read_only=True)
    assert len(doc.items(domain_id)) == count
    doc.close()
    w.edit.on_undo()
    assert len(w.session.items(domain_id)) == count - 2


def test_standard_items_into_a_not_involved_domain(qtbot, tmp_path: Path) -> None:
    from zwgk_desktop.core.catalog_factory import new_catalog
    from zwgk_desktop.core.model import CatalogMeta

    path = tmp_path / "部分领域.zwgk"
    catalog = new_catalog(CatalogMeta(unit="某镇人民政府", year="2026"), ["social-assistance"])
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        w.file.open_path(path)
        w.validation.wait_idle()
        other = next(d for d in w.session.catalog.domains if d.not_involved)
        w.doc.show_domain(other.id)
        w.domains.on_add_standard_items()
        assert not w.session.domain(other.id).not_involved
        assert len(w.session.items(other.id)) > 0
        assert not w.header.not_involved.isChecked()
        w.edit.on_undo()
        assert w.session.domain(other.id).not_involved and not w.session.items(other.id)
    finally:
        w.doc.close_session()
        msgbox.set_test_mode(False)
