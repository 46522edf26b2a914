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


def is_gap(issue: Issue, gaps: Gaps) -> bool:
    """Whether ``issue`` is about a field whose column the importer could not read."""
    if not gaps or not issue.domain_id or not issue.field:
        return False
    return issue.field in gaps.get(issue.domain_id, ())


def as_unread(issue: Issue) -> Issue:
    """The reviewer's view of a gap issue: 提示, "未能识别：…", with what to do."""
    if issue.message.startswith(UNREAD):
        return issue
    label = issue.field_label or "该列"
    return replace(
        issue,
        severity=Severity.INFO,
        message=f"{UNREAD}：原表“{label}”列有内容但未能读取（{issue.message}）",
        hint="这是导入时未能识别的列，不是编制单位的问题；请打开原表核对",
    )


def relabel(issues: Iterable[Issue], gaps: Gaps) -> list[Issue]:
    return [as_unread(i) if is_gap(i, gaps) else i for i in issues]


def split(issues: Iterable[Issue], gaps: Gaps) -> tuple[list[Issue], list[Issue]]:
    """(the township's issues, the import gaps)."""
    own: list[Issue] = []
    unread: list[Issue] = []
    for issue in issues:
        (unread if is_gap(issue, gaps) else own).append(issue)
    return own, unread
