"""The reviewer's story through the main window, as a county reviewer and a clerk click it.

The county opens a township's file in 审核模式 (read-only), comments on a cell through the
审核意见 dock, turns validation results into comments, returns the file and exports the
opinions; the township opens its own document, sees the comment marks at their cells,
edits, marks the comments 已修改 and resubmits; the county opens round 2, sees the change
in the 比较 dock and approves. Files travel between the two offices' folders as in reality.
File dialogs are answered by replacing Qt's static QFileDialog functions; everything of
ours is real.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.xlsx.writer import export_workbook
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.mainwindow import MainWindow
from zwgk_desktop.gui.models.catalog_table import REVIEW_ROLE
from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE
from zwgk_desktop.gui.review.panel import COMMENT_ID

SA = "social-assistance"
EC = "elderly-care"
UNIT = "甲镇人民政府"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_submission(path: Path, unit: str = UNIT) -> None:
    """A township catalog from the templates with one 公开时限 left empty (a validation error)."""
    catalog = new_catalog(
        CatalogMeta(unit=unit, region="乙县", year="2026", contact="张三"), [SA, EC]
    )
    for domain in catalog.domains:
        if domain.not_involved:
            domain.note = "本镇无该领域职能，相关信息由县级部门公开"
    catalog.domain(SA).items[1].time_limit = ""
    Document.create(path, catalog).close()


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.doc.close_session()
    if w.reviewing.batch_dialog is not None:
        w.reviewing.batch_dialog.close()
    msgbox.set_test_mode(False)


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def cell(window: MainWindow, row: int, key: str):
    model = window.table_model
    return model.index(model.visible_row(row), model.column_of(key))


def status_text(window: MainWindow, domain_id: str) -> str:
    model = window.domain_model
    return model.index(model.row_of(domain_id)).data(STATUS_TEXT_ROLE)


def test_open_comment_return_fix_reopen_approve_in_the_main_window(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    township, county = tmp_path / "甲镇", tmp_path / "县政务公开办收件"
    township.mkdir()
    county.mkdir()
    own = township / "甲镇.zwgk"
    make_submission(own)
    submitted = county / "甲镇.zwgk"
    shutil.copy2(own, submitted)
    original = sha(submitted)

    # --- the county: its name once, then 审核 → 打开提交文件（审核模式）…
    window.reviewing.set_reviewer_name("李审核")
    answer_open(monkeypatch, submitted)
    window.actions_by_id["review_open"].trigger()
    review = window.review
    assert review is not None and review.is_reviewer and review.round.number == 1
    assert window.windowTitle().startswith("审核模式：甲镇人民政府提交的文件（只读）")
    assert window.review_banner.isVisible()
    assert "审核模式：甲镇人民政府提交的文件（只读）" in window.review_banner.text()
    assert window.review_dock.isVisible() and not window.diff_dock.isVisible()
    assert window.review_dock.windowTitle() == "审核意见"
    window.validation.wait_idle()

    # nothing in the items can change
    window.doc.show_domain(SA)
    channels = cell(window, 1, "channels")
    assert not window.table_model.flags(channels) & Qt.ItemFlag.ItemIsEditable
    assert not window.table.edit(channels, window.table.EditTrigger.AllEditTriggers, None)
    for action_id in ("paste", "insert_below", "delete_rows", "undo"):
        assert not window.actions_by_id[action_id].isEnabled(), action_id
    assert window.actions_by_id["review_approve_all"].isEnabled()
    assert not window.actions_by_id["review_diff_previous"].isEnabled()  # round 1

    # a comment on 社会救助 item 2's 公开渠道, through the panel's dialog
    window.table.select_cell(1, window.table_model.column_of("channels"))
    assert window.review_panel.current == (SA, 1, "channels")
    window.actions_by_id["review_add_comment"].trigger()
    dialog = window.review_panel.comment_dialog
    assert dialog is not None and "第2项" in dialog.target_label.text()
    dialog.problem_edit.setText("渠道不全")
    dialog.text_edit.setPlainText("请增加“精准推送”渠道")
    dialog.accept()
    (manual,) = review.comments()
    assert (manual.author, manual.anchor.item_index, manual.anchor.field) == (
        "李审核",
        2,
        "channels",
    )
    assert [c.id for c in channels.data(REVIEW_ROLE)] == [manual.id]
    assert "请增加“精准推送”渠道" in channels.data(Qt.ItemDataRole.ToolTipRole)
    assert not cell(window, 1, "content").data(REVIEW_ROLE)

    # validation results → comments, then 退回修改
    window.actions_by_id["review_from_validation"].trigger()
    auto = [c for c in review.comments() if c.source == "validation"]
    time_comment = next(c for c in auto if c.anchor.field == "time_limit")
    assert review.index().location(time_comment.id).cell == (SA, 1, "time_limit")
    assert cell(window, 1, "time_limit").data(REVIEW_ROLE)
    window.actions_by_id["review_return"].trigger()
    assert review.catalog_status().status is ReviewStatus.RETURNED
    assert "退回修改" in window.review_banner.text()

    # 导出审核意见表… : one row per comment
    opinions = county / "甲镇审核意见.xlsx"
    answer_save(monkeypatch, opinions)
    window.actions_by_id["review_export_opinions"].trigger()
    sheet = openpyxl.load_workbook(opinions)["审核意见"]
    header = [c.value for c in sheet[3]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert len(rows) == len(review.comments()) == len(auto) + 1
    row = next(r for r in rows if r["意见"] == "请增加“精准推送”渠道")
    assert (row["单位"], row["领域"], row["字段"], row["问题"], row["状态"], row["审核人"]) == (
        UNIT,
        "社会救助",
        "公开渠道和载体",
        "渠道不全",
        "待处理",
        "李审核",
    )
    copy = window.session.document.path
    window.actions_by_id["close_doc"].trigger()
    assert window.review is None and not window.review_dock.isVisible()
    assert not copy.exists()  # the private review copy is gone
    assert sha(submitted) == original  # the submission was never written to

    # --- the file goes back with its review file; the clerk opens its own document
    shutil.copy2(county / "甲镇.审核.zwgkr", township / "甲镇.审核.zwgkr")
    assert window.file.open_path(own)
    township_review = window.review
    assert township_review is not None and not township_review.is_reviewer
    assert (
        "县级审核意见" in window.review_banner.text() and "退回修改" in window.review_banner.text()
    )
    assert window.review_dock.isVisible() and not window.session.read_only
    window.reviewing.jump_to_cell(SA, 1, "channels")
    assert window.doc.current_position() == (SA, 1, "channels")
    assert [c.id for c in cell(window, 1, "channels").data(REVIEW_ROLE)] == [manual.id]
    assert "渠道不全" in cell(window, 1, "channels").data(Qt.ItemDataRole.ToolTipRole)

    # a row inserted above: the marks follow their item (after the debounced refresh)
    window.table.select_cell(0, 0)
    window.edit.on_insert_above()
    qtbot.waitUntil(lambda: bool(cell(window, 2, "channels").data(REVIEW_ROLE)), timeout=3000)
    assert not cell(window, 1, "channels").data(REVIEW_ROLE)
    window.table.select_cell(0, 0)
    window.edit.on_delete_rows()
    qtbot.waitUntil(lambda: bool(cell(window, 1, "channels").data(REVIEW_ROLE)), timeout=3000)

    # the clerk fixes the item in the table
    item = window.table_model.item_at(1)
    model = window.table_model
    assert model.setData(cell(window, 1, "channels"), [*item.channels, "精准推送"])
    assert model.setData(cell(window, 1, "time_limit"), "自收到申请之日起20个工作日内")
    with Document.open(own, read_only=True) as doc:
        stored = doc.items(SA)[1]
    assert "精准推送" in stored.channels and stored.time_limit.startswith("自收到申请")

    # … and marks every comment 已修改 with a reply, then resubmits
    panel = window.review_panel
    assert panel.select_comment(manual.id)
    panel.reply_edit.setText("已增加精准推送渠道")
    panel.modified_button.click()
    assert township_review.store.comment(manual.id).status is CommentStatus.MODIFIED
    assert panel.select_comment(manual.id)
    panel.modified_button.click()  # again, with the field empty: the reply stays
    assert township_review.store.comment(manual.id).reply == "已增加精准推送渠道"
    panel.filter_combo.setCurrentIndex(0)  # 全部意见
    panel.tree.selectAll()
    for node in panel.tree.selectedItems():  # the one already answered keeps its reply
        node.setSelected(node.data(0, COMMENT_ID) != manual.id)
    assert manual.id not in panel.selected_comment_ids()
    panel.reply_edit.setText("已按意见修改")
    panel.modified_button.click()
    assert {c.status for c in township_review.comments()} == {CommentStatus.MODIFIED}
    panel.resubmit_button.click()
    assert township_review.catalog_status().status is ReviewStatus.PENDING
    window.file.on_close_doc()
    shutil.copy2(own, submitted)
    shutil.copy2(township / "甲镇.审核.zwgkr", county / "甲镇.审核.zwgkr")
    resubmitted = sha(submitted)

    # --- round 2: the county sees what changed and approves
    assert window.reviewing.open_for_review(submitted)
    review = window.review
    assert review is not None and review.round.number == 2
    assert "第2轮" in window.review_banner.text()
    window.actions_by_id["review_diff_previous"].trigger()
    assert window.diff_dock.isVisible()
    diff = window.diff_view.diff
    assert diff is not None and diff.summary()["items_changed"] == 1
    changed = {f.field for d in diff.domains for c in d.items for f in c.fields}
    assert changed == {"channels", "time_limit"}
    domain_node = window.diff_view.tree.topLevelItem(0)
    item_node = domain_node.child(0)
    field_node = next(
        item_node.child(n)
        for n in range(item_node.childCount())
        if "渠道" in item_node.child(n).text(0)
    )
    window.diff_view.tree.itemDoubleClicked.emit(field_node, 0)
    assert window.doc.current_position() == (SA, 1, "channels")
    assert review.store.comment(manual.id).reply == "已增加精准推送渠道"

    window.reviewing.on_review_approve_domain()
    assert review.domain_status(SA).status is ReviewStatus.APPROVED
    assert status_text(window, SA).startswith("已通过")
    assert not status_text(window, EC).startswith("已通过")
    window.actions_by_id["review_approve_all"].trigger()
    assert review.catalog_status().status is ReviewStatus.APPROVED
    assert {c.status for c in review.comments()} == {CommentStatus.RESOLVED}
    assert all(status_text(window, d.id).startswith("已通过") for d in window.session.domains)
    assert "通过" in window.review_banner.text()
    window.file.on_close_doc()
    assert sha(submitted) == resubmitted

    # the township, opening its file again, sees the verdict in the navigator
    shutil.copy2(county / "甲镇.审核.zwgkr", township / "甲镇.审核.zwgkr")
    assert window.file.open_path(own)
    assert status_text(window, SA).startswith("已通过")


def test_an_excel_submission_from_the_batch_dialog_opens_in_review_mode(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    inbox = tmp_path / "收件"
    inbox.mkdir()
    make_submission(inbox / "甲镇.zwgk")
    make_submission(inbox / "乙镇.zwgk", "乙镇人民政府")
    with Document.open(inbox / "乙镇.zwgk", read_only=True) as doc:
        catalog = doc.load_catalog()
    catalog.meta.unit = "丙镇人民政府"
    export_workbook(catalog, inbox / "丙镇.xlsx")
    (inbox / "乙镇.zwgk").unlink()
    workbook = sha(inbox / "丙镇.xlsx")

    window.reviewing.on_review_batch()
    dialog = window.reviewing.batch_dialog
    assert dialog.isVisible()
    assert dialog.start(inbox)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    names = [dialog.files_table.item(r, 0).text() for r in range(dialog.files_table.rowCount())]
    assert sorted(names) == ["丙镇.xlsx", "甲镇.zwgk"]
    dialog.files_table.selectRow(names.index("丙镇.xlsx"))
    dialog.open_button.click()

    review = window.review
    assert review is not None and review.is_reviewer and review.submission.name == "丙镇.xlsx"
    assert window.windowTitle().startswith("审核模式：丙镇人民政府提交的文件（只读）")
    assert window.session.read_only
    assert sum(len(d.items) for d in window.session.catalog.domains) == sum(
        len(d.items) for d in catalog.domains
    )
    window.doc.show_domain(SA)
    window.table.select_cell(0, window.table_model.column_of("basis"))
    assert window.review_panel.add_comment("请写明条款") is not None
    assert cell(window, 0, "basis").data(REVIEW_ROLE)
    assert (inbox / "丙镇.审核.zwgkr").is_file()
    copy = window.session.document.path
    window.doc.close_session()
    assert not copy.exists() and sha(inbox / "丙镇.xlsx") == workbook
