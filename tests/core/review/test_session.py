"""Review sessions: rounds, re-anchoring, carried statuses, who may do what."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.model import Catalog, Item
from zwgk_desktop.core.review.files import review_path_for
from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.settings import Settings, save_settings
from zwgk_desktop.core.storage import Document

SA = "social-assistance"
EC = "elderly-care"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edit(path: Path, fn: Callable[[Document], None]) -> None:
    with Document.open(path) as doc:
        fn(doc)


def test_reviewing_never_touches_the_submission(submission: Path) -> None:
    before = (_digest(submission), submission.stat().st_mtime_ns)
    with ReviewSession.open_for_review(submission, "李审核") as session:
        session.add_comment("请核对", SA, 0, "basis")
        session.return_for_changes()
    assert (_digest(submission), submission.stat().st_mtime_ns) == before
    assert sorted(p.name for p in submission.parent.iterdir()) == ["甲镇.zwgk", "甲镇.审核.zwgkr"]


def test_reopening_the_same_file_is_the_same_round(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as first:
        assert first.round.number == 1 and first.is_reviewer
        assert first.banner_text().startswith("审核模式：甲镇人民政府提交的文件（只读）")
    with ReviewSession.open_for_review(submission, "李审核") as again:
        assert again.round.number == 1 and len(again.store.rounds()) == 1
        assert again.previous_catalog() is None and again.diff_to_previous() is None


def test_reviewer_name_comes_from_settings(submission: Path) -> None:
    save_settings(Settings(reviewer_name="王科长"))
    with ReviewSession.open_for_review(submission) as session:
        cid = session.add_comment("意见", SA)
        assert session.store.comment(cid).author == "王科长"


def test_new_round_reanchors_comments_and_keeps_unchanged_approvals(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as r1:
        level2 = r1.catalog.domain(SA).items[3].level2
        cid = r1.add_comment("时限请具体", SA, 3, "time_limit")
        r1.set_domain_status(EC, ReviewStatus.APPROVED)
        r1.set_domain_status(SA, ReviewStatus.RETURNED)
        r1.return_for_changes()

    def fix(doc: Document) -> None:
        items = doc.items(SA)
        doc.insert_items(SA, 0, [Item(level1="本地", level2="本镇补充事项")])
        doc.update_item(items[3].id, "time_limit", "信息形成之日起10个工作日内")
        doc.update_item(items[3].id, "level2", level2 + "（修订）")

    _edit(submission, fix)
    with ReviewSession.open_for_review(submission, "李审核") as r2:
        assert r2.round.number == 2 and r2.notices
        comment = r2.store.comment(cid)
        assert comment.anchor.item_index == 5 and comment.anchor.level2 == level2 + "（修订）"
        location = r2.index().location(cid)
        assert (location.row, location.field, location.found) == (4, "time_limit", True)
        assert r2.domain_status(EC).status is ReviewStatus.APPROVED  # unchanged domain keeps 通过
        assert r2.domain_status(SA).status is ReviewStatus.PENDING
        assert r2.catalog_status().status is ReviewStatus.PENDING
        diff = r2.diff_to_previous()
        assert diff is not None
        s = diff.summary()
        assert (s["items_added"], s["items_changed"]) == (1, 1)


def test_an_older_file_opens_its_own_round_with_a_notice(submission: Path, tmp_path: Path) -> None:
    old_copy = tmp_path / "old.zwgk"
    old_copy.write_bytes(submission.read_bytes())
    ReviewSession.open_for_review(submission, "李审核").close()
    _edit(submission, lambda doc: doc.update_item(doc.items(SA)[0].id, "content", "新内容"))
    ReviewSession.open_for_review(submission, "李审核").close()
    with ReviewSession.open_for_review(
        old_copy, "李审核", review_path=review_path_for(submission)
    ) as session:
        assert session.round.number == 1
        assert "已有第2轮" in session.notices[0]


def test_a_review_file_of_another_unit_is_refused(
    submission: Path, make_catalog: Callable[..., Catalog]
) -> None:
    ReviewSession.open_for_review(submission, "李审核").close()
    other = submission.with_name("乙镇.zwgk")
    Document.create(other, make_catalog(unit="乙镇人民政府")).close()
    with pytest.raises(ZwgkError, match="属于“甲镇人民政府”"):
        ReviewSession.open_for_review(other, "李审核", review_path=review_path_for(submission))


def test_township_can_only_mark_modified_and_resubmit(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as reviewer:
        cid = reviewer.add_comment("请补充依据", SA, 0, "basis")
        done = reviewer.add_comment("已知悉", SA)
        reviewer.resolve([done])
        reviewer.return_for_changes()
    with Document.open(submission) as doc:
        township = ReviewSession.open_for_township(submission, doc.load_catalog())
    with township:
        assert not township.is_reviewer
        assert township.banner_text() == "县级审核意见（第1轮，退回修改）：1 条待处理"
        assert township.notices == []  # the status is said once, by the banner
        for forbidden in (
            lambda: township.add_comment("我也来一条"),
            lambda: township.resolve([cid]),
            lambda: township.approve(),
            lambda: township.set_domain_status(SA, ReviewStatus.APPROVED),
            lambda: township.reopen([done]),
            lambda: township.comments_from_validation(),
        ):
            with pytest.raises(ZwgkError):
                forbidden()
        township.mark_modified([cid], "已补充《社会救助暂行办法》")
        township.resubmit()
        assert township.store.comment(cid).status is CommentStatus.MODIFIED
        assert township.catalog_status().status is ReviewStatus.PENDING
        assert "resubmit" in [e["kind"] for e in township.store.events()]


def test_township_without_review_file_gets_a_clear_error(submission: Path) -> None:
    with Document.open(submission) as doc, pytest.raises(FileUnreadableError, match="没有审核文件"):
        ReviewSession.open_for_township(submission, doc.load_catalog())


def test_approval_waits_for_open_comments_and_accepts_modified_ones(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as session:
        a = session.add_comment("一", SA, 0)
        b = session.add_comment("二", EC, 1, "channels")
        with pytest.raises(ZwgkError, match="2 条审核意见待处理"):
            session.approve()
        session.set_comment_status([a], CommentStatus.MODIFIED)
        with pytest.raises(ZwgkError, match="还有 1 条"):
            session.set_domain_status(EC, ReviewStatus.APPROVED)
        session.set_domain_status(SA, ReviewStatus.APPROVED)
        assert session.store.comment(a).status is CommentStatus.RESOLVED
        session.approve(force=True)
        assert session.catalog_status().status is ReviewStatus.APPROVED
        assert session.store.comment(b).status is CommentStatus.OPEN


def test_validation_to_comments_in_one_action(submission: Path) -> None:
    _edit(submission, lambda doc: doc.update_item(doc.items(SA)[1].id, "time_limit", ""))
    with ReviewSession.open_for_review(submission, "李审核") as session:
        ids = session.comments_from_validation()
        assert ids
        assert any(
            c.anchor.field == "time_limit" and c.anchor.item_index == 2 for c in session.comments()
        )
        assert session.comments_from_validation() == []


def test_comment_edits_and_empty_comment(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as session:
        with pytest.raises(ZwgkError, match="不能为空"):
            session.add_comment("  ")
        cid = session.add_comment("初稿", problem="问题")
        session.edit_comment(cid, "定稿")
        assert (session.store.comment(cid).text, session.store.comment(cid).problem) == (
            "定稿",
            "问题",
        )
        session.delete_comment(cid)
        assert session.comments() == []


def test_looking_without_registering_records_no_round(submission: Path) -> None:
    ReviewSession.open_for_review(submission, "李审核").close()
    _edit(submission, lambda doc: doc.update_item(doc.items(SA)[0].id, "content", "新内容"))
    with ReviewSession.open_for_review(submission, "李审核", register=False) as look:
        assert look.round.number == 1 and "尚未登记" in look.notices[0]
        assert look.catalog.domain(SA).items[0].content == "新内容"
        assert len(look.store.rounds()) == 1
        diff = look.diff_to_previous()
        assert diff is not None and diff.summary()["items_changed"] == 1
        assert diff.right.label == "当前文件（未登记）"


def test_open_document_shows_the_same_rows_read_only(submission: Path, tmp_path: Path) -> None:
    from zwgk_desktop.core.errors import ReadOnlyError

    with (
        ReviewSession.open_for_review(submission, "李审核") as session,
        session.open_document() as doc,
    ):
        assert doc.read_only and doc.path != submission
        assert doc.load_catalog().to_dict() == session.catalog.to_dict()
        with pytest.raises(ReadOnlyError):
            doc.update_item(doc.items(SA)[0].id, "content", "x")
    as_json = tmp_path / "甲镇.json"
    import json

    with ReviewSession.open_for_review(submission, "李审核") as session:
        as_json.write_text(
            json.dumps(session.catalog.to_dict(), ensure_ascii=False), encoding="utf-8"
        )
    with (
        ReviewSession.open_for_review(as_json, "李审核") as session,
        session.open_document() as doc,
    ):
        assert doc.read_only and doc.source_path == as_json
        assert doc.load_catalog().to_dict() == session.catalog.to_dict()


def test_renamed_resubmission_points_to_the_existing_review_file(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as first:
        first.add_comment("请核对", SA)
    renamed = submission.with_name("甲镇（修改稿）.zwgk")
    renamed.write_bytes(submission.read_bytes())
    with ReviewSession.open_for_review(renamed, "李审核") as fresh:
        assert any("甲镇.审核.zwgkr" in n for n in fresh.notices)
    review_path_for(renamed).unlink()
    with ReviewSession.open_for_review(
        renamed, "李审核", review_path=review_path_for(submission)
    ) as same:
        assert same.round.number == 1 and len(same.comments()) == 1


def test_township_picks_a_review_file_that_is_then_kept_beside_its_document(
    submission: Path, tmp_path: Path
) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as reviewer:
        reviewer.add_comment("请核对", SA)
    own = tmp_path / "本镇目录2026.zwgk"
    own.write_bytes(submission.read_bytes())
    with Document.open(own) as doc:
        catalog = doc.load_catalog()
    with ReviewSession.open_for_township(
        own, catalog, review_path=review_path_for(submission)
    ) as township:
        assert "已将审核文件复制为“本镇目录2026.审核.zwgkr”" in township.notices[0]
        assert len(township.comments()) == 1
    assert review_path_for(own).is_file()
    with ReviewSession.open_for_township(own, catalog) as again:
        assert len(again.comments()) == 1
    with pytest.raises(ZwgkError, match="已存在"):
        ReviewSession.open_for_township(own, catalog, review_path=review_path_for(submission))


def test_looking_never_creates_a_review_file(submission: Path) -> None:
    with pytest.raises(FileUnreadableError):
        ReviewSession.open_for_review(submission, "李审核", register=False)
    assert not review_path_for(submission).exists()


def test_a_hand_made_workbook_is_reviewed_like_a_document(
    tmp_path: Path, hand_made_xlsx: Callable[..., Path]
) -> None:
    xlsx = hand_made_xlsx(tmp_path / "丙镇.xlsx")
    before = _digest(xlsx)
    with ReviewSession.open_for_review(xlsx, "李审核") as session:
        assert session.unit == "丙镇人民政府"
        cid = session.add_comment("请补充公开时限", SA, 1, "time_limit")
        missing = session.diff_to_templates().domain(SA)
        assert missing is not None and missing.count("removed") >= 5
        with session.open_document() as doc:
            assert doc.items(SA)[1].level2 == "审核信息"
        assert session.index().location(cid).cell == (SA, 1, "time_limit")
    assert _digest(xlsx) == before
    assert review_path_for(xlsx).name == "丙镇.审核.zwgkr"
