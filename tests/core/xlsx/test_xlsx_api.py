"""The written workbook's structure (print setup, merges, fonts, hidden metadata), the flat
shape, cancel and progress, and export errors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bench.catalog_gen import generate_catalog
from zwgk_desktop.core.errors import ExportError, ZwgkError
from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.core.xlsx import Cancelled, Layout, export_workbook, read_workbook
from zwgk_desktop.core.xlsx.columns import PAGE_UNITS
from zwgk_desktop.core.xlsx.printfit import MIN_WIDTHS


def test_standard_workbook_structure(template_catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "std.xlsx"
    export_workbook(template_catalog, target)
    wb = openpyxl.load_workbook(target)
    involved = [d.name for d in template_catalog.domains if not d.not_involved]
    assert wb.sheetnames == ["封面", *involved, "_zwgk_meta"]
    assert wb["_zwgk_meta"].sheet_state == "veryHidden"
    assert all(wb[name].sheet_state == "visible" for name in ["封面", *involved])
    ws = wb[involved[0]]
    domain = template_catalog.domains[0]
    assert ws["A1"].value == f"示范镇{domain.name}领域基层政务公开标准目录"
    assert ws["A1"].font.name == "黑体"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:A3" in merged and "B2:C2" in merged  # 序号 spans both header rows; 公开事项 group
    # a label too long for its narrow column is broken evenly: 一级\n事项, 特定\n群体
    assert [ws.cell(3, c).value for c in (2, 3)] == ["一级\n事项", "二级\n事项"]
    assert ws.cell(2, 9).value == "公开对象" and [ws.cell(3, c).value for c in (9, 10)] == [
        "全社会",
        "特定\n群体",
    ]
    assert [ws.cell(3, c).value for c in (11, 12, 13, 14)] == ["主动", "依申请", "县级", "乡级"]
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows.replace("$", "") == "1:3"  # title (domain, unit) too
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # the columns fit landscape A4: printed at 100 %, never shrunk below the 9-point text
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    assert ws.oddFooter.left.text == "示范镇人民政府" and ws.oddFooter.right.text == "&A"
    assert ws.oddFooter.center.size == 9  # a 9-point footer fits the 0.45 in bottom margin
    first = domain.items[0]
    assert ws["D4"].value == first.content and ws["D4"].font.name == "仿宋"
    assert ws["D4"].alignment.wrap_text and ws["D4"].border.left.style == "thin"
    assert ws["H4"].value.startswith(("■政府网站", "□政府网站"))
    assert ws.row_dimensions[4].height and ws.row_dimensions[4].height > 30
    run = sum(1 for i in domain.items if i.level1 == first.level1)
    if run > 1:
        assert f"B4:B{3 + run}" in merged
    # widths chosen for the domain's own texts, within the page (stored widths include the
    # cell padding); 公开内容 keeps at least four characters a line
    dims = list(ws.column_dimensions.values())  # equal neighbours share one <col> range
    assert sum(d.width * (d.max - d.min + 1) for d in dims) <= PAGE_UNITS
    assert ws.column_dimensions["D"].width >= MIN_WIDTHS["content"]
    cover = wb["封面"]
    texts = [c.value for row in cover.iter_rows() for c in row if c.value is not None]
    assert "示范镇人民政府" in texts and "本镇无税务机构" in texts and "未涉及说明" in texts


def test_flat_workbook_structure(template_catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "flat.xlsx"
    export_workbook(template_catalog, target, layout=Layout.FLAT)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["目录"]
    ws = wb["目录"]
    assert not ws.merged_cells.ranges
    header = [c.value for c in ws[1]]
    assert header == ["领域", *(f.label for f in FIELDS), "咨询电话", "责任科室"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == template_catalog.item_count()
    last = rows[-1]
    assert last[0] == "政府文件信息"
    assert (
        last[header.index("公开渠道和载体")]
        == "政府网站、社区/企事业单位/村公示栏(电子屏)、12345政务服务热线"
    )
    assert last[header.index("公开对象")] == "全社会、特定群体"
    assert last[header.index("特定群体说明")] == "申请人"


def test_sheet_names_are_valid_and_unique(tmp_path: Path) -> None:
    item = Item(level1="一级", level2="二级", content="内容")
    long_name = "一个名字非常非常长的自定义领域，超过了三十一个字符的工作表名称上限[1]"
    domains = [
        Domain(f"custom-{n}", name, [item.copy()], pilot=False)
        for n, name in enumerate([long_name, long_name, "封面", "a/b"])
    ]
    target = tmp_path / "names.xlsx"
    export_workbook(Catalog(domains=domains), target)
    names = openpyxl.load_workbook(target).sheetnames
    assert len(set(names)) == len(names) == 6
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    result = read_workbook(target)
    assert [d.name for d in result.catalog.domains] == [d.name for d in domains]
    assert result.notes == []


@pytest.mark.parametrize("layout", ["standard", "flat"])
def test_cancel_export_leaves_target_untouched(layout: str, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous version")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled) as info:
        export_workbook(generate_catalog(3000), target, layout=layout, cancel=cancel)
    assert str(info.value) == "已取消" and isinstance(info.value, ZwgkError)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_cancel_import(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    export_workbook(generate_catalog(800), target)
    with pytest.raises(Cancelled):
        read_workbook(target, cancel=lambda: True)


@pytest.mark.parametrize("layout", ["standard", "flat"])
def test_export_progress_counts_items(layout: str, tmp_path: Path) -> None:
    catalog = generate_catalog(2000)
    calls: list[tuple[int, int]] = []
    export_workbook(
        catalog, tmp_path / "x.xlsx", layout=layout, progress=lambda d, t: calls.append((d, t))
    )
    assert len(calls) >= 3
    assert calls[-1] == (2000, 2000)
    done = [d for d, _ in calls]
    assert done == sorted(done) and all(t == 2000 for _, t in calls)


def test_export_errors_are_one_chinese_line(template_catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="未知的导出版式"):
        export_workbook(template_catalog, tmp_path / "x.xlsx", layout="fancy")
    with pytest.raises(ExportError, match="目标文件夹不存在"):
        export_workbook(template_catalog, tmp_path / "missing" / "x.xlsx")


def test_empty_catalog_exports_and_imports(tmp_path: Path) -> None:
    for layout in ("standard", "flat"):
        target = tmp_path / f"{layout}.xlsx"
        export_workbook(Catalog(), target, layout=layout)
        result = read_workbook(target)
        assert result.catalog.item_count() == 0 and result.own_export
