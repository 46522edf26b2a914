"""``zwgk show FILE [--json]``: a catalog's summary, or its interchange JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zwgk_desktop.cli.output import print_json
from zwgk_desktop.core.formats.suffixes import KINDS_TEXT
from zwgk_desktop.core.handdown import source_text
from zwgk_desktop.core.loader import load_catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "show",
        help="显示目录概况（.zwgk / .xlsx / .json）",
        description="显示目录概况；--json 输出交换格式 JSON。",
    )
    parser.add_argument("file", metavar="FILE", help=".zwgk、.json，或 " + KINDS_TEXT + " 文件")
    parser.add_argument("--json", action="store_true", help="输出交换格式 JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    warnings: list[str] = []
    catalog = load_catalog(args.file, warnings)
    for warning in warnings:
        print(f"注意：{warning}", file=sys.stderr)
    if args.json:
        print_json(catalog.to_dict())
        return 0
    meta = catalog.meta
    print(
        f"单位：{meta.unit or '（未填写）'}  行政区划：{meta.region or '—'}  年度：{meta.year or '—'}  联系人：{meta.contact or '—'}"
    )
    if meta.source:
        print(f"来源：{source_text(meta)}")
    print(f"领域 {len(catalog.domains)} 个，事项 {catalog.item_count()} 个")
    for domain in catalog.domains:
        if domain.not_involved:
            print(f"  {domain.name}：未涉及（{domain.note or '未填写说明'}）")
        else:
            print(f"  {domain.name}：{len(domain.items)} 项")
    return 0
