"""``zwgk sources [--json] [--check FILE_OR_FOLDER...] [--register FILE]``.

Without ``--check``: list the register of legal sources. With it: report every outdated
citation in the 公开依据 of the catalogs given (files, or folders searched for .zwgk/.xlsx/
.json). Exit code for ``--check``: 0 none found, 1 some found, 2 an input was unreadable
(one Chinese line on stderr each; the other files are still checked).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from zwgk_desktop.cli.output import print_json
from zwgk_desktop.cli.register_option import add_register_option, apply_register
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.sources import active_register, register_label, standing
from zwgk_desktop.core.sources.register import Register, Source
from zwgk_desktop.core.sources.scan import catalog_files, scan_catalog

EXIT_NONE = 0
EXIT_FOUND = 1
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sources",
        help="列出公开依据登记册，或检查目录中引用的过时法规文件",
        description="列出公开依据登记册（法规、文件的标题、文号、效力状态和替代关系）；"
        "加 --check 时检查目录文件或文件夹中每个事项的公开依据，报告已废止、失效或被替代的文件。"
        "--check 的退出码：0 未发现，1 发现过时引用，2 有文件无法读取。",
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument(
        "--check",
        nargs="+",
        metavar="FILE_OR_FOLDER",
        help="要检查的目录文件（.zwgk/.xlsx/.json）或文件夹",
    )
    add_register_option(parser)
    parser.set_defaults(func=run)


def _entry_json(source: Source, register: Register, today: date) -> dict[str, Any]:
    data = source.to_json()
    st = standing(source, register, today)
    data["outdated_today"] = st.outdated
    return data


def _status_text(source: Source, register: Register) -> str:
    text = source.status
    if source.replaced_by:
        target = register.get(source.replaced_by)
        name = target.title if target else source.replaced_by
        since = f"，自{source.replaced_from}起" if source.replaced_from else ""
        text += f"（由《{name}》替代{since}）"
    elif source.expires:
        text += f"（至{source.expires}）"
    return text


def _list(args: argparse.Namespace) -> int:
    reg = active_register()
    today = date.today()
    if args.json:
        print_json(
            {
                "register": reg.describe(),
                "sources": [_entry_json(s, reg, today) for s in reg.sources.values()],
            }
        )
        return 0
    unverified = reg.unverified_count()
    print(
        f"公开依据登记册：{register_label(reg)}，共 {len(reg)} 条"
        f"（{len(reg) - unverified} 条已在公开文本中核实，{unverified} 条未核实，标 *）"
    )
    for s in reg.sources.values():
        numbers = f"（{'、'.join(s.numbers)}）" if s.numbers else ""
        version = f"〔{s.version}年版〕" if s.version else ""
        mark = "" if s.verified else "  *未在公开文本中核实"
        print(
            f"{s.key}  《{s.title}》{version}{numbers}  {_status_text(s, reg)}  核对 {s.checked}{mark}"
        )
    return 0


def _check(args: argparse.Namespace) -> int:
    reg = active_register()
    files = catalog_files(list(args.check))
    unreadable = False
    found_any = False
    documents: list[dict[str, Any]] = []
    if not files:
        print("zwgk：给出的文件夹中没有目录文件（.zwgk、.xlsx、.json）", file=sys.stderr)
        return EXIT_UNREADABLE
    for path in files:
        try:
            catalog = load_catalog(path)
        except ZwgkError as exc:
            print(f"zwgk：{exc}", file=sys.stderr)
            unreadable = True
            documents.append({"file": str(path), "error": str(exc), "findings": []})
            continue
        as_of, findings = scan_catalog(catalog, reg)
        outdated = [f for f in findings if not f.citation.upcoming]
        found_any = found_any or bool(outdated)
        if args.json:
            documents.append(
                {
                    "file": str(path),
                    "as_of": as_of.day.isoformat(),
                    "as_of_basis": "year" if as_of.reason == "年度" else "today",
                    "error": None,
                    "findings": [
                        {
                            "domain": f.domain,
                            "item": f.item,
                            "field": "basis",
                            "severity": "info" if f.citation.upcoming else "warning",
                            "source": f.citation.source.key,
                            "replacement": f.citation.current.key if f.citation.current else None,
                            "message": f.message(as_of),
                            "hint": f.citation.hint(),
                        }
                        for f in findings
                    ],
                }
            )
            continue
        soon = len(findings) - len(outdated)
        tail = f"，{soon} 处即将被替代" if soon else ""
        head = f"{len(outdated)} 处引用已过时{tail}" if findings else "未发现过时引用"
        print(f"{path}：{head}（{as_of.label}判断）")
        for f in findings:
            level = "提示" if f.citation.upcoming else "警告"
            print(f"  {level} 【{f.domain}】第{f.item}项 公开依据：{f.message(as_of)}")
            print(f"       修改建议：{f.citation.hint()}")
    if args.json:
        print_json({"register": reg.describe(), "files": documents})
    else:
        print(f"公开依据登记册：{register_label(reg)}")
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FOUND if found_any else EXIT_NONE


def run(args: argparse.Namespace) -> int:
    apply_register(args)
    if args.check:
        return _check(args)
    return _list(args)
