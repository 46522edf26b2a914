"""``zwgk validate FILE... [--json] [--report OUT.xlsx]``: check catalogs against the rules.

Exit code: 0 no errors (warnings allowed), 1 errors found, 2 some input was unreadable
(its one-line Chinese error goes to stderr; the other files are still checked).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import add_force_option, check_output, note_output, print_json
from zwgk_desktop.cli.register_option import add_register_option, apply_register
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.sources import active_register, register_label
from zwgk_desktop.core.validation import count_issues, validate_catalog
from zwgk_desktop.core.validation.report_text import counts_text, format_report, summary_line
from zwgk_desktop.core.validation.report_xlsx import FileReport, write_report

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="校验目录文件，列出错误、警告和提示",
        description="按校验规则（见 docs/rules.md）检查一个或多个目录文件（.zwgk / .xlsx / .json）。"
        "退出码：0 无错误（可有警告），1 发现错误，2 有文件无法读取。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="目录文件，可给出多个")
    parser.add_argument(
        "--json", action="store_true", help="输出 JSON：{issues, counts}（多个文件时另有 files）"
    )
    parser.add_argument(
        "--report", metavar="OUT.xlsx", help="另写出检查意见工作簿（可发回编制单位）"
    )
    parser.add_argument(
        "--details", action="store_true", help="多个文件时也逐个列出问题（默认只列每个文件的汇总）"
    )
    add_force_option(parser, "覆盖已存在的检查意见工作簿（本程序上次写出且未被改动的无需此项）")
    add_register_option(parser)
    parser.set_defaults(func=run)


def check_files(files: list[str]) -> list[FileReport]:
    """Load and validate each file; an unreadable one is reported on stderr and skipped."""
    reports: list[FileReport] = []
    for name in files:
        warnings: list[str] = []
        try:
            catalog = load_catalog(name, warnings)
        except ZwgkError as exc:
            print(f"zwgk：{exc}", file=sys.stderr)
            reports.append(FileReport(name, error=str(exc)))
            continue
        for warning in warnings:
            print(f"注意：{Path(name).name}：{warning}", file=sys.stderr)
        reports.append(FileReport(name, catalog, validate_catalog(catalog)))
    return reports


def exit_code(reports: list[FileReport]) -> int:
    if any(r.error for r in reports):
        return EXIT_UNREADABLE
    if any(r.result is not None and r.result.has_errors for r in reports):
        return EXIT_ERRORS
    return EXIT_CLEAN


def json_document(reports: list[FileReport]) -> dict[str, Any]:
    """The contract's ``{"issues", "counts"}`` plus ``"register"`` (which register of legal
    sources was used); with several files (or an unreadable one) also ``"files"``, and
    each issue names its ``"file"``."""
    several = len(reports) > 1 or any(r.error for r in reports)
    issues: list[dict[str, Any]] = []
    all_issues = []
    for report in reports:
        if report.result is None:
            continue
        all_issues.extend(report.result.issues)
        for issue in report.result.issues:
            data = issue.to_json()
            if several:
                data["file"] = report.file
            issues.append(data)
    document: dict[str, Any] = {
        "issues": issues,
        "counts": count_issues(all_issues),
        "register": active_register().describe(),
    }
    if several:
        document["files"] = [
            {
                "file": r.file,
                "counts": r.result.counts if r.result else None,
                "error": r.error or None,
            }
            for r in reports
        ]
    return document


def _print_text(reports: list[FileReport], details: bool) -> None:
    if len(reports) == 1:
        report = reports[0]
        if report.catalog is not None and report.result is not None:
            print(format_report(report.catalog, report.result))
            print(f"公开依据登记册：{register_label()}")
        return
    readable = [r for r in reports if r.result is not None]
    total = count_issues(i for r in readable for i in r.result.issues)  # type: ignore[union-attr]
    unreadable = len(reports) - len(readable)
    tail = f"，{unreadable} 个无法读取" if unreadable else ""
    print(f"合计：{len(reports)} 个文件{tail}；{counts_text(total)}")
    for report in reports:
        print(summary_line(report.file, report.catalog, report.result, report.error))
    for report in reports:
        if details and report.catalog is not None and report.result is not None:
            print()
            print(f"== {report.file} ==")
            print(format_report(report.catalog, report.result))
    print()
    print(f"公开依据登记册：{register_label()}")


def run(args: argparse.Namespace) -> int:
    apply_register(args)
    report_source = ";".join(args.files)
    if args.report:
        check_output(args.report, args.force, source=report_source)
    reports = check_files(list(args.files))
    if args.json:
        print_json(json_document(reports))
    else:
        _print_text(reports, args.details)
    if args.report:
        write_report(args.report, reports)
        note_output(args.report, report_source)
        print(f"已写出检查意见：{args.report}", file=sys.stderr if args.json else sys.stdout)
    return exit_code(reports)
