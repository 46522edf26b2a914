"""``zwgk new OUT.zwgk --unit NAME [--region R] [--domains all|ID,...]``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import check_output
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.validation.rules_cells import unit_placeholder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="按标准模板新建目录文件（.zwgk）",
        description="新建目录：选中的领域从标准模板开始，其余领域标为“未涉及”（需填写说明）。",
    )
    parser.add_argument("out", metavar="OUT.zwgk", help="要新建的目录文件")
    parser.add_argument("--unit", required=True, help="单位名称，如“XX镇人民政府”")
    parser.add_argument("--region", default="", help="行政区划")
    parser.add_argument("--year", default=str(dt.date.today().year), help="年度/版本（默认今年）")
    parser.add_argument("--contact", default="", help="联系人及电话")
    parser.add_argument("--domains", default="all", help="all 或逗号分隔的领域 id/名称（默认 all）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument(
        "--allow-placeholder",
        action="store_true",
        help="允许单位名称含占位符（如“某某镇”“XX镇”），以后再改",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".zwgk":
        raise ZwgkError("目录文件的扩展名应为 .zwgk")
    if not args.unit.strip():
        raise ZwgkError("请用 --unit 填写单位名称")
    check_output(out, args.force)
    placeholder = unit_placeholder(args.unit)
    if placeholder and not args.allow_placeholder:
        raise ZwgkError(
            f"单位名称“{args.unit.strip()}”含占位符“{placeholder}”，请填写本单位的实际名称"
            "（确需先用占位符时加 --allow-placeholder）"
        )
    keys = [k for k in args.domains.replace("，", ",").split(",")]
    meta = CatalogMeta(
        unit=args.unit.strip(), region=args.region, year=args.year, contact=args.contact
    )
    catalog = new_catalog(meta, keys)
    Document.create(out, catalog, overwrite=args.force).close()
    involved = [d for d in catalog.domains if not d.not_involved]
    print(f"已新建 {out}：{len(involved)} 个领域、{catalog.item_count()} 个事项", end="")
    others = len(catalog.domains) - len(involved)
    print(f"；{others} 个领域标为未涉及，请填写未涉及说明" if others else "")
    return 0
