"""Workbooks with 渠道/对象/方式/层级 in each layout published catalogs use (domains.md §c, §f).

Each builder returns (path, expected items as (level2, channels, audience, method, level)).
The grid content is kept as plain rows so the format tests can write the same catalog as
.xls/.ods/.csv/.docx/.html and compare what comes out.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

BULLETIN = "社区/企事业单位/村公示栏(电子屏)"
TITLE = "示范镇社会救助领域基层政务公开标准目录"
SINGLES = ["公开内容（要素）", "公开依据", "公开时限", "公开主体"]
BASIS = "《社会救助暂行办法》（国务院令第649号）"
TIME = "信息形成或者变更之日起20个工作日内"
SUBJECT = "示范镇人民政府"

Merge = tuple[int, int, int, int]  # r1, c1, r2, c2, 1-based like openpyxl


def save_rows(path: Path, rows: list[list[str | None]], merges: list[Merge]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    for row in rows:
        sheet.append(row)
    for r1, c1, r2, c2 in merges:
        sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    book.save(path)
    return path


def _item_cells(n: int) -> list[str]:
    return [f"最低生活保障{n}", f"审批信息{n}", "对象名单、救助标准", BASIS, TIME, SUBJECT]


def tick_subcolumns() -> tuple[list[list[str | None]], list[Merge], list[tuple]]:
    """A merged "公开渠道和载体" over √ sub-columns 政府网站 | 两微一端 | 公开栏 | 其他, then
    公开对象/公开方式/公开层级 as √ sub-columns too."""
    channels = ["政府网站", "两微一端", "公开栏", "其他"]
    top = ["序号", "公开事项", None, *SINGLES, "公开渠道和载体", None, None, None]
    top += ["公开对象", None, "公开方式", None, "公开层级", None]
    sub = [None, "一级事项", "二级事项", None, None, None, None, *channels]
    sub += ["全社会", "特定群众", "主动", "依申请公开", "县级", "乡级"]
    rows: list[list[str | None]] = [[TITLE], top, sub]
    expected = []
    for n in range(6):
        ticks = ["√", "√" if n % 2 == 0 else None, "√", "√" if n == 5 else None]
        rows.append([str(n + 1), *_item_cells(n), *ticks, "√", None, "√", None, None, "√"])
        chosen = ["政府网站", "两微一端", BULLETIN, "其他"]
        channels_read = [c for c, t in zip(chosen, ticks, strict=True) if t]
        expected.append((f"审批信息{n}", channels_read, ["全社会"], ["主动"], ["乡级"]))
    merges: list[Merge] = [(1, 1, 1, 17), (2, 2, 2, 3), (2, 8, 2, 11), (2, 12, 2, 13)]
    merges += [(2, 14, 2, 15), (2, 16, 2, 17), (2, 1, 3, 1)]
    merges += [(2, c, 3, c) for c in range(4, 8)]
    return rows, merges, expected


def box_lists() -> tuple[list[list[str | None]], list[Merge], list[tuple]]:
    """One column per field, choices as ■/□ lists ("■全社会 □特定群体")."""
    header = ["序号", "一级事项", "二级事项", *SINGLES]
    header += ["公开渠道和载体（“■”表示必选项，“□”表示可选项）", "公开对象", "公开方式", "公开层级"]
    rows: list[list[str | None]] = [[TITLE], header]
    expected = []
    for n in range(4):
        channels = (
            "■政府网站 □政府公报\n■两微一端 □发布会/听证会\n□便民服务站 ■社区/村公示栏(电子屏)"
        )
        audience = "■全社会 □特定群体" if n % 2 == 0 else "□全社会 ■特定群体"
        rows.append(
            [str(n + 1), *_item_cells(n), channels, audience, "■主动 □依申请", "□县级 ■乡级"]
        )
        expected.append(
            (
                f"审批信息{n}",
                ["政府网站", "两微一端", BULLETIN],
                ["全社会"] if n % 2 == 0 else ["特定群体"],
                ["主动"],
                ["乡级"],
            )
        )
    return rows, [(1, 1, 1, 11)], expected


def comma_lists() -> tuple[list[list[str | None]], list[Merge], list[tuple]]:
    """Choices as comma/顿号 lists in one column each."""
    header = [
        "序号",
        "一级事项",
        "二级事项",
        *SINGLES,
        "公开渠道",
        "公开对象",
        "公开方式",
        "公开层级",
    ]
    rows: list[list[str | None]] = [header]
    expected = []
    for n in range(4):
        rows.append(
            [
                str(n + 1),
                *_item_cells(n),
                "政府网站、两微一端，便民服务站",
                "全社会",
                "主动",
                "县级,乡级",
            ]
        )
        expected.append(
            (
                f"审批信息{n}",
                ["政府网站", "两微一端", "便民服务站"],
                ["全社会"],
                ["主动"],
                ["县级", "乡级"],
            )
        )
    return rows, [], expected


def column_per_choice() -> tuple[list[list[str | None]], list[Merge], list[tuple]]:
    """A one-row header with a column per choice: 政府网站 | 两微一端 | 全社会 | 主动 | 乡级."""
    header = ["序号", "一级事项", "二级事项", *SINGLES, "政府网站", "两微一端", "便民服务站"]
    header += ["全社会", "特定群体", "主动", "依申请公开", "县级", "乡级"]
    rows: list[list[str | None]] = [header]
    expected = []
    for n in range(4):
        rows.append([str(n + 1), *_item_cells(n), "√", None, "√", "√", None, "√", None, None, "√"])
        expected.append(
            (f"审批信息{n}", ["政府网站", "便民服务站"], ["全社会"], ["主动"], ["乡级"])
        )
    return rows, [], expected


def unreadable_channels() -> tuple[list[list[str | None]], list[Merge], list[tuple]]:
    """A 公开渠道和载体 column whose cells name nothing we know (a code list, "见附件")."""
    header = ["序号", "一级事项", "二级事项", *SINGLES, "公开渠道和载体", "公开对象", "公开方式"]
    rows: list[list[str | None]] = [[TITLE], header]
    for n in range(3):
        rows.append([str(n + 1), *_item_cells(n), "A1、B3", "全社会", "主动"])
    return rows, [], []


LAYOUTS = {
    "tick_subcolumns": tick_subcolumns,
    "box_lists": box_lists,
    "comma_lists": comma_lists,
    "column_per_choice": column_per_choice,
}
