"""``zwgk review``: batch-check a folder, or work on one submission's review file.

    zwgk review FOLDER [-o summary.xlsx] [--json]        one table for a folder of submissions
    zwgk review FILE [--json]                            review state of one submission
    zwgk review FILE --comment TEXT [--domain D] [--item N] [--field F] [--problem P]
    zwgk review FILE --from-validation | --resolve IDS | --reopen IDS
    zwgk review FILE --from-parent COUNTY.zwgk [--level 乡级|村级]   differences → opinions
    zwgk review FILE --status 通过|退回修改|待审核 [--domain D] [--note T] [--force]
    zwgk review FILE -o 审核意见.xlsx                     export the opinions
    zwgk review FILE --modified IDS [--reply T] | --resubmit   (编制单位, on its own file)
    zwgk review FILE --merge OTHER.zwgkr                 merge another copy of the review file

The comments live in ``<name>.审核.zwgkr`` beside FILE; FILE itself is never modified.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.cli.output import check_output, note_output, print_json
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.handdown import HANDDOWN_LEVELS
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.review.batch import BatchResult, review_folder
from zwgk_desktop.core.review.comments import find_domain
from zwgk_desktop.core.review.diff_text import diff_text
from zwgk_desktop.core.review.files import find_review_file
from zwgk_desktop.core.review.import_gaps import left_out_note
from zwgk_desktop.core.review.model import ReviewStatus, field_label
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.templates import find_template

EPILOG = """\
文件夹：检查其中每个 .zwgk / .xlsx / .json（以及无法读取的 .xls 等，作为问题列出），
  按“无法读取、错误最多、警告最多”排序；-o 写出汇总工作簿（汇总、单位×领域两张表）。
  退出码：0 全部可读且无错误；1 有错误或有无法读取的文件；2 文件夹不存在。
  --json：{"format": "zwgk-review-batch", "version": 1, "folder",
           "summary": {"files", "readable", "unreadable", "items", "errors", "warnings"},
           "submissions": [{"file", "unit", "ok", "error", "items", "errors", "warnings",
                            "infos", "not_involved", "missing_standard", "review_status",
                            "open_comments", "domains": [{"id", "name", "items", "errors",
                            "warnings", "not_involved"}]}], "notes": []}

