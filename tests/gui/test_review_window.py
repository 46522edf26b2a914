"""The main window's 审核 menu and review docks, apart from the end-to-end story."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from zwgk_desktop.core.review.model import CommentStatus
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.delegates import REVIEW_MARK_COLORS
from zwgk_desktop.gui.models.catalog_table import REVIEW_ROLE

REVIEW_MENU = (
    "打开提交文件（审核模式）…",
    "批量审核文件夹…",
    "添加审核意见…",
    "校验结果转为意见",
    "与标准模板比较",
    "与上一轮比较",
    "与其他文件比较…",
    "导出审核意见表…",
    "导出意见函（PDF）…",
    "本领域通过",
    "全部通过",
    "退回修改",
    "审核意见面板",
    "合并另一份审核文件…",
    "设置审核人姓名…",
)


def _received(doc_path: Path, tmp_path: Path) -> Path:
    """The township's document as it arrives in the county's 收件 folder."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    return Path(shutil.copy2(doc_path, inbox / "测试镇.zwgk"))


def test_review_menu_and_docks_without_a_review(window) -> None:
    texts = [a.text() for a in window.menus["审核"].actions() if not a.isSeparator()]
    assert texts == list(REVIEW_MENU)
    assert not window.review_dock.isVisible() and not window.diff_dock.isVisible()
    assert not window.review_banner.isVisible()
    enabled = {a.text() for a in window.menus["审核"].actions() if a.isEnabled() and a.text()}
    assert enabled == {"打开提交文件（审核模式）…", "批量审核文件夹…", "设置审核人姓名…"}
    window.table.select_cell(0, 0)
    assert window.table.currentIndex().data(REVIEW_ROLE) == []


def test_a_received_copy_opens_read_only_and_the_form_check_survives_the_tabs(
    window, doc_path: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "收件"
    inbox.mkdir()
    received = Path(shutil.copy2(doc_path, inbox / "测试镇.zwgk"))
    window.reviewing.set_reviewer_name("王审核")
    assert load_settings().reviewer_name == "王审核"
    assert window.reviewing.open_for_review(received)
    assert window.review.user == "王审核"
    assert window.session.read_only and window.session.document.source_path == received
    assert window.windowTitle().startswith("审核模式：测试镇人民政府提交的文件（只读）")
    # the 审核意见 dock is in front of 事项详情, which stays open behind its tab
    assert window.review_dock.isVisible()
    assert window.actions_by_id["show_form"].isChecked()
    window.actions_by_id["show_form"].setChecked(False)
    window.actions_by_id["show_form"].setChecked(True)
    assert not window.form_dock.isHidden()

    window.doc.show_domain("beta")
    window.table.select_cell(2, window.table_model.column_of("basis"))
    comment_id = window.review_panel.add_comment("依据请写明条款")
    window.reviewing.set_reviewer_name("赵审核")  # later comments carry the new name
    window.review_panel.set_current("beta", -1, "")
    domain_comment = window.review_panel.add_comment("本领域请补充村级事项")
    review = window.review
    assert review.store.comment(comment_id).author == "王审核"
    assert review.store.comment(domain_comment).author == "赵审核"
    index = window.table_model.index(2, window.table_model.column_of("basis"))
    (mark,) = index.data(REVIEW_ROLE)
    assert mark.status is CommentStatus.OPEN and mark.status.value in REVIEW_MARK_COLORS
    # a jump from the panel to a domain comment shows that domain
    window.doc.show_domain("alpha")
    window.reviewing.jump_to_cell("beta", -1, "")
    assert window.doc.current_domain() == "beta"


def test_a_whole_item_comment_marks_the_rows_first_cell(window, doc_path: Path) -> None:
    with ReviewSession.open_for_review(doc_path, "李审核") as review:
        review.add_comment("此事项与本镇职能无关，建议删除", "alpha", 3)
    assert window.reviewing.open_for_review(doc_path)
    window.doc.show_domain("alpha")
    first = window.table_model.index(3, 0)
    assert [c.text for c in first.data(REVIEW_ROLE)] == ["此事项与本镇职能无关，建议删除"]
    assert "建议删除" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert not window.table_model.index(3, 1).data(REVIEW_ROLE)


def test_an_unreadable_submission_is_one_message_and_the_open_document_stays(
    window, tmp_path: Path
) -> None:
    bad = tmp_path / "坏.zwgk"
    bad.write_bytes(b"\x00not a catalog" * 40)
    window.reviewing.set_reviewer_name("李审核")  # asked once before; this test is about the file
    before = window.session
    assert not window.reviewing.open_for_review(bad)
    kinds = [kind for kind, _text in msgbox.shown]
    assert kinds == ["error"] and "坏.zwgk" in msgbox.shown[0][1]
    assert window.session is before and window.review is None
    assert not (tmp_path / "坏.审核.zwgkr").exists()


def test_a_township_without_a_review_file_sees_no_review(window) -> None:
    assert window.review is None and not window.review_dock.isVisible()
    assert window.windowTitle().startswith("测试镇人民政府")


def test_welcome_page_leads_a_reviewer_into_review_mode_and_the_batch(
    qtbot, doc_path: Path, tmp_path: Path, monkeypatch
) -> None:
    """A county reviewer starting the app cold finds both review entries on the start page."""
    from PySide6.QtWidgets import QFileDialog

    from zwgk_desktop.gui.mainwindow import MainWindow

    received = _received(doc_path, tmp_path)
    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        assert w.stack.currentWidget() is w.welcome
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(received), ""))
        )
        qtbot.mouseClick(w.welcome.review_button, Qt.MouseButton.LeftButton)
        assert w.review is not None and w.review.is_reviewer
        assert w.session.read_only
        assert w.windowTitle().startswith("审核模式：")
        w.doc.close_session()
        assert w.stack.currentWidget() is w.welcome
        qtbot.mouseClick(w.welcome.batch_button, Qt.MouseButton.LeftButton)
        assert w.reviewing.batch_dialog is not None and w.reviewing.batch_dialog.isVisible()
        w.reviewing.batch_dialog.close()
    finally:
        w.doc.close_session()
        msgbox.set_test_mode(False)


