"""``zwgk export FILE -o OUT [--layout standard|flat] [--format xlsx|json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.core.atomic import write_text_atomic
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import KINDS_TEXT
from zwgk_desktop.core.loader import load_catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="导出 Excel（标准格式/平铺格式）或 JSON",
        description="导出目录：标准格式供审核和打印，平铺格式供平台导入，JSON 为交换格式。",
    )
    parser.add_argument("file", metavar="FILE", help=".zwgk、.json，或 " + KINDS_TEXT + " 文件")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件")
    parser.add_argument(
        "--layout",
        choices=("standard", "flat"),
        default="standard",
        help="Excel 版式（默认 standard）",
    )
    parser.add_argument(
        "--format", choices=("xlsx", "json"), default=None, help="输出格式（默认按扩展名）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = args.format or ("json" if out.suffix.lower() == ".json" else "xlsx")
    if fmt == "xlsx" and out.suffix.lower() != ".xlsx":
        raise ZwgkError("Excel 导出文件的扩展名应为 .xlsx")
    catalog = load_catalog(args.file)
    if fmt == "json":
        write_text_atomic(out, json.dumps(catalog.to_dict(), ensure_ascii=False, indent=2) + "\n")
        print(f"已导出 {out}（JSON，{catalog.item_count()} 个事项）")
        return 0
    from zwgk_desktop.core.xlsx import export_workbook

    warnings = export_workbook(catalog, out, layout=args.layout)
    for warning in warnings:
        print(f"注意：{warning}", file=sys.stderr)
    layout = "标准格式" if args.layout == "standard" else "平铺格式"
    print(f"已导出 {out}（{layout}，{catalog.item_count()} 个事项）")
    return 0
