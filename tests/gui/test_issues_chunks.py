"""A group with thousands of findings shows them in chunks; edits touch only shown rows."""

from __future__ import annotations

from pathlib import Path

from tests.gui.factories import small_catalog
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui.models.issues_model import CHUNK, LOCATED_ROLE


def _big_window(qtbot, tmp_path: Path):
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    catalog = small_catalog()
    alpha = catalog.domains[0]
    proto = alpha.items[0]
    alpha.items = []
    for n in range(CHUNK + 150):
        item = proto.copy()
        item.level2 = f"事项{n}"
        item.time_limit = "尽快"  # one 警告 each
        alpha.items.append(item)
    path = tmp_path / "big.zwgk"
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.file.open_path(path)
    window.show()
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    return window


def test_findings_come_in_chunks_and_edits_beyond_them_move_no_rows(
    qtbot, qtmodeltester, tmp_path: Path
) -> None:
    window = _big_window(qtbot, tmp_path)
    panel = window.issues_panel
    model = panel.model
    group = model.index(0, 0)
    total = len(model.groups[0].findings)
    assert total >= CHUNK + 150
    assert model.rowCount(group) == CHUNK and model.has_more(group)
    assert f"{total} 警告" in group.data()

    moves: list[str] = []
    model.rowsInserted.connect(lambda *_: moves.append("in"))
    model.rowsRemoved.connect(lambda *_: moves.append("out"))
    model.modelReset.connect(lambda: moves.append("reset"))
    table = window.table_model
    column = table.column_of("time_limit")
    table.setData(table.index(CHUNK + 100, column), "实时公开")  # fixes a finding not shown
    panel.flush()
    assert moves == [] and model.rowCount(group) == CHUNK
    assert f"{total - 1} 警告" in group.data()
    panel.rebuild()  # (the tester below fetches every row; start from the chunk again)
    group = model.index(0, 0)
    moves.clear()

    # The tree re-lays out (as after any row move) without fetching more rows by itself:
    # each layout used to add a chunk to every open group, so edits got slower and slower.
    for _ in range(3):
        panel.tree.doItemsLayout()
        qtbot.wait(5)
    assert model.rowCount(group) == CHUNK

    panel.tree.setCurrentIndex(model.index(10, 0, group))
    current = panel.tree.currentIndex().data(LOCATED_ROLE)
    assert current.issue.item == 11
    table.setData(table.index(3, column), "实时公开")  # fixes a shown one
    panel.flush()
    # A group with more findings than rows keeps its row count: a repaint, no row moves.
    assert moves == [] and model.rowCount(group) == CHUNK
    items = [model.index(r, 0, group).data(LOCATED_ROLE).issue.item for r in range(10)]
    assert 4 not in items and items[:3] == [1, 2, 3] and items[3] == 5
    assert panel.tree.currentIndex().data(LOCATED_ROLE) == current  # followed its finding
    assert panel.tree.currentIndex().row() == 9

    table.setData(table.index(3, column), "尽快")  # and back: the finding returns in place
    panel.flush()
    assert moves == [] and model.index(3, 0, group).data(LOCATED_ROLE).issue.item == 4
    assert panel.tree.currentIndex().data(LOCATED_ROLE) == current

    # Scrolling to the end of the shown rows shows the next chunk.
    bar = panel.tree.verticalScrollBar()
    bar.setValue(bar.maximum())
    more = min(2 * CHUNK, len(model.groups[0].findings))
    qtbot.waitUntil(lambda: model.rowCount(group) == more)

    while model.has_more(group):
        model.load_more(group)
    assert model.rowCount(group) == len(model.groups[0].findings)
    assert not model.has_more(group)
    qtmodeltester.check(model, force_py=True)
    window.doc.close_session()


def test_f8_walks_past_the_shown_chunk(qtbot, tmp_path: Path) -> None:
    window = _big_window(qtbot, tmp_path)
    panel = window.issues_panel
    model = panel.model
    group = model.index(0, 0)
    panel.tree.setCurrentIndex(model.index(CHUNK - 1, 0, group))
    assert panel.select_next(True)
    assert panel.tree.currentIndex().row() == CHUNK
    assert window.doc.current_position()[1] == CHUNK
    window.doc.close_session()


def test_background_check_adds_groups_without_resetting_the_tree(qtbot, tmp_path: Path) -> None:
    """While the first checked domains have no findings the panel has no group; each domain
    finished then used to reset the whole tree (at 100,000 items: re-reading every checked
    domain, 17-33 ms a time). Now the first group with findings is inserted like any other."""
    from zwgk_desktop.core.model import Domain
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    catalog = small_catalog()
    proto = catalog.domains[0].items[0]
    clean = [
        Domain(id=f"clean{n}", name=f"无问题{n}", items=[proto.copy()], pilot=False)
        for n in range(6)
    ]
    flawed = proto.copy()
    flawed.time_limit = "尽快"  # one 警告
    last = Domain(id="last", name="有问题", items=[flawed], pilot=False)
    catalog.domains = [*clean, last]
    path = tmp_path / "groups.zwgk"
    Document.create(path, catalog).close()
    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.file.open_path(path)
    panel = window.issues_panel
    resets: list[str] = []
    panel.model.modelReset.connect(lambda: resets.append("reset"))
    # Each domain's findings reach the panel in a turn of their own, as on a big catalog.
    window.validation.findings_changed.connect(lambda *_: panel.flush())
    window.show()
    qtbot.waitUntil(lambda: not window.validation.busy, timeout=10_000)
    panel.flush()
    model = panel.model
    assert [g.domain_id for g in model.groups] == ["last"]  # (the others have no findings)
    assert panel.tree.isExpanded(model.index(0, 0))  # shown open, as a rebuild would
    assert len(resets) <= 2  # the start and the 目录信息 check, not one per domain
    window.doc.close_session()
