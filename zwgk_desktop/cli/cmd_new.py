"""``zwgk new OUT.zwgk --unit NAME [--region R] [--domains all|ID,...] [--level 县级|乡级|村级|全部]``,
or from a parent:

zwgk new OUT.zwgk --unit NAME --from SOURCE [--level 乡级|村级]
zwgk new OUTDIR --from TOWNSHIP.zwgk --level 村级 --villages 甲村,乙村 | --villages-file F
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import check_output
from zwgk_desktop.core.catalog_factory import default_own_level, new_catalog
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.handdown import (
    HANDDOWN_LEVELS,
    VILLAGE_LEVEL,
    HandDown,
    derive_catalog,
    derive_villages,
    parse_village_names,
    source_text,
)
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.validation.rules_cells import unit_placeholder
from zwgk_desktop.core.vocab import LEVEL

MAX_LIST_BYTES = 1024 * 1024
ALL_LEVELS = "全部"
EPILOG = """\
从标准模板开始：
  选取“公开层级”含本单位层级的事项（--level）；单位名称为乡、镇、街道时默认乡级
  （只有县级公开的事项不列入乡镇目录），其余默认全部事项。

从上级目录开始（--from）：
  选取上级目录中“公开层级”含本级（乡级或村级）的事项，内容、依据、渠道等不变；
  只在上级单位本身为公开主体的地方改为本单位名称（如“县民政局”不变）；
  没有本级事项的领域标为“未涉及”并填写建议说明；来源（文件、单位、年度、日期）记入目录。
  乡镇的目录默认选取村级事项，其余默认乡级。生成后即校验，有错误时退出码为 1。

逐村生成（--villages 甲村,乙村 或 --villages-file 名单.txt）：
  OUT 为文件夹，每个村（社区）生成“<名称>.zwgk”，相同事项的公开内容一致，只有单位不同。

示例：
  zwgk new 城关镇.zwgk --unit 城关镇人民政府 --from 平安县目录.zwgk
  zwgk new 各村目录 --from 城关镇.zwgk --level 村级 --villages 甲村,乙村
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="按标准模板新建目录文件（.zwgk）",
        description="新建目录：选中的领域从标准模板开始，其余领域标为“未涉及”（需填写说明）。"
        "用 --from 从上级（县级或乡镇）目录开始：选取公开层级含本级的事项，"
        "上级单位为公开主体处改为本单位，并记录来源。",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "out", metavar="OUT.zwgk", help="要新建的目录文件（--villages 时为存放各村文件的文件夹）"
    )
    parser.add_argument("--unit", help="单位名称，如“XX镇人民政府”")
    parser.add_argument("--region", default="", help="行政区划")
    parser.add_argument(
        "--year", default=None, help="年度/版本（默认今年；--from 时默认与上级目录相同）"
    )
    parser.add_argument("--contact", default="", help="联系人及电话")
    parser.add_argument("--domains", default=None, help="all 或逗号分隔的领域 id/名称（默认 all）")
    parent = parser.add_argument_group("从上级目录开始")
    parent.add_argument(
        "--from",
        dest="source",
        metavar="SOURCE",
        help="上级目录文件（.zwgk、.xlsx 或 .json），如县级目录或乡镇目录",
    )
    parent.add_argument(
        "--level",
        choices=[*LEVEL.terms, ALL_LEVELS],
        help="本单位的公开层级。从模板开始：县级、乡级、村级或全部（默认按单位名称：乡镇街道为乡级，"
        "其余为全部）；--from 时：乡级或村级（默认：乡镇的目录为村级，其余为乡级）",
    )
    parent.add_argument(
        "--villages", metavar="甲村,乙村", help="逐村生成村（居）务公开目录，每村一个文件"
    )
    parent.add_argument(
        "--villages-file", metavar="LIST.txt", help="村（社区）名单文件，每行一个名称"
    )
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument(
        "--allow-placeholder",
        action="store_true",
        help="允许单位名称含占位符（如“某某镇”“XX镇”），以后再改",
    )
    parser.set_defaults(func=run, parser=parser)


def _check_unit(name: str, allow_placeholder: bool) -> None:
    placeholder = unit_placeholder(name)
    if placeholder and not allow_placeholder:
        raise ZwgkError(
            f"单位名称“{name.strip()}”含占位符“{placeholder}”，请填写本单位的实际名称"
            "（确需先用占位符时加 --allow-placeholder）"
        )


def run(args: argparse.Namespace) -> int:
    if args.villages or args.villages_file:
        return _run_villages(args)
    if args.source and args.level and args.level not in HANDDOWN_LEVELS:
        raise ZwgkError("从上级目录开始时，公开层级应为乡级或村级")
    out = Path(args.out)
    if out.suffix.lower() != ".zwgk":
        raise ZwgkError("目录文件的扩展名应为 .zwgk")
    if args.unit is None:  # required unless --villages gives the names
        args.parser.error("缺少必需的参数：--unit")
    if not args.unit.strip():
        raise ZwgkError("请用 --unit 填写单位名称")
    check_output(out, args.force)
    _check_unit(args.unit, args.allow_placeholder)
    if args.source:
        return _run_from_parent(args, out)
    keys = [k for k in (args.domains or "all").replace("，", ",").split(",")]
    year = args.year if args.year is not None else str(dt.date.today().year)
    meta = CatalogMeta(unit=args.unit.strip(), region=args.region, year=year, contact=args.contact)
    if args.level is None:
        level = default_own_level(meta.unit)
    else:
        level = None if args.level == ALL_LEVELS else args.level
    catalog = new_catalog(meta, keys, level)
    Document.create(out, catalog, overwrite=args.force).close()
    involved = [d for d in catalog.domains if not d.not_involved]
    print(f"已新建 {out}：{len(involved)} 个领域、{catalog.item_count()} 个事项", end="")
    if level is not None:
        print(f"（公开层级含{level}的事项）", end="")
    others = len(catalog.domains) - len(involved)
    print(f"；{others} 个领域标为未涉及，请填写或核对未涉及说明" if others else "")
    return 0


