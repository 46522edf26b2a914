"""A text field typed as a number (or a date) in Excel is read as its value, and the import
says so once per column: Excel shows such a cell through its number format (20 with the
format 0"个工作日内" reads “20个工作日内” on screen) and only the value is in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats.writers import write_csv, write_xls
from zwgk_desktop.core.xlsx import read_workbook

HEADER = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"]


def _rows(limit: object) -> list[list]:
    return [
        ["甲镇社会救助领域基层政务公开标准目录"],
        HEADER,
        [
            1,
            "最低生活保障",
            "办事指南",
            "条件、流程",
            "《社会救助暂行办法》",
            limit,
            "甲镇人民政府",
        ],
        [
            2,
            "最低生活保障",
            "审核信息",
            "对象、金额",
            "《社会救助暂行办法》",
            limit,
            "甲镇人民政府",
        ],
        [
            3,
            "临时救助",
            "办事指南",
            "条件、流程",
            "《社会救助暂行办法》",
            "20个工作日内",
            "甲镇人民政府",
        ],
    ]


def _xlsx(path: Path, formula: bool) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    for row in _rows(20):
        sheet.append(row)
    for r in (3, 4):
        sheet.cell(r, 6).number_format = '0"个工作日内"'
    if formula:  # a sheet with a formula is read by openpyxl, not calamine
        sheet.cell(8, 9).value = "=1+1"
    book.save(path)
    return path


def _typed_notes(result) -> list[str]:  # noqa: ANN001
    return [n.message for n in result.notes if "数字或日期" in n.message]


@pytest.mark.parametrize("formula", [False, True], ids=["calamine", "openpyxl"])
def test_a_time_limit_typed_as_a_number_is_read_with_one_note(tmp_path: Path, formula) -> None:
    result = read_workbook(_xlsx(tmp_path / "目录.xlsx", formula))
    items = result.catalog.domains[0].items
    assert [i.time_limit for i in items] == ["20", "20", "20个工作日内"]
    notes = _typed_notes(result)
    assert len(notes) == 1  # once for the column, not per row; 序号 numbers are no news
    assert "“公开时限”列的“20”等 2 个单元格" in notes[0] and "第3行" in notes[0]


def test_the_same_in_an_xls_file(tmp_path: Path) -> None:
    result = read_workbook(write_xls(tmp_path / "目录.xls", _rows(20), []))
    assert [i.time_limit for i in result.catalog.domains[0].items][:2] == ["20", "20"]
    assert len(_typed_notes(result)) == 1


def test_text_that_only_looks_like_a_number_says_nothing(tmp_path: Path) -> None:
    """In a CSV (or a Word table, a web page) the cell's text is what the clerk sees."""
    rows = [[str(v) if v is not None else None for v in row] for row in _rows("20")]
    result = read_workbook(write_csv(tmp_path / "目录.csv", rows))
    assert [i.time_limit for i in result.catalog.domains[0].items][:2] == ["20", "20"]
    assert _typed_notes(result) == []


def test_a_sheet_of_numbers_is_recorded_whole_at_four_bytes_a_cell() -> None:
    """Every cell is remembered (a 100,000-item catalog's 序号 column alone once filled a
    50,000-cell cap, and the 公开时限 cells below it were no longer import gaps), for a
    fraction of what the cells' own text costs."""
    from zwgk_desktop.core.formats.gridbuild import build_grid

    grid = build_grid("数字", [[n * 64 + c for c in range(64)] for n in range(1000)])
    assert all(grid.is_typed(999, c) and grid.is_typed(0, c) for c in range(64))
    assert sum(len(rows) for rows in grid.typed.values()) == 64_000
    assert sum(rows.itemsize * len(rows) for rows in grid.typed.values()) == 4 * 64_000
    assert not grid.is_typed(1000, 0) and not grid.is_typed(5, 64)
    assert grid.rows[999][63] == str(999 * 64 + 63)  # every value is still read


def test_the_note_names_the_domain_of_its_cells(tmp_path: Path) -> None:
    """Written once the sheet is read, the note still names the domain the cells are in,
    not the sheet's last one."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "目录"
    sheet.append(["一、社会救助"])
    sheet.append(HEADER)
    sheet.append(
        [1, "最低生活保障", "办事指南", "条件", "《社会救助暂行办法》", 20, "甲镇人民政府"]
    )
    sheet.append(["二、养老服务"])
    sheet.append(HEADER)
    sheet.append(
        [1, "高龄津贴", "办事指南", "条件", "《老年人权益保障法》", "20个工作日内", "甲镇人民政府"]
    )
    path = tmp_path / "两个领域.xlsx"
    book.save(path)
    result = read_workbook(path)
    assert [d.name for d in result.catalog.domains] == ["社会救助", "养老服务"]
    (note,) = [n for n in result.notes if "数字或日期" in n.message]
    assert note.domain == "社会救助" and note.row == 3
