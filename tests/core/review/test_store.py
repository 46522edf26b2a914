"""The review file: its identity, hostile-file checks, transactions and records."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.review.files import CATALOG_TARGET, find_review_file, review_path_for
from zwgk_desktop.core.review.model import Anchor, CommentStatus, NewComment, ReviewStatus, Scope
from zwgk_desktop.core.review.schema import APPLICATION_ID
from zwgk_desktop.core.review.store import ReviewStore


def test_review_file_sits_beside_the_submission(tmp_path: Path) -> None:
    submission = tmp_path / "甲镇.zwgk"
    assert review_path_for(submission) == tmp_path / "甲镇.审核.zwgkr"
    assert find_review_file(submission) is None
    ReviewStore.open(review_path_for(submission), create=True).close()
    assert find_review_file(submission) == tmp_path / "甲镇.审核.zwgkr"


def test_new_file_has_our_application_id_and_durable_journal(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgkr"
    with ReviewStore.open(path, create=True) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_missing_file_is_not_created_without_create(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadableError):
        ReviewStore.open(tmp_path / "none.zwgkr")
    assert not (tmp_path / "none.zwgkr").exists()


def test_foreign_sqlite_and_garbage_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.zwgkr"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(FileUnreadableError, match="不是审核文件"):
        ReviewStore.open(foreign)
    garbage = tmp_path / "garbage.zwgkr"
    garbage.write_bytes(b"\x00\x01not sqlite at all" * 200)
    with pytest.raises(FileUnreadableError):
        ReviewStore.open(garbage)


def test_planted_trigger_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hostile.zwgkr"
    ReviewStore.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER evil AFTER INSERT ON comments BEGIN DELETE FROM rounds; END")
    conn.commit()
    conn.close()
    with pytest.raises(FileUnreadableError, match="不属于本程序的数据库结构"):
        ReviewStore.open(path)


def test_rounds_keep_a_snapshot_of_each_submitted_catalog(
    tmp_path: Path, make_catalog: Callable[..., Catalog]
) -> None:
    catalog = make_catalog()
    with ReviewStore.open(tmp_path / "a.zwgkr", create=True) as store:
        first = store.add_round("甲镇.zwgk", "a" * 64, catalog, "李审核")
        catalog.domain("social-assistance").items[0].content = "改过的内容"
        second = store.add_round("甲镇.zwgk", "b" * 64, catalog, "李审核")
        assert (first.number, second.number) == (1, 2)
        assert store.round_by_sha("a" * 64) == first
        assert store.latest_round() == second
        assert store.unit == catalog.meta.unit
        assert store.round_catalog(1).domain("social-assistance").items[0].content != "改过的内容"
        assert store.round_catalog(2).to_dict() == catalog.to_dict()
        with pytest.raises(ZwgkError):
            store.round_catalog(3)


def test_comments_statuses_and_audit_trail(tmp_path: Path) -> None:
    with ReviewStore.open(tmp_path / "a.zwgkr", create=True) as store:
        anchor = Anchor(
            Scope.FIELD,
            "social-assistance",
            "社会救助",
            2,
            "social-assistance/2",
            "最低生活保障",
            "办事指南",
            "time_limit",
        )
        cid = store.add_comment(NewComment(anchor, "请写明时限", "时限过宽"), "李审核", 1)
        comment = store.comment(cid)
        assert comment.anchor == anchor
        assert (comment.status, comment.author, comment.status_by) == (
            CommentStatus.OPEN,
            "李审核",
            "李审核",
        )
        store.set_comment_status([cid], CommentStatus.MODIFIED, "甲镇", 1, reply="已改为10个工作日")
        comment = store.comment(cid)
        assert (comment.status, comment.status_by, comment.reply) == (
            CommentStatus.MODIFIED,
            "甲镇",
            "已改为10个工作日",
        )
        store.set_status(CATALOG_TARGET, ReviewStatus.RETURNED, "李审核", 1, "请修改")
        assert store.status().status is ReviewStatus.RETURNED
        assert store.status("elderly-care").status is ReviewStatus.PENDING  # default
        kinds = [e["kind"] for e in store.events()]
        assert kinds == ["comment", "status", "review-status"]
        store.delete_comment(cid, "李审核", 1)
        assert store.comments() == []
        with pytest.raises(ZwgkError):
            store.set_comment_status([cid], CommentStatus.RESOLVED, "李审核", 1)


def test_a_failing_group_of_changes_leaves_nothing(tmp_path: Path) -> None:
    with ReviewStore.open(tmp_path / "a.zwgkr", create=True) as store:
        anchor = Anchor(Scope.CATALOG)
        with pytest.raises(RuntimeError), store.transaction():
            store.add_comment(NewComment(anchor, "一"), "李审核", 1)
            store.set_status(CATALOG_TARGET, ReviewStatus.APPROVED, "李审核", 1)
            raise RuntimeError("power cut in the middle")
        assert store.comments() == []
        assert store.statuses() == {}
        assert store.events() == []


def test_read_only_open_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgkr"
    with ReviewStore.open(path, create=True) as store:
        store.add_comment(NewComment(Anchor(Scope.CATALOG), "意见"), "李审核", 1)
    before = path.read_bytes()
    with ReviewStore.open(path, read_only=True) as store:
        assert len(store.comments()) == 1
        with pytest.raises(ZwgkError):
            store.add_comment(NewComment(Anchor(Scope.CATALOG), "再一条"), "李审核", 1)
    assert path.read_bytes() == before


def test_status_parse_accepts_code_and_chinese() -> None:
    assert ReviewStatus.parse("通过") is ReviewStatus.APPROVED
    assert ReviewStatus.parse("returned") is ReviewStatus.RETURNED
    assert CommentStatus.parse("已修改") is CommentStatus.MODIFIED
    with pytest.raises(ZwgkError, match="可选"):
        ReviewStatus.parse("随便")
