"""Export → import gives back every item, field for field, in both layouts."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bench.catalog_gen import generate_catalog
from xlsx.builders import items_of
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.templates import all_templates
from zwgk_desktop.core.xlsx import export_workbook, read_workbook

LAYOUTS = ("standard", "flat")

NASTY = [
    "=1+1",
    '=HYPERLINK("http://evil.example","点我")',
    "+86-10-1234",
    "-5",
    "@SUM(A1:A2)",
    "＝全角等号开头",
    "\x0b来自 Word 的换行符",
    "中间有\x01控制\x1f字符",
    "回车\r在中间",
    "多行\n第二行\n\n第四行",
    "表情😀🚀与生僻字𠀀",
    "_x0041_ 像转义的文字",
    "制表\t符",
    "《条例》" * 4000,  # 16,000 characters
    "政" * 32_000,
]


def _roundtrip(catalog: Catalog, tmp_path: Path, layout: str) -> tuple[Catalog, list[str], object]:
    target = tmp_path / f"out-{layout}.xlsx"
    warnings = export_workbook(catalog, target, layout=layout)
    result = read_workbook(target)
    return result.catalog, warnings, result


def _assert_items_equal(original: Catalog, imported: Catalog) -> None:
    a, b = items_of(original), items_of(imported)
    assert len(a) == len(b)
    for n, (x, y) in enumerate(zip(a, b, strict=True)):
        assert x.content_equals(y), f"item {n}: {x.to_dict()} != {y.to_dict()}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_template_catalog_round_trips(
    template_catalog: Catalog, tmp_path: Path, layout: str
) -> None:
    imported, warnings, result = _roundtrip(template_catalog, tmp_path, layout)
    assert warnings == []
    assert result.own_export
    _assert_items_equal(template_catalog, imported)
    involved = [d for d in template_catalog.domains if d.items]
    got = {d.name: d for d in imported.domains}
    for domain in involved:
        assert got[domain.name].id == domain.id
        assert got[domain.name].pilot == domain.pilot


def test_standard_keeps_catalog_details_and_reports_nothing(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    template_catalog.meta.levels = ["县级", "乡级", "村级"]
    imported, _, result = _roundtrip(template_catalog, tmp_path, "standard")
    assert result.notes == []
    assert imported.to_dict() == template_catalog.to_dict()
    assert imported.meta.levels == ["县级", "乡级", "村级"]
    assert imported.meta.date == "2026-03-01"
    taxes = imported.domains[3]
    assert (taxes.not_involved, taxes.note) == (True, "本镇无税务机构")
    assert [d.pilot for d in imported.domains] == [d.pilot for d in template_catalog.domains]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_800_items_round_trip(tmp_path: Path, layout: str) -> None:
    catalog = generate_catalog(800)
    imported, warnings, result = _roundtrip(catalog, tmp_path, layout)
    assert warnings == []
    _assert_items_equal(catalog, imported)
    assert [d.id for d in imported.domains] == [d.id for d in catalog.domains]
    assert [n for n in result.notes if n.level != "guess"] == []


def _nasty_catalog() -> Catalog:
    template = all_templates()[0]
    items = []
    for n, text in enumerate(NASTY):
        items.append(
            Item(
                level1=f"一级{n // 3}",
                level2=f"事项{n}",
                content=text,
                basis=text[:500],
                time_limit="信息形成之日起20个工作日内",
                subject=text[:40],
                channels=["政府网站"],
                audience=["全社会"],
                method=["主动"],
                level=["乡级"],
                extra={"备注": text[:100]},
            )
        )
    return Catalog(
        CatalogMeta(unit="=cmd|' /C calc'!A0"), [Domain(template.id, template.name, items)]
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nasty_text_round_trips(tmp_path: Path, layout: str) -> None:
    catalog = _nasty_catalog()
    imported, warnings, _ = _roundtrip(catalog, tmp_path, layout)
    assert warnings == []
    _assert_items_equal(catalog, imported)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_formula_like_text_is_stored_as_text_never_as_formula(tmp_path: Path, layout: str) -> None:
    target = tmp_path / "x.xlsx"
    export_workbook(_nasty_catalog(), target, layout=layout)
    workbook = openpyxl.load_workbook(target)  # normal mode: styles and data types visible
    seen = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} became a formula"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@＝\x0b":
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} lacks quotePrefix"
                    seen += 1
    assert seen >= 6


@pytest.mark.parametrize("layout", LAYOUTS)
def test_overlong_cell_is_cut_with_a_warning(tmp_path: Path, layout: str) -> None:
    catalog = _nasty_catalog()
    long_text = "超长内容" * 10_000  # 40,000 characters
    catalog.domains[0].items[2].content = long_text
    imported, warnings, _ = _roundtrip(catalog, tmp_path, layout)
    assert len(warnings) == 1
    assert (
        catalog.domains[0].name in warnings[0]
        and "事项2" in warnings[0]
        and "公开内容" in warnings[0]
    )
    got = imported.domains[0].items[2].content
    if layout == "standard":
        assert got == long_text  # the metadata sheet keeps the whole text
    else:
        assert got == long_text[:32_767]


def test_illegal_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    catalog = _nasty_catalog()
    catalog.domains[0].items[0].basis = "含\x00空字符与\ud800孤立代理"
    target = tmp_path / "x.xlsx"
    warnings = export_workbook(catalog, target, layout="flat")
    assert any("公开依据" in w and "已删除" in w for w in warnings)
    assert read_workbook(target).catalog.domains[0].items[0].basis == "含空字符与孤立代理"


def _edit(path: Path, sheet: str, cell: str, value: str) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


def test_edited_visible_sheet_wins_over_metadata(template_catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    export_workbook(template_catalog, target)
    first = template_catalog.domains[0]
    _edit(target, first.name, "D4", "县里改过的公开内容")  # first item's 公开内容(要素)
    result = read_workbook(target)
    assert result.own_export
    got = result.catalog.domains[0]
    assert got.id == first.id
    assert got.items[0].content == "县里改过的公开内容"
    for a, b in zip(first.items[1:], got.items[1:], strict=True):
        assert a.content_equals(b)
    edited = [n for n in result.notes if n.level == "warning"]
    assert len(edited) == 1 and first.name in edited[0].message and "修改" in edited[0].message
    for untouched, back in zip(
        template_catalog.domains[1:], result.catalog.domains[1:], strict=True
    ):
        assert untouched.to_dict() == back.to_dict()


def test_deleted_sheet_is_reported(template_catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    export_workbook(template_catalog, target)
    workbook = openpyxl.load_workbook(target)
    del workbook[template_catalog.domains[1].name]
    workbook.save(target)
    result = read_workbook(target)
    assert template_catalog.domains[1].name not in [d.name for d in result.catalog.domains]
    assert any("已被删除" in n.message for n in result.notes)


def test_edited_cover_updates_unit(template_catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    export_workbook(template_catalog, target)
    _edit(target, "封面", "B3", "另一镇人民政府")
    result = read_workbook(target)
    assert result.catalog.meta.unit == "另一镇人民政府"
    assert result.catalog.meta.region == "示范县"
    assert any("封面" in n.message for n in result.notes)
    _assert_items_equal(template_catalog, result.catalog)
    taxes = next(d for d in result.catalog.domains if d.not_involved)
    assert taxes.note == "本镇无税务机构"


def test_standard_without_metadata_is_read_from_visible_cells(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    """A county that copied our sheets into its own workbook: no metadata, still lossless."""
    target = tmp_path / "x.xlsx"
    export_workbook(template_catalog, target)
    workbook = openpyxl.load_workbook(target)
    del workbook["_zwgk_meta"]
    workbook.save(target)
    result = read_workbook(target)
    _assert_items_equal(template_catalog, result.catalog)
    assert result.catalog.meta.unit == "示范镇人民政府"
    taxes = next(d for d in result.catalog.domains if d.not_involved)
    assert (taxes.name, taxes.note) == (template_catalog.domains[3].name, "本镇无税务机构")
    assert [n for n in result.notes if n.level == "error"] == []


def test_flat_keeps_catalog_details_in_document_properties(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    imported, _, _ = _roundtrip(template_catalog, tmp_path, "flat")
    assert imported.meta.to_dict() == template_catalog.meta.to_dict()
    assert imported.meta.date == "2026-03-01"
    assert imported.meta.levels == template_catalog.meta.levels


def test_catalog_without_levels_has_no_level_columns(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    template_catalog.meta.levels = []
    for item in items_of(template_catalog):
        item.level = []
    for layout in LAYOUTS:
        target = tmp_path / f"{layout}.xlsx"
        export_workbook(template_catalog, target, layout=layout)
        if layout == "standard":
            ws = openpyxl.load_workbook(target)[template_catalog.domains[0].name]
            assert "公开层级" not in [c.value for c in ws[2]]
        result = read_workbook(target)
        assert result.catalog.meta.levels == []
        _assert_items_equal(template_catalog, result.catalog)


def test_sheet_added_to_own_export_joins_its_domain(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    target = tmp_path / "x.xlsx"
    export_workbook(template_catalog, target)
    workbook = openpyxl.load_workbook(target)
    extra = workbook.create_sheet("补充")
    first = template_catalog.domains[0]
    extra.append([f"{first.name}领域补充事项"])
    extra.append(["一级事项", "二级事项", "公开内容", "公开方式"])
    extra.append(["补充", "新增事项", "新增内容", "主动"])
    workbook.save(target)
    result = read_workbook(target)
    ids = [d.id for d in result.catalog.domains]
    assert len(ids) == len(set(ids))
    got = result.catalog.domain(first.id)
    assert got is not None and len(got.items) == len(first.items) + 1
    assert got.items[-1].level2 == "新增事项"


@pytest.mark.parametrize("keep_metadata", [True, False])
def test_compact_channel_list_round_trips(
    template_catalog: Catalog, tmp_path: Path, keep_metadata: bool
) -> None:
    """The compact printout lists only the ticked channels; it reads back the same."""
    target = tmp_path / "compact.xlsx"
    assert export_workbook(template_catalog, target, channels="compact") == []
    workbook = openpyxl.load_workbook(target)
    cells = [c.value for c in workbook[workbook.sheetnames[1]]["H"] if c.value]
    assert any("■" in str(v) for v in cells) and not any("□" in str(v) for v in cells[2:])
    if not keep_metadata:
        del workbook["_zwgk_meta"]
        workbook.save(target)
    result = read_workbook(target)
    _assert_items_equal(template_catalog, result.catalog)
    assert [n for n in result.notes if n.level == "error"] == []
