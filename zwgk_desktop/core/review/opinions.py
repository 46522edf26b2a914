"""审核意见 workbook: one row per comment (单位, 领域, 事项, 字段, 问题, 意见, 状态 …).

Styled and printable (title, landscape A4 fitted to the page width, header repeated on
every page, page numbers), written with xlsxwriter through ``atomic_path`` so the target
is either the old file or the complete new one. Text is always stored as text (a cell
starting with "=" never becomes a formula).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter

from zwgk_desktop.core.atomic import atomic_path
from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.report_layout import CELL, HEADER, print_as_table
from zwgk_desktop.core.review.batch import OUTPUT_PROPERTY
from zwgk_desktop.core.review.model import Comment, CommentStatus, Scope, date_of, field_label
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.xlsx.sanitize import prepare, xml_safe
from zwgk_desktop.core.xlsx.textsize import fitted_points

_FIELD_ORDER = {spec.key: n for n, spec in enumerate(FIELDS)}

COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 5),
    ("单位", 14),
    ("领域", 12),
    ("事项", 22),
    ("字段", 10),
    ("问题", 28),
    ("意见", 32),
    ("状态", 8),
    ("审核人", 8),
    ("日期", 11),
    ("编制单位回复", 22),
)
STATUS_COLOURS = {
    CommentStatus.OPEN: "#F8D7DA",
    CommentStatus.MODIFIED: "#FFF3CD",
    CommentStatus.RESOLVED: "#D4EDDA",
}


@dataclass(frozen=True)
class OpinionRow:
    """A comment as one line of the 审核意见 sheet / letter."""

    comment_id: int
    unit: str
    domain: str
    item: str
    field: str
    problem: str
    opinion: str
    status: CommentStatus
    author: str
    date: str
    reply: str

    def cells(self, number: int) -> list[str]:
        return [
            str(number),
            self.unit,
            self.domain,
            self.item,
            self.field,
            self.problem,
            self.opinion,
            self.status.label,
            self.author,
            self.date,
            self.reply,
        ]


def _domain_order(session: ReviewSession) -> dict[str, int]:
    return {d.id: n for n, d in enumerate(session.catalog.domains)}


def opinion_rows(session: ReviewSession, include_resolved: bool = True) -> list[OpinionRow]:
    """Comments in catalog order: catalog-level first, then domain by domain, item by item."""
    index = session.index()
    order = _domain_order(session)
    names = {d.id: d.name for d in session.catalog.domains}

    def sort_key(c: Comment) -> tuple[int, int, int, int]:
        loc = index.location(c.id)
        domain_rank = (
            -1 if c.anchor.scope is Scope.CATALOG else order.get(loc.domain_id, len(order))
        )
        row = -1 if loc.row is None else loc.row
        return (domain_rank, row, _FIELD_ORDER.get(c.anchor.field, -1), c.id)

    rows: list[OpinionRow] = []
    for c in sorted(index.comments, key=sort_key):
        if not include_resolved and not c.is_open:
            continue
        loc = index.location(c.id)
        a = c.anchor
        if a.scope is Scope.CATALOG:
            domain, item = "（整个目录）", ""
        else:
            domain = names.get(loc.domain_id) or a.domain_name
            item = ""
            if a.scope in (Scope.ITEM, Scope.FIELD):
                names_text = "/".join(n for n in (a.level1, a.level2) if n)
                if loc.found and loc.row is not None:
                    current = session.catalog.domain(loc.domain_id)
                    if current is not None:
                        it = current.items[loc.row]
                        names_text = "/".join(n for n in (it.level1, it.level2) if n) or names_text
                    item = f"第{loc.row + 1}项 {names_text}".strip()
                else:
                    item = f"{names_text}（原事项已不在目录中）"
        rows.append(
            OpinionRow(
                c.id,
                session.unit,
                domain,
                item,
                field_label(a.field),
                c.problem,
                c.text,
                c.status,
                c.author,
                date_of(c.created),
                c.reply,
            )
        )
    return rows


def _formats(book: Any) -> dict[str, Any]:
    base = {**CELL, "text_wrap": True}
    formats = {
        "title": book.add_format(
            {"font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"}
        ),
        "title_q": book.add_format(
            {
                "font_name": "黑体",
                "font_size": 16,
                "align": "center",
                "valign": "vcenter",
                "quote_prefix": True,
            }
        ),
        "subtitle": book.add_format(
            {"font_name": "宋体", "font_size": 10, "align": "left", "valign": "vcenter"}
        ),
        "header": book.add_format({**HEADER, "text_wrap": True}),
        "cell": book.add_format(base),
        "cell_q": book.add_format({**base, "quote_prefix": True}),
        "center": book.add_format({**base, "align": "center"}),
    }
    for status, colour in STATUS_COLOURS.items():
        formats[status.value] = book.add_format({**base, "align": "center", "bg_color": colour})
    return formats


def _write_text(
    sheet: Any, row: int, col: int, text: str, formats: dict[str, Any], fmt: str = "cell"
) -> None:
    cell = prepare(text)
    sheet.write_string(
        row,
        col,
        cell.value,
        formats["cell_q"] if cell.quote_prefix and fmt == "cell" else formats[fmt],
    )


def _setup_print(sheet: Any, header_row: int, last_col: int) -> None:
    print_as_table(sheet, header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.hide_gridlines(0)


def _signed_by(session: ReviewSession, status_by: str, rows: Sequence[OpinionRow]) -> str:
    """Who the sheet names as reviewer: who set the conclusion, else who exports (if
    they gave a name), else the authors of the opinions: not the placeholder 审核人 over
    opinions signed 张审核."""
    from zwgk_desktop.core.review.session import DEFAULT_REVIEWER

    if status_by:
        return status_by
    if session.user and session.user != DEFAULT_REVIEWER:
        return session.user
    authors = list(dict.fromkeys(row.author for row in rows if row.author))
    named = [a for a in authors if a != DEFAULT_REVIEWER] or authors
    return "、".join(named[:3]) + ("等" if len(named) > 3 else "") if named else session.user


def export_opinions(
    session: ReviewSession, target: str | os.PathLike[str], include_resolved: bool = True
) -> int:
    """Write the 审核意见 workbook; returns the number of opinion rows."""
    rows = opinion_rows(session, include_resolved)
    status = session.catalog_status()
    signed = _signed_by(session, status.by, rows)
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        book.set_properties(
            {
                "title": xml_safe(f"{session.unit}政务公开事项标准目录审核意见"),
                "author": xml_safe(signed),
            }
        )
        book.set_custom_property(OUTPUT_PROPERTY, "opinions")
        f = _formats(book)
        sheet = book.add_worksheet("审核意见")
        widths = [w for _, w in COLUMNS]
        last = len(COLUMNS) - 1
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        title = prepare(f"{session.unit}政务公开事项标准目录审核意见")
        sheet.merge_range(
            0, 0, 0, last, title.value, f["title_q"] if title.quote_prefix else f["title"]
        )
        sheet.set_row(0, 30)
        info = (
            f"提交文件：{session.submission.name}    第{session.round.number}轮    "
            f"审核结论：{status.status.label}    审核人：{signed}    "
            f"日期：{date_of(status.at) if status.at else date_of(session.round.received)}"
        )
        sheet.merge_range(1, 0, 1, last, prepare(info).value, f["subtitle"])
        for col, (label, _w) in enumerate(COLUMNS):
            sheet.write_string(2, col, label, f["header"])
        for n, row in enumerate(rows, start=1):
            r = n + 2
            values = row.cells(n)
            for col, value in enumerate(values):
                if col == 0:
                    sheet.write_number(r, col, n, f["center"])
                elif col in (4, 8, 9):
                    _write_text(sheet, r, col, value, f, "center")
                elif col == 7:
                    sheet.write_string(r, col, value, f[row.status.value])
                else:
                    _write_text(sheet, r, col, value, f)
            sheet.set_row(r, fitted_points(zip(values, widths, strict=True)))
        if rows:
            sheet.autofilter(2, 0, len(rows) + 2, last)
        else:
            sheet.merge_range(3, 0, 3, last, "（暂无审核意见）", f["center"])
        _setup_print(sheet, 2, last)
        _write_domain_sheet(book, session, f)
        book.close()
    return len(rows)


def _write_domain_sheet(book: Any, session: ReviewSession, f: dict[str, Any]) -> None:
    columns = (
        ("领域", 16),
        ("事项数", 7),
        ("审核状态", 10),
        ("意见", 6),
        ("待处理", 7),
        ("已修改", 7),
        ("已解决", 7),
        ("审核人", 9),
        ("时间", 11),
        ("说明", 30),
    )
    sheet = book.add_worksheet("领域审核状态")
    for col, (label, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, label, f["header"])
    index = session.index()
    statuses = session.store.statuses()
    row = 1
    for domain in session.catalog.domains:
        comments = index.for_domain(domain.id)
        record = statuses.get(domain.id)
        if domain.not_involved and not comments and record is None:
            continue
        counts = {s: sum(1 for c in comments if c.status is s) for s in CommentStatus}
        values: list[str | int] = [
            domain.name,
            "未涉及" if domain.not_involved else len(domain.items),
            record.status.label if record else "待审核",
            len(comments),
            counts[CommentStatus.OPEN],
            counts[CommentStatus.MODIFIED],
            counts[CommentStatus.RESOLVED],
            record.by if record else "",
            date_of(record.at) if record else "",
            record.note if record else "",
        ]
        for col, value in enumerate(values):
            if isinstance(value, int):
                sheet.write_number(row, col, value, f["center"])
            else:
                _write_text(sheet, row, col, value, f, "cell" if col in (0, 9) else "center")
        row += 1
    _setup_print(sheet, 0, len(columns) - 1)
