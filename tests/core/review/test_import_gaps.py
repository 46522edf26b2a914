"""Review never turns a column the importer could not read into an opinion for the township."""

from __future__ import annotations

from pathlib import Path

from tests.core.xlsx.builders import number_formatted_time_limit
from tests.core.xlsx.choice_layouts import save_rows, unreadable_channels
from zwgk_desktop.core.review.import_gaps import UNREAD, relabel
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.validation import Severity, validate_catalog

SA = "social-assistance"


def _submission(tmp_path: Path) -> Path:
    rows, merges, _ = unreadable_channels()
    folder = tmp_path / "收件"
    folder.mkdir()
    return save_rows(folder / "丙镇.xlsx", rows, merges)


def test_unreadable_column_issues_are_not_opinions(tmp_path: Path) -> None:
    with ReviewSession.open_for_review(_submission(tmp_path), "李审核") as session:
        assert session.import_gaps == {SA: {"channels"}}
        assert any("未能识别" in n for n in session.notices)
        issues = validate_catalog(session.catalog).issues
        assert any(i.field == "channels" for i in issues)
        session.comments_from_validation()
        assert all(c.anchor.field != "channels" for c in session.comments())
        assert session.unread_issues
        assert all(i.field == "channels" for i in session.unread_issues)
        shown = relabel(issues, session.import_gaps)
        unread = [i for i in shown if i.field == "channels"]
        assert unread and all(
            i.severity is Severity.INFO and i.message.startswith(UNREAD) for i in unread
        )


def test_no_second_comment_where_the_reviewer_already_wrote(tmp_path: Path) -> None:
    rows, merges, _ = unreadable_channels()
    for row in rows[2:]:
        row[5] = None  # 公开时限 empty: the township's own omission
    path = save_rows(tmp_path / "丁镇.xlsx", rows, merges)
    with ReviewSession.open_for_review(path, "李审核") as session:
        session.add_comment("请补充公开时限", SA, 0, "time_limit")
        session.comments_from_validation()
        on_first = [
            c
            for c in session.comments()
            if c.anchor.field == "time_limit" and c.anchor.item_index == 1
        ]
        assert len(on_first) == 1
        assert any(
            c.anchor.field == "time_limit" and c.anchor.item_index == 2 for c in session.comments()
        )


def test_a_column_of_empty_boxes_is_read_as_nothing_chosen(tmp_path: Path) -> None:
    """“□政府网站 □政府公报 …” with no box ticked was read right: the township chose no
    channel, which review must show as the township's error, not as an import gap."""
    rows, merges, _ = unreadable_channels()
    for row in rows[2:]:
        row[-3] = "□政府网站 □政府公报\n□两微一端 □便民服务站"
    path = save_rows(tmp_path / "戊镇.xlsx", rows, merges)
    with ReviewSession.open_for_review(path, "李审核") as session:
        assert session.import_gaps == {}
        assert not any("未能识别" in n for n in session.notices)
        session.comments_from_validation()
        assert any(c.anchor.field == "channels" for c in session.comments())


def test_a_cell_read_only_as_a_number_is_not_an_opinion(tmp_path: Path) -> None:
    """公开时限 typed as 20 and shown by Excel as “20个工作日内” (a cell format): the value 20
    draws a finding, which review keeps for the reviewer (未能识别) and never turns into an
    opinion; the same finding on a cell typed as text stays the township's."""
    path = number_formatted_time_limit(tmp_path / "甲镇.xlsx", "20")
    with ReviewSession.open_for_review(path, "李审核") as session:
        assert session.import_cell_gaps == {SA: {(1, "time_limit")}}
        issues = validate_catalog(session.catalog).issues
        on_time = [i for i in issues if i.field == "time_limit"]
        assert {i.item for i in on_time} == {1, 2}  # “20” is no time limit, either way
        session.comments_from_validation()
        commented = {
            c.anchor.item_index for c in session.comments() if c.anchor.field == "time_limit"
        }
        assert commented == {2}  # the text cell is the township's; the number cell is not
        assert [i.item for i in session.unread_issues] == [1]
        shown = relabel(issues, session.import_gaps, session.import_cell_gaps)
        first = next(i for i in shown if i.field == "time_limit" and i.item == 1)
        assert first.severity is Severity.INFO and "数字或日期" in first.message


def test_the_batch_counts_import_gaps_as_hints_not_the_townships_warnings(tmp_path: Path) -> None:
    """The batch summary a county reviewer scans first: the two findings on 公开时限 cells
    held as the number 20 are 提示 there too, with a word saying why."""
    from zwgk_desktop.core.review.batch import check_submission

    path = number_formatted_time_limit(tmp_path / "甲镇.xlsx", "尽快")
    summary = check_submission(path)
    assert summary.ok
    assert summary.warnings == 1  # “尽快”, typed as text: the township's own
    assert summary.infos >= 1
    assert "1 条校验结果属于导入时“未能识别”的内容" in summary.notice
    with ReviewSession.open_for_review(path, "李审核") as session:
        assert session.import_cell_gaps == {SA: {(1, "time_limit")}}


def test_the_summary_workbook_says_why_in_its_notes_column(tmp_path: Path) -> None:
    """The printed 汇总 wrote nothing in 说明 for a readable file (its notice was only on
    screen), and called any file with a notice 未修改的模板."""
    import openpyxl

    from zwgk_desktop.core.review.batch import review_folder
    from zwgk_desktop.core.review.batch_xlsx import write_summary

    inbox = tmp_path / "收件"
    inbox.mkdir()
    number_formatted_time_limit(inbox / "甲镇.xlsx", "尽快")
    out = tmp_path / "汇总.xlsx"
    write_summary(review_folder(inbox), out)
    sheet = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in sheet[3]]
    row = {k: v for k, v in zip(header, [c.value for c in sheet[4]], strict=True)}
    assert row["文件"] == "甲镇.xlsx"
    assert "未能识别" in (row["说明"] or "")


def test_only_an_untouched_template_is_called_one(tmp_path: Path) -> None:
    from zwgk_desktop.core.review.batch import BatchResult, SubmissionSummary
    from zwgk_desktop.core.review.batch_xlsx import write_summary

    folder = tmp_path
    hidden = SubmissionSummary(folder / "乙镇.xlsx", unit="乙镇", items=3, warnings=1)
    hidden.notice = "第5行是隐藏的行"
    untouched = SubmissionSummary(folder / "丙镇.xlsx", unit="丙镇", items=3, warnings=1)
    untouched.notice = "未修改的模板：与标准模板完全相同（已修改事项 0 个）"
    out = folder / "汇总.xlsx"
    write_summary(BatchResult(folder, [hidden, untouched]), out)
    import openpyxl

    sheet = openpyxl.load_workbook(out)["汇总"]
    states = {sheet.cell(r, 2).value: sheet.cell(r, 4).value for r in (4, 5)}
    assert states == {"乙镇.xlsx": "有警告", "丙镇.xlsx": "未修改的模板"}
