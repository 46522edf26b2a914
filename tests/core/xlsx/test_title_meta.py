"""What a catalog's title says about it: the year or edition (a title stating it is not a
catalog without one)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.xlsx import read_workbook


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("青山镇基层政务公开标准目录（2026年版）", "2026年版"),
        ("2025年度示范县社会救助领域目录", "2025年度"),
        ("示范镇2026 年度目录", "2026年度"),
        ("示范镇目录（2026年3月修订）", ""),  # a date, not an edition
        ("示范镇社会救助领域目录", ""),
    ],
)
def test_year_or_edition_from_a_title(title: str, year: str) -> None:
    from zwgk_desktop.core.xlsx.domainmatch import year_from_title

    assert year_from_title(title) == year


def test_a_titled_workbook_gets_its_year_and_says_so(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["青山镇社会救助领域基层政务公开标准目录（2026年版）"])
    sheet.append(["二级事项", "公开内容", "公开依据", "公开时限"])
    sheet.append(["低保政策", "标准", "《社会救助暂行办法》", "20个工作日内"])
    path = tmp_path / "目录.xlsx"
    workbook.save(path)
    result = read_workbook(path)
    assert result.catalog.meta.year == "2026年版"
    assert any("年度/版本取自标题" in n.message for n in result.notes)
