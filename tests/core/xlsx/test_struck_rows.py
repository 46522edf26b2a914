"""Struck-through text in a received workbook (a revised draft's “to be deleted”) is read as
written, and the rows holding it are named for the reviewer."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from zwgk_desktop.core.xlsx.reader import read_workbook
from zwgk_desktop.core.xlsx.strike import StrikeIndex

ROWS = [
    ["二级事项", "公开内容", "公开依据", "公开时限"],
    ["办事指南", "申请条件", "《社会救助暂行办法》", "实时公开"],
    ["审核信息", "名单", "《社会救助暂行办法》", "10个工作日内"],
    ["已删除事项", "对象", "《社会救助暂行办法》", "实时公开"],
]


def _book(path: Path, strike: bool = True) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    for row in ROWS:
        sheet.append(row)
    for cell in sheet[4]:
        cell.font = Font(strike=strike)  # the whole row struck: an item marked for deletion
    sheet["B3"] = CellRichText(["名单", TextBlock(InlineFont(strike=strike), "、身份证号")])
    sheet["E2"].font = Font(strike=True)  # an empty cell shows nothing, struck or not
    book.save(path)
    return path


def test_struck_rows_are_read_and_named(tmp_path: Path) -> None:
    result = read_workbook(_book(tmp_path / "修改稿.xlsx"))
    items = result.catalog.domains[0].items
    assert [i.content for i in items] == ["申请条件", "名单、身份证号", "对象"]
    notes = [n.message for n in result.notes if "删除线" in n.message]
    assert len(notes) == 1 and notes[0].startswith("第3、4行（共 2 行；社会救助：审核信息")
    assert result.notices == [
        "工作表“社会救助”第3、4行（共 2 行；社会救助：审核信息、社会救助：已删除事项）"
        "有带删除线的文字（已按原样读取），请核对"
    ]


def test_no_strike_says_nothing(tmp_path: Path) -> None:
    result = read_workbook(_book(tmp_path / "定稿.xlsx", strike=False))
    assert not any("删除线" in n.message for n in result.notes) and not result.notices


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_shared_strings_and_styles_as_office_writes_them(tmp_path: Path) -> None:
    source = _book(tmp_path / "修改稿.xlsx")
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(out / source.name) as archive:
        assert b"inlineStr" not in archive.read("xl/worksheets/sheet1.xml")
        index = StrikeIndex(archive)
        assert index.styles and index.strings  # whole cells by style, runs in shared strings
        assert index.rows("xl/worksheets/sheet1.xml", mentions_strike=False) == [3, 4]


def test_xls_cells_struck_by_their_format_are_named(tmp_path: Path) -> None:
    """.xls (BIFF): a cell whose format's font strikes through (runs struck inside a
    string are not seen there)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("社会救助")
    struck = xlwt.easyxf("font: struck_out on")
    for r, row in enumerate([*ROWS, ["其他事项", "内容", "依据", 20]]):
        for c, value in enumerate(row):
            # row 4: every cell struck; row 5: a number cell struck (another record kind)
            marked = r == 3 or (r == 4 and c == 3)
            sheet.write(r, c, value, struck if marked else xlwt.Style.default_style)
    path = tmp_path / "修改稿.xls"
    book.save(str(path))
    result = read_workbook(path)
    assert result.catalog.item_count() == 4
    assert result.notices == [
        "工作表“社会救助”第4、5行（共 2 行；社会救助：已删除事项、社会救助：其他事项）"
        "有带删除线的文字（已按原样读取），请核对"
    ]


def test_ods_struck_cells_and_spans_are_named(tmp_path: Path) -> None:
    """.ods: a cell whose automatic style strikes through, and a struck span inside a cell
    (LibreOffice writes a span's strike as a line-through type alone)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P, Span

    doc = OpenDocumentSpreadsheet()
    cell_style = Style(name="ce1", family="table-cell")
    cell_style.addElement(TextProperties(textlinethroughstyle="solid"))
    run_style = Style(name="T1", family="text")
    run_style.addElement(TextProperties(textlinethroughtype="single"))
    plain = Style(name="T2", family="text")
    plain.addElement(TextProperties(textlinethroughstyle="none"))
    for style in (cell_style, run_style, plain):
        doc.automaticstyles.addElement(style)
    sheet = Table(name="社会救助")
    for r, values in enumerate(ROWS):
        row = TableRow()
        for c, value in enumerate(values):
            attrs = {"valuetype": "string", **({"stylename": cell_style} if r == 3 else {})}
            cell = TableCell(**attrs)
            paragraph = P(text=value)
            if r in (1, 2) and c == 1:  # row 2: a span not struck; row 3: a struck one
                paragraph.addElement(Span(stylename=run_style if r == 2 else plain, text="、附件"))
            cell.addElement(paragraph)
            row.addElement(cell)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    path = tmp_path / "修改稿.ods"
    doc.save(str(path))
    result = read_workbook(path)
    assert result.catalog.item_count() == 3
    assert result.notices == [
        "工作表“社会救助”第3、4行（共 2 行；社会救助：审核信息、社会救助：已删除事项）"
        "有带删除线的文字（已按原样读取），请核对"
    ]
