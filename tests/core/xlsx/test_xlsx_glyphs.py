"""Channel glyph strings and √ marks: rendering, and reading every form seen in the wild."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_desktop.core.vocab import CHANNELS, KNOWN_EXTRA_CHANNELS
from zwgk_desktop.core.xlsx.glyphs import parse_channels, parse_mark, render_channels, render_mark


@given(
    chosen=st.lists(st.sampled_from(CHANNELS.terms), unique=True),
    extra=st.lists(st.sampled_from(KNOWN_EXTRA_CHANNELS), unique=True, max_size=3),
    width=st.sampled_from([16.0, 24.0, 40.0]),
)
@settings(max_examples=150, deadline=None)
def test_render_then_parse_gives_the_same_channels(
    chosen: list[str], extra: list[str], width: float
) -> None:
    channels = CHANNELS.sort(chosen) + extra
    text = render_channels(channels, width)
    parsed = parse_channels(text)
    assert parsed.channels == channels
    assert parsed.guesses == []
    assert all(line.startswith(("■", "□")) for line in text.split("\n"))


def test_render_lists_all_13_standard_channels_in_order() -> None:
    text = render_channels(["两微一端"], 24)
    names = [entry[1:] for entry in text.replace("\n", " ").split(" ")]
    assert names == list(CHANNELS.terms)
    assert "■两微一端" in text and "□政府网站" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("■政府网站 □政府公报 ■两微一端", ["政府网站", "两微一端"]),
        ("▄政府网站 □政府公报 ◆便民服务站", ["政府网站", "便民服务站"]),
        ("☑政府网站 ☐政府公报 ☑入户/现场", ["政府网站", "入户/现场"]),
        ("R政府网站 £政府公报 R精准推送", ["政府网站", "精准推送"]),
        ("t政府网站 t政务服务中心", ["政府网站", "政务服务中心"]),
        ("□广播电视口纸质媒体■政务服务中心", ["政务服务中心"]),
        ("■广播电视口纸质媒体", ["广播电视"]),
        ("■政府网站■便民服务站", ["政府网站", "便民服务站"]),
        ("口政府网站 ■政府公报", ["政府公报"]),
        ("■办事窗口 □便民服务窗口", ["政务服务中心"]),
        ("1.政府网站；2.其他", ["政府网站", "其他"]),
        ("政府网站\n两微一端\n便民服务站。", ["政府网站", "两微一端", "便民服务站"]),
        ("政府网站，政府公报", ["政府网站", "政府公报"]),
        (
            "政府公报、政府网站、新闻发布会、报刊、广播、电视或其他便于公众知晓的方式",
            ["政府公报", "政府网站", "发布会/听证会", "纸质媒体", "广播电视", "其他"],
        ),
        ("政府網站、政務服務中心", ["政府网站", "政务服务中心"]),
        ("政府网站 http://www.example.gov.cn", ["政府网站"]),
        ("其他：办税服务厅", ["其他", "办税服务厅"]),
        ("■投资项目在线审批监管平台", ["投资项目在线审批监管平台"]),
    ],
)
def test_every_glyph_form_is_read(text: str, expected: list[str]) -> None:
    assert parse_channels(text).channels == expected


def test_aliases_are_reported_as_guesses_and_unknown_names_kept() -> None:
    parsed = parse_channels("■政府门户网站 ■某某镇便民小程序 ■乡村大喇叭")
    assert parsed.channels == ["政府网站", "两微一端", "乡村大喇叭"]
    assert any("政府门户网站" in g and "政府网站" in g for g in parsed.guesses)
    assert any("乡村大喇叭" in g and "保留" in g for g in parsed.guesses)


def test_empty_cell_has_no_channels() -> None:
    assert parse_channels("").channels == []
    assert parse_channels("   ").channels == []
    assert parse_channels("□政府网站 □政府公报").channels == []


@pytest.mark.parametrize(
    ("text", "checked", "note"),
    [
        ("√", True, ""),
        ("✓", True, ""),
        ("■", True, ""),
        ("R", True, ""),
        ("是", True, ""),
        ("√(申请人)", True, "申请人"),
        ("√（面向拟征收土地所在地的村集体成员）", True, "面向拟征收土地所在地的村集体成员"),
        ("申请人", True, "申请人"),
        ("□", False, ""),
        ("×", False, ""),
        ("否", False, ""),
        ("", False, ""),
        (None, False, ""),
    ],
)
def test_marks(text: str | None, checked: bool, note: str) -> None:
    mark = parse_mark(text)
    assert (mark.checked, mark.note) == (checked, note)


def test_mark_rendering_round_trips() -> None:
    for checked in (True, False):
        for note in ("", "申请人", "项目单位（建设方）"):
            if not checked and not note:
                continue
            mark = parse_mark(render_mark(checked, note))
            assert (mark.checked, mark.note) == (checked, note)
