"""An edit of 一级/二级事项 updates the duplicate findings at once, in any size of domain.

The duplicate rule used to re-run over the whole domain after each such edit (and, in a
domain of thousands of items, 250 ms later); now the domain's duplicate index says which
items' findings changed. The store must then hold exactly what a check from scratch finds.
"""

from __future__ import annotations

import pytest

from zwgk_desktop.core.validation import Severity, domain_issues
from zwgk_desktop.gui import live_validation
from zwgk_desktop.gui.commands import EditCommand, RemoveOp
from zwgk_desktop.gui.models.catalog_table import SEVERITY_ROLE
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE
from zwgk_desktop.gui.models.issues_model import LOCATED_ROLE


def _store_matches_full_check(window, domain_id: str) -> list[tuple[int | None, str]]:
    """The domain-rule findings in the store, after checking they equal a fresh run."""
    validation = window.validation
    domain = window.session.domain(domain_id)
    fresh = domain_issues(window.session.partial_catalog, domain)
    stored = [located.issue for located in validation.store.domain_rule_findings(domain_id)]
    key = lambda issue: (issue.item or 0, issue.rule, issue.message)  # noqa: E731
    assert sorted(map(key, stored)) == sorted(map(key, fresh))
    ids = {item.id: n for n, item in enumerate(domain.items, start=1)}
    for located in validation.store.domain_rule_findings(domain_id):
        assert located.item_id is None or ids[located.item_id] == located.issue.item
    counts = validation.store.domain_counts(domain)
    validation.store.invalidate_counts(domain_id)
    assert validation.store.domain_counts(domain) == counts  # kept, not stale
    return sorted((issue.item, issue.message) for issue in fresh)


@pytest.mark.parametrize("big", [False, True])
def test_level2_edit_updates_duplicates_now(window, qtbot, monkeypatch, big) -> None:
    if big:  # the domain counts as big: its rules used to wait for a pause in typing
        monkeypatch.setattr(live_validation, "SYNC_DOMAIN_LIMIT", 2)
    model = window.table_model
    level2 = model.column_of("level2")
    nav = window.navigator.model

    model.setData(model.index(3, level2), "事项1")  # row 4 now repeats row 1
    assert model.index(3, level2).data(SEVERITY_ROLE) is Severity.ERROR
    assert not window.validation._rules_timer.isActive()
    assert _store_matches_full_check(window, "alpha") == [
        (4, "“政策文件/事项1”与第1项重复（一级、二级事项相同）")
    ]
    assert nav.index(0).data(STATUS_TEXT_ROLE) == "1 错误"

    model.setData(model.index(0, level2), "事项9")  # the first copy renamed: none left
    assert model.index(3, level2).data(SEVERITY_ROLE) is None
    assert _store_matches_full_check(window, "alpha") == []
    assert nav.index(0).data(STATUS_TEXT_ROLE) == "编制中"

    model.setData(model.index(1, level2), "事项1")  # rows 2 and 4 now: 4 repeats 2
    model.setData(model.index(0, level2), "事项1")  # …and row 1 comes first again
    assert _store_matches_full_check(window, "alpha") == [
        (2, "“政策文件/事项1”与第1项重复（一级、二级事项相同）"),
        (4, "“政策文件/事项1”与第1项重复（一级、二级事项相同）"),
    ]
    assert [model.index(r, level2).data(SEVERITY_ROLE) for r in range(5)] == [
        None,
        Severity.ERROR,
        None,
        Severity.ERROR,
        None,
    ]
    assert nav.index(0).data(STATUS_TEXT_ROLE) == "2 错误"
    panel = window.issues_panel
    panel.flush()
    group = panel.model.index(0, 0)
    rows = [
        panel.model.index(n, 0, group).data(LOCATED_ROLE).issue.item
        for n in range(panel.model.rowCount(group))
    ]
    assert rows == [2, 4]

    for expected in (1, 0, 1):
        window.edit.on_undo()
        assert len(_store_matches_full_check(window, "alpha")) == expected
    assert model.index(3, level2).data(SEVERITY_ROLE) is Severity.ERROR
    assert not window.validation._rules_timer.isActive()
    window.edit.on_undo()
    assert _store_matches_full_check(window, "alpha") == []
    panel.flush()
    assert panel.model.rowCount() == 0
    assert nav.index(0).data(STATUS_TEXT_ROLE) == "编制中"


@pytest.mark.parametrize("big", [False, True])
def test_rows_removed_make_a_new_index(window, qtbot, monkeypatch, big) -> None:
    """After rows are removed the old positions are wrong: the next edit must not use them."""
    if big:
        monkeypatch.setattr(live_validation, "SYNC_DOMAIN_LIMIT", 2)
    session = window.session
    first = session.items("alpha")[0]
    session.undo_stack.push(EditCommand(session, "删除", [RemoveOp(session, "alpha", [first.id])]))
    model = window.table_model
    model.setData(model.index(0, model.column_of("level2")), "事项4")  # rows 1 and 3 alike
    window.validation.wait_idle()
    assert _store_matches_full_check(window, "alpha") == [
        (3, "“政策文件/事项4”与第1项重复（一级、二级事项相同）")
    ]
