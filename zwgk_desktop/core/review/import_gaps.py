"""Issues that come from columns the importer could not read are not the township's errors.

A hand-made workbook may hold a column we recognise by its header but cannot read (e.g.
channels written in a form no rule knows). Validation then reports every item as missing
that field. In review those findings are kept apart: shown to the reviewer as 未能识别
(提示), never turned into opinions for the township.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from zwgk_desktop.core.validation.issue import Issue, Severity

UNREAD = "未能识别"
Gaps = Mapping[str, set[str]]
# domain id -> (item number, field) read from a cell the workbook holds as a number or a
# date: Excel may show it as other text (20 with the format 0"个工作日内"), so a finding on
# the value read is not the township's either
CellGaps = Mapping[str, set[tuple[int, str]]]


def gap_kind(issue: Issue, gaps: Gaps, cells: CellGaps | None = None) -> str | None:
    """ "column" if ``issue`` is about a field whose column the importer could not read,
    "cell" if about a cell it read only as a number or a date, else None."""
    if not issue.domain_id or not issue.field:
        return None
    if gaps and issue.field in gaps.get(issue.domain_id, ()):
        return "column"
    if cells and (issue.item, issue.field) in cells.get(issue.domain_id, ()):
        return "cell"
    return None


def is_gap(issue: Issue, gaps: Gaps, cells: CellGaps | None = None) -> bool:
    """Whether ``issue`` is about an import gap (see :func:`gap_kind`)."""
    return gap_kind(issue, gaps, cells) is not None


def as_unread(issue: Issue, typed: bool = False) -> Issue:
    """The reviewer's view of a gap issue: 提示, "未能识别：…", with what to do.
    ``typed``: the cell was read only as a number or a date, not a column left unread."""
    if issue.message.startswith(UNREAD):
        return issue
    label = issue.field_label or "该列"
    if typed:
        return replace(
            issue,
            severity=Severity.INFO,
            message=f"{UNREAD}：原表该格“{label}”是数字或日期，读到的只是它的值（{issue.message}）",
            hint="原表可能用单元格格式把它显示成别的文字（如“20个工作日内”），"
            "不一定是编制单位的问题；请打开原表核对",
        )
    return replace(
        issue,
        severity=Severity.INFO,
        message=f"{UNREAD}：原表“{label}”列有内容但未能读取（{issue.message}）",
        hint="这是导入时未能识别的列，不是编制单位的问题；请打开原表核对",
    )


def left_out_note(count: int) -> str:
    """What the review says of the ``count`` gap findings it did not make opinions of."""
    return (
        f"另有 {count} 条属于导入时“{UNREAD}”的内容（未能读取的列，或原表中存为数字、日期的"
        "格子），未转为意见，请核对原表"
    )


def relabel(issues: Iterable[Issue], gaps: Gaps, cells: CellGaps | None = None) -> list[Issue]:
    return [
        i if (kind := gap_kind(i, gaps, cells)) is None else as_unread(i, typed=kind == "cell")
        for i in issues
    ]


def split(
    issues: Iterable[Issue], gaps: Gaps, cells: CellGaps | None = None
) -> tuple[list[Issue], list[Issue]]:
    """(the township's issues, the import gaps)."""
    own: list[Issue] = []
    unread: list[Issue] = []
    for issue in issues:
        (unread if is_gap(issue, gaps, cells) else own).append(issue)
    return own, unread
