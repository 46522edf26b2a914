"""公开时限 must be one of the phrasings real catalogs use (domains.md §d).

Recognised, after :func:`text.fold` (so "20个工 作日" and fullwidth digits match): a
duration with a number (N个工作日/日/天/周/月, also in Chinese numerals), the qualitative
terms (实时/及时/长期/永久/常年/动态调整 …), periodic wording (每年/按季度/至少1次/年 …),
and deadlines tied to an event (分配结果确定后, 开学前, 随采购公告…公开 …). Compound cells
pass when any part is recognised. A cell with only vague words (尽快, 适时, 不定期 …) or with
nothing recognisable is a warning; "同上" is left to CELL-DITTO.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zwgk_desktop.core.text import fold
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import ItemContext, declare, item_check
from zwgk_desktop.core.validation.rules_cells import is_ditto
from zwgk_desktop.core.validation.textutil import is_blank, quote

TIME_VAGUE = declare(
    "TIME-VAGUE",
    Severity.WARNING,
    Scope.ITEM,
    "time",
    "公开时限不明确",
    "公开时限只写了“尽快”“适时”“不定期”“根据需要”之类的词，公众无法据此监督。"
    "条例第二十六条的默认时限是“自该政府信息形成或者变更之日起20个工作日内”。",
    "写明具体期限，如“信息形成或者变更之日起20个工作日内”，或“实时公开”“每季度公开”。",
)
TIME_UNRECOGNISED = declare(
    "TIME-UNRECOGNISED",
    Severity.WARNING,
    Scope.ITEM,
    "time",
    "公开时限写法无法识别",
    "公开时限中找不到期限：既没有天数（如“20个工作日内”“公示7个工作日”），也没有“实时”“及时”“长期”"
    "“永久”等常用表述、周期（“每年”“按季度”“至少1次/半年”）或事件节点（“分配结果确定后”“开学前”）。",
    "按常用写法填写，如“信息形成或者变更之日起20个工作日内”“实时公开”“长期公开”“每年1月31日前”。",
)

# A number starts where no digit of its kind precedes it: a match starting inside a run
# exists only if one starting at the run's head does, and without the lookbehinds a long
# run was tried from each of its digits (quadratic: 1.5 s for a 6,000-digit cell).
_CN_DIGIT = "[零〇一二两三四五六七八九十百]"
_NUM = rf"(?:(?<!\d)\d+|(?<!{_CN_DIGIT}){_CN_DIGIT}+)"
_RECOGNISED_RE = re.compile(
    # durations and dates: 20个工作日, 20日内, 7天, 一周, 3个月, 1月31日前, 24小时
    rf"{_NUM}(?:个)?(?:工作日|自然日|日|天|周|星期|个?月|小时|年度?)"
    # qualitative
    r"|实时|即时|及时|长期|永久|常年|全年|常态化|动态(?:调整|更新|公开)|持续(?:公开|更新)|同步|即日|当日|当天"
    # periodic
    r"|每(?:年度?|半年|季度?|月|周|日|天|学期|学年)|按(?:年度?|半年|季度?|月|周|日|学期|学年|实际|进度|进展|阶段)"
    r"|逐年|年度|季度|半年|年[底初末中]|月[底初末]|季[末初]|至少\d+次|(?<!\d)\d+次/"
    # tied to an event: 随采购公告…公开, …确定后, …启动…时, 开学前
    r"|随[^,;。]{1,30}(?:公开|发布|公布|公示|更新)"
    r"|(?:形成|变更|制定|获取|制作|作出|做出|批准|批复|确定|发布|公布|印发|出台|结束|完成|办结|审批|审核|受理|收到"
    r"|启动|开学|开工|竣工|验收|召开|举办|开展|实施|生效|签订|备案|通过|下达|拨付|发放|分配|评定|认定|发生|立案"
    r"|调整|公告|报名|招生|申请|更新|换届|选举)[^;。]{0,12}?(?:之日起|之日|以后|之后|后|时|前|之前|期间|同时)"
)
_VAGUE_RE = re.compile(r"尽快|尽早|适时|择时|择机|酌情|视情况?|不定期|待定|根据需要|按需|随时|定期")


@lru_cache(maxsize=8192)
def time_problem(text: str) -> tuple[str, str] | None:
    """``("vague", word)``, ``("unrecognised", "")`` or None when the phrasing is fine."""
    folded = fold(text)
    if _RECOGNISED_RE.search(folded):
        return None
    vague = _VAGUE_RE.search(folded)
    if vague:
        return ("vague", vague.group())
    return ("unrecognised", "")


@item_check
def check_time_limit(ctx: ItemContext) -> None:
    text = ctx.item.time_limit
    if is_blank(text) or is_ditto(text):
        return  # REQ-TIME-LIMIT / CELL-DITTO say it better
    problem = time_problem(text)
    if problem is None:
        return
    kind, word = problem
    if kind == "vague":
        shown = quote(text, 16)
        said = f"“{shown}”" if shown == word else f"“{shown}”中的“{word}”"
        ctx.report(
            TIME_VAGUE,
            "time_limit",
            f"“{ctx.label}”的公开时限{said}不是明确期限，请写明天数或周期",
        )
    else:
        ctx.report(
            TIME_UNRECOGNISED,
            "time_limit",
            f"“{ctx.label}”的公开时限“{quote(text, 16)}”不是常见写法，请写明期限，如“信息形成之日起20个工作日内”",
        )