单个文件：意见保存在旁边的“<文件名>.审核.zwgkr”中，提交文件本身不会被修改。
  新的文件内容登记为新一轮（第N轮）；--item 为领域内从 1 开始的行号；--field 为列名
  （如 公开时限、公开渠道和载体）或字段键（如 time_limit）；IDS 为意见编号，可用逗号分隔多个。
  --changes 显示与上一轮相比的变化（文字），--json 时放在 "changes" 字段（zwgk diff 的格式）。
  --from-parent 与上级目录比较（同 zwgk diff FILE --parent PARENT），把未采用的上级事项、
  本级新增事项和与上级不同的要素逐条转为审核意见；--json 时比较结果放在 "parent" 字段。
  --json：{"format": "zwgk-review", "version": 1, "file", "unit", "round", "rounds",
           "status", "domains": [{"id", "name", "status", "status_label", "comments"}],
           "comments": [{"id", "target", "problem", "opinion", "status", "status_label",
                         "reply", "author", "created", "location": {"domain_id", "item",
                         "field", "found"}}], "notices": []}
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review",
        help="审核：批量检查文件夹，或对一份提交文件写意见、设状态、导出审核意见",
        description="县级审核：PATH 为文件夹时批量检查并汇总；为单个文件时查看或修改其审核记录。",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="提交文件所在文件夹，或单个提交文件")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.xlsx",
        help="写出汇总工作簿（文件夹）或审核意见工作簿（单个文件）",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON（格式见下）")
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="批量检查时同时使用的进程数（默认自动：文件较多时并行）",
    )
    parser.add_argument(
        "--by", metavar="NAME", default="", help="审核人（默认取设置中的审核人姓名）"
    )
    parser.add_argument(
        "--review-file",
        metavar="F.zwgkr",
        help="使用指定的审核文件（默认为旁边的“<文件名>.审核.zwgkr”；文件改名后重新报送时使用）",
    )
    parser.add_argument(
        "--merge",
        metavar="OTHER.zwgkr",
        help="先并入同一份审核记录的另一个副本（如乡镇退回的审核文件，或县里退回后另行添加意见的副本）",
    )
    group = parser.add_argument_group("审核人操作（单个文件）")
    group.add_argument("--comment", metavar="TEXT", help="添加一条审核意见")
    group.add_argument("--problem", metavar="TEXT", default="", help="意见所指出的问题")
    group.add_argument("--domain", metavar="D", default="", help="领域（id 或名称）")
    group.add_argument("--item", metavar="N", type=int, help="事项行号（领域内从 1 开始）")
    group.add_argument(
        "--field", metavar="F", default="", help="列名（如 公开时限）或字段键（如 time_limit）"
    )
    group.add_argument(
        "--from-validation", action="store_true", help="将校验出的错误和警告转为审核意见"
    )
    group.add_argument(
        "--from-parent",
        metavar="PARENT",
        help="与上级目录（如县级目录）比较，并将差异转为审核意见",
    )
    group.add_argument("--level", choices=HANDDOWN_LEVELS, help="与上级目录比较时本级的公开层级")
    group.add_argument("--resolve", metavar="IDS", help="将意见标记为已解决")
    group.add_argument("--reopen", metavar="IDS", help="将意见重新标记为待处理")
    group.add_argument(
        "--status",
        metavar="S",
        help="设置审核状态：通过、退回修改或待审核（配合 --domain 设置领域状态）",
    )
    group.add_argument("--note", metavar="TEXT", default="", help="状态说明")
    group.add_argument(
        "--force",
        action="store_true",
        help="仍有待处理意见时也标记为通过；覆盖已存在的输出文件（本程序上次写出且未被改动的无需此项）",
    )
    group.add_argument(
        "--changes",
        action="store_true",
        help="显示本轮与上一轮相比的变化（--json 时为 changes 字段）",
    )
    town = parser.add_argument_group("编制单位操作（在本单位的目录文件上）")
    town.add_argument("--modified", metavar="IDS", help="将意见标记为已修改")
    town.add_argument("--reply", metavar="TEXT", default="", help="修改说明")
    town.add_argument("--resubmit", action="store_true", help="记录已修改并重新提交")
    parser.set_defaults(func=run)


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError as exc:
        raise ZwgkError(f"意见编号应为数字：{text}") from exc
    if not ids:
        raise ZwgkError("请给出意见编号")
    return ids


def say(args: argparse.Namespace, message: str) -> None:
    """Progress messages: stdout normally, stderr with --json (stdout stays pure JSON)."""
    print(message, file=sys.stderr if args.json else sys.stdout)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.is_dir():
        return _run_batch(args, path)
    if not path.exists():
        raise ZwgkError(f"找不到文件或文件夹：{path}")
    if args.modified or args.resubmit:
        return _run_township(args, path)
    return _run_file(args, path)


# ---------------------------------------------------------------------- folder
def _run_batch(args: argparse.Namespace, folder: Path) -> int:
    exclude = [Path(args.output)] if args.output else []
    if args.jobs is not None and args.jobs < 1:
        raise ZwgkError("--jobs 应为不小于 1 的整数")
    if args.output:
        if Path(args.output).suffix.lower() != ".xlsx":
            raise ZwgkError("汇总文件的扩展名应为 .xlsx")
        check_output(args.output, args.force, source=folder)
    result = review_folder(folder, exclude=exclude, workers=args.jobs)
    if args.output:
        from zwgk_desktop.core.review.batch_xlsx import write_summary

        write_summary(result, args.output)
        note_output(args.output, folder)
    if args.json:
        print_json(result.to_json())
    else:
        print(_batch_text(result))
        if args.output:
            print(f"已写出汇总：{args.output}")
    return 1 if result.has_problems else 0


