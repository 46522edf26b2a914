"""公开渠道和载体: the 13 standard channels, their known variants, and real platforms.

A value that is a known variant (政府服务中心, 微信公众号) or within a small edit distance of a
standard name that names the same kind of thing (公开查询点 → 公开查阅点, but not 政务公开专栏 →
公开查阅点/政务公开专区) is a warning with the suggestion: the standard layout
marks only the 13 canonical names. Real domain platforms (KNOWN_EXTRA_CHANNELS) and
"其他：…" details are fine; any other name is only a hint.
"""

from __future__ import annotations

from functools import lru_cache

from zwgk_desktop.core.text import fold
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import ItemContext, declare, item_check
from zwgk_desktop.core.validation.textutil import edit_distance, is_blank, quote
from zwgk_desktop.core.vocab import CHANNELS, KNOWN_EXTRA_CHANNELS

CHANNEL_TYPO = declare(
    "CHANNEL-TYPO",
    Severity.WARNING,
    Scope.ITEM,
    "channels",
    "渠道名称不规范或有错别字",
    "渠道名称是某个标准渠道的别称或近似写法（如“政府服务中心”应为“政务服务中心”，“公开查询点”应为“公开查阅点”，"
    "“政府网站 http://…”应为“政府网站”）。标准格式只能勾选13种规范名称，写法不一致的渠道会被漏掉。",
    "改为建议的规范名称（编辑器中可直接从下拉列表选择）。",
)
CHANNEL_NONSTANDARD = declare(
    "CHANNEL-NONSTANDARD",
    Severity.INFO,
    Scope.ITEM,
    "channels",
    "非标准渠道",
    "渠道不在13种标准渠道和常见专用平台（投资项目在线审批监管平台、公共资源交易平台等）之中。"
    "写法相近但所指不同的名称（如“政务公开专栏”与“政务公开专区”）也在此列，不当作错别字。名称无误时可以保留。",
    "确认名称无误；若属于标准渠道之一，请改为规范名称，否则可写作“其他：名称”。",
)

_STANDARD = frozenset(CHANNELS.terms) | frozenset(KNOWN_EXTRA_CHANNELS)


def _candidates() -> list[tuple[str, str]]:
    """(folded spelling, suggestion) for every name a channel may be meant to be."""
    pairs: dict[str, str] = {}
    for term in CHANNELS.terms:
        pairs[fold(term)] = term
    for variant, canonical in CHANNELS.aliases.items():
        pairs.setdefault(fold(variant), canonical)
    for extra in KNOWN_EXTRA_CHANNELS:
        pairs.setdefault(fold(extra), extra)
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


_CANDIDATES = _candidates()


@lru_cache(maxsize=4096)
def channel_suggestion(value: str) -> tuple[str, str] | None:
    """``("typo", suggestion)``, ``("nonstandard", "")`` or None for a fine channel."""
    if value in _STANDARD:
        return None
    folded = fold(value)
    if folded.startswith(("其他", "其它")) and len(folded) > 3:
        return None  # 其他：办税服务厅
    canonical = CHANNELS.canonical(value)
    if canonical is not None:
        return ("typo", canonical)
    for spelling, suggestion in _CANDIDATES:
        if len(spelling) >= 4 and folded.startswith(spelling):
            return ("typo", suggestion)  # 政府网站http://…
    limit = 2 if len(folded) >= 6 else 1 if len(folded) >= 3 else 0
    if limit:
        best = min(_CANDIDATES, key=lambda kv: edit_distance(folded, kv[0], limit))
        if edit_distance(folded, best[0], limit) <= limit and _same_kind(folded, best[0]):
            return ("typo", best[1])
    return ("nonstandard", "")


# Last characters that name a kind of place or medium: two names ending in different ones
# are different things, however alike the rest (a 专栏 is no 专区); other last characters
# may be a slip of the input method (两微一段 for 两微一端).
_KIND_ENDINGS = frozenset("栏区点站室厅网台屏窗馆所场处端报刊号")


def _same_kind(folded: str, spelling: str) -> bool:
    """Whether a near spelling can be a typo of ``spelling``: not when both end in a
    different kind word (政务公开专栏, a web column or board, is not 政务公开专区, a room
    for reading; 公开查询点 and 公开查阅点 are both points)."""
    mine, theirs = folded[-1:], spelling[-1:]
    return mine == theirs or not (mine in _KIND_ENDINGS and theirs in _KIND_ENDINGS)


@item_check
def check_channels(ctx: ItemContext) -> None:
    channels = ctx.item.channels
    if _STANDARD.issuperset(channels):
        return
    for value in channels:
        if value in _STANDARD or is_blank(value):
            continue
        problem = channel_suggestion(value)
        if problem is None:
            continue
        kind, suggestion = problem
        if kind == "typo":
            ctx.report(
                CHANNEL_TYPO,
                "channels",
                f"“{ctx.label}”的公开渠道“{quote(value, 20)}”不规范，应为“{suggestion}”",
            )
        else:
            ctx.report(
                CHANNEL_NONSTANDARD,
                "channels",
                f"“{ctx.label}”的公开渠道“{quote(value, 20)}”不是标准渠道，请确认名称无误",
            )
