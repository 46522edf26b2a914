"""渠道/对象/方式/层级 in every published layout are read right, or the import says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.xlsx.builders import items_of
from tests.core.xlsx.choice_layouts import LAYOUTS, save_rows, unreadable_channels
from zwgk_desktop.core.xlsx import read_workbook


def _read(layout: str, tmp_path: Path):
    rows, merges, expected = LAYOUTS[layout]()
    result = read_workbook(save_rows(tmp_path / f"{layout}.xlsx", rows, merges))
    return result, expected


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_choice_layouts_read_to_the_same_items(layout: str, tmp_path: Path) -> None:
    result, expected = _read(layout, tmp_path)
    got = [(i.level2, i.channels, i.audience, i.method, i.level) for i in items_of(result.catalog)]
    assert got == expected
    assert result.gaps == {}
    assert [n for n in result.notes if n.level != "guess"] == []


def test_tick_subcolumns_under_merged_channel_header(tmp_path: Path) -> None:
    """The issue's case: no channel ends up as an extra column, the 公开栏 guess is noted."""
    result, _ = _read("tick_subcolumns", tmp_path)
    items = items_of(result.catalog)
    assert all(not item.extra for item in items)
    assert any("公开栏" in n.message and n.level == "guess" for n in result.notes)


def test_unreadable_column_is_warned_with_rows_and_kept_as_gap(tmp_path: Path) -> None:
    rows, merges, _ = unreadable_channels()
    result = read_workbook(save_rows(tmp_path / "bad.xlsx", rows, merges))
    warnings = [n for n in result.notes if n.level == "warning" and n.field == "channels"]
    assert len(warnings) == 1
    assert "“公开渠道和载体”列（第3–5行）" in warnings[0].message
    assert "未能识别" in warnings[0].message
    assert result.gaps == {"social-assistance": {"channels"}}


def test_required_column_left_empty_is_warned(tmp_path: Path) -> None:
    rows, merges, _ = unreadable_channels()
    for row in rows[2:]:
        row[5] = None  # 公开时限
    result = read_workbook(save_rows(tmp_path / "empty.xlsx", rows, merges))
    warnings = [n.message for n in result.notes if n.field == "time_limit"]
    assert warnings == ["“公开时限”列（第3–5行）全部为空"]
    assert "time_limit" not in result.gaps.get("social-assistance", set())
