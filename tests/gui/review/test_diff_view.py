"""DiffView: round-to-round and template diffs, detail text, jumps."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.gui.review import DiffView
from zwgk_desktop.gui.review.diff_view import PAYLOAD, segments_html

SA = "social-assistance"
EC = "elderly-care"


def _nodes(view: DiffView) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []

    def walk(node: QTreeWidgetItem) -> None:
        out.append(node)
        for k in range(node.childCount()):
            walk(node.child(k))

    for n in range(view.tree.topLevelItemCount()):
        walk(view.tree.topLevelItem(n))
    return out


def test_previous_round_is_offered_and_shown(qtbot, round2: ReviewSession) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_session(round2)
    assert [view.source_combo.itemData(i) for i in range(view.source_combo.count())] == [
        "previous",
        "template",
        "file",
        "parent",
    ]
    assert "第1轮 → 第2轮" in view.summary_label.text() and "删除 1 项" in view.summary_label.text()
    tops = [view.tree.topLevelItem(n).text(1) for n in range(view.tree.topLevelItemCount())]
    assert len(tops) == 2 and tops[0].startswith("社会救助") and tops[1].startswith("养老服务")
    field_node = next(n for n in _nodes(view) if n.data(0, PAYLOAD)[0] == "field")
    view.tree.setCurrentItem(field_node)
    assert "公开时限" in view.detail.toPlainText()
    assert "line-through" in view.detail.toHtml() or "text-decoration" in view.detail.toHtml()
    with qtbot.waitSignal(view.jump_requested, timeout=1000) as jumped:
        view.tree.itemDoubleClicked.emit(field_node, 0)
    assert jumped.args == [SA, 1, "time_limit"]
    removed = next(
        n
        for n in _nodes(view)
        if n.data(0, PAYLOAD)[0] == "item" and n.data(0, PAYLOAD)[2].change == "removed"
    )
    with qtbot.waitSignal(view.jump_requested, timeout=1000) as jumped:
        view.tree.itemDoubleClicked.emit(removed, 0)
    assert jumped.args == [EC, -1, ""]


def test_template_comparison_and_unchanged_filter(qtbot, round2: ReviewSession) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_session(round2)
    assert view.show_source("template")
    assert "缺少标准事项 1 个" in view.summary_label.text()
    changed_only = view.tree.topLevelItemCount()
    view.changed_only.setChecked(False)
    assert view.tree.topLevelItemCount() > changed_only  # unchanged and 未涉及 domains appear
    assert not view.show_source("since")


def test_first_round_and_a_file_of_the_same_unit(
    qtbot, review: ReviewSession, tmp_path: Path
) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_session(review)
    assert [view.source_combo.itemData(i) for i in range(view.source_combo.count())] == [
        "template",
        "file",
        "parent",
    ]
    earlier = review.catalog.to_dict()
    domain = next(d for d in earlier["domains"] if d["id"] == SA)
    domain["items"][0]["content"] = "旧的内容"
    path = tmp_path / "去年.json"
    path.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    diff = view.compare_with_file(path)
    assert diff is not None and diff.summary()["items_changed"] == 1
    assert "去年.json → 甲镇.zwgk" in view.summary_label.text()
    assert view.compare_with_file(tmp_path / "none.zwgk") is None


def test_choosing_another_file_in_the_list_asks_for_it_and_cancel_keeps_the_diff(
    qtbot, review: ReviewSession, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    view = DiffView()
    qtbot.addWidget(view)
    view.set_session(review)
    shown = view.summary_label.text()
    answers = iter([("", ""), (str(tmp_path / "去年.json"), "")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: next(answers)))
    earlier = review.catalog.to_dict()
    next(d for d in earlier["domains"] if d["id"] == SA)["items"][0]["basis"] = "旧依据"
    (tmp_path / "去年.json").write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    assert view.show_source("file")  # cancelled
    assert view.source_combo.currentData() == "template" and view.summary_label.text() == shown
    assert view.show_source("file")
    assert "去年.json → 甲镇.zwgk" in view.summary_label.text()
    assert view.diff is not None and view.diff.summary()["items_changed"] == 1


def test_segments_html_escapes_and_marks() -> None:
    html_text = segments_html("<b>10个工作日", "<b>20个工作日")
    assert "&lt;b&gt;" in html_text and "<b>" not in html_text
    assert "line-through" in html_text and "#def7e5" in html_text


def test_parent_comparison_turns_into_opinions(qtbot, submission: Path, tmp_path: Path) -> None:
    from zwgk_desktop.core.catalog_factory import new_catalog
    from zwgk_desktop.core.model import CatalogMeta
    from zwgk_desktop.core.storage import Document

    county = new_catalog(CatalogMeta(unit="乙县人民政府", year="2026"), [SA, EC])
    county.domain(SA).items[0].time_limit = "县里改过的时限"  # type: ignore[union-attr]
    county_path = tmp_path / "乙县.zwgk"
    Document.create(county_path, county).close()
    session = ReviewSession.open_for_review(submission, "县审核员")
    try:
        view = DiffView()
        qtbot.addWidget(view)
        view.set_session(session)
        assert not view.to_opinions_button.isVisibleTo(view)  # only for a parent comparison
        diff = view.compare_with_parent(county_path)
        assert diff is not None and diff.mode == "parent"
        county_only = sum(1 for d in county.domains for i in d.items if "乡级" not in i.level)
        s = diff.summary()
        assert s["items_changed"] == 1 and s["items_added"] == county_only > 0
        assert "与上级目录“乙县.zwgk”" in view.summary_label.text()
        labels = [n.text(0) for n in _nodes(view)]
        assert any("与上级目录不同" in t for t in labels)
        assert view.to_opinions_button.isVisibleTo(view) and view.to_opinions_button.isEnabled()
        with qtbot.waitSignal(view.comments_added, timeout=1000) as added:
            qtbot.mouseClick(view.to_opinions_button, Qt.MouseButton.LeftButton)
        ids = added.args[0]
        assert len(ids) == county_only + 1
        comments = {c.id: c for c in session.comments()}
        assert all(comments[i].rule.startswith("parent.") for i in ids)
        assert view.comments_from_diff() == []  # a second click adds nothing
    finally:
        session.close()
