"""Hostile variants of every new format: one Chinese line, bounded time, nothing fetched."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from tests.core.formats.writers import write_docx, write_ods
from tests.core.xlsx.choice_layouts import LAYOUTS
from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats import limits
from zwgk_desktop.core.xlsx import read_workbook

HEAD = (
    "<tr><td>序号</td><td>二级事项</td><td>公开内容</td><td>公开依据</td></tr>"
    "<tr><td>1</td><td>低保审批</td><td>名单</td><td>《社会救助暂行办法》</td></tr>"
)


def _refused(path: Path) -> str:
    started = time.perf_counter()
    with pytest.raises(FileUnreadableError) as info:
        read_workbook(path)
    assert time.perf_counter() - started < 20
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def _bomb(path: Path, member: str, also: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in also.items():
            archive.writestr(name, data)
        archive.writestr(member, b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    return path


def test_zip_bomb_docx(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "炸弹.docx", "word/document.xml", {"[Content_Types].xml": b"<x/>"})
    assert "压缩炸弹" in _refused(path)


def test_text_named_docx_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "目录.docx"
    path.write_text("二级事项,公开内容\n低保审批,名单\n", encoding="utf-8")
    assert "不是 Word 文档" in _refused(path)


def test_zip_bomb_ods(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "炸弹.ods", "content.xml", {"mimetype": b"application/x"})
    assert "压缩炸弹" in _refused(path)


def _with_entities(source: Path, target: Path, member: str) -> Path:
    """Copy a real package, declaring nested entities in ``member`` (billion laughs)."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                data = laughs + data.split(b"?>", 1)[1]
            new.writestr(info, data)
    return target


def test_entities_in_docx_and_ods_are_refused(tmp_path: Path) -> None:
    rows, merges, _ = LAYOUTS["comma_lists"]()
    docx = write_docx(tmp_path / "ok.docx", rows, merges)
    ods = write_ods(tmp_path / "ok.ods", rows, merges)
    bad_docx = _with_entities(docx, tmp_path / "实体.docx", "word/document.xml")
    bad_ods = _with_entities(ods, tmp_path / "实体.ods", "content.xml")
    for path in (bad_docx, bad_ods):
        assert "不安全的 XML" in _refused(path)


def test_huge_csv_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "巨大.csv"
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_TEXT_BYTES + 1)  # sparse: nothing is written
    assert "过大" in _refused(path)


def test_csv_with_binary_content_and_giant_field(tmp_path: Path) -> None:
    binary = tmp_path / "乱码.csv"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    assert _refused(binary)
    giant = tmp_path / "长字段.csv"
    giant.write_text('序号,二级事项\n1,"' + "长" * 200_000 + '"\n', encoding="utf-8")
    assert "CSV" in _refused(giant)


def test_deeply_nested_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "嵌套.html"
    path.write_text(
        "<html><body>" + "<div>" * 100_000 + f"<table>{HEAD}</table>" + "</div>" * 100_000,
        encoding="utf-8",
    )
    assert "嵌套过深" in _refused(path)


def test_html_entities_are_not_expanded_and_nothing_is_fetched(tmp_path: Path) -> None:
    declared = "".join(
        f'<!ENTITY e{n} "{"".join(f"&e{n - 1};" for _ in range(10))}">' for n in range(1, 9)
    )
    page = (
        f'<!DOCTYPE html [<!ENTITY e0 "haha">{declared}]><html><body><table>'
        + HEAD.replace("名单", '名单&e8;<img src="http://example.invalid/x.png">')
        + '</table><iframe src="http://example.invalid/"></iframe></body></html>'
    )
    path = tmp_path / "实体.html"
    path.write_text(page, encoding="utf-8")
    started = time.perf_counter()
    items = read_workbook(path).catalog.domains[0].items
    assert time.perf_counter() - started < 10
    assert len(items[0].content) < 100  # the entity stayed a few characters, never expanded


