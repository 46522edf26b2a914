"""The standard layout with the domains run on: pages planned by us, read back as written.

The page plan is checked from the file itself (row heights and manual breaks), the way a
printer reads it; LibreOffice's own page count is in test_xlsx_libreoffice.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bench.catalog_gen import generate_catalog
from xlsx.builders import items_of
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.errors import ExportError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.templates import all_templates
from zwgk_desktop.core.xlsx import continuous, export_workbook, read_workbook
from zwgk_desktop.core.xlsx.continuous import CONTINUED, PAGE_BODY_POINTS


def _pages(sheet) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """1-based row numbers of each printed page, split at the sheet's manual breaks."""
    breaks = sorted(b.id for b in sheet.row_breaks.brk)  # a break after row id
    last = sheet.max_row
    pages, start = [], 1
    for after in [*breaks, last]:
        pages.append(list(range(start, after + 1)))
        start = after + 1
    return [p for p in pages if p]


def _height(sheet, row: int) -> float:  # type: ignore[no-untyped-def]
    height = sheet.row_dimensions[row].height
    assert height is not None, f"row {row} has no explicit height"
    return float(height)


def _export(catalog: Catalog, path: Path, channels: str = "full") -> list[str]:
    return export_workbook(catalog, path, channels=channels, flow="continuous")


@pytest.mark.parametrize("channels", ["full", "compact"])
def test_every_page_fits_and_opens_with_the_title_of_its_domain(
    tmp_path: Path, channels: str
) -> None:
    catalog = new_catalog(CatalogMeta(unit="示范镇人民政府", region="示范县"))
    path = tmp_path / "run-on.xlsx"
    assert _export(catalog, path, channels) == []
    book = openpyxl.load_workbook(path)
    assert [ws.title for ws in book.worksheets] == ["封面", "示范镇基层政务公开标准目录"]
    sheet = book.worksheets[1]
    assert sheet.print_title_rows is None  # each page's head is written, not repeated
    pages = _pages(sheet)
    names = [d.name for d in catalog.domains if d.items]
    seen_domains: list[str] = []
    sections = 0
    for page in pages:
        assert sum(_height(sheet, r) for r in page) <= PAGE_BODY_POINTS
        title = str(sheet.cell(page[0], 1).value)
        assert title.startswith("示范镇") and "领域基层政务公开标准目录" in title
        assert sheet.cell(page[0] + 1, 1).value == "序号"  # the header follows the title
        domain = next(n for n in names if f"示范镇{n}领域" in title or f"示范镇{n}" in title)
        if title.endswith(CONTINUED):
            assert seen_domains and seen_domains[-1] == domain  # it continues the last one
        else:
            seen_domains.append(domain)
        for r in page[3:]:  # a domain opening in mid-page: one merged row with its title
            value = sheet.cell(r, 1).value
            if isinstance(value, str) and value.endswith("领域基层政务公开标准目录"):
                sections += 1
                seen_domains.append(
                    next(n for n in names if value == f"示范镇{n}领域{value[-10:]}")
                )
    assert seen_domains == names  # every domain once, in order
    assert sections > 10  # domains do share pages
    # 一级事项 is merged within a page only, so every page prints it
    for merged in sheet.merged_cells.ranges:
        inside = [p for p in pages if merged.min_row in p]
        assert inside and merged.max_row in inside[0]
    total = sum(len(d.items) for d in catalog.domains)
    assert total / len(pages) > (6.9 if channels == "compact" else 5.3)


def test_reads_back_item_for_item_with_cover_details(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "run-on.xlsx"
    _export(template_catalog, path)
    result = read_workbook(path)
    assert [n for n in result.notes if n.level != "guess"] == []
    imported = result.catalog
    original = items_of(template_catalog)
    again = items_of(imported)
    assert len(again) == len(original)
    for n, (x, y) in enumerate(zip(original, again, strict=True)):
        assert x.content_equals(y), f"item {n}: {x.to_dict()} != {y.to_dict()}"
    got = {d.name: d for d in imported.domains}
    taxes = got[template_catalog.domains[3].name]
    assert (taxes.not_involved, taxes.note) == (True, "本镇无税务机构")
    assert imported.meta.unit == "示范镇人民政府" and imported.meta.year == "2026年版"


def test_formula_text_stays_text_and_a_cut_cell_says_it_is_not_kept(tmp_path: Path) -> None:
    template = all_templates()[0]
    items = [
        Item(level1="一", level2="公式", content='=HYPERLINK("http://x","点我")', level=["乡级"]),
        Item(level1="一", level2="长文", content="政" * 33_000, level=["乡级"]),
    ]
    catalog = Catalog(CatalogMeta(unit="示范镇"), [Domain(template.id, template.name, items)])
    path = tmp_path / "hostile.xlsx"
    warnings = _export(catalog, path)
    assert len(warnings) == 1 and "打印版不保留全文" in warnings[0]
    sheet = openpyxl.load_workbook(path).worksheets[1]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == items[0].content)
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_catalog_of_more_than_a_sheet_of_pages_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(continuous, "MAX_PAGES_PER_SHEET", 5)
    catalog = generate_catalog(200)
    path = tmp_path / "big.xlsx"
    _export(catalog, path)
    book = openpyxl.load_workbook(path)
    sheets = book.worksheets[1:]
    assert len(sheets) >= 3
    assert all(len(_pages(s)) <= 5 for s in sheets)
    assert all("基层政务公开标准目录" in str(s.cell(1, 1).value) for s in sheets)
    imported = read_workbook(path).catalog
    assert [i.level2 for i in items_of(imported)] == [i.level2 for i in items_of(catalog)]


def test_unknown_flow_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="排页方式"):
        export_workbook(Catalog(CatalogMeta(unit="示范镇")), tmp_path / "x.xlsx", flow="sideways")