def _batch_text(result: BatchResult) -> str:
    s = result.summary()
    lines = [
        f"批量审核：{result.folder}",
        f"共 {s['files']} 个文件，可读取 {s['readable']} 个，无法读取 {s['unreadable']} 个；"
        f"事项 {s['items']} 个，错误 {s['errors']} 个，警告 {s['warnings']} 个（用时 {result.seconds:.1f} 秒）",
    ]
    for n, sub in enumerate(result.submissions, start=1):
        if not sub.ok:
            lines.append(f"{n:>3}. {sub.file_name}：无法读取——{sub.error}")
            continue
        review = f"  审核：{sub.review_status}" if sub.review_status else ""
        lines.append(
            f"{n:>3}. {sub.file_name}  {sub.unit or '（未填写单位）'}  {sub.items} 项  错误 {sub.errors}  "
            f"警告 {sub.warnings}  未涉及 {sub.not_involved}  缺少标准事项 {sub.missing_standard}{review}"
        )
        if sub.notice:
            lines.append(f"       {sub.notice}")
        worst = [
            d
            for d in sorted(sub.domains, key=lambda d: (-d.errors, -d.warnings))
            if d.errors or d.warnings
        ][:3]
        if worst:
            lines.append(
                "       " + "；".join(f"{d.name} 错误 {d.errors} 警告 {d.warnings}" for d in worst)
            )
    lines.extend(f"注：{note}" for note in result.notes)
    return "\n".join(lines)


# ---------------------------------------------------------------------- one file
def _domain_id(session: ReviewSession, key: str) -> str:
    if not key:
        return ""
    domain = find_domain(session.catalog, key)
    if domain is None:
        template = find_template(key)
        domain = find_domain(session.catalog, template.id) if template else None
    if domain is None:
        raise ZwgkError(f"目录中没有领域“{key}”（可用 zwgk show 查看）")
    return domain.id


def _merge(args: argparse.Namespace, session: ReviewSession) -> None:
    if args.merge:
        other = Path(args.merge)
        if not other.is_file():
            raise ZwgkError(f"找不到要合并的审核文件：{other}")
        say(args, session.merge_review_file(other).summary())


def _run_file(args: argparse.Namespace, path: Path) -> int:
    if args.output:
        check_output(args.output, args.force, source=path)
    acting = any(
        (
            args.comment,
            args.from_validation,
            args.from_parent,
            args.resolve,
            args.reopen,
            args.status,
            args.output,
            args.merge,
        )
    )
    if not acting and args.review_file is None and find_review_file(path) is None:
        mismatches: list[str] = []
        catalog = load_catalog(path, mismatches)  # unreadable input is still an error (exit 2)
        message = f"“{path.name}”尚无审核记录。用 --comment、--status 等开始审核。"
        if args.json:
            print_json(
                {
                    "format": "zwgk-review",
                    "version": 1,
                    "file": path.name,
                    "unit": catalog.meta.unit,
                    "round": 0,
                    "rounds": [],
                    "status": None,
                    "domains": [],
                    "comments": [],
                    "notices": [*mismatches, message],
                }
            )
        else:
            for notice in mismatches:
                print(f"提示：{notice}")
            print(message)
        return 0
    if args.level and not args.from_parent:
        raise ZwgkError("--level 需与 --from-parent 一起使用")
    parent = load_catalog(args.from_parent) if args.from_parent else None
    with ReviewSession.open_for_review(
        path, args.by, review_path=args.review_file, register=acting
    ) as session:
        for notice in session.notices:
            say(args, f"提示：{notice}")
        _merge(args, session)
        domain_id = _domain_id(session, args.domain)
        if args.comment is not None:
            row = None if args.item is None else args.item - 1
            if row is not None and not domain_id:
                raise ZwgkError("指定 --item 时请同时用 --domain 指定领域")
            comment_id = session.add_comment(args.comment, domain_id, row, args.field, args.problem)
            say(args, f"已添加意见 #{comment_id}")
        if args.from_validation:
            ids = session.comments_from_validation()
            say(args, f"已将 {len(ids)} 条校验结果转为审核意见")
            if session.unread_issues:
                say(
                    args,
                    left_out_note(len(session.unread_issues)),
                )
        parent_diff = None
        if parent is not None:
            parent_name = Path(args.from_parent).name
            parent_diff = session.diff_to_parent(parent, args.level, parent_name)
            ids = session.comments_from_parent(parent_diff)
            if not args.json:
                print(diff_text(parent_diff))
            summary = parent_diff.summary()
            say(
                args,
                f"与上级目录“{parent_name}”比较：未采用上级事项 {summary['items_removed']} 个、"
                f"本级新增 {summary['items_added']} 个、与上级不同 {summary['items_changed']} 个；"
                f"已转为审核意见 {len(ids)} 条",
            )
        if args.resolve:
            session.resolve(_ids(args.resolve))
            say(args, "已标记为已解决")
        if args.reopen:
            session.reopen(_ids(args.reopen))
            say(args, "已重新标记为待处理")
        if args.status:
            status = ReviewStatus.parse(args.status)
            if domain_id:
                session.set_domain_status(domain_id, status, args.note, args.force)
            else:
                session.set_catalog_status(status, args.note, args.force)
            say(args, f"审核状态：{status.label}")
        if args.output:
            from zwgk_desktop.core.review.opinions import export_opinions

            if Path(args.output).suffix.lower() != ".xlsx":
                raise ZwgkError("审核意见文件的扩展名应为 .xlsx")
            count = export_opinions(session, args.output)
            note_output(args.output, path)
            say(args, f"已导出审核意见 {count} 条：{args.output}")
        changes = session.diff_to_previous() if args.changes else None
        if args.json:
            data = session_json(session)
            if args.changes:
                data["changes"] = changes.to_json() if changes else None
            if parent_diff is not None:
                data["parent"] = parent_diff.to_json()
            print_json(data)
        else:
            if not acting:
                print(session_text(session))
            if args.changes:
                print(diff_text(changes) if changes else "这是第1轮，没有可比较的上一轮。")
    return 0


