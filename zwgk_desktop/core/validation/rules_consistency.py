"""Consistency between elements of one item, and duplicates within a domain.

依申请 information is provided to whoever applies for it, so an item that is published only
on application addresses a 特定群体 (申请人), not 全社会. Items that are both 主动 and 依申请
may well be for 全社会.
"""

from __future__ import annotations

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.validation.duplicates import DuplicateIndex
from zwgk_desktop.core.validation.issue import Issue, Scope, Severity
from zwgk_desktop.core.validation.registry import (
    DomainContext,
    ItemContext,
    declare,
    domain_check,
    item_check,
)
from zwgk_desktop.core.validation.textutil import is_blank, item_label

APPLY_AUDIENCE = declare(
    "APPLY-AUDIENCE",
    Severity.WARNING,
    Scope.ITEM,
    "consistency",
    "仅依申请公开的事项面向全社会",
    "公开方式只勾选了“依申请”，公开对象却是“全社会”且没有特定群体说明。依申请公开的信息提供给申请人，"
    "公开对象应为“特定群体”（如“申请人”）；若应让全社会知晓，公开方式应为“主动”。",
    "公开对象改为“特定群体”并在特定群体说明中写“申请人”，或把公开方式改为“主动”。",
)
AUDIENCE_NOTE = declare(
    "AUDIENCE-NOTE-MISSING",
    Severity.INFO,
    Scope.ITEM,
    "consistency",
    "特定群体未说明",
    "公开对象勾选了“特定群体”，但没有写明是谁（如“申请人”“项目单位”“拟征收土地所在地的村集体成员”）。",
    "在“特定群体说明”中写明面向的群体。",
)
DUPLICATE = declare(
    "DUPLICATE-ITEM",
    Severity.ERROR,
    Scope.DOMAIN,
    "consistency",
    "事项重复",
    "同一领域内有两个事项的一级事项和二级事项都相同（比较时忽略空格、全半角和繁简差异），"
    "多为重复粘贴或导入了两次。",
    "删除重复的事项，或修改二级事项名称加以区分。",
)


@item_check
def check_audience_method(ctx: ItemContext) -> None:
    item = ctx.item
    audience = item.audience
    has_note = not is_blank(item.audience_note)
    if "特定群体" in audience and not has_note:
        ctx.report(
            AUDIENCE_NOTE, "audience_note", f"“{ctx.label}”勾选了特定群体，但没有写明是哪些群体"
        )
    if item.method == ["依申请"] and audience == ["全社会"] and not has_note:
        ctx.report(
            APPLY_AUDIENCE,
            "audience",
            f"“{ctx.label}”只依申请公开，公开对象却是全社会：应为特定群体（申请人），或改为主动公开",
        )


@domain_check(item_keys=("level1", "level2"))
def check_duplicates(ctx: DomainContext) -> None:
    """O(n) with a dict (or none with the caller's index); each later copy is reported,
    pointing at the first."""
    if ctx.domain.not_involved:
        return
    index = ctx.duplicates if ctx.duplicates is not None else DuplicateIndex(ctx.domain.items)
    for row, first in index.repeats():
        ctx.issues.append(duplicate_issue(ctx.domain, row, first))


def duplicate_issue(domain: Domain, row: int, first: int) -> Issue:
    """The finding of the item at ``row`` (0-based) that repeats the one at ``first``."""
    number = row + 1
    return Issue(
        DUPLICATE.id,
        DUPLICATE.severity,
        domain.id,
        domain.name,
        number,
        "level2",
        f"“{item_label(domain.items[row], number)}”与第{first + 1}项重复（一级、二级事项相同）",
        DUPLICATE.hint,
    )
