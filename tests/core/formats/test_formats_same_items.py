"""Every format reads to the same items as the .xlsx original, in every choice layout."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.formats.writers import write_csv, write_docx, write_html, write_ods, write_xls
from tests.core.xlsx.builders import items_of
from tests.core.xlsx.choice_layouts import LAYOUTS, save_rows
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.xlsx import read_workbook

WRITERS: dict[str, Callable[[Path, list, list], Path]] = {
    "xls": write_xls,
    "ods": write_ods,
    "csv": lambda p, rows, merges: write_csv(p, rows),
    "docx": write_docx,
    "html": write_html,
}


def _items(catalog) -> list[tuple]:
    return [
        (d.id, i.level1, i.level2, i.content, i.basis, i.time_limit, i.subject)
        + (tuple(i.channels), tuple(i.audience), tuple(i.method), tuple(i.level))
        for d in catalog.domains
        for i in d.items
    ]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_format_reads_like_the_xlsx(fmt: str, layout: str, tmp_path: Path) -> None:
    rows, merges, expected = LAYOUTS[layout]()
    original = read_workbook(save_rows(tmp_path / "原表.xlsx", rows, merges))
    source = WRITERS[fmt](tmp_path / f"社会救助.{fmt}", rows, merges)
    result = read_workbook(source)
    assert _items(result.catalog) == _items(original.catalog)
    got = [(i.level2, i.channels, i.audience, i.method, i.level) for i in items_of(result.catalog)]
    assert got == expected
    assert result.catalog.meta.unit == original.catalog.meta.unit
    assert [n for n in result.notes if n.level != "guess"] == []


def test_wps_et_is_the_xls_format(tmp_path: Path) -> None:
    rows, merges, expected = LAYOUTS["tick_subcolumns"]()
    xls = write_xls(tmp_path / "目录.xls", rows, merges)
    et = tmp_path / "目录.et"
    shutil.copy(xls, et)
    assert items_of(read_workbook(et).catalog) == items_of(read_workbook(xls).catalog)
    assert len(items_of(load_catalog(et))) == len(expected)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected(encoding: str, tmp_path: Path) -> None:
    rows, _, expected = LAYOUTS["comma_lists"]()
    path = write_csv(tmp_path / "目录.csv", rows, encoding)
    got = [i.level2 for i in items_of(read_workbook(path).catalog)]
    assert got == [e[0] for e in expected]


def test_html_page_in_gbk_with_layout_tables_and_script(tmp_path: Path) -> None:
    rows, merges, expected = LAYOUTS["tick_subcolumns"]()
    path = write_html(tmp_path / "目录.htm", rows, merges, encoding="gbk")
    result = read_workbook(path)
    assert [i.channels for i in items_of(result.catalog)] == [e[1] for e in expected]
    assert result.catalog.domains[0].id == "social-assistance"


def test_renamed_files_are_read_by_content(tmp_path: Path) -> None:
    """A portal's ".xls" that is really an HTML table, and a CSV saved as ".xls"."""
    rows, merges, expected = LAYOUTS["box_lists"]()
    html_as_xls = write_html(tmp_path / "网页.xls", rows, merges)
    csv_as_xls = write_csv(tmp_path / "文本.xls", rows)
    for path in (html_as_xls, csv_as_xls):
        assert [i.level2 for i in items_of(read_workbook(path).catalog)] == [e[0] for e in expected]
