"""ReviewPanel and ReviewBanner driven like a reviewer and a township clerk would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItem

from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.review import ReviewBanner, ReviewPanel
from zwgk_desktop.gui.review.panel import COMMENT_ID

SA = "social-assistance"
EC = "elderly-care"


def _comment_items(panel: ReviewPanel) -> list[QTreeWidgetItem]:
    found = []
    for n in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(n)
        found.extend(group.child(k) for k in range(group.childCount()))
    return found


def _item_for(panel: ReviewPanel, comment_id: int) -> QTreeWidgetItem:
    return next(i for i in _comment_items(panel) if i.data(0, COMMENT_ID) == comment_id)


def test_reviewer_adds_a_comment_at_the_current_cell_through_the_dialog(
    qtbot, review: ReviewSession
) -> None:
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.set_session(review)
    assert panel.add_button.isVisibleTo(panel) and not panel.resubmit_button.isVisibleTo(panel)
    panel.set_current(SA, 2, "channels")
    assert "社会救助 第3项 公开渠道和载体" in panel.target_label.text()
    dialog = panel.request_add()
    assert dialog is not None and "第3项" in dialog.target_label.text()
    assert not dialog.buttons.buttons()[0].isEnabled()
    dialog.problem_edit.setText("缺少精准推送")  # Chinese goes in with setText, never keyClicks
    dialog.text_edit.setPlainText("请增加“精准推送”渠道")
    with qtbot.waitSignal(panel.changed, timeout=2000):
        dialog.accept()
    comment = review.comments()[0]
    assert (comment.anchor.domain_id, comment.anchor.item_index, comment.anchor.field) == (
        SA,
        3,
        "channels",
    )
    assert (comment.problem, comment.text, comment.author) == (
        "缺少精准推送",
        "请增加“精准推送”渠道",
        "李审核",
    )
    assert panel.selected_comment_ids() == [comment.id]
    assert "缺少精准推送" in panel.detail.toPlainText()
    with qtbot.waitSignal(panel.jump_requested, timeout=2000) as jumped:
        panel.tree.itemDoubleClicked.emit(_item_for(panel, comment.id), 0)
    assert jumped.args == [SA, 2, "channels"]


def test_domain_comment_status_changes_and_domain_status(qtbot, review: ReviewSession) -> None:
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.set_session(review)
    panel.set_current(EC)
    cid = panel.add_comment("本领域请补充村级事项")
    assert cid is not None and review.store.comment(cid).anchor.field == ""
    panel.select_comment(cid)
    panel.mark_selected(CommentStatus.RESOLVED)
    assert review.store.comment(cid).status is CommentStatus.RESOLVED
    assert _item_for(panel, cid).text(2) == "已解决"
    panel.select_comment(cid)
    panel.set_domain_status(ReviewStatus.APPROVED)
    assert review.domain_status(EC).status is ReviewStatus.APPROVED
    panel.filter_combo.setCurrentIndex(1)  # 未解决
    assert _comment_items(panel) == []
    panel.filter_combo.setCurrentIndex(0)
    assert len(_comment_items(panel)) == 1


def test_approving_with_open_comments_asks_first(qtbot, review: ReviewSession) -> None:
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.set_session(review)
    panel.set_current(SA, 0, "basis")
    panel.add_comment("请补充依据")
    msgbox.answers.append(False)
    panel.set_catalog_status(ReviewStatus.APPROVED)
    assert review.catalog_status().status is ReviewStatus.PENDING
    assert msgbox.shown[-1][0] == "ask" and "1 条" in msgbox.shown[-1][1]
    msgbox.answers.append(True)
    panel.set_catalog_status(ReviewStatus.APPROVED)
    assert review.catalog_status().status is ReviewStatus.APPROVED
    assert "通过" in panel.status_label.text()


def test_validation_results_become_comments_with_one_click(qtbot, submission: Path) -> None:
    with Document.open(submission) as doc:
        doc.update_item(doc.items(SA)[1].id, "time_limit", "")
    with ReviewSession.open_for_review(submission, "李审核") as session:
        panel = ReviewPanel()
        qtbot.addWidget(panel)
        panel.set_session(session)
        panel.validation_button.click()
        added = len(session.comments())
        assert added >= 1 and msgbox.shown[-1] == ("info", f"已将 {added} 条校验结果转为审核意见")
        assert len(_comment_items(panel)) == added
        panel.validation_button.click()
        assert len(session.comments()) == added


def test_township_marks_modified_with_a_reply_and_resubmits(qtbot, submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as reviewer:
        cid = reviewer.add_comment("请写明具体工作日", SA, 1, "time_limit")
        reviewer.return_for_changes()
    with (
        Document.open(submission) as doc,
        ReviewSession.open_for_township(submission, doc.load_catalog()) as township,
    ):
        panel = ReviewPanel()
        qtbot.addWidget(panel)
        panel.set_session(township)
        assert not panel.add_button.isVisibleTo(panel) and panel.resubmit_button.isVisibleTo(panel)
        assert panel.filter_combo.currentText() == "未解决"
        panel.select_comment(cid)
        panel.reply_edit.setText("已改为10个工作日")
        panel.modified_button.click()
        comment = township.store.comment(cid)
        assert (comment.status, comment.reply) == (CommentStatus.MODIFIED, "已改为10个工作日")
        assert panel.reply_edit.text() == ""
        panel.resubmit()
        assert township.catalog_status().status is ReviewStatus.PENDING
        assert "重新提交" in msgbox.shown[-1][1]
        banner = ReviewBanner()
        qtbot.addWidget(banner)
        banner.set_session(township)
        assert "县级审核意见" in banner.text() and not banner.template_button.isVisibleTo(banner)


def test_errors_are_shown_not_raised(qtbot, review: ReviewSession) -> None:
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.set_session(review)
    assert panel.add_comment("   ") is None
    assert msgbox.shown[-1] == ("error", "审核意见不能为空")


def test_banner_says_whose_file_it_is(qtbot, round2: ReviewSession) -> None:
    banner = ReviewBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()  # nothing to say before a review is open
    banner.set_session(round2)
    assert "审核模式：甲镇人民政府提交的文件（只读）" in banner.text()
    assert "第2轮" in banner.text() and "收到第2轮提交" in banner.text()
    assert banner.previous_button.isVisibleTo(banner) and banner.template_button.isVisibleTo(banner)
    with qtbot.waitSignal(banner.template_diff_requested, timeout=1000):
        banner.template_button.click()
    banner.set_session(None)
    assert not banner.isVisible()
