"""Sheets read through calamine give the very grid the bounded openpyxl reader gives, and
a sheet calamine must not read (formulas, unbounded or unplaced cells) goes to openpyxl."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

from tests.core.xlsx import builders
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.xlsx.fastsheet import FastSheets, cells_bounded
from zwgk_desktop.core.xlsx.grid import Grid, read_grid
from zwgk_desktop.core.xlsx.reader import open_workbook, read_workbook
from zwgk_desktop.core.xlsx.writer import export_workbook


def _view(grid: Grid) -> list[list[str | None]]:
    """What the interpreter sees: every cell's own or merged value."""
    width = max((len(row) for row in grid.rows), default=0)
    return [[grid.effective(r, c) for c in range(width)] for r in range(len(grid.rows))]


def _both_paths(path: Path) -> list[tuple[Grid | None, Grid]]:
    workbook = open_workbook(path)
    fast = FastSheets(path)
    try:
        return [(fast.grid(ws), read_grid(ws)) for ws in workbook.worksheets]
    finally:
        fast.close()
        workbook.close()


BUILT: list[Callable[[Path], Path]] = [
    builders.county_standard,
    builders.flat_shuffled,
    builders.records_over_rows,
    builders.stacked_sections,
    builders.glyph_variants,
    builders.traditional,
    builders.department_template,
    builders.level_layouts,
    builders.messy_sheets,
    builders.custom_domain,
    builders.pingwu_method,
]


@pytest.mark.parametrize("build", BUILT, ids=lambda b: b.__name__)
def test_hand_made_layouts_read_alike_on_both_paths(
    build: Callable[[Path], Path], tmp_path: Path
) -> None:
    pairs = _both_paths(build(tmp_path / "in.xlsx"))
    assert any(fast is not None for fast, _ in pairs)
    for fast, bounded in pairs:
        if fast is not None:
            assert _view(fast) == _view(bounded), bounded.title
            assert fast.cut_cells == bounded.cut_cells


@pytest.mark.parametrize("layout", ["standard", "flat"])
def test_own_exports_read_alike_on_both_paths(
    layout: str, template_catalog: Catalog, tmp_path: Path
) -> None:
    target = tmp_path / "own.xlsx"
    export_workbook(template_catalog, target, layout=layout)
    pairs = _both_paths(target)
    assert all(fast is not None for fast, _ in pairs)
    for fast, bounded in pairs:
        assert fast is not None and fast.rows == bounded.rows, bounded.title


def test_values_of_every_kind_read_alike(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "kinds.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("数据")
    date = book.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    texts = [
        "文字 _x000D_ 原样",
        "换行\r\n回车",
        "制表\t",
        "   ",
        "_x005F_ 下划线",
        "控制\x01符",
        "😀",
    ]
    for c, text in enumerate(texts):
        sheet.write_string(0, c, text)
    sheet.write_number(1, 0, 3)
    sheet.write_number(1, 1, 2.5)
    sheet.write_boolean(1, 2, True)
    sheet.write_datetime(1, 3, dt.datetime(2024, 5, 6), date)
    sheet.merge_range(2, 0, 4, 1, "合并")
    sheet.write_string(30, 20, "远处")
    book.close()
    [(fast, bounded)] = _both_paths(path)
    assert fast is not None
    assert fast.rows == bounded.rows
    assert _view(fast) == _view(bounded)
    assert fast.rows[0][0] == "文字 _x000D_ 原样" and fast.rows[1][3] == "2024-05-06"


def test_a_formula_sheet_goes_to_openpyxl_and_is_reported(tmp_path: Path) -> None:
    path = builders.with_formula(tmp_path / "f.xlsx")
    assert all(fast is None for fast, _ in _both_paths(path))
    notes = [n.message for n in read_workbook(path).notes]
    assert any("公式" in n for n in notes), notes


def _scan(xml: bytes, chunk: int | None = None) -> bool:
    source = io.BytesIO(xml)
    if chunk is not None:  # feed the scan in small pieces to cross chunk borders
        import zwgk_desktop.core.xlsx.fastsheet as fastsheet

        old, fastsheet._CHUNK = fastsheet._CHUNK, chunk
        try:
            return cells_bounded(source)
        finally:
            fastsheet._CHUNK = old
    return cells_bounded(source)


_ROWS = b"".join(
    b'<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d"/></row>' % (n, n, n)
    for n in range(1, 400)
)


@pytest.mark.parametrize(
    ("tail", "bounded"),
    [
        (b"", True),
        (b'<row r="500"><c r="AB500"><v>1</v></c></row>', True),
        (b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', False),
        (b'<row r="9"><c r="XFD9"><v>1</v></c><c r="A300000"><v>1</v></c></row>', False),
        (b'<row r="9"><c s="1" r="XFD1048576"><v>1</v></c></row>', False),
        (b'<row r="9"><c\nr="XFD1048576"><v>1</v></c></row>', False),
        (b'<row r="9"><c><v>1</v></c></row>', False),
        (b'<x:row r="9"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>', False),
        # past XFD: once asked calamine for 150 TB (the process aborted)
        (b'<row r="9"><c r="ZZZZ9999999"><v>1</v></c></row>', False),
        (b'<row r="9"><c r="ZZZZ9"><v>1</v></c></row>', False),
        (b'<row r="9"><c r="' + b"Z" * 40 + b'9"><v>1</v></c></row>', False),
        (b'<row r="9"><c r="A-9"><v>1</v></c></row>', False),
    ],
)
def test_the_scan_bounds_calamine_range(tail: bytes, bounded: bool) -> None:
    xml = b"<worksheet><sheetData>" + _ROWS + tail + b"</sheetData></worksheet>"
    assert _scan(xml) is bounded
    assert _scan(xml, chunk=7) is bounded  # tags cut by chunk borders are still seen whole


def test_a_far_cell_is_read_by_the_bounded_reader_without_crashing(tmp_path: Path) -> None:
    """calamine would lay out A1:XFD1048576 densely and abort the process."""
    plain = tmp_path / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    sheet = book.add_worksheet("社会救助")
    for c, label in enumerate(("一级事项", "二级事项", "公开内容（要素）")):
        sheet.write_string(0, c, label)
    sheet.write_string(1, 1, "低保")
    book.close()
    far = tmp_path / "far.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
                )
            out.writestr(name, data)
    [(fast, bounded)] = _both_paths(far)
    assert fast is None
    result = read_workbook(far)
    assert [i.level2 for d in result.catalog.domains for i in d.items] == ["低保"]


def test_an_xlsx_renamed_xls_gets_the_xlsx_defences(tmp_path: Path) -> None:
    """Offices rename files: an .xlsx called .xls is read by the xlsx reader (scan, guard),
    never handed to calamine unbounded — a far cell used to abort the whole process."""
    import shutil
    import subprocess
    import sys

    from zwgk_desktop.core.catalog_factory import new_catalog
    from zwgk_desktop.core.model import CatalogMeta

    catalog = new_catalog(CatalogMeta(unit="甲县人民政府"), ["社会救助"])
    good = tmp_path / "好.xlsx"
    export_workbook(catalog, good)
    renamed = tmp_path / "好.xls"
    shutil.copy(good, renamed)
    assert read_workbook(renamed).catalog.item_count() == catalog.item_count()

    far = tmp_path / "远.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet2.xml":
                data = data.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
                )
            out.writestr(name, data)
    with zipfile.ZipFile(far) as made:
        assert b"XFD1048576" in made.read("xl/worksheets/sheet2.xml")
    far_renamed = tmp_path / "远.et"
    shutil.copy(far, far_renamed)
    code = (
        "import sys; from zwgk_desktop.core.xlsx.reader import read_workbook;"
        "print(read_workbook(sys.argv[1]).catalog.item_count())"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(far_renamed)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout) == catalog.item_count()


