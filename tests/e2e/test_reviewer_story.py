"""The county reviewer's story, end to end, with real files moving between two offices.

Township compiles and submits → county batch-checks the inbox → opens the file in 审核模式,
compares with the templates, turns validation results into comments, adds its own, exports
the 审核意见 and returns the file → the township sees every comment at its cell, fixes its
document, marks the comments 已修改 and resubmits → the county opens round 2, sees what
changed and the comments' states, and approves.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.review.letter import build_letter
from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.core.review.opinions import export_opinions
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.storage import Document

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"
SA = "social-assistance"
EC = "elderly-care"


def zwgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=120)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_open_comment_return_fix_reopen_approve(tmp_path: Path) -> None:
    township, county = tmp_path / "甲镇", tmp_path / "县政务公开办收件"
    township.mkdir()
    county.mkdir()
    own = township / "甲镇.zwgk"

    # --- the township compiles: two domains, one standard item dropped, one time limit left empty
    catalog = new_catalog(  # as `zwgk new` starts a township: the 乡级 items of the templates
        CatalogMeta(unit="甲镇人民政府", region="乙县", year="2026", contact="张三"),
        [SA, EC],
        "乡级",
    )
    for domain in catalog.domains:
        if domain.not_involved:
            domain.note = "本镇无该领域职能，相关信息由县级部门公开"
    dropped = catalog.domain(EC).items.pop(2)
    catalog.domain(SA).items[1].time_limit = ""
    Document.create(own, catalog).close()
    shutil.copy2(own, county / "甲镇.zwgk")
    submitted = county / "甲镇.zwgk"
    Document.create(
        county / "乙镇.zwgk", new_catalog(CatalogMeta(unit="乙镇人民政府"), [SA], "乡级")
    ).close()
    (county / "丙镇.xlsx").write_bytes(b"PK\x03\x04 damaged in the mail")

    # --- the county checks the whole inbox first
    batch = zwgk("review", str(county), "-o", str(tmp_path / "汇总.xlsx"), "--json")
    assert batch.returncode == 1, batch.stderr
    rows = {s["file"]: s for s in json.loads(batch.stdout)["submissions"]}
    assert not rows["丙镇.xlsx"]["ok"] and rows["丙镇.xlsx"]["error"]
    assert rows["甲镇.zwgk"]["errors"] >= 1 and rows["甲镇.zwgk"]["missing_standard"] == 1
    original = sha(submitted)

    # --- round 1: open read-only, compare with the templates, comment, return
    with ReviewSession.open_for_review(submitted, "李审核") as review:
        assert review.banner_text().startswith("审核模式：甲镇人民政府提交的文件（只读）")
        template_diff = review.diff_to_templates()
        missing = [c for d in template_diff.domains for c in d.items if c.change == "removed"]
        assert [c.level2 for c in missing] == [dropped.level2]
        auto = review.comments_from_validation()
        assert auto
        manual = review.add_comment(
            "公开渠道请增加“精准推送”", SA, 4, "channels", problem="渠道不全"
        )
        missing_item = review.add_comment(f"缺少标准事项“{dropped.level2}”，请补充或说明理由", EC)
        review.set_domain_status(SA, ReviewStatus.RETURNED, "请修改")
        review.return_for_changes("请修改后重新报送")
        export_opinions(review, county / "甲镇审核意见.xlsx")
        letter = build_letter(review)
        assert len(letter.rows) == len(auto) + 2
        time_comment = next(c for c in review.comments() if c.anchor.field == "time_limit")
    assert sha(submitted) == original  # the submission was never written to
    sheet = openpyxl.load_workbook(county / "甲镇审核意见.xlsx")["审核意见"]
    assert sheet.max_row == 3 + len(auto) + 2

    # --- the file goes back with its review file
    shutil.copy2(county / "甲镇.审核.zwgkr", township / "甲镇.审核.zwgkr")

    # --- the township sees each comment at its cell, fixes its document, marks 已修改
    with Document.open(own) as doc:
        session = ReviewSession.open_for_township(own, doc.load_catalog(), "张三")
        with session:
            assert "退回修改" in session.banner_text()
            index = session.index()
            assert index.location(manual).cell == (SA, 4, "channels")
            assert index.location(time_comment.id).cell == (SA, 1, "time_limit")
            assert index.location(missing_item).cell == (EC, -1, "")
            items = doc.items(SA)
            doc.update_item(items[1].id, "time_limit", "制定或获取信息之日起10个工作日内")
            doc.update_item(items[4].id, "channels", [*items[4].channels, "精准推送"])
            doc.insert_items(EC, 2, [dropped])
            doc.insert_items(SA, 0, [items[0].copy()])  # a row inserted above: comments must follow
            doc.delete_items([doc.items(SA)[0].id])
            session.refresh(doc.load_catalog())
            assert session.index().location(manual).cell == (SA, 4, "channels")
            since = session.diff_since_round().summary()
            assert since["items_changed"] == 2 and since["items_added"] == 1
    ids = ",".join(
        str(c.id)
        for c in ReviewSession.open_for_township(
            own, Document.open(own, read_only=True).load_catalog()
        ).comments()
    )
    marked = zwgk("review", str(own), "--modified", ids, "--reply", "已按意见修改", "--resubmit")
    assert marked.returncode == 0, marked.stderr

    # --- resubmission: the corrected document and the review file go back to the county
    shutil.copy2(own, submitted)
    shutil.copy2(township / "甲镇.审核.zwgkr", county / "甲镇.审核.zwgkr")
    resubmitted = sha(submitted)

    # --- round 2: the diff to round 1, the comments' states, approval
    with ReviewSession.open_for_review(submitted, "李审核") as review:
        assert review.round.number == 2
        assert any("第2轮" in n for n in review.notices)
        diff = review.diff_to_previous()
        assert diff is not None
        s = diff.summary()
        assert (s["items_added"], s["items_changed"], s["items_removed"]) == (1, 2, 0)
        changed_fields = {f.field for d in diff.domains for c in d.items for f in c.fields}
        assert changed_fields == {"time_limit", "channels"}
        assert {c.status for c in review.comments()} == {CommentStatus.MODIFIED}
        assert all(c.reply == "已按意见修改" for c in review.comments())
        assert review.index().location(manual).cell == (SA, 4, "channels")
        assert review.diff_to_templates().summary()["items_removed"] == 0
        review.set_domain_status(SA, ReviewStatus.APPROVED)
        review.approve("同意发布")
        assert {c.status for c in review.comments()} == {CommentStatus.RESOLVED}
        assert review.catalog_status().status is ReviewStatus.APPROVED
        assert "予以通过" in build_letter(review).paragraphs[0]
    assert sha(submitted) == resubmitted

    # --- the CLI agrees, and the batch now shows the verdict
    state = json.loads(zwgk("review", str(submitted), "--json", "--changes").stdout)
    assert (state["round"], state["status"]["status"]) == (2, "approved")
    assert state["changes"]["summary"]["items_changed"] == 2
    assert [r["number"] for r in state["rounds"]] == [1, 2]
    batch = json.loads(zwgk("review", str(county), "--json").stdout)
    row = next(s for s in batch["submissions"] if s["file"] == "甲镇.zwgk")
    assert row["review_status"] == "第2轮 通过" and row["errors"] == 0