def _run_township(args: argparse.Namespace, path: Path) -> int:
    catalog = load_catalog(path)
    with ReviewSession.open_for_township(path, catalog, args.by, args.review_file) as session:
        _merge(args, session)
        if args.modified:
            session.mark_modified(_ids(args.modified), args.reply)
            say(args, "已标记为已修改")
        if args.resubmit:
            session.resubmit(args.note)
            say(args, "已记录重新提交，请将目录文件和审核文件一并报送")
        if args.json:
            print_json(session_json(session))
    return 0


def session_json(session: ReviewSession) -> dict[str, Any]:
    index = session.index()
    statuses = session.store.statuses()
    comments = []
    for c in index.comments:
        loc = index.location(c.id)
        data = c.to_json()
        data["location"] = {
            "domain_id": loc.domain_id,
            "item": None if loc.row is None else loc.row + 1,
            "field": loc.field,
            "found": loc.found,
        }
        comments.append(data)
    catalog_status = session.catalog_status()
    domains = []
    for d in session.catalog.domains:
        record = statuses.get(d.id)
        status = record.status if record else ReviewStatus.PENDING
        domains.append(
            {
                "id": d.id,
                "name": d.name,
                "status": status.value,
                "status_label": status.label,
                "comments": len(index.for_domain(d.id)),
            }
        )
    return {
        "format": "zwgk-review",
        "version": 1,
        "file": session.submission.name,
        "unit": session.unit,
        "round": session.round.number,
        "rounds": [vars(r) for r in session.store.rounds()],
        "status": {
            "status": catalog_status.status.value,
            "status_label": catalog_status.status.label,
            "by": catalog_status.by,
            "at": catalog_status.at,
            "note": catalog_status.note,
        },
        "domains": domains,
        "comments": comments,
        "notices": list(session.notices),
    }


def session_text(session: ReviewSession) -> str:
    index = session.index()
    status = session.catalog_status()
    lines = [
        f"{session.unit}  第{session.round.number}轮（{session.submission.name}）  审核状态：{status.status.label}"
        + (f"（{status.by} {status.at[:10]}）" if status.by else ""),
    ]
    statuses = session.store.statuses()
    for d in session.catalog.domains:
        comments = index.for_domain(d.id)
        record = statuses.get(d.id)
        if not comments and record is None:
            continue
        label = record.status.label if record else ReviewStatus.PENDING.label
        lines.append(f"【{d.name}】{label}")
        for c in comments:
            loc = index.location(c.id)
            where = "领域" if loc.row is None else f"第{loc.row + 1}项"
            if c.anchor.field:
                where += f" {field_label(c.anchor.field)}"
            if not loc.found:
                where = f"{c.anchor.item_label}（已不在目录中）"
            text = f"{c.problem} {c.text}".strip()
            reply = f"  回复：{c.reply}" if c.reply else ""
            lines.append(f"  #{c.id} [{c.status.label}] {where}：{text}{reply}")
    for c in index.comments:
        if not index.location(c.id).domain_id and c.anchor.scope.value == "catalog":
            lines.append(
                f"  #{c.id} [{c.status.label}] 整个目录：{f'{c.problem} {c.text}'.strip()}"
            )
    if len(lines) == 1:
        lines.append("暂无审核意见。")
    return "\n".join(lines)
