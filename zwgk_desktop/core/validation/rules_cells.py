"""Cell-level problems any text can have: characters Excel cannot store, cells longer than
Excel's limit, unfilled template placeholders and an unresolved "同上".

Applied to every item text field and choice value, to the domain name and 未涉及说明, and
to the catalog meta.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from operator import attrgetter

from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELDS, TEXT_FIELDS
from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import (
    CatalogContext,
    DomainContext,
    ItemContext,
    Rule,
    catalog_check,
    declare,
    domain_check,
    item_check,
)
from zwgk_desktop.core.validation.rules_spam import SPAM, spam_anywhere
from zwgk_desktop.core.validation.textutil import (
    EXCEL_CELL_LIMIT,
    ILLEGAL_CHARS_RE,
    field_label,
    quote,
)
from zwgk_desktop.core.vocab import KNOWN_EXTRA_CHANNELS

ILLEGAL_CHARS = declare(
    "CELL-CONTROL-CHARS",
    Severity.ERROR,
    Scope.ITEM,
    "cell",
    "含有不可见的控制字符",
    "单元格含有 Excel/WPS 无法保存的控制字符（多为从网页或其他软件复制时带入），导出的工作簿会损坏或被拒收。"
    "也检查领域名称、未涉及说明和目录信息。",
    "重新输入该单元格的内容，或用“查找替换”删除看不见的字符。",
)
TOO_LONG = declare(
    "CELL-TOO-LONG",
    Severity.ERROR,
    Scope.ITEM,
    "cell",
    "超过 Excel 单元格字数上限",
    f"单元格超过 {EXCEL_CELL_LIMIT:,} 个字符，Excel 只能保存前 {EXCEL_CELL_LIMIT:,} 个，多出的内容会在导出时丢失。",
    "精简内容，或把详细内容放到附件、链接中。",
)
PLACEHOLDER = declare(
    "CELL-PLACEHOLDER",
    Severity.ERROR,
    Scope.ITEM,
    "cell",
    "模板占位符未替换",
    "单元格仍含模板占位符，如“【单位名称】”“XX镇”“××”“某某”“待填写”，说明该处还没有按本单位实际情况填写。",
    "把占位符替换为本单位的实际名称或内容。",
)
DITTO = declare(
    "CELL-DITTO",
    Severity.WARNING,
    Scope.ITEM,
    "cell",
    "单元格只写了“同上”",
    "“同上”在排序、筛选、拆分导出或上传门户后就失去了所指，每个事项应写出完整内容。",
    "把上一行的内容复制到本单元格。",
)

# 【单位名称】-style markers; ascii XX (not inside a latin word), ××, 某某, 待填写 …
PLACEHOLDER_RE = re.compile(
    r"【[^】\n]{0,10}(?:名称|填写|填报|待定|待补充)[^】\n]{0,6}】"
    r"|(?<![A-Za-zＡ-Ｚａ-ｚ])[XxＸｘ]{2,}(?![A-Za-zＡ-Ｚａ-ｚ])"
    r"|[×✕╳]{2,}"
    r"|某某|待填写|请填写|待补充"
)
_DITTO_RE = re.compile(r"同(?:上|左|前)(?:一?[行栏条项格])?[。.．]?")
# Speed: a character class scan is ~15x cheaper than the alternations, so the precise
# patterns run only on cells holding one of these characters. Every match of
# ILLEGAL_CHARS_RE, PLACEHOLDER_RE and ANYWHERE_RE contains one of them (a test checks it).
PRESCREEN_RE = re.compile(
    "[" + ILLEGAL_CHARS_RE.pattern[1:-1] + "【XxＸｘ×✕╳某填充虎彩娱乐赌禽艺育Pp页球]"
)

Report = Callable[[Rule, str, str], None]


def unit_placeholder(unit: str) -> str:
    """The template placeholder in a unit name ("某某", "XX"), or "" if it has none."""
    match = PLACEHOLDER_RE.search(unit)
    return match.group() if match else ""


def is_ditto(value: str) -> bool:
    """The cell says only "同上" (or 同左, 同前 …)."""
    return (
        len(value) <= 12
        and "同" in value
        and _DITTO_RE.fullmatch(value.strip().replace(" ", "")) is not None
    )


def needs_check(value: str) -> bool:
    """Cheap test: could this cell have any problem :func:`check_text` looks for?"""
    return (
        len(value) > EXCEL_CELL_LIMIT
        or PRESCREEN_RE.search(value) is not None
        or (len(value) <= 12 and "同" in value)
    )


def check_text(value: str, field: str, where: str, report: Report, ditto: bool = True) -> None:
    """Report the cell problems of one text value; ``where`` names its owner in messages."""
    label = field_label(field)
    if len(value) > EXCEL_CELL_LIMIT:
        report(
            TOO_LONG,
            field,
            f"{where}的{label}有 {len(value):,} 个字符，超过 Excel 单元格上限 {EXCEL_CELL_LIMIT:,}，导出时会被截断",
        )
    bad = ILLEGAL_CHARS_RE.findall(value)
    if bad:
        codes = "、".join(sorted({f"U+{ord(c):04X}" for c in bad})[:3])
        report(
            ILLEGAL_CHARS,
            field,
            f"{where}的{label}含有 {len(bad)} 个不可见的控制字符（{codes}），Excel 无法保存",
        )
    match = PLACEHOLDER_RE.search(value)
    if match is not None:
        report(
            PLACEHOLDER,
            field,
            f"{where}的{label}“{quote(value, 16)}”仍有模板占位符“{quote(match.group(), 12)}”，请按本单位实际情况填写",
        )
    word = spam_anywhere(value)
    if word is not None:
        report(
            SPAM,
            field,
            f"{where}的{label}含有垃圾广告文字“{quote(word, 10)}”，疑似从被篡改的网页复制，请对照原文重新填写",
        )
    if ditto and is_ditto(value):
        report(DITTO, field, f"{where}的{label}只写了“{quote(value, 8)}”，请写出完整内容")


# Choice values that are vocabulary terms need no cell check.
_CLEAN_TERMS = frozenset(
    term for spec in FIELDS if spec.vocabulary is not None for term in spec.vocabulary.terms
) | frozenset(KNOWN_EXTRA_CHANNELS)


_get_texts = attrgetter(*TEXT_FIELDS)


@item_check
def check_item_cells(ctx: ItemContext) -> None:
    item = ctx.item
    report = ctx.report
    texts = _get_texts(item)
    blob = "\n".join(texts)  # one scan for the common, clean case
    if needs_check(blob) or ("同" in blob and any(len(t) <= 12 for t in texts)):
        for key, value in zip(TEXT_FIELDS, texts, strict=True):
            if value and needs_check(value):
                check_text(value, key, f"“{ctx.label}”", report)
    for key in CHOICE_FIELDS:
        values = getattr(item, key)
        if _CLEAN_TERMS.issuperset(values):
            continue
        for value in values:
            if value not in _CLEAN_TERMS and needs_check(value):
                check_text(value, key, f"“{ctx.label}”", report, ditto=False)


def _domain_texts(domain: Domain) -> Iterator[tuple[str, str]]:
    yield "name", domain.name
    if domain.not_involved:
        yield "note", domain.note


@domain_check
def check_domain_cells(ctx: DomainContext) -> None:
    where = f"领域“{quote(ctx.domain.name, 16) or quote(ctx.domain.id, 16)}”"
    for key, value in _domain_texts(ctx.domain):
        if value:
            check_text(value, key, where, ctx.report)


@catalog_check
def check_meta_cells(ctx: CatalogContext) -> None:
    meta = ctx.catalog.meta
    for key in ("unit", "region", "year", "contact", "date"):
        value = getattr(meta, key)
        if value:
            check_text(value, key, "目录信息", ctx.report)
