"""Two copies of one review file come back together: nothing said on either side is lost."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.core.review.conftest import township_catalog, write_submission
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.files import review_path_for
from zwgk_desktop.core.review.model import CommentStatus
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.review.store import ReviewStore
from zwgk_desktop.core.storage import Document

SA = "social-assistance"


def _send(files: list[Path], folder: Path) -> list[Path]:
    """Copy files into another folder, as a USB stick or an e-mail does."""
    folder.mkdir(exist_ok=True)
    return [Path(shutil.copy2(f, folder / f.name)) for f in files]


def _return_and_send(
    submission: Path, tmp_path: Path, *comments: tuple[Any, ...]
) -> tuple[list[int], Path, Path]:
    """The county comments (``add_comment`` arguments), returns the catalog and sends the
    document and its review file to the township: (comment ids, document, review file)."""
    with ReviewSession.open_for_review(submission, "李审核") as county:
        ids = [county.add_comment(*args) for args in comments]
        county.return_for_changes()
    own, review = _send([submission, review_path_for(submission)], tmp_path / "乡镇")
    return ids, own, review


def test_county_comments_added_after_return_survive_the_townships_reply(
    submission: Path, tmp_path: Path
) -> None:
    county_review = review_path_for(submission)
    (fix, dropped), own, _ = _return_and_send(
        submission, tmp_path, ("请补充公开依据", SA, 0, "basis"), ("本领域暂无意见", SA)
    )

    # after sending, the county goes on in the copy it kept
    with ReviewSession.open_for_review(submission, "李审核") as county:
        late = county.add_comment("请核对公开时限", SA, 1, "time_limit")
        county.delete_comment(dropped)
        late_text = county.store.comment(late).text

    # the township answers in its copy and sends both files back
    with Document.open(own) as doc:
        doc.update_item(doc.items(SA)[0].id, "basis", "《社会救助暂行办法》")
        catalog = doc.load_catalog()
    with ReviewSession.open_for_township(own, catalog, "张三") as township:
        township.mark_modified([fix], "已补充依据")
        township.resubmit()
    back = _send([own, review_path_for(own)], tmp_path / "第2轮")[0]

    with ReviewSession.open_for_review(back, "李审核") as county:
        assert county.round.number == 2
        texts = {c.text for c in county.comments()}
        assert late_text not in texts  # the township's copy never had it
        report = county.merge_review_file(county_review)
        assert report.comments_added == 1 and report.comments_removed == 1
        by_text = {c.text: c for c in county.comments()}
        assert set(by_text) == {"请补充公开依据", "请核对公开时限"}
        answered = by_text["请补充公开依据"]
        assert answered.status is CommentStatus.MODIFIED and answered.reply == "已补充依据"
        assert by_text["请核对公开时限"].status is CommentStatus.OPEN
        # the late comment is found at its cell in the new round
        loc = county.index().location(by_text["请核对公开时限"].id)
        assert loc.cell == (SA, 1, "time_limit")
        assert county.round.number == 2 and len(county.store.rounds()) == 2
        assert county.store.events()[-1]["kind"] == "merge"
        again = county.merge_review_file(county_review)
        assert again.summary() == "两份审核文件内容一致，没有需要合并的内容"


def test_township_takes_in_a_later_county_copy(submission: Path, tmp_path: Path) -> None:
    county_review = review_path_for(submission)
    (first,), own, _ = _return_and_send(submission, tmp_path, ("请补充依据", SA, 0, "basis"))
    with ReviewSession.open_for_review(submission, "李审核") as county:
        county.add_comment("补充一条：请写明咨询电话", SA)
    with Document.open(own) as doc:
        catalog = doc.load_catalog()
    with ReviewSession.open_for_township(own, catalog, "张三") as township:
        township.mark_modified([first], "已改")
        report = township.merge_review_file(county_review)
        assert report.comments_added == 1 and report.comments_updated == 0
        statuses = {c.text: c.status for c in township.comments()}
        assert statuses == {
            "请补充依据": CommentStatus.MODIFIED,  # the township's later answer stays
            "补充一条：请写明咨询电话": CommentStatus.OPEN,
        }


def test_refuses_another_units_file_a_different_history_and_itself(
    submission: Path, tmp_path: Path
) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as county:
        county.add_comment("意见", SA)
    other_unit = write_submission(tmp_path / "乙镇.zwgk", township_catalog("乙镇人民政府"))
    ReviewSession.open_for_review(other_unit, "李审核").close()
    history = tmp_path / "另一份"
    history.mkdir()
    changed = township_catalog()
    changed.domain(SA).items[0].basis = "不同的依据"
    different = write_submission(history / "甲镇.zwgk", changed)
    ReviewSession.open_for_review(different, "李审核").close()
    before = review_path_for(submission).read_bytes()
    with ReviewSession.open_for_review(submission, "李审核") as county:
        with pytest.raises(ZwgkError, match="乙镇人民政府"):
            county.merge_review_file(review_path_for(other_unit))
        with pytest.raises(ZwgkError, match="提交轮次"):
            county.merge_review_file(review_path_for(different))
        with pytest.raises(ZwgkError, match="自己"):
            county.merge_review_file(review_path_for(submission))
        not_review = tmp_path / "乱码.zwgkr"
        not_review.write_bytes(b"not a database at all" * 100)
        with pytest.raises(ZwgkError):
            county.merge_review_file(not_review)
    with ReviewStore.open(review_path_for(submission), read_only=True) as store:
        assert len(store.comments()) == 1
    assert review_path_for(submission).read_bytes() == before


def test_a_comment_deleted_here_is_not_brought_back_by_an_older_copy(
    submission: Path, tmp_path: Path
) -> None:
    (keep, gone), own, township_review = _return_and_send(
        submission, tmp_path, ("请补充依据", SA, 0, "basis"), ("这条写错了", SA)
    )
    with ReviewSession.open_for_review(submission, "李审核") as county:
        county.delete_comment(gone)
    with Document.open(own) as doc:
        catalog = doc.load_catalog()
    with ReviewSession.open_for_township(own, catalog, "张三") as township:
        township.mark_modified([keep], "已补充")
    # the county merges the township's copy into the copy it kept
    with ReviewSession.open_for_review(submission, "李审核") as county:
        report = county.merge_review_file(township_review)
        assert (report.comments_added, report.comments_updated) == (0, 1)
        assert [c.text for c in county.comments()] == ["请补充依据"]
        assert county.store.comment(keep).status is CommentStatus.MODIFIED
