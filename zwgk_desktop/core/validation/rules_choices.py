"""公开对象, 公开方式 and 公开层级 hold vocabulary terms (core/vocab.py).

公开对象 and 公开方式 are closed: anything else cannot be marked √ in the standard layout.
公开层级 names come from the catalog (``meta.levels``, default 县级/乡级); a level the catalog
does not use has no column to be marked in.
"""

from __future__ import annotations

from functools import lru_cache

from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import ItemContext, declare, item_check
from zwgk_desktop.core.validation.textutil import is_blank, quote
from zwgk_desktop.core.vocab import AUDIENCE, LEVEL, METHOD, Vocabulary

VOCAB_UNKNOWN = declare(
    "VOCAB-UNKNOWN",
    Severity.ERROR,
    Scope.ITEM,
    "choices",
    "公开对象或公开方式取值无效",
    "公开对象只能是“全社会”“特定群体”，公开方式只能是“主动”“依申请”。其他取值（如“全文发布”）在标准格式中无处勾选。",
    "从下拉列表中选择有效取值；说明性文字可写在“特定群体说明”或公开内容中。",
)
VOCAB_NONCANONICAL = declare(
    "VOCAB-NONCANONICAL",
    Severity.WARNING,
    Scope.ITEM,
    "choices",
    "取值不是规范写法",
    "公开对象、公开方式或公开层级使用了别称（如“主动公开”“特定群众”“镇级”），含义明确但与规范写法不一致，"
    "导出勾选和统计时可能漏掉。",
    "改为建议的规范写法。",
)
LEVEL_NOT_IN_CATALOG = declare(
    "LEVEL-NOT-IN-CATALOG",
    Severity.INFO,
    Scope.ITEM,
    "choices",
    "公开层级不在本目录的层级中",
    "事项勾选的公开层级（如“村级”）不在目录信息设定的层级（默认“县级”“乡级”）中，标准格式中没有单独的一栏。"
    "许多目录把村级事项并入“乡级”（表头写作“乡、村级”），所以只作提示。",
    "需要单独列出时在目录信息中增加该层级；否则可忽略，或改选目录已有的层级。",
)

_CLOSED: tuple[tuple[str, Vocabulary, frozenset[str]], ...] = tuple(
    (key, vocabulary, frozenset(vocabulary.terms))
    for key, vocabulary in (("audience", AUDIENCE), ("method", METHOD))
)


@lru_cache(maxsize=64)
def _level_set(levels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(levels)


@lru_cache(maxsize=64)
def _level_names(levels: tuple[str, ...]) -> dict[str, str]:
    """canonical level → the name this catalog uses for it."""
    return {(LEVEL.canonical(name) or name): name for name in levels}


@item_check
def check_choices(ctx: ItemContext) -> None:
    item = ctx.item
    for key, vocabulary, terms in _CLOSED:
        values = getattr(item, key)
        if terms.issuperset(values):
            continue
        for value in values:
            if value in terms or is_blank(value):
                continue
            label = FIELD_BY_KEY[key].label
            canonical = vocabulary.canonical(value)
            if canonical is not None:
                ctx.report(
                    VOCAB_NONCANONICAL,
                    key,
                    f"“{ctx.label}”的{label}“{quote(value, 12)}”应写作“{canonical}”",
                )
            else:
                allowed = "、".join(vocabulary.terms)
                ctx.report(
                    VOCAB_UNKNOWN,
                    key,
                    f"“{ctx.label}”的{label}“{quote(value, 12)}”不是有效取值，只能选择：{allowed}",
                )
    if not ctx.levels or not item.level:
        return
    if _level_set(ctx.levels).issuperset(item.level):
        return
    names = _level_names(ctx.levels)
    for value in item.level:
        if value in ctx.levels or is_blank(value):
            continue
        canonical = LEVEL.canonical(value) or value
        if canonical in names:
            ctx.report(
                VOCAB_NONCANONICAL,
                "level",
                f"“{ctx.label}”的公开层级“{quote(value, 12)}”应写作“{quote(names[canonical], 12)}”",
            )
        else:
            used = "、".join(quote(name, 8) for name in ctx.levels)
            ctx.report(
                LEVEL_NOT_IN_CATALOG,
                "level",
                f"“{ctx.label}”的公开层级“{quote(value, 12)}”不在本目录的层级（{used}）中，标准格式没有单独的一栏",
            )
