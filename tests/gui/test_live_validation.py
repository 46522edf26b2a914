"""Validation follows the clerk: cell marks, panel, counts and navigator update as you edit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.validation import Severity, validate_catalog
from zwgk_desktop.gui.live_validation import LiveValidation
from zwgk_desktop.gui.models.catalog_table import SEVERITY_ROLE
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE


def test_edit_marks_cell_and_updates_counts_panel_and_navigator(window, qtbot) -> None:
    model = window.table_model
    col = model.column_of("time_limit")
    assert window.chrome.counts_label.text().startswith("错误 0")
    model.setData(model.index(2, col), "尽快")
    assert model.index(2, col).data(SEVERITY_ROLE) is Severity.WARNING
    tip = model.index(2, col).data(Qt.ItemDataRole.ToolTipRole)
    assert "警告" in tip and "尽快" in tip
    qtbot.waitUntil(lambda: window.chrome.counts_label.text().startswith("错误 0　警告 1"))
    assert window.navigator.model.index(0).data(STATUS_TEXT_ROLE) == "1 警告"
    panel = window.issues_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert "1 个警告" in panel.summary.text()
    finding = panel.model.index(0, 0, panel.model.index(0, 0))
    assert finding.data(LOCATED_ROLE).issue.field == "time_limit"
    window.table.select_cell(0, 0)
    panel._activate(finding)  # a click on the finding
    assert window.doc.current_position() == ("alpha", 2, "time_limit")
    window.edit.on_undo()
    assert model.index(2, col).data(SEVERITY_ROLE) is None
    qtbot.waitUntil(lambda: window.chrome.counts_label.text().startswith("错误 0　警告 0"))


def test_form_edit_revalidates_and_shows_message_under_field(window, qtbot) -> None:
    window.table.select_cell(0, 0)
    form = window.form
    basis = form.editors["basis"]
    basis.setFocus()
    basis.selectAll()
    basis.insertPlainText("")
    basis.clear()
    window.table.setFocus()  # focus-out commits
    qtbot.waitUntil(lambda: window.session.items("alpha")[0].basis == "")
    assert form.messages["basis"].isVisible() and "公开依据" in form.messages["basis"].text()
    assert (
        window.table_model.index(0, window.table_model.column_of("basis")).data(SEVERITY_ROLE)
        is Severity.ERROR
    )
    assert window.session.undo_stack.count() == 1


def test_panel_jump_into_other_domain_and_hidden_row(window, qtbot) -> None:
    item = window.session.items("beta")[2]
    from zwgk_desktop.gui import commands

    commands.push(
        window.session, commands.set_cells(window.session, [("beta", item.id, "subject", "")])
    )
    window.header.filter.insert("事项1")
    window.header.apply_filter_now()
    window.doc.locate("beta", item.id, "subject")
    assert window.doc.current_domain() == "beta"
    assert window.doc.current_position() == ("beta", 2, "subject")


def test_next_issue_key_walks_findings(window, qtbot) -> None:
    from zwgk_desktop.gui import commands

    a = window.session.items("alpha")[1]
    b = window.session.items("beta")[0]
    commands.push(
        window.session,
        commands.set_cells(
            window.session, [("alpha", a.id, "basis", ""), ("beta", b.id, "basis", "")]
        ),
    )
    window.issues_panel.rebuild()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.doc.current_position() == ("alpha", 1, "basis")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.doc.current_position() == ("beta", 0, "basis")


def test_background_check_of_a_big_catalog_matches_full_validation(qapp, tmp_path) -> None:
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.gui.session import Session

    catalog = generate_catalog(1500, seed=3)
    catalog.domains[2].items[4].basis = ""
    path = tmp_path / "big.zwgk"
    Document.create(path, catalog).close()
    session = Session(Document.open(path))
    try:
        validation = LiveValidation(session)
        validation.restart(session.catalog.domains[0].id)
        assert validation.busy
        # The status bar and the navigator ask for counts while the pass is under way.
        validation.store.totals(session.catalog.domains)
        validation._work(budget=0.001)
        validation.store.totals(session.catalog.domains)
        validation.wait_idle()
        expected = validate_catalog(session.catalog).counts
        totals = validation.store.totals(session.catalog.domains)
        assert {s.value: n for s, n in totals.items()} == expected
    finally:
        session.close()


def test_adding_a_domain_keeps_other_findings_and_checks_the_new_one(window, qtbot) -> None:
    from zwgk_desktop.gui import commands

    item = window.session.items("alpha")[0]
    commands.push(
        window.session, commands.set_cells(window.session, [("alpha", item.id, "basis", "")])
    )
    domain_id = window.domains.add_custom_domain("新增领域")
    # Nothing re-checked from scratch: alpha keeps its finding at once, the new domain is queued.
    assert (
        window.validation.store.domain_counts(window.session.domain("alpha"))[Severity.ERROR] == 1
    )
    window.validation.wait_idle()
    assert window.validation.is_checked(domain_id)
    new_domain = window.session.domain(domain_id)
    assert (
        window.validation.store.domain_counts(new_domain)[Severity.WARNING] >= 1
    )  # no items, not 未涉及
    window.edit.on_undo()
    assert not window.session.has_domain(domain_id)
    assert not window.validation.is_checked(domain_id)


def test_panel_updates_only_the_changed_rows(window, qtbot) -> None:
    """An edit inserts/removes the item's findings; no reset, expansion and selection kept."""
    panel = window.issues_panel
    model = window.table_model
    column = model.column_of("time_limit")
    model.setData(model.index(0, column), "尽快")
    model.setData(model.index(3, column), "尽快")
    panel.flush()
    tree_model = panel.model
    group = tree_model.index(0, 0)
    assert tree_model.rowCount(group) == 2
    first = tree_model.index(0, 0, group)
    panel.tree.setCurrentIndex(first)
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    tree_model.modelReset.connect(lambda: resets.append(1))
    tree_model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    tree_model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))

    model.setData(model.index(2, column), "尽快")  # a finding between the two
    panel.flush()
    assert resets == [] and inserted == [(1, 1)] and removed == []
    assert tree_model.rowCount(group) == 3
    assert panel.tree.isExpanded(group)
    assert panel.tree.currentIndex().data(LOCATED_ROLE).issue.item == 1  # still selected
    assert "1 警告" not in group.data() and "3 警告" in group.data()

    window.edit.on_undo()
    panel.flush()
    assert resets == [] and removed == [(1, 1)]
    assert [tree_model.index(r, 0, group).data(LOCATED_ROLE).issue.item for r in range(2)] == [
        1,
        4,
    ]


