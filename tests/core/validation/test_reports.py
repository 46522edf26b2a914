"""Text and xlsx reports, and the generated rule catalogue."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from vcatalogs import small_catalog

from zwgk_desktop.core.errors import ExportError
from zwgk_desktop.core.validation import RULES, validate_catalog
from zwgk_desktop.core.validation import docs as rule_docs
from zwgk_desktop.core.validation.report_text import counts_text, format_report, summary_line
from zwgk_desktop.core.validation.report_xlsx import FileReport, write_report

ROOT = Path(__file__).resolve().parents[3]


def _catalog_with_issues():
    catalog = small_catalog()
    items = catalog.domains[0].items
    items[1].time_limit = "尽快"
    items[2].subject = '=HYPERLINK("http://x")\x07XX镇'
    return catalog


def test_text_report_groups_by_domain_and_explains_each_rule_once() -> None:
    catalog = _catalog_with_issues()
    result = validate_catalog(catalog)
    text = format_report(catalog, result)
    lines = text.splitlines()
    assert lines[0] == f"示范镇人民政府 2026：{counts_text(result.counts)}"
    assert "【社会救助】" in lines
    assert any(line.startswith("  警告 TIME-VAGUE  第2项 公开时限：") for line in lines)
    assert text.count("CELL-PLACEHOLDER 模板占位符未替换：") == 1
    assert "\x07" not in text


def test_text_report_puts_catalog_issues_first() -> None:
    catalog = _catalog_with_issues()
    catalog.meta.year = ""
    text = format_report(catalog, validate_catalog(catalog))
    lines = text.splitlines()
    assert lines[2] == "【目录信息】"
    assert lines[3].startswith("  错误 META-YEAR  年度：")


def test_counts_and_summary_lines() -> None:
    assert counts_text({"error": 0, "warning": 0, "info": 0}) == "未发现问题"
    assert counts_text({"error": 2, "warning": 1, "info": 0}) == "2 个错误，1 个警告，0 个提示"
    catalog = small_catalog()
    assert (
        summary_line("a.zwgk", catalog, validate_catalog(catalog))
        == "a.zwgk（示范镇人民政府 2026）：未发现问题"
    )
    assert summary_line("b.xlsx", None, None, "找不到文件") == "b.xlsx：无法读取（找不到文件）"


def _sheet_rows(path: Path, name: str) -> list[list[object]]:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[name]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_xlsx_report_one_row_per_issue(tmp_path: Path) -> None:
    catalog = _catalog_with_issues()
    result = validate_catalog(catalog)
    target = tmp_path / "检查意见.xlsx"
    write_report(target, [FileReport("a.zwgk", catalog, result)])
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["检查意见"]
    sheet = workbook["检查意见"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "示范镇人民政府政务公开标准目录检查意见"
    assert rows[2][:8] == ["单位", "领域", "序号", "事项", "字段", "级别", "问题", "修改建议"]
    body = rows[3:]
    assert len(body) == len(result.issues)
    by_rule = {row[8]: row for row in body}
    vague = by_rule["TIME-VAGUE"]
    assert vague[:6] == ["示范镇人民政府", "社会救助", "2", "综合业务/监督检查", "公开时限", "警告"]
    assert vague[7] == RULES["TIME-VAGUE"].hint
    # User text is stored as text, never as a formula, and without control characters.
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            assert cell.data_type in ("s", "n") and "\x07" not in str(cell.value or "")
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref is not None
    assert sheet.row_dimensions[4].height and sheet.row_dimensions[4].height >= 15
    severity_cell = sheet.cell(row=3 + [r[8] for r in body].index("CELL-PLACEHOLDER") + 1, column=6)
    assert severity_cell.font.b and severity_cell.font.color.rgb.endswith("C00000")


def test_xlsx_report_for_several_files_has_a_summary_sheet(tmp_path: Path) -> None:
    clean = small_catalog()
    messy = _catalog_with_issues()
    messy.meta.unit = "另一镇人民政府"
    reports = [
        FileReport("clean.zwgk", clean, validate_catalog(clean)),
        FileReport("messy.xlsx", messy, validate_catalog(messy)),
        FileReport("broken.xlsx", error="文件已损坏"),
    ]
    target = tmp_path / "batch.xlsx"
    write_report(target, reports)
    summary = _sheet_rows(target, "汇总")
    assert summary[0] == ["文件", "单位", "年度", "错误", "警告", "提示", "说明"]
    assert summary[1][:6] == ["clean.zwgk", "示范镇人民政府", "2026", 0, 0, 0]
    assert summary[2][3] == reports[1].result.counts["error"]
    assert summary[3][0] == "broken.xlsx" and summary[3][6] == "无法读取：文件已损坏"
    issues = _sheet_rows(target, "检查意见")
    assert issues[2][-1] == "文件"
    assert {row[-1] for row in issues[3:]} == {"messy.xlsx"}


def test_xlsx_report_failure_leaves_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ExportError):
        write_report(tmp_path / "missing-folder" / "report.xlsx", [])
    catalog = small_catalog()
    write_report(target, [FileReport("a", catalog, validate_catalog(catalog))])
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_rules_md_is_current() -> None:
    """Regenerate with: python -m zwgk_desktop.core.validation.docs > docs/rules.md"""
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rule_docs.generate()


def test_rules_md_documents_every_rule() -> None:
    text = rule_docs.generate()
    for rule in RULES.values():
        assert f"### {rule.id}\n" in text
        assert rule.hint in text
