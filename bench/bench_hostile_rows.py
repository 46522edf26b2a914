"""Cost of sheets that are big without being content (issue 12, finding 10), as ratios.

    .venv/bin/python -m bench.bench_hostile_rows [--rows 20000] [--repeat 1]

Baseline, same run: a bare openpyxl read-only pass (``iter_rows(values_only=True)``) over a
sheet of ``rows`` ordinary item rows. Compared: our import of that sheet, and of sheets of
the same row count made of 64 empty styled cells per row (after two real rows), repeated
header rows, and "同上" rows. Shared strings, as Excel and WPS write them.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import openpyxl
import xlsxwriter

from bench.timing import median_seconds, report
from zwgk_desktop.core.xlsx import read_workbook

HEADER = ("一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体")


def build(path: Path, kind: str, rows: int) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("社会救助")
    styled = workbook.add_format({"border": 1})
    for c, label in enumerate(HEADER):
        sheet.write_string(0, c, label)
    sheet.write_row(1, 0, ("最低生活保障", "低保审批", "审批结果"))
    for r in range(2, rows + 2):
        if kind == "items":
            sheet.write_row(r, 0, ("最低生活保障", f"事项{r}", "审批结果", "《条例》"))
        elif kind == "styled":
            for c in range(64):
                sheet.write_blank(r, c, None, styled)
        elif kind == "headers":
            sheet.write_row(r, 0, HEADER)
        elif kind == "ditto":
            sheet.write_row(r, 0, ("同上",) * 6)
    workbook.close()
    return path


def bare_pass(path: Path) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        books = {
            k: build(Path(folder) / f"{k}.xlsx", k, args.rows)
            for k in ("items", "styled", "headers", "ditto")
        }
        baseline = median_seconds(lambda: bare_pass(books["items"]), args.repeat, 0)
        for kind, path in books.items():
            ours = median_seconds(lambda p=path: read_workbook(p), args.repeat, 0)
            report(f"import {args.rows} {kind} rows", ours, baseline, "bare openpyxl pass (items)")


if __name__ == "__main__":
    main()
