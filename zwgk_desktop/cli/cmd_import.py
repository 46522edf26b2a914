"""``zwgk import IN [IN2 ...] -o OUT.zwgk``: tolerant import of .xlsx/.xls/.et/.ods/.csv/.docx/
.html, with what was guessed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import check_output
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import KINDS_TEXT
from zwgk_desktop.core.merge import merge_catalogs
from zwgk_desktop.core.storage import Document

_LEVEL_LABEL = {"guess": "推测", "warning": "注意", "error": "无法读取"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="导入目录（Excel、WPS、CSV、Word 表格或网页，可多个文件）为 .zwgk",
        description="宽容地读取各种版式的目录工作簿，逐行报告推测和无法识别的内容。",
    )
    parser.add_argument("inputs", nargs="+", metavar="IN", help="一个或多个目录文件：" + KINDS_TEXT)
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.zwgk", help="要生成的目录文件"
    )
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument("-q", "--quiet", action="store_true", help="只显示警告和错误，不显示推测")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.xlsx import read_workbook

    out = Path(args.output)
    if out.suffix.lower() != ".zwgk":
        raise ZwgkError("输出文件的扩展名应为 .zwgk")
    check_output(out, args.force)
    catalogs = []
    for name in args.inputs:
        result = read_workbook(Path(name))
        catalogs.append(result.catalog)
        for note in result.notes:
            if args.quiet and note.level == "guess":
                continue
            print(
                f"{Path(name).name}｜{note.sheet}｜{_LEVEL_LABEL.get(note.level, note.level)}：{note.message}"
            )
        print(
            f"{Path(name).name}：读取 {len(result.catalog.domains)} 个领域、{result.catalog.item_count()} 个事项"
        )
    catalog, notes = merge_catalogs(catalogs)
    for note in notes:
        print(f"合并：{note}")
    Document.create(out, catalog, overwrite=args.force).close()
    print(f"已生成 {out}：{len(catalog.domains)} 个领域、{catalog.item_count()} 个事项")
    return 0
