"""审核意见 workbook and letter content, read back from what was written."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zwgk_desktop.core.review.letter import build_letter, letter_html
from zwgk_desktop.core.review.model import CommentStatus
from zwgk_desktop.core.review.opinions import COLUMNS, export_opinions, opinion_rows
from zwgk_desktop.core.review.session import ReviewSession

SA = "social-assistance"


def _session_with_comments(submission: Path) -> tuple[ReviewSession, dict[str, int]]:
    session = ReviewSession.open_for_review(submission, "李审核")
    ids = {
        "catalog": session.add_comment("请补充联系人电话", field="contact"),
        "field": session.add_comment(
            "请写明具体工作日", SA, 1, "time_limit", problem="时限表述过宽"
        ),
        "domain": session.add_comment('=HYPERLINK("http://x")', SA),
        "done": session.add_comment("已核实", SA, 0),
    }
    session.resolve([ids["done"]])
    session.set_comment_status([ids["domain"]], CommentStatus.MODIFIED, "已按要求调整")
    session.return_for_changes("请于5个工作日内修改")
    return session, ids


def test_rows_follow_catalog_order(submission: Path) -> None:
    session, ids = _session_with_comments(submission)
    with session:
        rows = opinion_rows(session)
        assert [r.comment_id for r in rows] == [
            ids["catalog"],
            ids["domain"],
            ids["done"],
            ids["field"],
        ]
        field_row = rows[-1]
        item = session.catalog.domain(SA).items[1]
        assert field_row.item == f"第2项 {item.level1}/{item.level2}"
        assert (field_row.field, field_row.problem, field_row.status) == (
            "公开时限",
            "时限表述过宽",
            CommentStatus.OPEN,
        )
        assert rows[0].domain == "（整个目录）" and rows[0].field == "联系人"
        assert ids["done"] not in [
            r.comment_id for r in opinion_rows(session, include_resolved=False)
        ]


def test_workbook_has_the_columns_and_keeps_text_as_text(submission: Path, tmp_path: Path) -> None:
    session, ids = _session_with_comments(submission)
    target = tmp_path / "审核意见.xlsx"
    with session:
        count = export_opinions(session, target)
    assert count == 4
    book = openpyxl.load_workbook(target)
    sheet = book["审核意见"]
    assert "甲镇人民政府" in sheet["A1"].value and "审核意见" in sheet["A1"].value
    assert "退回修改" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header == [label for label, _ in COLUMNS]
    assert {"单位", "领域", "事项", "字段", "问题", "意见", "状态"} <= set(header)
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(body) == 4
    formula_like = next(r for r in body if r[6] and r[6].startswith("=HYPERLINK"))
    cell = sheet.cell(row=4 + body.index(formula_like), column=7)
    assert cell.data_type == "s"  # a string, never a formula
    assert formula_like[7] == "已修改" and formula_like[10] == "已按要求调整"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    domains = book["领域审核状态"]
    assert [c.value for c in domains[1]][:3] == ["领域", "事项数", "审核状态"]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write left no temp file


def test_letter_for_a_returned_catalog_lists_open_comments(submission: Path) -> None:
    session, ids = _session_with_comments(submission)
    with session:
        letter = build_letter(session, sender="乙县政务公开办", date="2026年1月2日")
    assert letter.title == "关于甲镇人民政府政务公开事项标准目录的审核意见"
    assert "退回修改" in letter.paragraphs[0] and "第1轮" in letter.paragraphs[0]
    assert len(letter.rows) == 2  # the 已修改 and 已解决 ones are not asked again
    assert any("时限表述过宽" in r.opinion for r in letter.rows)
    html_text = letter_html(letter)
    assert "乙县政务公开办" in html_text and "2026年1月2日" in html_text
    assert "<script" not in html_text


def test_letter_escapes_user_text(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "<b>李</b>") as session:
        session.add_comment("<script>alert(1)</script>", SA)
        html_text = letter_html(build_letter(session))
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "&lt;b&gt;李&lt;/b&gt;" in html_text


def test_letter_for_an_approved_catalog(submission: Path) -> None:
    with ReviewSession.open_for_review(submission, "李审核") as session:
        session.approve()
        letter = build_letter(session)
    assert "予以通过" in letter.paragraphs[0] and letter.rows == []


def test_sheet_is_signed_by_the_authors_not_the_placeholder(
    submission: Path, tmp_path: Path, monkeypatch
) -> None:
    """Exported later by someone who gave no name (``zwgk review FILE -o``), the sheet
    still names who wrote the opinions, not the placeholder 审核人."""
    monkeypatch.setenv("ZWGK_HOME", str(tmp_path / "home"))  # no reviewer name set
    with ReviewSession.open_for_review(submission, "张审核") as session:
        session.add_comment("请写明具体工作日", SA, 1, "公开时限")  # the label, as typed
        assert session.index().comments[0].anchor.field == "time_limit"
    with ReviewSession.open_for_review(submission) as session:
        assert session.user == "审核人"
        export_opinions(session, tmp_path / "意见.xlsx")
    book = openpyxl.load_workbook(tmp_path / "意见.xlsx")
    info = book.active.cell(row=2, column=1).value
    assert "审核人：张审核" in info
    assert book.properties.creator == "张审核"
