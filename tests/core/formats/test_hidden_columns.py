"""A column the township hid is not what the sheet shows: an outdated 公开时限 kept hidden
beside the current one must not be read in its place, whatever the file format."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from zwgk_desktop.core.xlsx.reader import read_workbook

HEADER = [
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开时限",
    "公开主体",
]
ROWS = [
    [
        1,
        "最低生活保障",
        "办事指南",
        "申请条件",
        "《社会救助暂行办法》",
        "旧：20日内",
        "实时公开",
        "示范镇",
    ],
    [
        2,
        "最低生活保障",
        "审核信息",
        "名单",
        "《社会救助暂行办法》",
        "旧：7日内",
        "10个工作日内",
        "示范镇",
    ],
]
HIDDEN_NOTE = "第F列“公开时限”是隐藏列"


def _check(path: Path) -> None:
    result = read_workbook(path)
    items = result.catalog.domains[0].items
    assert [i.time_limit for i in items] == ["实时公开", "10个工作日内"]
    assert [i.extra.get("公开时限（隐藏列）") for i in items] == ["旧：20日内", "旧：7日内"]
    assert any(HIDDEN_NOTE in n.message for n in result.notes)


def _xlsx(path: Path, formula: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(HEADER + ["备注"])
    for row in ROWS:
        sheet.append(row + ["=1+1" if formula else ""])
    sheet.column_dimensions["F"].hidden = True
    book.save(path)
    return path


@pytest.mark.parametrize("formula", [False, True], ids=["fast-read", "cell-by-cell"])
def test_xlsx_reads_the_shown_column(tmp_path: Path, formula: bool) -> None:
    _check(_xlsx(tmp_path / "隐藏列.xlsx", formula))


def _one_time_limit(path: Path, hide: tuple[str, str]) -> Path:
    """The sheet with only the current 公开时限 (column F), columns ``hide`` hidden."""
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(HEADER[:6] + HEADER[7:])
    for row in ROWS:
        sheet.append(row[:5] + row[6:])
    sheet.column_dimensions.group(*hide, hidden=True)
    book.save(path)
    return path


def test_hidden_columns_right_of_the_table_say_nothing(tmp_path: Path) -> None:
    # "hide all unused columns", as clerks tidy a sheet
    result = read_workbook(_one_time_limit(tmp_path / "右侧隐藏.xlsx", ("H", "XFD")))
    assert [i.time_limit for i in result.catalog.domains[0].items] == ["实时公开", "10个工作日内"]
    assert not any("隐藏" in n.message for n in result.notes)


def test_a_field_only_in_a_hidden_column_is_read_and_said(tmp_path: Path) -> None:
    result = read_workbook(_one_time_limit(tmp_path / "只有隐藏列.xlsx", ("F", "F")))
    assert [i.time_limit for i in result.catalog.domains[0].items] == ["实时公开", "10个工作日内"]
    assert any("“公开时限”取自隐藏的第F列" in n.message for n in result.notes)


def test_xls_reads_the_shown_column(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("社会救助")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.col(5).hidden = True
    path = tmp_path / "隐藏列.xls"
    book.save(str(path))
    _check(path)


def test_ods_reads_the_shown_column(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="社会救助")
    sheet.addElement(TableColumn(numbercolumnsrepeated=5))
    sheet.addElement(TableColumn(visibility="collapse"))
    sheet.addElement(TableColumn(numbercolumnsrepeated=2))
    for values in [HEADER, *ROWS]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    path = tmp_path / "隐藏列.ods"
    doc.save(str(path))
    _check(path)


def test_a_hidden_tick_column_repeating_a_shown_one_is_not_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(["二级事项", "公开内容", "公开层级", None, None])
    sheet.append([None, None, "县级", "乡级", "乡级"])
    sheet.append(["办事指南", "申请条件", "√", "√", "√"])
    sheet.append(["审核信息", "名单", "√", None, "√"])  # the hidden, outdated 乡级 still ticked
    sheet.merge_cells("C1:E1")
    sheet.column_dimensions["E"].hidden = True
    path = tmp_path / "隐藏勾选列.xlsx"
    book.save(path)
    result = read_workbook(path)
    assert [i.level for i in result.catalog.domains[0].items] == [["县级", "乡级"], ["县级"]]
    assert any("第E列“乡级”是隐藏列" in n.message for n in result.notes)
