"""``zwgk export FILE -o OUT [--layout standard|flat] [--channels full|compact]
[--flow domain|continuous] [--format xlsx|json|html] [--site DIR]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import add_force_option, check_output, note_output
from zwgk_desktop.core.atomic import write_text_atomic
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import KINDS_TEXT
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.text import without_lone_surrogates

_BY_SUFFIX = {".json": "json", ".html": "html", ".htm": "html"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="导出 Excel（标准格式/平铺格式）、网页（HTML）或 JSON",
        description=(
            "导出目录：标准格式供审核和打印，平铺格式供平台导入，网页供发布到政府网站"
            "（单个 HTML 文件，含按要素检索，无需服务器），JSON 为交换格式。"
        ),
    )
    parser.add_argument("file", metavar="FILE", help=".zwgk、.json，或 " + KINDS_TEXT + " 文件")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="输出文件（.xlsx、.html 或 .json；使用 --site 时可省略）",
    )
    parser.add_argument(
        "--layout",
        choices=("standard", "flat"),
        default="standard",
        help="Excel 版式（默认 standard）",
    )
    parser.add_argument(
        "--channels",
        choices=("full", "compact"),
        default="full",
        help=(
            "标准格式中“公开渠道和载体”列的写法：full＝列出全部 13 个标准渠道，■ 已选、□ 未选"
            "（默认，同标准指引）；compact＝简洁版，只列已选渠道，打印页数更少"
        ),
    )
    parser.add_argument(
        "--flow",
        choices=("domain", "continuous"),
        default="domain",
        help=(
            "标准格式的排页：domain＝每个领域一张工作表、另起一页（默认）；continuous＝各领域"
            "接续排在一张工作表中，打印更省纸，每页仍有标题（续页标“（续）”）和表头；"
            "这是打印版，交换数据请用默认排页"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("xlsx", "json", "html"),
        default=None,
        help="输出格式（默认按扩展名：.html 为网页，.json 为 JSON，其余为 Excel）",
    )
    parser.add_argument(
        "--site",
        metavar="DIR",
        help="另外导出网页文件夹：index.html（领域列表）、search.html（全部事项检索）和每个领域一页",
    )
    add_force_option(parser)
    parser.set_defaults(func=run)


def _refuse_own_input(source: Path, out: Path) -> None:
    """Exporting over the file being read would silently drop its notes and hidden sheets."""
    try:
        same = source.resolve() == out.resolve()
        if not same and source.exists() and out.exists():
            same = os.path.samefile(source, out)
    except OSError:  # a name the system cannot hold: check_output says why
        return
    if same:
        raise ZwgkError(f"导出文件不能与输入文件“{source.name}”相同，请另选输出文件名")


def run(args: argparse.Namespace) -> int:
    if not args.output and not args.site:
        raise ZwgkError("请用 -o 指定输出文件，或用 --site 指定网页文件夹")
    out = Path(args.output) if args.output else None
    fmt = args.format or (_BY_SUFFIX.get(out.suffix.lower(), "xlsx") if out else None)
    if fmt == "xlsx" and out is not None and out.suffix.lower() != ".xlsx":
        raise ZwgkError("Excel 导出文件的扩展名应为 .xlsx")
    if fmt == "html" and out is not None and out.suffix.lower() not in (".html", ".htm"):
        raise ZwgkError("网页导出文件的扩展名应为 .html")
    if args.flow == "continuous" and (fmt != "xlsx" or args.layout != "standard"):
        raise ZwgkError("接续排页（--flow continuous）只用于 Excel 标准格式")
    if out is not None:
        _refuse_own_input(Path(args.file), out)
        check_output(out, args.force, source=args.file)
    notes: list[str] = []
    catalog = load_catalog(args.file, notes)
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    if out is not None and fmt == "json":
        text = json.dumps(catalog.to_dict(), ensure_ascii=False, indent=2) + "\n"
        write_text_atomic(out, without_lone_surrogates(text))
        note_output(out, args.file)
        print(f"已导出 {out}（JSON，{catalog.item_count()} 个事项）")
    elif out is not None and fmt == "html":
        from zwgk_desktop.core.publish import export_html

        count = export_html(catalog, out)
        note_output(out, args.file)
        print(f"已导出 {out}（网页，{count} 个事项）")
    elif out is not None:
        from zwgk_desktop.core.xlsx import export_workbook

        warnings = export_workbook(
            catalog, out, layout=args.layout, channels=args.channels, flow=args.flow
        )
        for warning in warnings:
            print(f"注意：{warning}", file=sys.stderr)
        note_output(out, args.file)
        layout = "标准格式" if args.layout == "standard" else "平铺格式"
        if args.layout == "standard" and args.channels == "compact":
            layout += "，简洁渠道列"
        if args.layout == "standard" and args.flow == "continuous":
            layout += "，各领域接续排页"
        print(f"已导出 {out}（{layout}，{catalog.item_count()} 个事项）")
    if args.site:
        from zwgk_desktop.core.publish import export_site

        files = export_site(catalog, args.site)
        print(f"已导出网页文件夹 {args.site}（{len(files)} 个页面，首页 index.html）")
    return 0
