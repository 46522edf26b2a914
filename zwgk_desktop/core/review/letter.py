"""The short 审核意见函 sent back with a returned catalog: content only, no Qt.

``build_letter`` decides what the letter says; ``letter_html`` renders it as simple HTML
(everything escaped) that ``gui.review.letter`` prints to PDF with QTextDocument.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.core.review.opinions import opinion_rows
from zwgk_desktop.core.review.session import ReviewSession

DEFAULT_SENDER = "县人民政府办公室（政务公开办）"


@dataclass(frozen=True)
class LetterRow:
    number: int
    domain: str
    item: str
    opinion: str


@dataclass
class Letter:
    title: str
    recipient: str
    paragraphs: list[str]
    rows: list[LetterRow] = field(default_factory=list)
    closing: str = ""
    sender: str = DEFAULT_SENDER
    reviewer: str = ""
    date: str = ""


def _today() -> str:
    d = dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"


def build_letter(session: ReviewSession, sender: str = "", date: str = "") -> Letter:
    """The letter for the current round: conclusion, then the comments still to act on."""
    unit = session.unit
    status = session.catalog_status().status
    rows = [
        r for r in opinion_rows(session, include_resolved=False) if r.status is CommentStatus.OPEN
    ]
    table = []
    for n, r in enumerate(rows, start=1):
        where = " ".join(x for x in (r.item, f"（{r.field}）" if r.field else "") if x)
        text = (
            r.opinion if not r.problem else f"{r.problem}。{r.opinion}" if r.opinion else r.problem
        )
        table.append(LetterRow(n, r.domain, where, text))
    opening = (
        f"你单位报送的《{unit}政务公开事项标准目录》（第{session.round.number}轮，"
        f"文件“{session.submission.name}”，共 {session.catalog.item_count()} 项）收悉。"
    )
    if status is ReviewStatus.APPROVED:
        conclusion = "经审核，该目录内容完整、格式规范，予以通过，请按规定在政府门户网站发布，并做好动态调整。"
        closing = ""
    elif status is ReviewStatus.RETURNED:
        conclusion = f"经审核，该目录尚有 {len(table)} 处需要修改，现退回修改。具体意见如下："
        closing = "请对照上述意见逐条修改，在审核文件中将已处理的意见标记为“已修改”，并将修改后的目录连同审核文件一并重新报送。"
    else:
        conclusion = (
            f"经初步审核，提出以下 {len(table)} 条意见："
            if table
            else "经初步审核，暂未发现需要修改的问题。"
        )
        closing = "请对照意见核实修改，并将修改情况及时反馈。" if table else ""
    return Letter(
        title=f"关于{unit}政务公开事项标准目录的审核意见",
        recipient=f"{unit}：",
        paragraphs=[opening + conclusion],
        rows=table if status is not ReviewStatus.APPROVED else [],
        closing=closing,
        sender=sender.strip() or DEFAULT_SENDER,
        reviewer=session.user,
        date=date or _today(),
    )


def letter_html(letter: Letter) -> str:
    """Printable HTML of the letter; every piece of user text is escaped."""
    e = html.escape
    parts = [
        "<html><head><meta charset='utf-8'></head><body style=\"font-family: '仿宋', 'FangSong', 'SimSun', serif; font-size: 12pt;\">",
        f"<h2 align='center' style='font-family: 黑体, SimHei, sans-serif;'>{e(letter.title)}</h2>",
        f"<p>{e(letter.recipient)}</p>",
    ]
    parts.extend(
        f"<p style='text-indent: 2em; line-height: 150%;'>{e(p)}</p>" for p in letter.paragraphs
    )
    if letter.rows:
        parts.append(
            "<table width='100%' border='1' cellspacing='0' cellpadding='4' style='border-collapse: collapse;'>"
        )
        parts.append(
            "<tr style='background-color: #D9E1F2;'><th width='6%'>序号</th><th width='16%'>领域</th>"
            "<th width='30%'>事项</th><th>意见</th></tr>"
        )
        for r in letter.rows:
            parts.append(
                f"<tr><td align='center'>{r.number}</td><td>{e(r.domain)}</td><td>{e(r.item)}</td><td>{e(r.opinion)}</td></tr>"
            )
        parts.append("</table>")
    if letter.closing:
        parts.append(f"<p style='text-indent: 2em; line-height: 150%;'>{e(letter.closing)}</p>")
    parts.append("<p>&nbsp;</p>")
    if letter.reviewer:
        parts.append(f"<p align='right'>审核人：{e(letter.reviewer)}</p>")
    parts.append(f"<p align='right'>{e(letter.sender)}</p>")
    parts.append(f"<p align='right'>{e(letter.date)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