def _hidden_rows_workbook(path: Path, formula: bool) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "社会救助"
    sheet.append(["二级事项", "公开内容", "公开依据", "公开时限"])
    for n in range(1, 7):
        sheet.append([f"事项{n}", "内容", "《社会救助暂行办法》", "20个工作日内"])
    if formula:
        sheet["F2"] = "=1+1"
    for row in (3, 6, 9):  # 9 is hidden but empty: nothing to say about it
        sheet.row_dimensions[row].hidden = True
    workbook.save(path)
    return path


@pytest.mark.parametrize("formula", [False, True], ids=["calamine", "openpyxl"])
def test_hidden_rows_are_read_and_named_on_both_paths(tmp_path: Path, formula: bool) -> None:
    path = _hidden_rows_workbook(tmp_path / "隐藏行.xlsx", formula)
    fast, slow = _both_paths(path)[0]
    assert (fast is None) is formula
    for grid in (fast, slow):
        if grid is not None:
            assert grid.hidden_rows == [3, 6, 9]
    result = read_workbook(path)
    assert len(result.catalog.domains[0].items) == 6  # a filter hides real items: all read
    notes = [n.message for n in result.notes if "隐藏行" in n.message]
    assert notes == [
        "第3、6行（共 2 行；社会救助：事项2、社会救助：事项5）在原表中是隐藏行，"
        "已按表中内容读取；如其中有已删除的事项，请与编制单位核对"
    ]
    assert result.notices == [
        "工作表“社会救助”第3、6行（共 2 行；社会救助：事项2、社会救助：事项5）是隐藏行（已读取），请核对"
    ]


def test_a_reviewers_batch_shows_the_hidden_rows(tmp_path: Path) -> None:
    from zwgk_desktop.core.review.batch import check_submission

    summary = check_submission(_hidden_rows_workbook(tmp_path / "青山镇.xlsx", False))
    assert "第3、6行（共 2 行；社会救助：事项2、社会救助：事项5）是隐藏行" in summary.notice
    assert summary.warnings >= 1


@pytest.mark.parametrize("chunk", [5, 7, 11, 64])
def test_hidden_rows_found_across_chunk_borders(chunk: int) -> None:
    import zwgk_desktop.core.xlsx.grid as grid_module

    rows = b"".join(
        b'<row r="%d" spans="1:2"%s ht="15"><c r="A%d"><v>1</v></c></row>'
        % (n, b' hidden="1"' if n % 3 == 0 else b"", n)
        for n in range(1, 40)
    )
    xml = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
    old, grid_module._CHUNK = grid_module._CHUNK, chunk
    try:
        scan = grid_module.scan_sheet_rows(io.BytesIO(xml), 1000, 10)
    finally:
        grid_module._CHUNK = old
    assert scan.hidden_rows == list(range(3, 40, 3))
