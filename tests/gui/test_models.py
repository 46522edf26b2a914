"""The Qt models over a real session: qtmodeltester, structural signals, filter, marks."""

from __future__ import annotations

import pytest

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui import commands
from zwgk_desktop.gui.commands import EditCommand, InsertOp, OrderOp, RemoveOp
from zwgk_desktop.gui.live_validation import LiveValidation
from zwgk_desktop.gui.models.catalog_table import ISSUES_ROLE, SEVERITY_ROLE, ItemTableModel
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE, DomainListModel, Status
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE, IssuesModel


def level2s(model: ItemTableModel) -> list[str]:
    col = model.column_of("level2")
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_table_model_passes_modeltester_through_edits(session, qtmodeltester) -> None:
    validation = LiveValidation(session)
    validation.validate_all()
    model = ItemTableModel(session, validation)
    model.set_domain("alpha")
    qtmodeltester.check(model, force_py=True)
    session.undo_stack.push(
        EditCommand(session, "插入", [InsertOp(session, "alpha", 1, [Item(level2="新")])])
    )
    ids = [session.items("alpha")[n].id for n in (0, 2, 4)]
    session.undo_stack.push(EditCommand(session, "删除", [RemoveOp(session, "alpha", ids)]))
    old = [i.id for i in session.items("alpha")]
    session.undo_stack.push(
        EditCommand(session, "移动", [OrderOp(session, "alpha", old, old[::-1])])
    )
    model.set_filter("事项")
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert level2s(model) == ["事项1", "事项2", "事项3", "事项4", "事项5"]


def test_set_data_pushes_undoable_command_and_parses_choices(session) -> None:
    model = ItemTableModel(session)
    model.set_domain("alpha")
    col = model.column_of("channels")
    assert model.setData(model.index(0, col), "政府服务中心、政府网站")
    assert session.items("alpha")[0].channels == ["政府网站", "政务服务中心"]
    assert model.index(0, col).data() == "政府网站、政务服务中心"
    assert model.setData(model.index(0, model.column_of("level2")), "改名")
    assert session.undo_stack.count() == 1  # the channels edit changed nothing; one real edit
    session.undo_stack.undo()
    assert model.index(0, model.column_of("level2")).data() == "事项1"


def test_filter_maps_rows_and_keeps_new_rows_visible(session) -> None:
    model = ItemTableModel(session)
    model.set_domain("alpha")
    model.set_filter("事项4")
    assert level2s(model) == ["事项4"]
    assert model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Vertical) == "4"
    session.undo_stack.push(
        EditCommand(session, "插入", [InsertOp(session, "alpha", 0, [Item(level2="新")])])
    )
    assert level2s(model) == ["新", "事项4"]
    item_id = session.items("alpha")[4].id
    session.undo_stack.push(EditCommand(session, "删除", [RemoveOp(session, "alpha", [item_id])]))
    assert level2s(model) == ["新"]
    model.set_filter("")
    assert len(level2s(model)) == 5


def test_cell_marks_follow_live_validation(session, qtbot) -> None:
    validation = LiveValidation(session)
    validation.validate_all()
    model = ItemTableModel(session, validation)
    model.set_domain("alpha")
    col = model.column_of("time_limit")
    assert model.index(1, col).data(SEVERITY_ROLE) is None
    with qtbot.waitSignal(model.dataChanged):
        model.setData(model.index(1, col), "")
    assert model.index(1, col).data(SEVERITY_ROLE) is Severity.ERROR
    assert "公开时限" in model.index(1, col).data(ISSUES_ROLE)[0].message
    assert "公开时限" in model.index(1, col).data(
        __import__("PySide6.QtCore").QtCore.Qt.ItemDataRole.ToolTipRole
    )
    session.undo_stack.undo()
    assert model.index(1, col).data(SEVERITY_ROLE) is None


def test_duplicate_rows_are_flagged_on_both_items_and_cleared(session) -> None:
    validation = LiveValidation(session)
    validation.validate_all()
    model = ItemTableModel(session, validation)
    model.set_domain("alpha")
    col = model.column_of("level2")
    model.setData(model.index(1, col), "事项1")
    rules = {
        i.rule
        for r in (0, 1)
        for c in range(model.columnCount())
        for i in model.index(r, c).data(ISSUES_ROLE)
    }
    assert any("DUP" in rule for rule in rules), rules
    session.undo_stack.undo()
    assert not [i for c in range(model.columnCount()) for i in model.index(0, c).data(ISSUES_ROLE)]


def test_domain_list_status_and_counts(session, qtmodeltester) -> None:
    validation = LiveValidation(session)
    model = DomainListModel(session, validation)
    qtmodeltester.check(model, force_py=True)
    validation.validate_all()
    texts = [model.index(r).data(STATUS_TEXT_ROLE) for r in range(model.rowCount())]
    assert texts == ["编制中", "编制中", "未涉及"]
    item = session.items("beta")[0]
    commands.push(session, commands.set_cells(session, [("beta", item.id, "subject", "")]))
    assert model.index(1).data(STATUS_TEXT_ROLE) == "1 错误"
    commands.push(
        session,
        EditCommand(
            session,
            "说明",
            [commands.DomainOp(session, "gamma", {"note": "本镇无此职能。"}, {"note": ""})],
        ),
    )
    assert "错误" in model.index(2).data(STATUS_TEXT_ROLE)


@pytest.mark.usefixtures("templates_awaiting_conversion")
def test_untouched_template_domain_shows_not_started(qapp, template_doc_path) -> None:
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.gui.session import Session

    session = Session(Document.open(template_doc_path))
    try:
        validation = LiveValidation(session)
        validation.validate_all()
        model = DomainListModel(session, validation)
        statuses = {model.index(r).data(STATUS_TEXT_ROLE) for r in range(model.rowCount())}
        assert statuses == {"未开始"}
        domain = session.catalog.domains[0]
        item = domain.items[0]
        commands.push(
            session,
            commands.set_cells(
                session, [(domain.id, item.id, "content", item.content + "（本镇补充）")]
            ),
        )
        assert model.index(0).data(STATUS_TEXT_ROLE) == "编制中"
        assert model.status(domain)[0] is Status.IN_PROGRESS
    finally:
        session.close()


def test_issues_model_groups_by_domain(session, qtmodeltester) -> None:
    validation = LiveValidation(session)
    validation.validate_all()
    model = IssuesModel(validation)
    qtmodeltester.check(model, force_py=True)
    model.rebuild()
    assert model.rowCount() == 0
    for domain_id in ("alpha", "beta"):
        item = session.items(domain_id)[0]
        commands.push(session, commands.set_cells(session, [(domain_id, item.id, "basis", "")]))
    model.rebuild()
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert groups[0].startswith("甲领域") and groups[1].startswith("乙领域")
    finding = model.index(0, 0, model.index(0, 0))
    located = finding.data(LOCATED_ROLE)
    assert located.item_id == session.items("alpha")[0].id
    assert located.issue.field == "basis"
    assert model.index(0, 1, model.index(0, 0)).data() == "第1项 · 公开依据"
    model.set_shown({Severity.INFO})
    assert model.rowCount() == 0
