"""``zwgk diff A B [--json]``, ``zwgk diff A --template [--json]`` and
``zwgk diff A --parent PARENT [--level 乡级|村级] [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import print_json
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import KINDS_TEXT
from zwgk_desktop.core.handdown import HANDDOWN_LEVELS
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.review.diff import diff_catalogs, diff_with_parent, diff_with_templates
from zwgk_desktop.core.review.diff_text import diff_text

EPILOG = """\
退出码：0 没有差异；1 有差异；2 文件无法读取或参数错误。

比较规则：文字比较忽略全角/半角、繁简和空格；渠道、对象、方式、层级按集合比较。
事项按模板来源、一级/二级事项名称识别（插入、删除、移动行不影响比较）。
与标准模板比较时不比较模板留给乡镇填写的要素（含“【单位名称】”的公开主体等），
也不比较“未涉及”的领域。
与上级目录比较（--parent）时，只与上级目录中公开层级含本级的事项比较（本级默认取目录
生成时记录的层级，否则县级目录为乡级、乡镇目录为村级）；公开主体为上级单位或本单位
（不论写法）时不算不同；不比较单位信息和未涉及说明。

--json 输出格式：
  {"format": "zwgk-diff", "version": 1, "mode": "catalog" | "template" | "parent",
   "left": {"label", "unit", "items"}, "right": {"label", "unit", "items"},
   "summary": {"items_added", "items_removed", "items_changed", "items_unchanged",
               "domains_added", "domains_removed", "domains_changed", "meta_changed"},
   "meta": [字段],
   "domains": [{"id", "name", "status", "status_label", "attributes": [字段], "unchanged",
                "items": [{"change": "added|removed|changed", "change_label",
                           "old_item", "new_item", "level1", "level2", "matched_by",
                           "fields": [字段]}]}]}
  字段 = {"field", "label", "old", "new"}，渠道等多选字段另有 "added"、"removed"。
  status 取 added / removed / changed / unchanged / not_involved；old_item/new_item 为
  领域内从 1 开始的行号（A 为 old，B 或被比较的文件为 new；--parent 时 old 为上级目录）。
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="比较两份目录，或与标准模板比较",
        description="比较两份目录文件（A 为较早的版本，B 为较新的版本），或用 --template 将 A 与标准模板比较。"
        f"文件可以是 .zwgk、.json，或{KINDS_TEXT}。",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("a", metavar="A", help="较早的目录文件（或 --template 时被比较的文件）")
    parser.add_argument("b", metavar="B", nargs="?", help="较新的目录文件")
    parser.add_argument(
        "--template",
        action="store_true",
        help="与标准模板比较（缺少的标准事项、本地新增、要素不同）",
    )
    parser.add_argument(
        "--parent",
        metavar="PARENT",
        help="与上级目录比较（如乡镇目录与县级目录）：未采用的上级事项、本级新增、内容不同",
    )
    parser.add_argument("--level", choices=HANDDOWN_LEVELS, help="与上级目录比较时本级的公开层级")
    parser.add_argument("--json", action="store_true", help="输出 JSON（格式见下）")
    parser.add_argument("--all", action="store_true", help="文字输出中也列出无变化的领域")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    single = args.template or args.parent
    if args.template and args.parent:
        raise ZwgkError("--template 与 --parent 只能用一个")
    if args.level and not args.parent:
        raise ZwgkError("--level 需与 --parent 一起使用")
    if single and args.b:
        raise ZwgkError(f"使用 {'--template' if args.template else '--parent'} 时只需指定一个文件")
    if not single and not args.b:
        raise ZwgkError("请指定两个文件（zwgk diff A B），或用 --template 与标准模板比较")
    a = load_catalog(args.a)
    if args.parent:
        parent = load_catalog(args.parent)
        diff = diff_with_parent(a, parent, args.level, Path(args.a).name, Path(args.parent).name)
    elif args.template:
        diff = diff_with_templates(a, Path(args.a).name)
    else:
        b = load_catalog(args.b)
        diff = diff_catalogs(a, b, Path(args.a).name, Path(args.b).name)
    if args.json:
        print_json(diff.to_json())
    else:
        print(diff_text(diff, show_unchanged=args.all))
    return 0 if diff.is_empty else 1
