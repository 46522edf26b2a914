"""公开对象 as hand-made catalogs write it: "不特定公众" is everyone, not a specific group."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats.writers import write_csv
from zwgk_desktop.core.xlsx import read_workbook

HEADER = ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开范围"]


@pytest.mark.parametrize(
    ("written", "audience", "note"),
    [
        ("不特定公众", ["全社会"], ""),
        ("不特定的社会公众", ["全社会"], ""),
        ("社会公众", ["全社会"], ""),
        ("公众", ["全社会"], ""),
        ("特定对象（申请人）", ["特定群体"], "申请人"),
        ("低保申请人", ["特定群体"], "低保申请人"),
        ("全社会、特定群体（利害关系人）", ["全社会", "特定群体"], "利害关系人"),
    ],
)
def test_audience_words(tmp_path: Path, written: str, audience: list[str], note: str) -> None:
    row = [
        "最低生活保障",
        "办事指南",
        "条件",
        "《社会救助暂行办法》",
        "20个工作日内",
        "甲镇人民政府",
    ]
    result = read_workbook(write_csv(tmp_path / "社会救助.csv", [HEADER, [*row, written]]))
    item = result.catalog.domains[0].items[0]
    assert (item.audience, item.audience_note) == (audience, note)