def test_a_big_domain_is_rechecked_after_the_repaint_of_a_row_change(
    window, qtbot, monkeypatch
) -> None:
    """Rows added to or removed from a big domain re-check it in the background; its first
    slice waited for nothing and shared the repaint's event-loop turn (60 ms instead of
    25 after a paste that added rows at 100,000 items)."""
    from tests.gui.paints import count_paints
    from zwgk_desktop.gui import live_validation

    monkeypatch.setattr(live_validation, "SYNC_DOMAIN_LIMIT", 1)  # every domain is "big"
    validation = window.validation
    paints = count_paints(window.table.viewport())
    resumed: list[int] = []
    resume = validation._resume
    validation._resume = lambda: (resumed.append(len(paints)), resume())
    window.table.select_cell(0, 1)
    assert window.editor.insert_row(below=True)
    assert not validation._chunk_timer.isActive()  # nothing runs before the repaint
    qtbot.waitUntil(lambda: bool(resumed), timeout=5000)
    assert resumed[0] >= 1, "the re-check started before the table repainted"
    qtbot.waitUntil(lambda: not validation.busy, timeout=10000)


def test_the_background_check_grows_each_domains_duplicate_index_as_it_goes(
    qapp, tmp_path, monkeypatch
) -> None:
    """A big domain's duplicate index is not built in the domain rules' own slice (~12 ms
    at 4,000 items, in one event-loop turn) but with the items, a few per slice; an edit
    during the pass makes the rules build it whole again, and either way the findings are
    those of a check from scratch."""
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.core.validation import duplicates
    from zwgk_desktop.gui.session import Session

    catalog = generate_catalog(1500, seed=3)
    big = max(catalog.domains, key=lambda d: len(d.items))
    big.items[7].level1, big.items[7].level2 = big.items[2].level1, big.items[2].level2
    path = tmp_path / "big.zwgk"
    Document.create(path, catalog).close()
    whole: list[int] = []
    original = duplicates.DuplicateIndex.__init__

    def counting(self, items=()) -> None:  # noqa: ANN001
        if items:
            whole.append(len(items))
        original(self, items)

    monkeypatch.setattr(duplicates.DuplicateIndex, "__init__", counting)
    session = Session(Document.open(path))
    try:
        validation = LiveValidation(session)
        validation.restart(big.id)
        while validation.busy:
            validation._work(budget=0.0005)  # many small slices, as on a slow PC
        assert whole == []  # every index was grown with its domain's check
        expected = validate_catalog(session.catalog).counts
        totals = validation.store.totals(session.catalog.domains)
        assert {s.value: n for s, n in totals.items()} == expected
        assert len(validation._duplicates[big.id]) == len(big.items)

        validation.restart(big.id)
        validation._work(budget=0.0005)  # part of the big domain checked…
        assert validation._next_index > 0
        domain = session.domain(big.id)
        session.write_cells([(big.id, domain.items[0].id, "level2", domain.items[1].level2)])
        while validation.busy:  # …then an edit (a write): the rules build the index whole
            validation._work(budget=0.0005)
        assert whole and whole[0] == len(big.items)
        expected = validate_catalog(session.catalog).counts
        totals = validation.store.totals(session.catalog.domains)
        assert {s.value: n for s, n in totals.items()} == expected
    finally:
        session.close()
