"""Session + undo commands on a real .zwgk: every change reaches the document, undo too."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import commands
from zwgk_desktop.gui.commands import EditCommand, InsertOp, OrderOp, RemoveOp


def stored(path: Path, domain_id: str) -> list[Item]:
    """What a second reader sees in the file right now."""
    doc = Document.open(path, read_only=True)
    try:
        return doc.items(domain_id)
    finally:
        doc.close()


def titles(items: list[Item]) -> list[str]:
    return [item.level2 for item in items]


def test_cell_edit_goes_to_document_and_undo_restores(session, doc_path: Path) -> None:
    item = session.items("alpha")[1]
    cmd = commands.set_cells(session, [("alpha", item.id, "subject", "新主体")])
    assert commands.push(session, cmd)
    assert session.items("alpha")[1].subject == "新主体"
    assert stored(doc_path, "alpha")[1].subject == "新主体"
    session.undo_stack.undo()
    assert stored(doc_path, "alpha")[1].subject == session.items("alpha")[1].subject != "新主体"
    session.undo_stack.redo()
    assert stored(doc_path, "alpha")[1].subject == "新主体"


def test_consecutive_edits_of_one_cell_merge(session) -> None:
    item = session.items("alpha")[0]
    original = item.content
    for text in ("甲", "甲乙", "甲乙丙"):
        commands.push(
            session, commands.set_cells(session, [("alpha", item.id, "content", text)], merge=True)
        )
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.items("alpha")[0].content == original


def test_edit_back_to_original_leaves_no_step(session) -> None:
    item = session.items("alpha")[0]
    original = item.level2
    commands.push(
        session, commands.set_cells(session, [("alpha", item.id, "level2", "临时")], merge=True)
    )
    commands.push(
        session, commands.set_cells(session, [("alpha", item.id, "level2", original)], merge=True)
    )
    assert session.undo_stack.count() == 0


def test_insert_delete_move_with_undo_keep_document_in_step(session, doc_path: Path) -> None:
    before = titles(session.items("alpha"))
    insert = EditCommand(session, "插入", [InsertOp(session, "alpha", 2, [Item(level2="新事项")])])
    session.undo_stack.push(insert)
    assert titles(session.items("alpha")) == [*before[:2], "新事项", *before[2:]]
    assert titles(stored(doc_path, "alpha")) == titles(session.items("alpha"))

    ids = [session.items("alpha")[n].id for n in (0, 3)]
    session.undo_stack.push(EditCommand(session, "删除", [RemoveOp(session, "alpha", ids)]))
    assert titles(session.items("alpha")) == ["事项2", "新事项", "事项4", "事项5"]
    assert titles(stored(doc_path, "alpha")) == titles(session.items("alpha"))

    # An insert after a delete in the middle lands where it should in the file too.
    session.undo_stack.push(
        EditCommand(session, "插入", [InsertOp(session, "alpha", 2, [Item(level2="后插")])])
    )
    assert titles(stored(doc_path, "alpha")) == ["事项2", "新事项", "后插", "事项4", "事项5"]

    old = [i.id for i in session.items("alpha")]
    new = old[1:] + old[:1]
    session.undo_stack.push(EditCommand(session, "移动", [OrderOp(session, "alpha", old, new)]))
    assert titles(stored(doc_path, "alpha")) == ["新事项", "后插", "事项4", "事项5", "事项2"]

    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert titles(session.items("alpha")) == before
    assert titles(stored(doc_path, "alpha")) == before
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    assert titles(stored(doc_path, "alpha")) == ["新事项", "后插", "事项4", "事项5", "事项2"]
    # Ids survive undo/redo, so the reloaded catalog equals the in-memory one.
    assert [i.id for i in stored(doc_path, "alpha")] == [i.id for i in session.items("alpha")]


def test_domain_changes_are_undoable(session, doc_path: Path) -> None:
    cmd = EditCommand(
        session,
        "未涉及",
        [
            commands.DomainOp(
                session,
                "beta",
                {"not_involved": False, "note": ""},
                {"not_involved": True, "note": "无"},
            )
        ],
    )
    session.undo_stack.push(cmd)
    doc = Document.open(doc_path, read_only=True)
    assert [d.not_involved for d in doc.domains() if d.id == "beta"] == [True]
    doc.close()
    session.undo_stack.undo()
    assert session.domain("beta").not_involved is False


def test_remove_and_add_domain_round_trip(session, doc_path: Path) -> None:
    count = len(session.items("beta"))
    session.undo_stack.push(
        EditCommand(session, "删除领域", [commands.RemoveDomainOp(session, "beta")])
    )
    assert not session.has_domain("beta")
    session.undo_stack.undo()
    assert len(session.items("beta")) == count
    assert [d.id for d in session.catalog.domains] == ["alpha", "beta", "gamma"]
    assert len(stored(doc_path, "beta")) == count


def test_write_failure_is_reported_and_leaves_no_step(qtbot, doc_path: Path) -> None:
    from zwgk_desktop.gui.session import Session

    session = Session(Document.open(doc_path))
    try:
        item = session.items("alpha")[0]
        session.document._conn.close()  # the file vanished under us (USB stick pulled)
        with qtbot.waitSignal(session.failed) as blocker:
            ok = commands.push(
                session, commands.set_cells(session, [("alpha", item.id, "level2", "x")])
            )
        assert not ok
        assert "无法写入" in blocker.args[0]
        assert session.items("alpha")[0].level2 == "事项1"
        assert session.undo_stack.count() == 0
    finally:
        session.undo_stack.clear()


def test_read_only_document_refuses_edits(qapp, doc_path: Path) -> None:
    from zwgk_desktop.gui.session import Session

    session = Session(Document.open(doc_path, read_only=True))
    try:
        item = session.items("alpha")[0]
        assert not commands.push(
            session, commands.set_cells(session, [("alpha", item.id, "level2", "x")])
        )
        assert session.items("alpha")[0].level2 == "事项1"
    finally:
        session.close()


def test_block_op_undo_redo_round_trip_in_memory_and_file(session, doc_path: Path) -> None:
    from zwgk_desktop.core.cell_block import KEEP, change_blocks
    from zwgk_desktop.gui.commands import BlockOp

    items = session.items("alpha")[:2]
    before = [item.copy() for item in session.items("alpha")]
    old, new = change_blocks(
        items, ["level2", "channels"], [["新甲", KEEP], [("公告栏",), ("政府网站", "公告栏")]]
    )
    cmd = EditCommand(session, "粘贴", [BlockOp(session, "alpha", old, new)])
    seen: list[tuple[list[int], list[str]]] = []
    session.cells_changed.connect(lambda _d, rows, keys: seen.append((rows, keys)))
    assert commands.push(session, cmd)
    assert seen == [([0, 1], ["channels", "level2"])]  # the model is told once
    after = [item.copy() for item in session.items("alpha")]
    assert after[0].level2 == "新甲" and after[1].level2 == before[1].level2
    assert after[1].channels == ["政府网站", "公告栏"]
    assert stored(doc_path, "alpha") == session.items("alpha")
    session.undo_stack.undo()
    assert session.items("alpha") == before == stored(doc_path, "alpha")
    session.undo_stack.redo()
    assert session.items("alpha") == after == stored(doc_path, "alpha")
    # the items own their lists: changing one touches neither the undo record nor the file
    session.items("alpha")[1].channels.append("x")
    assert new.columns[1][1] == ("政府网站", "公告栏")


def test_block_write_failure_changes_nothing_and_leaves_no_step(qtbot, doc_path: Path) -> None:
    from zwgk_desktop.core.cell_block import change_blocks
    from zwgk_desktop.gui.commands import BlockOp
    from zwgk_desktop.gui.session import Session

    session = Session(Document.open(doc_path))
    try:
        items = session.items("alpha")
        old, new = change_blocks(items[:2], ["level2"], [["x", "y"]])
        session.document._conn.close()  # the file vanished under us (USB stick pulled)
        with qtbot.waitSignal(session.failed) as blocker:
            ok = commands.push(
                session, EditCommand(session, "粘贴", [BlockOp(session, "alpha", old, new)])
            )
        assert not ok and "无法写入" in blocker.args[0]
        assert [i.level2 for i in items[:2]] == ["事项1", "事项2"]
        assert session.undo_stack.count() == 0
    finally:
        session.undo_stack.clear()


def test_a_block_naming_an_item_of_another_domain_writes_nothing(session, doc_path: Path) -> None:
    from zwgk_desktop.core.cell_block import CellBlock

    alpha, beta = session.items("alpha")[0], session.items("beta")[0]
    block = CellBlock((alpha.id, beta.id), ("level2",), (("甲", "乙"),))
    with pytest.raises(KeyError):
        session.write_block("alpha", block)
    assert [i.level2 for i in stored(doc_path, "alpha")][0] == alpha.level2 == "事项1"
    assert stored(doc_path, "beta")[0].level2 == beta.level2
