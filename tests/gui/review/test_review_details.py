"""Reviewer details: the name asked once, 退回修改 on domains, the batch bar, many opinions,
and columns the importer could not read shown as 未能识别 (never as opinions)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.core.xlsx.builders import number_formatted_time_limit
from tests.core.xlsx.choice_layouts import save_rows, unreadable_channels
from zwgk_desktop.core.review.import_gaps import UNREAD
from zwgk_desktop.core.review.model import ReviewStatus
from zwgk_desktop.core.review.opinions import export_opinions
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.mainwindow import MainWindow
from zwgk_desktop.gui.review import BatchReviewDialog

SA = "social-assistance"


def _window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_reviewer_name_is_asked_once_and_kept(qtbot, submission: Path) -> None:
    window = _window(qtbot)
    assert load_settings().reviewer_name == ""
    msgbox.text_answers[:] = ["李审核"]
    assert window.reviewing.open_for_review(submission)
    assert window.review.user == "李审核" and load_settings().reviewer_name == "李审核"
    asked = [s for s in msgbox.shown if s[0] == "ask_text"]
    assert len(asked) == 1 and "审核人姓名" in asked[0][1]
    window.doc.close_session()
    assert window.reviewing.open_for_review(submission)
    assert len([s for s in msgbox.shown if s[0] == "ask_text"]) == 1
    assert window.review.user == "李审核"


def test_a_cancelled_name_prompt_says_how_opinions_are_signed(qtbot, submission: Path) -> None:
    window = _window(qtbot)
    msgbox.text_answers[:] = [None]  # the reviewer presses 取消
    assert window.reviewing.open_for_review(submission)
    shown = window.statusBar().currentMessage()
    assert "未填写审核人姓名" in shown and "“审核人”" in shown and "设置审核人姓名" in shown
    assert load_settings().reviewer_name == ""


def test_returning_the_catalog_returns_its_domains(review, tmp_path: Path) -> None:
    review.add_comment("请补充公开时限", SA, 0, "time_limit")
    review.return_for_changes()
    involved = [d for d in review.catalog.domains if d.items]
    assert involved and all(
        review.domain_status(d.id).status is ReviewStatus.RETURNED for d in involved
    )
    target = tmp_path / "意见.xlsx"
    export_opinions(review, target)

    sheet = openpyxl.load_workbook(target)["领域审核状态"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "退回修改" in texts and "待审核" not in texts


def test_batch_dialog_shows_no_count_before_it_starts(qtbot, submission: Path) -> None:
    dialog = BatchReviewDialog(None, submission.parent)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.progress.isVisible()
    assert dialog.start()
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)


def test_many_opinions_are_confirmed_first(qtbot, submission: Path) -> None:
    with Document.open(submission) as doc:
        for item in doc.items(SA):
            for key in ("time_limit", "basis", "subject", "content"):
                doc.update_item(item.id, key, "")
    window = _window(qtbot)
    msgbox.text_answers[:] = ["李审核"]
    assert window.reviewing.open_for_review(submission)
    panel = window.review_panel
    msgbox.answers[:] = [False]
    assert panel.comments_from_validation() == 0
    assert window.review.comments() == []
    assert any(kind == "ask" and "确定要添加" in text for kind, text in msgbox.shown)
    msgbox.answers[:] = [True]
    assert panel.comments_from_validation() > 30


def test_unreadable_column_is_shown_as_unread_not_opinion(qtbot, tmp_path: Path) -> None:
    rows, merges, _ = unreadable_channels()
    inbox = tmp_path / "收件"
    inbox.mkdir()
    path = save_rows(inbox / "丙镇.xlsx", rows, merges)
    window = _window(qtbot)
    msgbox.text_answers[:] = ["李审核"]
    assert window.reviewing.open_for_review(path)
    window.validation.validate_all()
    domain = window.session.catalog.domain(SA)
    found = [located.issue for located in window.validation.store.domain_located(domain)]
    on_channels = [i for i in found if i.field == "channels"]
    assert on_channels
    assert all(i.message.startswith(UNREAD) and i.severity.label == "提示" for i in on_channels)
    window.review_panel.comments_from_validation()
    assert all(c.anchor.field != "channels" for c in window.review.comments())
    assert any(UNREAD in text for kind, text in msgbox.shown if kind == "info")


def test_a_number_typed_cell_is_shown_as_unread_in_the_review_window(qtbot, tmp_path: Path) -> None:
    """公开时限 typed as 20 (Excel shows it through a cell format): the reviewer sees the
    finding as 未能识别 (提示) on that item only, and no opinion is made of it."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    path = number_formatted_time_limit(inbox / "甲镇.xlsx", "尽快")
    window = _window(qtbot)
    msgbox.text_answers[:] = ["李审核"]
    assert window.reviewing.open_for_review(path)
    window.validation.validate_all()
    store = window.validation.store
    items = window.session.catalog.domain(SA).items
    first = store.cell_issues(items[0].id, "time_limit")
    second = store.cell_issues(items[1].id, "time_limit")
    assert first and all(i.message.startswith(UNREAD) and i.severity.label == "提示" for i in first)
    assert second and not any(i.message.startswith(UNREAD) for i in second)
    window.review_panel.comments_from_validation()
    commented = {
        c.anchor.item_index for c in window.review.comments() if c.anchor.field == "time_limit"
    }
    assert commented == {2}
