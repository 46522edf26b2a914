"""A Word table with tracked changes (修订) is read as Word shows it with the changes
accepted, and the reviewer is told the township sent a draft still under revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from zwgk_desktop.core.xlsx.reader import read_workbook

HEADER = ["序号", "一级事项", "二级事项", "公开内容", "公开时限"]
ROWS = [
    ["1", "最低生活保障", "办事指南", "申请条件", "实时公开"],
    ["2", "最低生活保障", "审核信息", "名单", "10个工作日内"],
    ["3", "临时救助", "已删除的事项", "对象名单", "实时公开"],
]


def _tracked(parent: Any, tag: str, text: str, text_tag: str = "w:t") -> None:
    change = etree.SubElement(parent, qn(tag))
    change.set(qn("w:id"), str(id(change) % 100_000))
    change.set(qn("w:author"), "乡镇经办人")
    run = etree.SubElement(change, qn("w:r"))
    etree.SubElement(run, qn(text_tag)).text = text


def _cell_paragraph(table: Any, r: int, c: int) -> Any:
    paragraph = table.cell(r, c).paragraphs[0]._p
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    return paragraph


def _document() -> tuple[Any, Any]:
    """A Word document with the domain's title and the table of ``ROWS``."""
    document = docx.Document()
    document.add_paragraph("示范镇社会救助领域基层政务公开标准目录")
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for r, values in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return document, table


def test_changes_are_read_accepted_and_the_reviewer_is_told(tmp_path: Path) -> None:
    document, table = _document()
    limit = _cell_paragraph(table, 1, 4)  # 实时公开 struck out, 20个工作日内 typed in
    _tracked(limit, "w:del", "实时公开", "w:delText")
    _tracked(limit, "w:ins", "20个工作日内")
    content = table.cell(2, 3).paragraphs[0]._p  # text moved away from here
    _tracked(content, "w:moveFrom", "（移走的文字）")
    row = table.rows[3]._tr  # the whole row deleted with the changes tracked
    etree.SubElement(row.get_or_add_trPr(), qn("w:del")).set(qn("w:id"), "90")
    path = tmp_path / "丙镇目录.docx"
    document.save(str(path))

    result = read_workbook(path)
    items = result.catalog.domains[0].items
    assert [i.level2 for i in items] == ["办事指南", "审核信息"]
    assert [i.time_limit for i in items] == ["20个工作日内", "10个工作日内"]
    assert items[1].content == "名单"
    assert any("未接受的修订" in n.message for n in result.notes)
    assert result.notices == ["“丙镇目录”有 4 处未接受的修订（已按接受后的内容读取），请核对"]


def test_a_table_without_changes_says_nothing(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=len(HEADER))
    for r, values in enumerate([HEADER, ROWS[0]]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "定稿.docx"
    document.save(str(path))
    result = read_workbook(path)
    assert result.catalog.item_count() == 1
    assert not any("修订" in n.message for n in result.notes) and not result.notices


def test_struck_through_rows_are_read_and_named(tmp_path: Path) -> None:
    document, table = _document()
    for cell in table.rows[3].cells:  # the third item struck through by hand: “to delete”
        cell.paragraphs[0].runs[0].font.strike = True
    table.rows[1].cells[4].paragraphs[0].runs[0].font.strike = False  # explicitly not struck
    path = tmp_path / "修改稿.docx"
    document.save(str(path))
    result = read_workbook(path)
    assert result.catalog.item_count() == 3  # read as written
    notes = [n.message for n in result.notes if "删除线" in n.message]
    assert len(notes) == 1 and notes[0].startswith("第5行（社会救助：临时救助/已删除的事项）")
    assert result.notices == [
        "工作表“修改稿”第5行（社会救助：临时救助/已删除的事项）有带删除线的文字（已按原样读取），请核对"
    ]
