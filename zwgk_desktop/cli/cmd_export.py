"""``zwgk export FILE -o OUT [--layout standard|flat] [--format xlsx|json]``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.core.atomic import write_text_atomic
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.text import without_lone_surrogates


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="导出 Excel（标准格式/平铺格式）或 JSON",
        description="导出目录：标准格式供审核和打印，平铺格式供平台导入，JSON 为交换格式。",
    )
    parser.add_argument("file", metavar="FILE", help=".zwgk、.xlsx 或 .json 文件")
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


def _refuse_own_input(source: Path, out: Path) -> None:
    """Exporting over the file being read would silently drop its notes and hidden sheets."""
    same = source.resolve() == out.resolve()
    if not same and source.exists() and out.exists():
        with contextlib.suppress(OSError):
            same = os.path.samefile(source, out)
    if same:
        raise ZwgkError(f"导出文件不能与输入文件“{source.name}”相同，请另选输出文件名")


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = args.format or ("json" if out.suffix.lower() == ".json" else "xlsx")
    if fmt == "xlsx" and out.suffix.lower() != ".xlsx":
        raise ZwgkError("Excel 导出文件的扩展名应为 .xlsx")
    notes: list[str] = []
    _refuse_own_input(Path(args.file), out)
    catalog = load_catalog(args.file, notes)
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    if fmt == "json":
        text = json.dumps(catalog.to_dict(), ensure_ascii=False, indent=2) + "\n"
        write_text_atomic(out, without_lone_surrogates(text))
        print(f"已导出 {out}（JSON，{catalog.item_count()} 个事项）")
        return 0
    from zwgk_desktop.core.xlsx import export_workbook

    warnings = export_workbook(catalog, out, layout=args.layout)
    for warning in warnings:
        print(f"注意：{warning}", file=sys.stderr)
    layout = "标准格式" if args.layout == "standard" else "平铺格式"
    print(f"已导出 {out}（{layout}，{catalog.item_count()} 个事项）")
    return 0
