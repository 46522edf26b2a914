"""Import of hand-made workbooks in the layouts of published catalogs (domains.md §f)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from xlsx import builders
from zwgk_desktop.core.xlsx import ImportResult, read_workbook


def _read(builder: Callable[[Path], Path], tmp_path: Path) -> ImportResult:
    return read_workbook(builder(tmp_path / f"{builder.__name__}.xlsx"))


def _messages(result: ImportResult, level: str | None = None) -> list[str]:
    return [n.message for n in result.notes if level is None or n.level == level]


def test_county_standard_layout(tmp_path: Path) -> None:
    result = _read(builders.county_standard, tmp_path)
    assert not result.own_export
    (domain,) = result.catalog.domains
    assert (domain.id, domain.name, domain.pilot) == ("social-assistance", "社会救助", True)
    first, second, third = domain.items
    assert (first.level1, first.level2) == ("最低生活保障", "办事指南")
    assert second.level1 == "最低生活保障"  # vertical merge forward-filled
    assert second.basis == first.basis == builders.BASIS  # merged 依据
    assert second.time_limit == first.time_limit  # 同上
    assert (
        second.channels
        == first.channels
        == ["政府网站", "便民服务站", "社区/企事业单位/村公示栏(电子屏)"]
    )
    assert (second.audience, second.audience_note) == (["特定群体"], "申请人")
    assert second.method == ["依申请"] and second.level == ["乡级"]
    assert first.level == ["县级", "乡级"]  # 区 级 / 镇街级
    assert first.extra == {"咨询电话": "0771-1234567"}
    assert third.channels == ["政府网站", "两微一端"]
    assert result.catalog.meta.levels == ["县级", "乡级"]
    assert result.catalog.meta.unit == "示范镇"
    messages = _messages(result, "guess")
    assert "第5行：“同上”取上一行的公开时限" in messages
    assert any("区级" in m and "县级" in m for m in messages)
    assert any("政府门户网站" in m for m in messages)
    assert all(n.domain in ("", "社会救助") for n in result.notes)


def test_flat_table_in_any_column_order(tmp_path: Path) -> None:
    result = _read(builders.flat_shuffled, tmp_path)
    (domain,) = result.catalog.domains
    assert domain.id == "elderly-care"  # from the sheet name
    first, second = domain.items
    assert (first.level1, first.level2, first.subject) == (
        "老年人补贴",
        "高龄津贴",
        "示范镇人民政府",
    )
    assert first.channels == ["政府网站", "两微一端", "便民服务站"]
    assert (first.audience, first.method, first.level) == (["全社会"], ["主动"], ["县级", "乡级"])
    assert first.extra == {"责任科室": "民政办"}
    assert (second.audience, second.audience_note) == (["特定群体"], "申请人")
    assert second.channels == ["政府网站", "其他"]


def test_records_spread_over_several_rows_are_joined(tmp_path: Path) -> None:
    result = _read(builders.records_over_rows, tmp_path)
    (domain,) = result.catalog.domains
    assert domain.id == "health"
    assert [i.level2 for i in domain.items] == ["预防接种", "健康教育"]
    assert domain.items[0].content == "服务对象\n服务流程\n投诉举报电话：0562-12345"
    assert domain.items[0].basis == "《疫苗管理法》"
    assert sum("并入上一事项" in m for m in _messages(result)) == 2
    assert result.catalog.meta.levels == []  # no level columns at all


def test_stacked_sections_and_not_involved_section(tmp_path: Path) -> None:
    result = _read(builders.stacked_sections, tmp_path)
    by_id = {d.id: d for d in result.catalog.domains}
    assert list(by_id) == [
        "social-assistance",
        "elderly-care",
        "tax-administration",
        "public-resource-trading",
    ]
    assert len(by_id["social-assistance"].items) == 2
    assert by_id["elderly-care"].items[0].channels == ["政府网站", "便民服务站"]
    taxes = by_id["tax-administration"]
    assert (taxes.not_involved, taxes.note, taxes.items) == (
        True,
        "本镇无税务机构，税收管理事项由县税务局公开",
        [],
    )
    assert by_id["public-resource-trading"].not_involved


def test_every_glyph_form(tmp_path: Path) -> None:
    result = _read(builders.glyph_variants, tmp_path)
    got = [item.channels for item in result.catalog.domains[0].items]
    assert got == [
        ["政府网站", "两微一端"],
        ["政府网站", "便民服务站"],
        ["政府网站", "入户/现场"],
        ["政府网站", "精准推送"],
        ["政府网站", "政务服务中心"],
        ["政务服务中心"],
        ["政府网站", "便民服务站"],
        ["政府公报", "政府网站", "发布会/听证会", "纸质媒体", "广播电视", "其他"],
        ["政府网站", "其他"],
        ["政府网站"],
        ["政府公报"],
    ]
    row9 = [n.message for n in result.notes if n.row == 9]
    assert len(row9) == 5 and all(m.startswith("第9行：渠道") for m in row9)


def test_traditional_characters_and_fullwidth_punctuation(tmp_path: Path) -> None:
    result = _read(builders.traditional, tmp_path)
    (domain,) = result.catalog.domains
    assert domain.id == "social-assistance"
    (item,) = domain.items
    assert (item.level1, item.level2) == ("最低生活保障", "辦事指南")  # text kept as written
    assert item.content == "申請條件、申請材料"
    assert (item.channels, item.audience, item.method) == (["政府网站"], ["全社会"], ["主动"])


def test_template_lines_above_the_header(tmp_path: Path) -> None:
    result = _read(builders.department_template, tmp_path)
    assert result.catalog.meta.unit == "示范县人力资源和社会保障局"
    assert result.catalog.meta.date == "2024年3月"
    (domain,) = result.catalog.domains
    assert domain.id == "employment"
    assert domain.items[0].channels == ["政府网站", "两微一端"]
    assert domain.items[0].extra == {"咨询电话": "12333"}


def test_level_layouts(tmp_path: Path) -> None:
    result = _read(builders.level_layouts, tmp_path)
    levels = {d.name: d.items[0].level for d in result.catalog.domains}
    assert levels == {"救灾": ["县级", "乡级"], "户籍管理": ["市级", "县级", "乡级"], "就业": []}
    assert result.catalog.meta.levels == ["县级", "乡级", "市级"]
    assert any("市级" in m and "原文" in m for m in _messages(result, "guess"))


def test_empty_rows_sheets_hidden_sheet_notes_and_third_level(tmp_path: Path) -> None:
    result = _read(builders.messy_sheets, tmp_path)
    (domain,) = result.catalog.domains
    assert [i.level2 for i in domain.items] == ["审批信息", "审批信息"]
    assert domain.items[0].extra == {"三级事项": "对象名单"}
    assert domain.items[1].level1 == "临时救助"
    messages = _messages(result)
    assert any("三级事项" in m for m in messages)
    assert any("只有序号" in m for m in messages)
    assert any("注：本目录" in m for m in _messages(result, "warning"))
    assert any("隐藏的工作表“下拉选项”" in m for m in messages)
    assert not any("空表" in m for m in messages)


def test_unknown_domain_becomes_custom(tmp_path: Path) -> None:
    result = _read(builders.custom_domain, tmp_path)
    (domain,) = result.catalog.domains
    assert (domain.id, domain.name, domain.pilot) == ("custom-1", "政府文件信息", False)
    assert result.catalog.meta.unit == "凤屯镇"
    assert any("自定义领域" in m for m in _messages(result, "guess"))


def test_formula_cells_are_reported_never_taken(tmp_path: Path) -> None:
    result = _read(builders.with_formula, tmp_path)
    item = result.catalog.domains[0].items[0]
    assert item.basis == ""
    (error,) = [n for n in result.notes if n.level == "error"]
    assert error.row == 2 and "公开依据" in error.message and "公式" in error.message


def test_unknown_method_words_go_to_extra(tmp_path: Path) -> None:
    result = _read(builders.pingwu_method, tmp_path)
    item = result.catalog.domains[0].items[0]
    assert item.method == ["主动"]
    assert item.extra == {"公开方式": "全文发布"}


@pytest.mark.parametrize(
    "builder",
    [
        builders.county_standard,
        builders.flat_shuffled,
        builders.stacked_sections,
        builders.messy_sheets,
    ],
)
def test_progress_is_reported_and_ends_complete(
    builder: Callable[[Path], Path], tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    read_workbook(
        builder(tmp_path / "x.xlsx"), progress=lambda done, total: calls.append((done, total))
    )
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(0 <= done <= total for done, total in calls)


@pytest.mark.parametrize(
    ("sheet", "domain_id"),
    [
        ("社会救助及福利", "social-assistance"),
        ("救灾生产", "disaster-relief"),
        ("就业创业", "employment"),
    ],
)
def test_domain_aliases_in_sheet_names(sheet: str, domain_id: str, tmp_path: Path) -> None:
    path = builders.flat_shuffled(tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook.active.title = sheet
    workbook.save(path)
    (domain,) = read_workbook(path).catalog.domains
    assert domain.id == domain_id and len(domain.items) == 2
