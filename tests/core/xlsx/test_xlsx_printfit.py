"""Per-sheet print widths: the domain's texts decide how the page width is shared, within
the page, never below the columns' minimum, never worse than the planned widths, and the
same every time (the metadata check renders a sheet again and compares)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from bench.catalog_gen import generate_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.templates import all_templates
from zwgk_desktop.core.vocab import CHANNELS
from zwgk_desktop.core.xlsx import export_workbook, metasheet, read_workbook
from zwgk_desktop.core.xlsx.columns import PAGE_UNITS, PlanColumn, plan, total_units
from zwgk_desktop.core.xlsx.glyphs import render_channels
from zwgk_desktop.core.xlsx.printfit import MIN_WIDTHS, channel_lines, estimate, fit_widths
from zwgk_desktop.core.xlsx.printpage import BODY_POINTS, grown_last_row, page_count, row_height
from zwgk_desktop.core.xlsx.standard import header_label
from zwgk_desktop.core.xlsx.textsize import line_count, text_units, usable_units

LEVELS = ["县级", "乡级", "村级"]


@pytest.fixture(scope="module")
def template_domains() -> list[Domain]:
    return [t.instantiate("示范镇人民政府") for t in all_templates()]


@pytest.mark.parametrize("compact", [False, True])
def test_fitted_widths_fit_the_page_and_beat_the_plan(
    template_domains: list[Domain], compact: bool
) -> None:
    planned_pages = fitted_pages = 0
    for domain in template_domains:
        planned = plan(domain, LEVELS, compact)
        fitted = fit_widths(planned, domain.items, compact)
        assert total_units(fitted) <= PAGE_UNITS
        assert [(c.kind, c.key, c.term) for c in fitted] == [
            (c.kind, c.key, c.term) for c in planned
        ]
        for before, after in zip(planned, fitted, strict=True):
            if after.key in MIN_WIDTHS and after.kind != "mark":
                assert after.width >= MIN_WIDTHS[after.key]
            else:  # 序号 and the √ columns keep their widths
                assert after.width == before.width
        pages, height = estimate(fitted, domain.items, compact)
        before_pages, before_height = estimate(planned, domain.items, compact)
        assert (pages, height) <= (before_pages, before_height), domain.name
        planned_pages += before_pages
        fitted_pages += pages
    # the 26 templates: 74 → 55 item pages with the full list, 56 → 51 compact
    assert fitted_pages <= (55 if not compact else 51) < planned_pages


def test_the_full_channel_list_never_breaks_inside_a_name(template_domains: list[Domain]) -> None:
    for domain in template_domains:
        fitted = fit_widths(plan(domain, LEVELS), domain.items, False)
        width = next(c.width for c in fitted if c.kind == "channels")
        room = usable_units(width, 9.0)
        for item in domain.items:
            text = render_channels(item.channels, width, False, 9.0)
            assert all(text_units(line) <= room for line in text.split("\n")), domain.name
            assert text.count("□") + text.count("■") == len(CHANNELS.terms) + len(
                [c for c in item.channels if c not in CHANNELS.terms]
            )


def test_fitting_is_repeatable(template_domains: list[Domain]) -> None:
    domain = template_domains[0]
    first = fit_widths(plan(domain, LEVELS), domain.items, False)
    again = fit_widths(plan(domain, LEVELS), [item.copy() for item in domain.items], False)
    assert first == again


def test_widths_follow_the_texts() -> None:
    """A domain whose 公开时限 are long gets a wider 公开时限 than one whose are short."""

    def domain(time_limit: str) -> Domain:
        items = [
            Item(
                level1="一级",
                level2=f"事项{n}",
                content="内容" * 10,
                basis="《条例》" * 5,
                time_limit=time_limit,
                subject="示范镇",
                channels=["政府网站"],
            )
            for n in range(10)
        ]
        return Domain("d", "测试", items)

    def width(d: Domain) -> float:
        fitted = fit_widths(plan(d, LEVELS, True), d.items, True)
        return next(c.width for c in fitted if c.key == "time_limit")

    assert width(domain("信息形成或者变更之日起20个工作日内予以公开并长期保持更新" * 2)) > width(
        domain("实时")
    )


def test_large_domains_are_fitted_on_a_sample() -> None:
    catalog = generate_catalog(2_000)
    domain = max(catalog.domains, key=lambda d: len(d.items))
    assert len(domain.items) > 64
    planned = plan(domain, LEVELS)
    fitted = fit_widths(planned, domain.items, False)
    assert total_units(fitted) <= PAGE_UNITS
    assert estimate(fitted, domain.items, False)[1] < estimate(planned, domain.items, False)[1]


def test_a_sheet_too_wide_for_the_page_is_left_to_the_writer() -> None:
    item = Item(
        level1="一级", level2="二级", content="内容", extra={f"附加{n}": "值" for n in range(30)}
    )
    columns = plan(Domain("d", "测试", [item]), LEVELS)
    assert total_units(columns) > PAGE_UNITS
    assert fit_widths(columns, [item], False) == columns


def test_page_geometry() -> None:
    assert 470 < BODY_POINTS < 490  # landscape A4 less margins and the repeated rows
    assert row_height(1) == 18 and row_height(4) == 4 * 11.25 + 2
    assert page_count([100.0] * 4) == 1 and page_count([100.0] * 5) == 2
    assert page_count([BODY_POINTS + 50, 20.0]) == 2  # a row taller than a page
    heights = [row_height(1), row_height(1)]
    assert grown_last_row(heights, 0, 1, 2) == heights[1]  # two rows hold two lines
    grown = grown_last_row(heights, 0, 1, 6)
    assert heights[0] + grown >= 6 * 11.25 + 2


def test_narrow_headers_break_evenly() -> None:
    assert header_label("公开主体", 5) == "公开\n主体"
    assert header_label("公开主体", 12) == "公开主体"
    assert header_label("公开内容(要素)", 8) == "公开内容(要素)"  # mixed text wraps by itself
    assert header_label("依申请", 4) == "依申请"  # one character a line: left to wrap


def test_the_metadata_records_each_sheets_channel_width(tmp_path: Path) -> None:
    """The metadata check renders a sheet again at the recorded width (its line breaks are
    in the digest) rather than fitting it again; a width out of range means "fit again"."""
    catalog = Catalog(CatalogMeta(unit="示范镇人民政府"), all_templates_domains()[:3])
    target = tmp_path / "catalog.xlsx"
    export_workbook(catalog, target, channels="compact")
    workbook = openpyxl.load_workbook(target)
    payload = metasheet.read(workbook)
    assert payload is not None and len(payload.sheets) == 3
    for info in payload.sheets:
        sheet = workbook[info.title]
        channel_col = next(
            c for c in range(1, sheet.max_column + 1) if sheet.cell(2, c).value == "公开渠道和载体"
        )
        stored = sheet.column_dimensions[get_column_letter(channel_col)].width
        assert info.channel_width >= MIN_WIDTHS["channels"]
        assert stored == pytest.approx(info.channel_width + 5 / 7, abs=0.01)
    assert read_workbook(target).notes == []  # every sheet agreed with its metadata
    for bad in (1e9, -3, "33", True, None):
        info = metasheet.SheetInfo("t", 0, 3, "x", bad)  # type: ignore[arg-type]
        chunks = metasheet.encode(catalog, [info], "封面", "")
        assert metasheet.decode(chunks).sheets[0].channel_width == 0.0


def all_templates_domains() -> list[Domain]:
    return [t.instantiate("示范镇人民政府") for t in all_templates()]


def test_channel_lines_match_the_rendered_list() -> None:
    """The fitter counts the channel list's lines from its entries' widths; the writer
    renders it and counts the text. They must agree, or rows would be the wrong height."""
    names = [*CHANNELS.terms, "投资项目在线审批监管平台", "12345政务服务热线", "村务公开栏"]
    sets = [(), tuple(names[:1]), tuple(names), tuple(names[::3]), tuple(names[-4:])]
    for channels in sets:
        for width in (5, 8, 13, 16, 20.5, 31, 33, 40):
            for compact in (False, True):
                text = render_channels(list(channels), width, compact, 9.0)
                expected = line_count(text, width, 9.0) if text else 1
                assert channel_lines(channels, width, compact) == expected, (channels, width)


def test_estimate_without_text_columns_counts_one_line_rows() -> None:
    level1 = PlanColumn("text", "level1", "一级事项", 5.0, "公开事项")
    assert estimate([], [Item(level1="甲")], False) == (1, 18.0)
    assert estimate([level1], [Item(level1="甲乙丙丁戊己庚")], False)[1] > 18.0
