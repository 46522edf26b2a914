"""Page numbers a PDF or Word conversion leaves in a table are skipped, never read as a
group title (which made them the 一级事项 of the rows after them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats.writers import write_csv
from zwgk_desktop.core.xlsx import read_workbook

HEADER = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"]


def _row(n: int, level1: str, level2: str) -> list[str]:
    return [str(n), level1, level2, "内容", "《社会救助暂行办法》", "20个工作日内", "甲镇人民政府"]


@pytest.mark.parametrize("mark", ["第 1 页", "第1页 共5页", "- 1 -", "— 2 —", "1/5", "Page 1 of 5"])
def test_a_page_number_row_is_skipped(tmp_path: Path, mark: str) -> None:
    rows = [
        ["甲镇社会救助领域基层政务公开标准目录"],
        HEADER,
        _row(1, "最低生活保障", "办事指南"),
        [mark],
        _row(2, "", "审核信息"),  # 一级事项 continues from the row above the page break
    ]
    result = read_workbook(write_csv(tmp_path / "目录.csv", rows))
    items = result.catalog.domains[0].items
    assert [(i.level1, i.level2) for i in items] == [
        ("最低生活保障", "办事指南"),
        ("最低生活保障", "审核信息"),
    ]
    assert any(f"页码“{mark}”不是事项，已跳过" in n.message for n in result.notes)


def test_a_real_group_title_still_starts_a_group(tmp_path: Path) -> None:
    rows = [HEADER, ["临时救助"], _row(1, "", "办事指南")]
    result = read_workbook(write_csv(tmp_path / "社会救助.csv", rows))
    assert result.catalog.domains[0].items[0].level1 == "临时救助"