def test_html_spans_are_bounded(tmp_path: Path) -> None:
    row = "<tr>" + '<td rowspan="99999" colspan="999">x</td>' * 50 + "</tr>"
    path = tmp_path / "合并.html"
    path.write_text(f"<table>{HEAD}{row * 2000}</table>", encoding="utf-8")
    started = time.perf_counter()
    try:
        read_workbook(path)
    except FileUnreadableError as exc:
        assert "\n" not in str(exc)
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("suffix", [".xls", ".et", ".ods", ".docx"])
def test_garbage_with_a_valid_signature(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"坏文件{suffix}"
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" if suffix in (".xls", ".et") else b"PK\x03\x04"
    path.write_bytes(head + b"\x07" * 4000)
    assert _refused(path)


def test_empty_files(tmp_path: Path) -> None:
    for suffix in (".xls", ".csv", ".html", ".docx"):
        path = tmp_path / f"空{suffix}"
        path.write_bytes(b"")
        assert "空文件" in _refused(path)


def _ods_bomb(path: Path, rows: int, cols: int) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S">'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{cols}">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def test_ods_repeated_cells_bomb_is_refused_before_calamine(tmp_path: Path) -> None:
    """2 KB declaring 100 million filled cells: calamine would abort the process."""
    path = _ods_bomb(tmp_path / "重复.ods", 100_000, 1_000)
    assert "压缩炸弹" in _refused(path)


def test_sheet_not_starting_at_a1_keeps_its_positions(tmp_path: Path) -> None:
    from tests.core.formats.writers import write_xls
    from zwgk_desktop.core.formats.spreadsheet import read_spreadsheet

    path = write_xls(
        tmp_path / "偏移.xls", [[None], [None], [None, "a"], [None, None, None, "b"]], []
    )
    grid = read_spreadsheet(path, "ole", [])[0]
    assert grid.rows == [[], [], [None, "a"], [None, None, None, "b"]]


def _xls_with_cells(path: Path, cells: list[tuple[int, int]]) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("目录")
    sheet.write(0, 0, "二级事项")
    for row, col in cells:
        sheet.write(row, col, "x")
    book.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_xls_reaching_the_last_row_and_column_is_refused_before_reading(
    tmp_path: Path, suffix: str
) -> None:
    """5 KB of cells at A1 and IV65536 made calamine build a 16.7-million-cell range (1.1 GB)."""
    import tracemalloc

    path = _xls_with_cells(tmp_path / f"bomb{suffix}", [(65535, 255)])
    assert path.stat().st_size < 10_000
    tracemalloc.start()
    try:
        message = _refused(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "范围过大" in message and "16,777,216" in message
    assert peak < 50_000_000


def test_xls_extent_counts_multi_cell_records(tmp_path: Path) -> None:
    from zwgk_desktop.core.formats.biffscan import largest_sheet_cells

    path = _xls_with_cells(tmp_path / "wide.xls", [(9, 3), (9, 4), (9, 5)])  # one MULRK-able row
    assert largest_sheet_cells(path.read_bytes()) == 10 * 6


def test_an_ordinary_xls_is_not_refused_by_the_extent_check(tmp_path: Path) -> None:
    from zwgk_desktop.core.formats.biffscan import MAX_SHEET_CELLS, largest_sheet_cells

    path = _xls_with_cells(tmp_path / "ok.xls", [(r, 13) for r in range(1, 16_001, 500)])
    assert 0 < largest_sheet_cells(path.read_bytes()) <= MAX_SHEET_CELLS
    assert largest_sheet_cells(b"not an OLE file") == 0  # left to calamine to report


def test_xls_formula_cells_are_reported_never_taken(tmp_path: Path) -> None:
    """As for .xlsx: calamine would hand over the cached results of .xls formulas."""
    import xlwt

    from zwgk_desktop.core.formats.biffscan import scan_xls
    from zwgk_desktop.core.xlsx.reader import read_workbook

    book = xlwt.Workbook(encoding="utf-8")
    about = book.add_sheet("说明")
    about.write(0, 0, "填表说明")
    about.write(1, 1, "第二行")
    sheet = book.add_sheet("社会救助")
    for c, label in enumerate(("序号", "一级事项", "二级事项", "公开内容（要素）")):
        sheet.write(0, c, label)
    for r in (1, 2):
        sheet.write(r, 0, xlwt.Formula(f"ROW()-{1}"))
        sheet.write(r, 1, "低保")
        sheet.write(r, 2, f"事项{r}")
    sheet.write(1, 3, xlwt.Formula('"低保"&"对象"'))
    sheet.write(2, 3, "保障对象名单")
    path = tmp_path / "公式.xls"
    book.save(str(path))

    assert scan_xls(path.read_bytes()).formulas == {1: [(1, 0), (1, 3), (2, 0)]}
    result = read_workbook(path)
    formula_notes = [n for n in result.notes if "是公式" in n.message]
    assert len(formula_notes) == 3 and all(n.level == "error" for n in formula_notes)
    assert any("公开内容" in n.message and n.row == 2 for n in formula_notes)
    items = [i for d in result.catalog.domains for i in d.items]
    assert [i.content for i in items] == ["", "保障对象名单"]  # the cached result is not taken


def test_ods_formula_cells_are_reported_never_taken(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    from zwgk_desktop.core.formats.odscheck import check_ods_expansion
    from zwgk_desktop.core.xlsx.reader import read_workbook

    def cell(text: str = "", formula: str = "") -> TableCell:
        if formula:  # a formula with the result LibreOffice stored beside it
            made = TableCell(formula=formula, valuetype="string", stringvalue=text)
        else:
            made = TableCell(valuetype="string")
        made.addElement(P(text=text))
        return made

    doc = OpenDocumentSpreadsheet()
    about = Table(name="说明")
    row = TableRow()
    row.addElement(cell("填表说明"))
    about.addElement(row)
    doc.spreadsheet.addElement(about)
    sheet = Table(name="社会救助")
    rows = [
        [cell("一级事项"), cell("二级事项"), cell("公开内容（要素）")],
        [cell("低保"), cell("审核"), cell("低保对象", 'of:="低保"&"对象"')],
        [cell("低保"), cell("公示"), cell("公示名单")],
    ]
    for cells in rows:
        row = TableRow()
        for made in cells:
            row.addElement(made)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    path = tmp_path / "公式.ods"
    doc.save(str(path))

    assert check_ods_expansion(path) == {1: [(1, 2)]}
    result = read_workbook(path)
    notes = [n for n in result.notes if "是公式" in n.message]
    assert len(notes) == 1 and notes[0].row == 2 and "公开内容" in notes[0].message
    items = [i for d in result.catalog.domains for i in d.items]
    assert [i.content for i in items] == ["", "公示名单"]


_HIDDEN_NOTE = "第3、5行（共 2 行；社会救助：事项2、社会救助：事项4）在原表中是隐藏行"


def test_xls_hidden_rows_are_read_and_named(tmp_path: Path) -> None:
    import xlwt

    from zwgk_desktop.core.xlsx.reader import read_workbook

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("社会救助")
    for c, label in enumerate(("二级事项", "公开内容（要素）", "公开依据")):
        sheet.write(0, c, label)
    for r in range(1, 6):
        sheet.write(r, 0, f"事项{r}")
        sheet.write(r, 1, "名单")
        sheet.write(r, 2, "《社会救助暂行办法》")
    for r in (2, 4, 7):  # 0-based; row 8 holds nothing
        sheet.row(r).hidden = True
    path = tmp_path / "隐藏行.xls"
    book.save(str(path))
    result = read_workbook(path)
    assert len(result.catalog.domains[0].items) == 5
    assert [n.message for n in result.notes if "隐藏行" in n.message][0].startswith(_HIDDEN_NOTE)
    assert result.notices and "是隐藏行" in result.notices[0]


def test_ods_hidden_and_filtered_rows_are_read_and_named(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    from zwgk_desktop.core.xlsx.reader import read_workbook

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="社会救助")
    rows = [("二级事项", "公开内容（要素）", "公开依据")]
    rows += [(f"事项{r}", "名单", "《社会救助暂行办法》") for r in range(1, 6)]
    for r, values in enumerate(rows):
        attrs = {"visibility": ("collapse" if r == 2 else "filter")} if r in (2, 4) else {}
        row = TableRow(**attrs)
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    path = tmp_path / "隐藏行.ods"
    doc.save(str(path))
    result = read_workbook(path)
    assert len(result.catalog.domains[0].items) == 5
    assert [n.message for n in result.notes if "隐藏行" in n.message][0].startswith(_HIDDEN_NOTE)
