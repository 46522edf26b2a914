"""Issue 12, finding 10: the cost of reading a sheet follows its visible content.

Timing belongs in ``bench/bench_hostile_rows.py``; these tests pin the mechanisms: rows of
empty styled cells after the last value are never parsed, a repeated header row is built
once, and a flood of notes is summarised.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from zwgk_desktop.core.xlsx import grid, read_workbook, records
from zwgk_desktop.core.xlsx.grid import scan_sheet_rows

HEADER = ("一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体")


def _book(path: Path, rows: int, kind: str) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("社会救助")
    styled = workbook.add_format({"border": 1})
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ("最低生活保障", "低保审批", "审批结果"))
    for r in range(2, rows + 2):
        if kind == "styled":
            for c in range(64):
                sheet.write_blank(r, c, None, styled)
        elif kind == "headers":
            sheet.write_row(r, 0, HEADER)
        elif kind == "ditto":
            sheet.write_row(r, 0, ("同上",) * 6)
    workbook.close()
    return path


def test_empty_styled_rows_after_the_content_are_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "styled.xlsx", 3_000, "styled")
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as source:
        last_row = scan_sheet_rows(source, grid.MAX_ROWS, 64).last_row
    assert last_row == 2
    parsed: list[int] = []
    real = grid.read_grid

    def counting(ws, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        result = real(ws, *args, **kwargs)
        parsed.append(len(result.rows))
        return result

    monkeypatch.setattr("zwgk_desktop.core.xlsx.reader.read_grid", counting)
    result = read_workbook(path)
    assert parsed == [2]
    assert [i.level2 for d in result.catalog.domains for i in d.items] == ["低保审批"]


def test_content_down_to_the_last_row_is_still_read(tmp_path: Path) -> None:
    path = _book(tmp_path / "styled.xlsx", 50, "styled")
    workbook = xlsxwriter.Workbook(str(tmp_path / "tail.xlsx"))
    sheet = workbook.add_worksheet("社会救助")
    sheet.write_row(0, 0, HEADER)
    for r in range(1, 400):
        sheet.write_row(r, 0, ("最低生活保障", f"事项{r}", "结果"))
    workbook.close()
    items = read_workbook(tmp_path / "tail.xlsx").catalog.item_count()
    assert items == 399
    assert read_workbook(path).catalog.item_count() == 1


def test_repeated_header_rows_are_built_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "headers.xlsx", 500, "headers")
    calls: list[int] = []
    real = records.build_header

    def counting(rows, top, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(top)
        return real(rows, top, *args)

    monkeypatch.setattr(records, "build_header", counting)
    result = read_workbook(path)
    assert len(calls) <= 3
    assert result.catalog.item_count() == 1


def test_a_flood_of_notes_is_summarised(tmp_path: Path) -> None:
    path = _book(tmp_path / "ditto.xlsx", 1_500, "ditto")
    result = read_workbook(path)
    assert result.catalog.item_count() == 1_501
    assert len(result.notes) <= 3 * (records.MAX_NOTES_PER_LEVEL + 1)
    assert any("未逐条列出" in n.message for n in result.notes)