# ---------------------------------------------------------------------- from a parent catalog
def _load_parent(args: argparse.Namespace, *outs: Path) -> Catalog:
    if args.domains is not None:
        raise ZwgkError("--from 时领域取自上级目录，不能同时使用 --domains")
    source = Path(args.source)
    if source.exists() and any(o.exists() and o.resolve() == source.resolve() for o in outs):
        raise ZwgkError("新目录不能覆盖上级目录文件本身，请换一个文件名")
    return load_catalog(source)


def _meta(args: argparse.Namespace) -> CatalogMeta:
    return CatalogMeta(region=args.region, year=args.year or "", contact=args.contact)


def _report(out: Path, result: HandDown) -> str:
    catalog = result.catalog
    involved = sum(1 for d in catalog.domains if not d.not_involved)
    lines = [
        f"已新建 {out}：{catalog.meta.unit}，{source_text(catalog.meta)}；"
        f"{involved} 个领域、{result.kept} 个事项（未选取非{result.level}事项 {result.dropped} 个）"
    ]
    if result.emptied:
        lines.append(
            f"  {len(result.emptied)} 个领域没有{result.level}事项，已标为未涉及并填写说明，请核对"
        )
    if result.no_level:
        lines.append(f"  注意：上级目录中 {result.no_level} 个事项未填写公开层级，未选取")
    if result.validation is not None:
        counts = result.validation.counts
        if counts["error"] or counts["warning"]:
            lines.append(
                f"  校验：{counts['error']} 个错误、{counts['warning']} 个警告"
                f"（用 zwgk validate {out.name} 查看）"
            )
        else:
            lines.append("  校验：没有错误和警告")
    return "\n".join(lines)


def _run_from_parent(args: argparse.Namespace, out: Path) -> int:
    parent = _load_parent(args, out)
    result = derive_catalog(parent, args.unit, args.level, args.source, _meta(args))
    Document.create(out, result.catalog, overwrite=args.force).close()
    print(_report(out, result))
    return 1 if result.validation is not None and result.validation.has_errors else 0


def _village_names(args: argparse.Namespace) -> list[str]:
    if args.villages and args.villages_file:
        raise ZwgkError("--villages 与 --villages-file 只能用一个")
    if args.villages_file:
        path = Path(args.villages_file)
        if not path.is_file():
            raise ZwgkError(f"找不到村（社区）名单文件：{path}")
        if path.stat().st_size > MAX_LIST_BYTES:
            raise ZwgkError(f"村（社区）名单文件“{path.name}”过大")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = path.read_text(encoding="gb18030")
            except UnicodeDecodeError as exc:
                raise ZwgkError(f"无法读取名单文件“{path.name}”：请保存为 UTF-8 文本") from exc
        return parse_village_names(text)
    return parse_village_names(args.villages)


def _run_villages(args: argparse.Namespace) -> int:
    if not args.source:
        raise ZwgkError("逐村生成目录需用 --from 指定乡镇目录文件")
    if args.unit:
        raise ZwgkError("逐村生成时单位名称取自村（社区）名单，请不要同时使用 --unit")
    if args.level and LEVEL.canonical(args.level) != VILLAGE_LEVEL:
        raise ZwgkError("逐村生成的目录公开层级应为村级")
    folder = Path(args.out)
    if folder.suffix.lower() == ".zwgk":
        raise ZwgkError("逐村生成时 OUT 应为文件夹（每个村一个 .zwgk 文件）")
    if folder.exists() and not folder.is_dir():
        raise ZwgkError(f"“{folder}”不是文件夹")
    names = _village_names(args)
    for name in names:
        if any(ch in name for ch in '/\\:*?"<>|') or name in (".", ".."):
            raise ZwgkError(f"村（社区）名称“{name}”含不能用于文件名的字符")
        _check_unit(name, args.allow_placeholder)
    outs = [folder / f"{name}.zwgk" for name in names]
    parent = _load_parent(args, *outs)
    folder.mkdir(parents=True, exist_ok=True)
    for out in outs:  # the overwrite policy, for every file before any is written
        check_output(out, args.force)
    results = derive_villages(parent, names, args.source, _meta(args))
    errors = 0
    for out, result in zip(outs, results, strict=True):
        Document.create(out, result.catalog, overwrite=args.force).close()
        print(_report(out, result))
        errors += bool(result.validation is not None and result.validation.has_errors)
    print(f"共生成 {len(outs)} 个村（居）务公开目录：{folder}")
    return 1 if errors else 0