def test_merging_the_townships_copy_updates_the_panel_and_the_marks(
    window, doc_path: Path, tmp_path: Path, monkeypatch
) -> None:
    """The county opens its own review again and merges the township's returned copy."""
    from PySide6.QtWidgets import QFileDialog

    received = _received(doc_path, tmp_path)
    inbox = received.parent
    with ReviewSession.open_for_review(received, "李审核") as county:
        domain_id = county.catalog.domains[0].id
        first = county.add_comment("请补充依据", domain_id, 0, "basis")
        county.return_for_changes()
    town = tmp_path / "乡镇"
    town.mkdir()
    shutil.copy2(inbox / "测试镇.审核.zwgkr", town / "测试镇.审核.zwgkr")
    own = Path(shutil.copy2(received, town / "测试镇.zwgk"))
    from zwgk_desktop.core.storage import Document

    with (
        Document.open(own) as doc,
        ReviewSession.open_for_township(own, doc.load_catalog(), "张三") as township,
    ):
        township.mark_modified([first], "已补充")

    assert window.reviewing.open_for_review(received)
    assert window.actions_by_id["review_merge"].isEnabled()
    assert window.review.store.comment(first).status is CommentStatus.OPEN
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(town / "测试镇.审核.zwgkr"), "")),
    )
    window.actions_by_id["review_merge"].trigger()
    assert window.review.store.comment(first).status is CommentStatus.MODIFIED
    assert msgbox.shown[-1] == ("info", "已合并：更新意见状态 1 条")
    assert "已修改" in [
        window.review_panel.tree.topLevelItem(0).child(k).text(2)
        for k in range(window.review_panel.tree.topLevelItem(0).childCount())
    ]
    window.reviewing.merge_review_file(tmp_path / "不存在.zwgkr")
    assert msgbox.shown[-1][0] == "error"
